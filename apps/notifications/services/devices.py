"""Registering and removing push devices."""

from __future__ import annotations

import base64
import binascii
import ipaddress
import socket
from typing import Any
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from apps.accounts.models import User
from apps.notifications.models import Device, DeviceKind
from apps.notifications.services.push import PushRetry

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
MAX_DEVICES_PER_USER = 20  # a new one past this replaces the oldest


def _b64url(value: str, field: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError) as exc:
        raise ValidationError({field: ["Not base64url."]}) from exc


def _resolve(host: str, port: int) -> set[IPAddress]:
    """Every address ``host`` resolves to (a literal address is itself); empty when it does not resolve."""
    try:
        return {ipaddress.ip_address(host)}
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return set()
    return {ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos}


def _check_endpoint(endpoint: str, *, at_send: bool = False) -> None:
    """https to a host that resolves only to public addresses; plain http only to loopback where allowed.

    The server POSTs to the endpoint, so a name resolving to a private, loopback, link-local or
    otherwise non-global address is refused (SSRF). Loopback (``127.0.0.1``, ``localhost``, ``::1``)
    is accepted, over http or https, only with ``PUSH_ALLOW_LOOPBACK_HTTP`` (local and test settings).
    A name that does not resolve yet is accepted at registration: every send checks again
    (``at_send``), where it is a transient failure.
    """
    parts = urlsplit(endpoint)
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        raise ValidationError({"endpoint": ["A push endpoint must be an https URL."]})
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise ValidationError({"endpoint": ["The endpoint's port is not valid."]}) from exc
    addresses = _resolve(host, port)
    if not addresses and at_send:
        raise PushRetry(f"{host} does not resolve")
    if addresses and all(address.is_loopback for address in addresses):
        if not settings.PUSH_ALLOW_LOOPBACK_HTTP:
            raise ValidationError({"endpoint": ["A push endpoint must be a public https URL."]})
        return
    if any(not address.is_global for address in addresses):
        raise ValidationError({"endpoint": ["A push endpoint must be a public https URL."]})
    if parts.scheme != "https":
        raise ValidationError({"endpoint": ["A push endpoint must be an https URL."]})


def check_endpoint_address(device: Device) -> None:
    """Check a Web Push device's endpoint again before sending (its name may resolve elsewhere now).

    Raises ValidationError when it is refused, :class:`PushRetry` when it does not resolve.
    """
    if device.kind == DeviceKind.WEB_PUSH:
        _check_endpoint(device.endpoint, at_send=True)


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
