"""Registering and removing push devices."""

from __future__ import annotations

import base64
import binascii
import ipaddress
from typing import Any
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from apps.accounts.models import User
from apps.notifications.models import Device, DeviceKind

MAX_DEVICES_PER_USER = 20  # a new one past this replaces the oldest


def _b64url(value: str, field: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError) as exc:
        raise ValidationError({field: ["Not base64url."]}) from exc


def _check_endpoint(endpoint: str) -> None:
    """https to a public host; plain http only to the loopback interface where the settings allow it."""
    parts = urlsplit(endpoint)
    host = parts.hostname or ""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    loopback = host == "localhost" or (address is not None and address.is_loopback)
    if loopback or (address is not None and not address.is_global):
        if not settings.PUSH_ALLOW_LOOPBACK_HTTP or not loopback:
            raise ValidationError({"endpoint": ["A push endpoint must be a public https URL."]})
        if parts.scheme not in ("http", "https"):
            raise ValidationError({"endpoint": ["A push endpoint must be an http(s) URL."]})
        return
    if parts.scheme != "https":
        raise ValidationError({"endpoint": ["A push endpoint must be an https URL."]})


def _check_web_push_keys(p256dh: str, auth: str) -> None:
    point = _b64url(p256dh, "p256dh")
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    except ValueError as exc:
        raise ValidationError({"p256dh": ["Not a P-256 public key (65 bytes, uncompressed)."]}) from exc
    if len(_b64url(auth, "auth")) != 16:
        raise ValidationError({"auth": ["The auth secret must be 16 bytes."]})


@transaction.atomic
def device_register(
    *,
    user: User,
    kind: str = DeviceKind.WEB_PUSH,
    endpoint: str = "",
    p256dh: str = "",
    auth: str = "",
    token: str = "",
    user_agent: str = "",
) -> Device:
    """Register (or refresh) a push subscription or FCM token for ``user``.

    An endpoint or token is one device: registering it again updates it, and moves it to ``user``
    if another account had it (the browser or phone now belongs to whoever signed in).
    """
    lookup: dict[str, Any]
    values: dict[str, Any]
    if kind == DeviceKind.WEB_PUSH:
        if not (endpoint and p256dh and auth):
            raise ValidationError({"endpoint": ["A Web Push subscription needs endpoint, keys.p256dh and keys.auth."]})
        _check_endpoint(endpoint)
        _check_web_push_keys(p256dh, auth)
        lookup, values = {"kind": kind, "endpoint": endpoint}, {"p256dh": p256dh, "auth": auth, "token": ""}
    elif kind == DeviceKind.FCM:
        if not token:
            raise ValidationError({"token": ["An FCM device needs its registration token."]})
        lookup, values = {"kind": kind, "token": token}, {"endpoint": "", "p256dh": "", "auth": ""}
    else:
        raise ValidationError({"kind": [f"Unknown device kind {kind!r}."]})
    device, _ = Device.objects.select_for_update().update_or_create(
        **lookup, defaults={**values, "user": user, "user_agent": user_agent[:512]}
    )
    surplus = (
        Device.objects.filter(user=user).order_by("-created_at").values_list("pk", flat=True)[MAX_DEVICES_PER_USER:]
    )
    Device.objects.filter(pk__in=list(surplus)).delete()
    return device


@transaction.atomic
def device_delete(*, device: Device) -> None:
    """Forget ``device``: nothing is pushed to it any more."""
    device.delete()
