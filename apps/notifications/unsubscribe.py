"""Signed one-click unsubscribe links: one per user and kind, valid as long as the signing key."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

from apps.notifications.models import Kind

SALT = "maigie.notifications.unsubscribe"


def unsubscribe_token(*, user_id: object, kind: Kind) -> str:
    """A token naming the user and the kind whose e-mails it turns off."""
    return signing.dumps({"u": str(user_id), "k": kind.value}, salt=SALT, compress=True)


def unsubscribe_url(*, user: object, kind: Kind) -> str:
    """The absolute link an e-mail of ``kind`` carries."""
    token = unsubscribe_token(user_id=getattr(user, "pk", user), kind=kind)
    return f"{settings.API_PUBLIC_URL.rstrip('/')}{reverse('notification-unsubscribe')}?token={token}"


def unsubscribe_read(token: str) -> tuple[str, Kind] | None:
    """The (user id, kind) of a valid token, or None."""
    try:
        value = signing.loads(token, salt=SALT)
        return str(value["u"]), Kind(value["k"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
