"""Transactional e-mail: rendered from ``templates/email/<name>.{txt,html}``, sent by a task.

Services call :func:`queue_email`; the message leaves only after the transaction commits,
from a Celery worker, never inline in a request.
"""

from __future__ import annotations

from typing import Any

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string


def render_email(*, template: str, context: dict[str, Any]) -> tuple[str, str, str]:
    """Subject, plain text and HTML of ``template`` rendered with ``context``."""
    subject = render_to_string(f"email/{template}.subject.txt", context).strip()
    text = render_to_string(f"email/{template}.txt", context)
    html = render_to_string(f"email/{template}.html", context)
    return subject, text, html


@shared_task(name="mail.send", acks_late=True)
def send_email_task(*, to: str, template: str, context: dict[str, Any]) -> None:
    """Render and send one e-mail."""
    subject, text, html = render_email(template=template, context=context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    message.send()


def queue_email(*, to: str, template: str, context: dict[str, Any]) -> None:
    """Send ``template`` to ``to`` from a worker once the current transaction commits."""
    transaction.on_commit(lambda: send_email_task.delay(to=to, template=template, context=context))
