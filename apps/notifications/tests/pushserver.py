"""A local Web Push service speaking RFC 8030/8291/8292: checks VAPID, decrypts aes128gcm, answers a status."""

from __future__ import annotations

import base64
import json
import os
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import http_ece
import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Browser:
    """The browser side of one subscription: its key pair and auth secret (what PushManager makes)."""

    private_key: ec.EllipticCurvePrivateKey = field(default_factory=lambda: ec.generate_private_key(ec.SECP256R1()))
    auth: bytes = field(default_factory=lambda: os.urandom(16))

    @property
    def p256dh(self) -> str:
        point = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return b64url(point)


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    claims: dict[str, Any]
    payload: dict[str, Any]


class LocalPushService:
    """``POST /push/<id>``: verifies the VAPID JWT with ``vapid_public_key``, decrypts for the subscription.

    ``statuses`` are answered in turn (then 201); ``delay`` seconds pass before answering.
    """

    def __init__(self, *, vapid_public_key: str) -> None:
        self.vapid_public_key = vapid_public_key
        self.browsers: dict[str, Browser] = {}
        self.received: list[Received] = []
        self.errors: list[str] = []
        self.statuses: list[int] = []
        self.delay = 0.0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> LocalPushService:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def queued_for_browser(self) -> dict[tuple[str, str], dict[str, Any]]:
        """What a browser that was offline gets: per subscription, a later message replaces an earlier one
        with the same ``Topic`` (RFC 8030 §5.4); messages without a topic are all kept."""
        queued: dict[tuple[str, str], dict[str, Any]] = {}
        for index, received in enumerate(self.received):
            queued[(received.path, received.headers.get("topic") or f"#{index}")] = received.payload
        return queued

    def subscribe(self, name: str) -> dict[str, Any]:
        """A new subscription, as ``PushSubscription.toJSON()`` gives it."""
        browser = self.browsers[name] = Browser()
        port = self.server.server_address[1]
        return {
            "endpoint": f"http://127.0.0.1:{port}/push/{name}",
            "expirationTime": None,
            "keys": {"p256dh": browser.p256dh, "auth": b64url(browser.auth)},
        }

    def _verify(self, handler: BaseHTTPRequestHandler) -> dict[str, Any]:
        scheme, _, params = handler.headers["Authorization"].partition(" ")
        assert scheme == "vapid", scheme
        parts = dict(item.split("=", 1) for item in params.split(","))
        assert parts["k"] == self.vapid_public_key, "unexpected VAPID key"
        public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), b64url_decode(parts["k"]))
        port = self.server.server_address[1]
        claims: dict[str, Any] = jwt.decode(
            parts["t"], key=public, algorithms=["ES256"], audience=f"http://127.0.0.1:{port}"
        )
        assert claims["sub"].startswith(("mailto:", "https:")), claims
        return claims

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        service = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                name = self.path.rsplit("/", 1)[-1]
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                try:
                    claims = service._verify(self)
                    assert self.headers["Content-Encoding"] == "aes128gcm"
                    browser = service.browsers[name]
                    plain = http_ece.decrypt(
                        body, private_key=browser.private_key, auth_secret=browser.auth, version="aes128gcm"
                    )
                    headers = {k.lower(): v for k, v in self.headers.items()}
                    service.received.append(Received(self.path, headers, claims, json.loads(plain)))
                except Exception as exc:  # noqa: BLE001 - reported to the test
                    service.errors.append(f"{exc.__class__.__name__}: {exc}")
                    self.send_response(400)
                    self.end_headers()
                    return
                time.sleep(service.delay)
                status = service.statuses.pop(0) if service.statuses else 201
                try:
                    self.send_response(status)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                except OSError:  # the sender died while we waited
                    pass

        return Handler
