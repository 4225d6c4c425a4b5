"""The server's VAPID key pair: from the environment, else generated once into the database."""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.db import transaction
from py_vapid import Vapid
from py_vapid.utils import b64urlencode

from apps.notifications.models import VapidKey


@dataclass(frozen=True)
class VapidConfig:
    private_key: str  # base64url raw scalar, base64url DER or PEM
    public_key: str  # base64url uncompressed point (the browser's applicationServerKey)
    subject: str  # mailto: or https: contact of this server


def vapid_config() -> VapidConfig | None:
    """``VAPID_PRIVATE_KEY``/``VAPID_PUBLIC_KEY`` when set, else the generated row; None when neither exists."""
    subject = settings.VAPID_SUBJECT
    if settings.VAPID_PRIVATE_KEY and settings.VAPID_PUBLIC_KEY:
        return VapidConfig(settings.VAPID_PRIVATE_KEY, settings.VAPID_PUBLIC_KEY, subject)
    row = VapidKey.objects.filter(pk=1).first()
    return VapidConfig(row.private_key, row.public_key, subject) if row else None


def vapid_signer(config: VapidConfig) -> Vapid:
    """The py-vapid signer of ``config``'s private key."""
    key = config.private_key.strip()
    if key.startswith("-----BEGIN"):
        return Vapid.from_pem(key.encode())
    return Vapid.from_string(private_key=key)


@transaction.atomic
def vapid_keys_generate(*, replace: bool = False) -> tuple[VapidKey, bool]:
    """Create the stored key pair unless one exists (``replace`` makes a new one); answers (row, created)."""
    existing = VapidKey.objects.select_for_update().filter(pk=1).first()
    if existing is not None and not replace:
        return existing, False
    vapid = Vapid()
    vapid.generate_keys()
    scalar = vapid.private_key.private_numbers().private_value.to_bytes(32, "big")
    point = vapid.public_key.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    row, _ = VapidKey.objects.update_or_create(
        pk=1, defaults={"private_key": b64urlencode(scalar), "public_key": b64urlencode(point)}
    )
    return row, True
