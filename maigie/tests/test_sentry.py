"""Sentry: errors reach a local server speaking Sentry's envelope protocol with the user's id and the
request's (or job's) context, and without e-mail addresses, tokens or the learner's texts."""

from __future__ import annotations

import gzip
import json
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import sentry_sdk
from rest_framework.test import APIClient

from apps.accounts.services import token_pair_for
from apps.accounts.tests.factories import UserFactory
from apps.learning import services as learning_services
from maigie import sentry, testing
from maigie.tests import tasks

NOTE_TEXT = "My private diary: the mitochondria is the powerhouse of the cell"


class EnvelopeServer:
    """Sentry's ingestion endpoint: ``POST /api/<project>/envelope/``, gzip or plain, events kept in order."""

    def __init__(self) -> None:
        self.raw: list[bytes] = []
        self.events: list[dict[str, Any]] = []
        self.paths: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if self.headers.get("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
                server.paths.append(self.path)
                server.raw.append(body)
                server.events.extend(parse_envelope(body))
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.dsn = f"http://{uuid.uuid4().hex}@127.0.0.1:{self.httpd.server_address[1]}/42"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def wait_for_event(self, timeout: float = 30.0) -> tuple[dict[str, Any], bytes]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for event, raw in zip(self.events, self.raw, strict=False):
                if event.get("exception"):
                    return event, raw
            time.sleep(0.1)
        raise AssertionError(f"no error event arrived (received {len(self.events)} items)")


def parse_envelope(body: bytes) -> list[dict[str, Any]]:
    """The ``event`` and ``transaction`` items of an envelope: a header line, then item headers and payloads."""
    _, _, rest = body.partition(b"\n")
    items = []
    while rest.strip():
        header_line, _, rest = rest.partition(b"\n")
        header = json.loads(header_line)
        if "length" in header:
            payload, rest = rest[: header["length"]], rest[header["length"] :].removeprefix(b"\n")
        else:
            payload, _, rest = rest.partition(b"\n")
        if header.get("type") in ("event", "transaction"):
            items.append(json.loads(payload))
    return items


@pytest.fixture
def sentry_server() -> Iterator[EnvelopeServer]:
    server = EnvelopeServer()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


@pytest.fixture
def sentry_on(sentry_server: EnvelopeServer) -> Iterator[EnvelopeServer]:
    """This process reports to the local server, as the settings would with ``SENTRY_DSN`` set."""
    sentry.init(dsn=sentry_server.dsn, environment="test")
    yield sentry_server
    sentry_sdk.flush(timeout=5)
    sentry_sdk.get_client().close()
    sentry_sdk.get_global_scope().set_client(None)


def test_scrub_removes_secrets_and_texts_but_keeps_the_context() -> None:
    token = "eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoiMSJ9.c2lnbmF0dXJlLWJ5dGVz"
    event: Any = {
        "message": f"login of ada@example.org with Bearer {token}",
        "user": {"id": "7", "email": "ada@example.org", "ip_address": "10.0.0.1"},
        "tags": {"request_id": "abc123456", "route": "/api/v1/notes/"},
        "request": {
            "url": "https://api.maigie.app/api/v1/auth/verify?key=s3cr3t-verification",
            "headers": {"Authorization": f"Bearer {token}", "Cookie": "sessionid=x", "User-Agent": "pytest"},
            "cookies": {"sessionid": "x"},
            "data": {"title": "Diary", "content": NOTE_TEXT, "password": "hunter22", "course_id": "c1", "pinned": True},
        },
        "extra": {"subscription": {"endpoint": "https://fcm.googleapis.com/fcm/send/abc", "keys": {"p256dh": "B"}}},
        "exception": {
            "values": [
                {
                    "type": "StripeError",
                    "value": "bad key sk_live_4eC39HqLyjWDarjtT1zdp7dc",
                    "stacktrace": {"frames": [{"function": "f", "vars": {"message": NOTE_TEXT, "retries": 2}}]},
                }
            ]
        },
        "breadcrumbs": {
            "values": [
                {"message": "sent to bob@example.com", "data": {"prompt": NOTE_TEXT}},
                {"category": "query", "message": "UPDATE u SET name = 'Ada O''Neil'", "data": {"db.params": ["x"]}},
            ]
        },
    }
    scrubbed: Any = sentry.scrub(event)
    text = json.dumps(scrubbed)
    secrets = ["@example", token, "hunter22", "sk_live", NOTE_TEXT, "s3cr3t", "sessionid", "fcm/send", "10.0.0.1"]
    secrets.append("Neil")
    for secret in secrets:
        assert secret not in text
    assert scrubbed["user"] == {"id": "7"}
    assert scrubbed["tags"] == {"request_id": "abc123456", "route": "/api/v1/notes/"}
    assert scrubbed["request"]["headers"] == {"User-Agent": "pytest"}
    assert scrubbed["request"]["data"]["course_id"] == "c1"
    assert scrubbed["request"]["data"]["pinned"] is True
    assert scrubbed["exception"]["values"][0]["stacktrace"]["frames"][0]["vars"]["retries"] == 2
    assert scrubbed["message"] == "login of [email] with Bearer [jwt]"


@pytest.mark.django_db
def test_an_error_in_a_view_reports_the_user_id_and_request_without_personal_data(sentry_on, monkeypatch) -> None:
    user = UserFactory.create(email="learner.private@example.org", name="Ada" + "line Lovelace")  # source is sent
    access = token_pair_for(user=user)["access"]

    def broken_note_create(**kwargs: Any) -> None:
        raise RuntimeError(f"could not save the note of {kwargs['user'].email}")

    monkeypatch.setattr(learning_services, "note_create", broken_note_create)
    client = APIClient(raise_request_exception=False)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    response = client.post("/api/v1/notes/", {"title": "Diary", "content": NOTE_TEXT}, format="json")
    assert response.status_code == 500
    sentry_sdk.flush(timeout=10)

    event, raw = sentry_on.wait_for_event()
    assert sentry_on.paths[0] == "/api/42/envelope/"
    assert event["user"] == {"id": str(user.pk)}
    assert event["tags"]["request_id"] == response["X-Request-ID"]
    assert event["tags"]["route"] == "/api/v1/notes/"
    assert event["exception"]["values"][-1]["value"] == "could not save the note of [email]"
    assert all("vars" not in frame for frame in event["exception"]["values"][-1]["stacktrace"]["frames"])
    text = raw.decode()
    for secret in (
        "learner.private",
        "example.org",
        access,
        access.split(".")[2],
        NOTE_TEXT,
        "mitochondria",
        "Adaline",
    ):
        assert secret not in text, text[max(0, text.find(secret) - 400) : text.find(secret) + 100]


@pytest.mark.django_db(transaction=True)
def test_an_error_in_a_celery_task_reports_the_task_and_job_without_personal_data(sentry_server) -> None:
    tasks.create_tables()
    with testing.running_worker(env={"SENTRY_DSN": sentry_server.dsn}):
        job_id = str(uuid.uuid4())
        tasks.fail_with_personal_data.apply_async(
            args=(job_id,), kwargs={"email": "worker.private@example.org", "content": NOTE_TEXT}
        )
        event, raw = sentry_server.wait_for_event(timeout=60)
    assert event["tags"]["celery_task"] == "tests.fail_with_personal_data"
    assert event["tags"]["job_id"] == job_id
    assert len(event["tags"]["celery_task_id"]) == 36
    assert (
        event["exception"]["values"][-1]["value"]
        == f"cannot summarise the note of [email] ({len(NOTE_TEXT)} characters)"
    )
    text = raw.decode()
    for secret in ("worker.private", "example.org", NOTE_TEXT, "mitochondria"):
        assert secret not in text
