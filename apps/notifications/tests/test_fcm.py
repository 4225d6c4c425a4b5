"""FCM HTTP v1 behind the device interface, against a local OAuth token endpoint and FCM server."""

from __future__ import annotations

import json
import threading
import uuid
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from apps.notifications.models import Channel, Delivery, DeliveryStatus, Device
from apps.notifications.services.delivery import push_deliver
from apps.notifications.tests.factories import FcmDeviceFactory
from apps.planning.services.reminders import reminders_dispatch
from apps.planning.tests.factories import ScheduleBlockFactory


class LocalFcm:
    """``POST /token`` (JWT bearer grant, RS256 assertion checked) and ``POST /v1/projects/<p>/messages:send``."""

    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.messages: list[dict[str, Any]] = []
        self.tokens_issued = 0
        self.unregistered: set[str] = set()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def credentials(self) -> dict[str, str]:
        pem = self.key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ).decode()
        return {
            "type": "service_account",
            "project_id": "maigie-test",
            "private_key_id": "k1",
            "private_key": pem,
            "client_email": f"push-{uuid.uuid4().hex[:8]}@maigie-test.iam.gserviceaccount.com",
            "token_uri": f"{self.base}/token",
        }

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fcm = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _answer(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if self.path == "/token":
                    from urllib.parse import parse_qs

                    form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
                    claims = jwt.decode(
                        form["assertion"], key=fcm.key.public_key(), algorithms=["RS256"], audience=f"{fcm.base}/token"
                    )
                    assert claims["scope"] == "https://www.googleapis.com/auth/firebase.messaging"
                    fcm.tokens_issued += 1
                    self._answer(200, {"access_token": "ya29.local", "expires_in": 3600, "token_type": "Bearer"})
                    return
                assert self.path == "/v1/projects/maigie-test/messages:send", self.path
                if self.headers["Authorization"] != "Bearer ya29.local":
                    self._answer(401, {"error": {"status": "UNAUTHENTICATED"}})
                    return
                message = json.loads(body)["message"]
                if message["token"] in fcm.unregistered:
                    error = {"status": "NOT_FOUND", "details": [{"errorCode": "UNREGISTERED"}]}
                    self._answer(404, {"error": error})
                    return
                fcm.messages.append(message)
                self._answer(200, {"name": "projects/maigie-test/messages/1"})

        return Handler


@pytest.fixture
def fcm(settings, tmp_path):
    service = LocalFcm()
    path = tmp_path / "service-account.json"
    path.write_text(json.dumps(service.credentials()))
    settings.FCM_CREDENTIALS_FILE = str(path)
    settings.FCM_ENDPOINT = service.base
    yield service
    service.server.shutdown()
    service.server.server_close()


def _remind(user, capture):
    block = ScheduleBlockFactory.create(
        user=user, title="Biology", start_time=datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=10)
    )
    block.reminder_minutes = 10
    block.save()
    with capture():  # the push job is run here, in-process (test_push.py runs it on a real worker)
        reminders_dispatch(now=block.start_time - timedelta(minutes=10))
    for delivery in Delivery.objects.filter(channel=Channel.PUSH):
        push_deliver(delivery_id=str(delivery.pk))
    return block


@pytest.mark.django_db
def test_a_reminder_reaches_an_fcm_token(user, fcm, django_capture_on_commit_callbacks):
    FcmDeviceFactory.create(user=user, token="phone-1")

    block = _remind(user, django_capture_on_commit_callbacks)

    assert fcm.tokens_issued == 1
    [message] = fcm.messages
    assert message["token"] == "phone-1"
    assert message["notification"]["title"].startswith("Biology at ")
    assert message["android"]["priority"] == "HIGH"
    assert json.loads(message["data"]["payload"])["data"]["block_id"] == str(block.pk)
    assert Delivery.objects.get(channel=Channel.PUSH).status == DeliveryStatus.SENT


@pytest.mark.django_db
def test_an_unregistered_fcm_token_removes_the_device(user, fcm, django_capture_on_commit_callbacks):
    FcmDeviceFactory.create(user=user, token="stale")
    fcm.unregistered.add("stale")

    _remind(user, django_capture_on_commit_callbacks)

    assert not Device.objects.exists()
    assert Delivery.objects.get(channel=Channel.PUSH).status == DeliveryStatus.SKIPPED


@pytest.mark.django_db
def test_without_fcm_credentials_tokens_are_kept_and_skipped(user, django_capture_on_commit_callbacks):
    FcmDeviceFactory.create(user=user)

    _remind(user, django_capture_on_commit_callbacks)

    delivery = Delivery.objects.get(channel=Channel.PUSH)
    assert (delivery.status, delivery.last_error) == (
        DeliveryStatus.SKIPPED,
        "not configured: FCM_CREDENTIALS_FILE is not set.",
    )
    assert Device.objects.count() == 1
