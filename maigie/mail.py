"""Transactional e-mail: rendered from ``templates/email/<name>.{subject.txt,txt,html}``, sent by a task.

Services call :func:`queue_email` inside their transaction: it records an
:class:`~apps.accounts.models.EmailDelivery` under a unique idempotency key and, once the
transaction commits, enqueues ``mail.send`` on the ``email`` queue. The task sends a delivery while
holding its row and marks it sent in the same transaction, so a retried or redelivered job does not
send it again; only a worker that dies after the SMTP server accepted the message and before the
commit leads to a second copy, with the same ``Message-ID`` (at least once, docs/notifications.md).
Transient SMTP errors retry with backoff; permanent ones mark the delivery failed and land in the
admin's failed task results.
"""

from __future__ import annotations

import smtplib
import uuid
from email.utils import parseaddr
from typing import Any

from celery import Task, shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from apps.accounts.models import EmailDelivery, EmailStatus
from maigie.jobs import TRANSIENT_ERRORS, TransientError

SMTP_TRANSIENT_CODES = range(400, 500)


def render_email(*, template: str, context: dict[str, Any]) -> tuple[str, str, str]:
    """Subject, plain text and HTML of ``template`` rendered with ``context``."""
    subject = " ".join(render_to_string(f"email/{template}.subject.txt", context).split())
    text = render_to_string(f"email/{template}.txt", context)
    html = render_to_string(f"email/{template}.html", context)
    return subject, text, html


@transaction.atomic
def queue_email(
    *, to: str, template: str, context: dict[str, Any], idempotency_key: str | None = None
) -> EmailDelivery:
    """Send ``template`` to ``to`` from a worker after commit; one e-mail per ``idempotency_key``.

    Callers pass a key naming the e-mail's reason (``f"weekly-report:{user.id}:{week}"``), so
    a retried request or job queues nothing twice. Without a key every call is a new e-mail.
    """
    delivery, _ = EmailDelivery.objects.get_or_create(
        idempotency_key=idempotency_key or f"once:{uuid.uuid4()}",
        defaults={"to": to, "template": template, "context": context},
    )
    if delivery.status == EmailStatus.QUEUED:
        delivery_id = str(delivery.pk)
        transaction.on_commit(lambda: send_email_task.delay(delivery_id))
    return delivery


def _message_id(delivery: EmailDelivery) -> str:
    """A stable Message-ID, so a receiving server can recognise a resent copy."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "maigie.app"
    return f"<{delivery.pk}@{domain}>"


def _headers(delivery: EmailDelivery) -> dict[str, str]:
    """Message-ID, and List-Unsubscribe with RFC 8058 one-click when the context has ``unsubscribe_url``."""
    headers = {"Message-ID": _message_id(delivery)}
    unsubscribe = delivery.context.get("unsubscribe_url")
    if unsubscribe:
        headers["List-Unsubscribe"] = f"<{unsubscribe}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return headers


def _deliver(delivery_id: str) -> str:
    """Send the delivery unless it already left; return its status."""
    with transaction.atomic():
        delivery = EmailDelivery.objects.select_for_update().get(pk=delivery_id)
        if delivery.status != EmailStatus.QUEUED:
            return str(delivery.status)
        subject, text, html = render_email(template=delivery.template, context=delivery.context)
        message = EmailMultiAlternatives(
            subject, text, settings.DEFAULT_FROM_EMAIL, [delivery.to], headers=_headers(delivery)
        )
        message.attach_alternative(html, "text/html")
        message.send()
        delivery.status = EmailStatus.SENT
        delivery.attempts += 1
        delivery.sent_at = timezone.now()
        delivery.last_error = ""
        delivery.save(update_fields=["status", "attempts", "sent_at", "last_error"])
    return str(delivery.status)


def _record_failure(delivery_id: str, error: BaseException, *, final: bool) -> None:
    EmailDelivery.objects.filter(pk=delivery_id, status=EmailStatus.QUEUED).update(
        attempts=F("attempts") + 1,
        last_error=f"{error.__class__.__name__}: {error}"[:2000],
        status=EmailStatus.FAILED if final else EmailStatus.QUEUED,
    )


@shared_task(name="mail.send", bind=True)
def send_email_task(self: Task, delivery_id: str) -> str:
    """Send one queued e-mail unless it already left; 4xx replies and lost connections retry later."""
    out_of_retries = self.max_retries is not None and self.request.retries >= self.max_retries
    try:
        return _deliver(delivery_id)
    except smtplib.SMTPResponseException as exc:
        transient = exc.smtp_code in SMTP_TRANSIENT_CODES
        _record_failure(delivery_id, exc, final=out_of_retries or not transient)
        if transient:
            raise TransientError(f"SMTP {exc.smtp_code}: {exc.smtp_error!r}") from exc
        raise
    except TRANSIENT_ERRORS as exc:
        _record_failure(delivery_id, exc, final=out_of_retries)
        raise
    except Exception as exc:
        _record_failure(delivery_id, exc, final=True)
        raise
