"""Tracing: one HTTP request and the Celery task it enqueued arrive at an OTLP/HTTP receiver in one trace."""

from __future__ import annotations

import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from rest_framework.test import APIClient

from apps.accounts.services.tokens import token_pair_for
from apps.accounts.tests.factories import UserFactory
from maigie import testing, tracing
from maigie.asgi import application
from maigie.realtime.publish import send_now
from maigie.tests.tasks import create_tables, flaky
from maigie.tests.workers import wait_until

pytestmark = pytest.mark.django_db(transaction=True)

SERVER, CONSUMER = 2, 5  # OTLP span kinds


class Receiver(ThreadingHTTPServer):
    """A local OTLP/HTTP collector: decodes each ExportTraceServiceRequest and keeps its spans."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), ReceiverHandler)
        self.spans: list[dict[str, Any]] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class ReceiverHandler(BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        request = ExportTraceServiceRequest.FromString(body)
        for resource_spans in request.resource_spans:
            for scope_spans in resource_spans.scope_spans:
                for span in scope_spans.spans:
                    self.server.spans.append({"name": span.name, "trace_id": span.trace_id.hex(), "kind": span.kind})
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


@pytest.fixture
def receiver(monkeypatch: pytest.MonkeyPatch) -> Iterator[Receiver]:
    server = Receiver()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", server.url)  # the worker's environment
    monkeypatch.setenv("OTEL_BSP_SCHEDULE_DELAY", "100")
    tracing.configure(endpoint=server.url)
    try:
        yield server
    finally:
        tracing.unconfigure()
        server.shutdown()


def test_request_and_its_task_share_one_trace(receiver):
    user = UserFactory.create(email_verified=False)
    client = APIClient()  # built after instrumentation, so its handler has the tracing middleware
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_pair_for(user=user)['access']}")

    with testing.running_worker():
        assert client.post("/api/v1/auth/resend-verification").status_code in (200, 202, 204)
        tracing.flush()

        def task_ran() -> bool:
            return any(span["name"] == "run/mail.send" for span in receiver.spans)

        wait_until(task_ran, timeout=60, what="the worker's span of mail.send")

    missing = client.get(f"/api/v1/courses/{uuid.uuid4()}/")
    assert missing.status_code == 404
    tracing.flush()
    error_trace = missing.json()["error"]["trace_id"]
    wait_until(
        lambda: any(span["trace_id"] == error_trace and span["kind"] == SERVER for span in receiver.spans),
        timeout=10,
        what="the 404's server span",
    )

    request_span = next(span for span in receiver.spans if span["kind"] == SERVER)
    task_span = next(span for span in receiver.spans if span["name"] == "run/mail.send")
    assert task_span["kind"] == CONSUMER
    assert task_span["trace_id"] == request_span["trace_id"]
    names = {span["name"] for span in receiver.spans if span["trace_id"] == request_span["trace_id"]}
    assert "apply_async/mail.send" in names
    assert {"SELECT", "INSERT"} <= names  # SQL of the request and of the task


def test_a_retried_task_stays_in_the_trace_that_enqueued_it(receiver):
    """Each attempt of a task retried after a transient error is a span of the enqueuer's trace."""
    create_tables()
    key = uuid.uuid4().hex
    with testing.running_worker():
        with tracing.span("enqueue flaky"):
            flaky.apply_async(args=(key, 1))
        tracing.flush()

        def both_attempts_ran() -> bool:
            return len([span for span in receiver.spans if span["name"] == "run/tests.flaky"]) >= 2

        wait_until(both_attempts_ran, timeout=60, what="two attempts of tests.flaky")

    enqueued = next(span for span in receiver.spans if span["name"] == "enqueue flaky")
    attempts = [span for span in receiver.spans if span["name"] == "run/tests.flaky"]
    assert {span["trace_id"] for span in attempts} == {enqueued["trace_id"]}


OFF_PROBE = """
import sys, django
django.setup()
from django.conf import settings
from django.test import Client
Client().get("/health/live")
loaded = [name for name in sys.modules if name.startswith("opentelemetry.instrumentation")]
print(len(loaded), sum("opentelemetry" in entry for entry in settings.MIDDLEWARE))
"""


def test_off_without_an_endpoint_installs_nothing():
    env = {key: value for key, value in testing.subprocess_env().items() if not key.startswith("OTEL_")}
    probe = subprocess.run(
        [sys.executable, "-c", OFF_PROBE], env=env, capture_output=True, text=True, timeout=120, check=True
    )
    assert probe.stdout.split() == ["0", "0"]


async def test_websocket_messages_are_spans_and_an_event_joins_its_publishers_trace(receiver):
    learner = await sync_to_async(UserFactory.create)()
    access = (await sync_to_async(token_pair_for)(user=learner))["access"]
    socket = WebsocketCommunicator(application, f"/ws/updates?token={access}")
    assert (await socket.connect())[0]
    assert (await socket.receive_json_from())["type"] == "hello"
    await socket.send_json_to({"type": "ping"})
    assert (await socket.receive_json_from())["type"] == "pong"

    def publish_in_a_request() -> None:
        with tracing.span("request", kind="SERVER"):
            send_now(user_id=learner.pk, event="course.updated", data={"id": str(uuid.uuid4())})

    await sync_to_async(publish_in_a_request)()
    assert (await socket.receive_json_from(timeout=5))["event"] == "course.updated"
    await socket.disconnect()
    tracing.flush()

    def spans_named(name: str) -> list[dict[str, Any]]:
        return [span for span in receiver.spans if span["name"] == name]

    await sync_to_async(wait_until)(
        lambda: bool(spans_named("WS realtime.event")), timeout=10, what="the socket's span of the event"
    )
    for name in ("WS connect", "WS receive", "WS send", "WS disconnect", "WS group_send"):
        assert spans_named(name), name
    published = spans_named("request")[0]["trace_id"]
    assert spans_named("WS group_send")[0]["trace_id"] == published
    assert spans_named("WS realtime.event")[0]["trace_id"] == published
    assert published in {span["trace_id"] for span in spans_named("WS send")}  # the event sent to the socket
