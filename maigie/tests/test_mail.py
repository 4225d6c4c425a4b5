"""E-mail through a real SMTP server (aiosmtpd) and a real worker: parts, idempotency, retries."""

from __future__ import annotations

import email
import socket
import time
import uuid
from collections.abc import Iterator
from email.message import Message
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from celery import states
from celery.app.routes import Router, prepare
from django.db import transaction
from django_celery_results.models import TaskResult

from apps.accounts.models import EmailDelivery, EmailStatus
from maigie import testing
from maigie.celery import app
from maigie.mail import queue_email, send_email_task
from maigie.tests.workers import start_dedicated_worker, wait_until

pytestmark = pytest.mark.django_db(transaction=True)

QUEUE = f"smtp-{uuid.uuid4().hex[:8]}"
REPORT = {
    "name": "Ada",
    "week_start": "2026-11-16",
    "week_end": "2026-11-22",
    "minutes_studied": 95,
    "tasks_completed": 4,
    "topics_completed": 2,
    "streak_days": 3,
    "courses": [{"title": "Linear algebra", "progress": 40}],
}


class Mailbox:
    """aiosmtpd handler: answers DATA with scripted replies, keeps what it accepted."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.data_commands: list[float] = []
        self.replies: list[str] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.data_commands.append(time.monotonic())
        if self.replies:
            return self.replies.pop(0)
        self.messages.append(email.message_from_bytes(envelope.original_content))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def smtp_server() -> Iterator[tuple[Mailbox, int]]:
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield mailbox, controller.port
    finally:
        controller.stop()


@pytest.fixture(scope="module")
def smtp_worker(smtp_server, django_db_setup, django_db_blocker):
    """A worker whose Django sends e-mail over SMTP to the test server."""
    _, port = smtp_server
    with django_db_blocker.unblock():
        env = testing.subprocess_env()
        env.update(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST="127.0.0.1")
        env["EMAIL_PORT"] = str(port)
        process = start_dedicated_worker(env=env, name=f"mail-{QUEUE}", queue=QUEUE)
    try:
        yield process
    finally:
        testing.stop_process(process)


@pytest.fixture
def mailbox(smtp_server, smtp_worker, monkeypatch):
    """The test SMTP server's mailbox, emptied; ``mail.send`` goes to the worker that uses it.

    The ``email`` queue belongs to the session's worker (locmem backend); this module's sends
    are routed to its own SMTP worker's queue instead, the rest of the path is unchanged.
    """
    routes = [*prepare([{"mail.send": {"queue": QUEUE}}]), *app.amqp.routes]
    monkeypatch.setattr(app.amqp, "router", Router(routes, app.amqp.queues, create_missing=True, app=app))
    box, _ = smtp_server
    box.messages.clear()
    box.data_commands.clear()
    box.replies.clear()
    return box


def queue_report(key: str | None = None) -> EmailDelivery:
    return queue_email(to="ada@example.com", template="weekly_report", context=REPORT, idempotency_key=key)


def wait_for_status(delivery: EmailDelivery, status: str) -> EmailDelivery:
    wait_until(
        lambda: EmailDelivery.objects.filter(pk=delivery.pk, status=status).exists(),
        timeout=60,
        what=f"the delivery to be {status}",
    )
    delivery.refresh_from_db()
    return delivery


def task_result_of(delivery: EmailDelivery) -> TaskResult:
    return TaskResult.objects.get(task_name="mail.send", task_args__contains=str(delivery.pk))


def parts(message: Message) -> dict[str, str]:
    return {
        part.get_content_type(): part.get_payload(decode=True).decode()  # type: ignore[union-attr]
        for part in message.walk()
        if not part.is_multipart()
    }


def test_mail_send_is_routed_to_the_email_queue():
    assert app.amqp.router.route({}, "mail.send")["queue"].name == "email"
    assert app.amqp.router.route({}, "maintenance.purge_expired_credentials")["queue"].name == "low"
    assert app.amqp.router.route({}, "maigie.ping")["queue"].name == "default"


def test_queued_email_arrives_over_smtp_with_subject_text_and_html(mailbox):
    delivery = wait_for_status(queue_report(key=f"weekly-report:ada:{uuid.uuid4()}"), EmailStatus.SENT)

    [message] = mailbox.messages
    assert message["Subject"] == "Your week in Maigie: 95 minutes studied"
    assert message["To"] == "ada@example.com"
    assert message["Message-ID"] == f"<{delivery.pk}@maigie.app>"
    assert message.get_content_type() == "multipart/alternative"
    bodies = parts(message)
    assert "Minutes studied: 95" in bodies["text/plain"]
    assert "- Linear algebra: 40%" in bodies["text/plain"]
    assert "<strong>2026-11-16</strong>" in bodies["text/html"]
    assert "<li>Linear algebra: 40%</li>" in bodies["text/html"]
    assert (delivery.attempts, delivery.sent_at is not None) == (1, True)


def test_a_redelivered_send_task_does_not_send_twice(mailbox):
    delivery = wait_for_status(queue_report(), EmailStatus.SENT)

    again = send_email_task.apply_async(args=(str(delivery.pk),)).get(timeout=30)

    assert again == EmailStatus.SENT
    assert len(mailbox.messages) == 1
    delivery.refresh_from_db()
    assert delivery.attempts == 1


def test_the_same_idempotency_key_makes_one_delivery_and_one_email(mailbox):
    key = f"reminder:{uuid.uuid4()}"
    with transaction.atomic():
        first = queue_report(key=key)
        again = queue_report(key=key)
    wait_for_status(first, EmailStatus.SENT)
    later = queue_report(key=key)  # e.g. a retried request, after the e-mail left
    time.sleep(1)

    assert first.pk == again.pk == later.pk
    assert EmailDelivery.objects.filter(idempotency_key=key).count() == 1
    assert len(mailbox.messages) == 1


def test_transient_smtp_replies_retry_with_growing_delays_then_send(mailbox):
    mailbox.replies = ["451 4.3.0 Try again later", "451 4.3.0 Try again later"]

    delivery = wait_for_status(queue_report(), EmailStatus.SENT)

    assert len(mailbox.messages) == 1
    first_gap, second_gap = (b - a for a, b in zip(mailbox.data_commands, mailbox.data_commands[1:], strict=False))
    assert first_gap >= 0.25  # backoff base 0.5 s in tests: 1st delay in [0.25, 0.5]
    assert second_gap >= 0.5  # 2nd delay in [0.5, 1.0]
    assert second_gap >= first_gap
    assert (delivery.attempts, delivery.last_error) == (3, "")
    wait_until(lambda: task_result_of(delivery).status == states.SUCCESS, timeout=10, what="the stored success")


def test_a_permanent_smtp_refusal_fails_at_once_and_lands_in_the_failures(mailbox):
    mailbox.replies = ["550 5.1.1 No such user"]

    delivery = wait_for_status(queue_report(), EmailStatus.FAILED)
    time.sleep(1.5)  # longer than a first retry would wait

    assert len(mailbox.data_commands) == 1
    assert mailbox.messages == []
    assert delivery.attempts == 1
    assert "SMTPDataError: (550" in delivery.last_error
    wait_until(lambda: task_result_of(delivery).status == states.FAILURE, timeout=10, what="the stored failure")
    assert "SMTPDataError" in task_result_of(delivery).traceback


def test_the_default_worker_takes_mail_from_the_email_queue(celery_worker_process):
    delivery = wait_for_status(queue_report(), EmailStatus.SENT)  # sent by its locmem backend

    assert delivery.attempts == 1
    wait_until(lambda: task_result_of(delivery).status == states.SUCCESS, timeout=10, what="the stored success")
    worker = TaskResult.objects.filter(task_name="mail.send", task_args__contains=str(delivery.pk)).values("worker")
    assert str(worker.get()["worker"]).startswith("test@")
