"""Notification e-mails over a real SMTP server: List-Unsubscribe with RFC 8058 one-click, per kind."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from apps.accounts.models import EmailDelivery, EmailStatus
from apps.accounts.tests.factories import UserFactory
from apps.notifications.models import Kind, NotificationSettings
from apps.notifications.preferences import channels_for, settings_of
from apps.notifications.services.delivery import Message, notify
from maigie.tests.test_mail import mailbox, smtp_server, smtp_worker  # noqa: F401 (fixtures)
from maigie.tests.workers import wait_until

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_notification_email_has_a_one_click_list_unsubscribe_for_its_kind(mailbox, api_client):  # noqa: F811
    user = UserFactory.create(name="Ada")
    NotificationSettings.objects.create(user=user, channels={"nudges": {"email": True}})
    notify(user=user, message=Message(kind=Kind.NUDGES, key="nudge:mail", title="Ten minutes today?", url="/today"))
    wait_until(
        lambda: EmailDelivery.objects.filter(status=EmailStatus.SENT).exists(), timeout=60, what="the e-mail to go"
    )

    [message] = mailbox.messages
    assert message["Subject"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = message["List-Unsubscribe"].replace("\r\n", "").strip()  # unfolded (RFC 5322 §2.2.3)
    assert header.startswith("<http://localhost:8000/api/v1/notifications/unsubscribe?token=")
    assert header.endswith(">")
    link = urlsplit(header[1:-1])
    assert link.query in message.get_payload(0).get_payload(decode=True).decode()  # the footer has the same link

    # What a mail client does on "unsubscribe" (RFC 8058 §3.1): POST the form body to the header's URL.
    answer = api_client.post(
        f"{link.path}?{link.query}", "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert answer.status_code == 200, answer.content
    assert answer.json() == {"kind": "NUDGES", "email": False}
    user.refresh_from_db()
    channels = channels_for(user, settings_of(user), Kind.NUDGES)
    assert "EMAIL" not in channels
    assert "IN_APP" in channels
