"""Push transports behind one interface: Web Push (pywebpush, VAPID, aes128gcm) and FCM HTTP v1."""

from __future__ import annotations

import hashlib
import json
import time
from base64 import urlsafe_b64encode
from typing import Any

import jwt
import requests
from django.conf import settings
from django.core.cache import cache
from pywebpush import WebPushException, webpush

from apps.notifications.models import Device, DeviceKind
from apps.notifications.services.vapid import vapid_config, vapid_signer

GONE_STATUSES = {404, 410}
FCM_SCOPE = "https://www.googleapis.com/auth/firebase.messaging"


class PushGone(Exception):
    """The push service says the subscription no longer exists: forget the device."""


class PushRetry(Exception):
    """A transient failure (429, 5xx, network): try again later."""


class PushNotConfigured(Exception):
    """This server has no credentials for the device's transport: the delivery is skipped."""


def _classify(status: int, detail: str) -> Exception:
    if status in GONE_STATUSES:
        return PushGone(f"{status} {detail}")
    if status == 429 or status >= 500:
        return PushRetry(f"{status} {detail}")
    return RuntimeError(f"push refused: {status} {detail}")


def topic_of(key: str) -> str:
    """A Web Push ``Topic`` (at most 32 URL-safe characters): the push service keeps one undelivered copy."""
    return urlsafe_b64encode(hashlib.sha256(key.encode()).digest()).decode()[:32]


def web_push_send(*, device: Device, payload: dict[str, Any], ttl: int, urgency: str, topic: str) -> None:
    """Encrypt ``payload`` for the subscription and POST it to its endpoint (checked again: DNS rebinding)."""
    from apps.notifications.services.devices import check_endpoint_address  # noqa: PLC0415 (devices imports this)

    config = vapid_config()
    if config is None:
        raise PushNotConfigured("No VAPID keys (set VAPID_* or run manage.py vapid_keys).")
    check_endpoint_address(device)  # ValidationError when refused, PushRetry when it does not resolve
    try:
        webpush(
            subscription_info={"endpoint": device.endpoint, "keys": {"p256dh": device.p256dh, "auth": device.auth}},
            data=json.dumps(payload, separators=(",", ":")),
            vapid_private_key=vapid_signer(config),
            vapid_claims={"sub": config.subject},
            content_encoding="aes128gcm",
            ttl=ttl,
            headers={"Urgency": urgency, "Topic": topic},
            timeout=settings.PUSH_TIMEOUT,
        )
    except WebPushException as exc:
        response = exc.response
        if response is None:
            raise PushRetry(str(exc)) from exc
        raise _classify(response.status_code, response.text[:500]) from exc
    except requests.RequestException as exc:
        raise PushRetry(f"{exc.__class__.__name__}: {exc}") from exc


def _fcm_credentials() -> dict[str, Any]:
    if not settings.FCM_CREDENTIALS_FILE:
        raise PushNotConfigured("FCM_CREDENTIALS_FILE is not set.")
    with open(settings.FCM_CREDENTIALS_FILE, encoding="utf-8") as handle:
        credentials: dict[str, Any] = json.load(handle)
    return credentials


def _fcm_access_token(credentials: dict[str, Any]) -> str:
    """An OAuth 2 access token for the service account (JWT bearer grant), cached until shortly before expiry."""
    cache_key = f"maigie:fcm:token:{credentials['client_email']}"
    token = cache.get(cache_key)
    if isinstance(token, str):
        return token
    now = int(time.time())
    assertion = jwt.encode(
        {
            "iss": credentials["client_email"],
            "scope": FCM_SCOPE,
            "aud": credentials["token_uri"],
            "iat": now,
            "exp": now + 3600,
        },
        credentials["private_key"],
        algorithm="RS256",
        headers={"kid": credentials.get("private_key_id", "")},
    )
    try:
        response = requests.post(
            credentials["token_uri"],
            data={"grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion": assertion},
            timeout=settings.PUSH_TIMEOUT,
        )
    except requests.RequestException as exc:
        raise PushRetry(f"token: {exc}") from exc
    if response.status_code != 200:
        raise _classify(response.status_code if response.status_code >= 500 else 400, f"token: {response.text[:300]}")
    answer = response.json()
    token = str(answer["access_token"])
    cache.set(cache_key, token, timeout=max(60, int(answer.get("expires_in", 3600)) - 300))
    return token


def fcm_send(*, device: Device, payload: dict[str, Any], ttl: int, urgency: str, topic: str) -> None:
    """Send ``payload`` to an FCM registration token with the HTTP v1 API."""
    credentials = _fcm_credentials()
    url = f"{settings.FCM_ENDPOINT.rstrip('/')}/v1/projects/{credentials['project_id']}/messages:send"
    message: dict[str, Any] = {
        "token": device.token,
        "notification": {"title": payload["title"], "body": payload["body"]},
        "data": {"payload": json.dumps(payload, separators=(",", ":"))},
        "android": {"ttl": f"{ttl}s", "priority": "HIGH" if urgency == "high" else "NORMAL", "collapse_key": topic},
        "apns": {"headers": {"apns-collapse-id": topic, "apns-priority": "10" if urgency == "high" else "5"}},
    }
    try:
        response = requests.post(
            url,
            json={"message": message},
            headers={"Authorization": f"Bearer {_fcm_access_token(credentials)}"},
            timeout=settings.PUSH_TIMEOUT,
        )
    except requests.RequestException as exc:
        raise PushRetry(f"{exc.__class__.__name__}: {exc}") from exc
    if response.status_code == 200:
        return
    if response.status_code == 401:
        cache.delete(f"maigie:fcm:token:{credentials['client_email']}")
        raise PushRetry("401: access token refused")
    unregistered = "UNREGISTERED" in response.text
    raise _classify(404 if unregistered else response.status_code, response.text[:500])


def push_send(*, device: Device, payload: dict[str, Any], ttl: int, urgency: str, topic: str) -> None:
    """Send to ``device`` by its transport; raises PushGone, PushRetry, PushNotConfigured or a refusal."""
    sender = web_push_send if device.kind == DeviceKind.WEB_PUSH else fcm_send
    sender(device=device, payload=payload, ttl=ttl, urgency=urgency, topic=topic)
