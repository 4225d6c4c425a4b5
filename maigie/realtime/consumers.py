"""WebSocket consumers: authentication, origin check and heartbeat shared; ``/ws/updates``."""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

from channels.generic.websocket import AsyncJsonWebsocketConsumer, AsyncWebsocketConsumer
from django.conf import settings
from django.http.request import validate_host

from maigie import tracing
from maigie.api_errors import REDIS_UNAVAILABLE, RETRY_AFTER_UNAVAILABLE
from maigie.encoding import JSONRefused, parse_json
from maigie.metrics import WEBSOCKET_CONNECTIONS
from maigie.realtime import events
from maigie.realtime.auth import Session, session_for_token, session_is_current
from maigie.realtime.groups import user_group
from maigie.realtime.sessions import session_group

CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN_ORIGIN = 4403
CLOSE_HEARTBEAT_TIMEOUT = 4408
CLOSE_BAD_FRAME = 4400
CLOSE_MESSAGE_TOO_BIG = 1009  # RFC 6455


def origin_allowed(origin: str) -> bool:
    """Browsers send ``Origin``: it must be an allowed host or an allowed CORS origin."""
    if origin in settings.CORS_ALLOWED_ORIGINS:
        return True
    host = urlsplit(origin).hostname
    return host is not None and validate_host(host, settings.ALLOWED_HOSTS)


class AuthenticatedJsonConsumer(AsyncJsonWebsocketConsumer):
    """Authenticates by ``?token=`` or a first ``auth`` frame, checks Origin, keeps a heartbeat.

    Subclasses implement :meth:`start` (authenticated, accepted) and :meth:`handle` (each later
    frame other than ping/pong). The socket closes with 4401 when its token expires or the user's
    sessions are revoked (password change or reset, deactivation, staff revocation).
    """

    user: Any = None
    session: Session | None = None
    _heartbeat: asyncio.Task[None] | None = None
    _auth_timer: asyncio.Task[None] | None = None
    _expiry_timer: asyncio.Task[None] | None = None
    _last_heard: float = 0.0
    _counted = False  # this socket is in maigie_websocket_connections

    async def dispatch(self, message: dict[str, Any]) -> None:
        """Each message in a span: ``WS connect``/``WS receive``/``WS disconnect``, or a group message's
        type (``WS realtime.event``) continuing the publisher's trace."""
        kind = message["type"]
        name = "WS " + kind.removeprefix("websocket.")
        span_kind = "SERVER" if kind.startswith("websocket.") else "CONSUMER"
        with tracing.span(name, kind=span_kind, parent=message.get("trace"), **{"url.path": self.scope["path"]}):
            await super().dispatch(message)

    async def send(self, text_data: str | None = None, bytes_data: bytes | None = None, close: bool = False) -> None:
        with tracing.span("WS send", kind="PRODUCER", **{"url.path": self.scope["path"]}):
            await super().send(text_data=text_data, bytes_data=bytes_data, close=close)

    async def connect(self) -> None:
        await self.accept()
        WEBSOCKET_CONNECTIONS.labels(path=self.scope["path"]).inc()
        self._counted = True
        origin = dict(self.scope.get("headers", [])).get(b"origin")
        if origin is not None and not origin_allowed(origin.decode("latin-1")):
            await self.close(code=CLOSE_FORBIDDEN_ORIGIN)
            return
        self.query = {key: values[0] for key, values in parse_qs(self.scope["query_string"].decode()).items()}
        if "token" in self.query:
            await self._authenticate(self.query["token"], self.query)
        else:
            self._auth_timer = asyncio.ensure_future(self._require_auth_within(settings.REALTIME_AUTH_TIMEOUT))

    async def _require_auth_within(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
        if self.user is None:
            await self.close(code=CLOSE_UNAUTHENTICATED)

    async def _authenticate(self, token: Any, options: dict[str, Any]) -> None:
        session = await session_for_token(token) if isinstance(token, str) else None
        if session is None:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        if self._auth_timer is not None:
            self._auth_timer.cancel()
        self.session = session
        await self.channel_layer.group_add(session_group(session.user.pk), self.channel_name)
        # A revocation committed between the check above and joining the group would go unheard.
        if not await session_is_current(session):
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        self.user = session.user
        self._expiry_timer = asyncio.ensure_future(self._close_at(session.expires_at))
        self._last_heard = asyncio.get_running_loop().time()
        self._heartbeat = asyncio.ensure_future(self._keep_alive())
        await self.start(options)

    async def _close_at(self, expires_at: float) -> None:
        await asyncio.sleep(max(0.0, expires_at - time.time()))
        await self.close(code=CLOSE_UNAUTHENTICATED)

    async def session_revoked(self, message: dict[str, Any]) -> None:
        """The user's sessions were revoked: a socket opened with an older token closes."""
        if self.session is not None and int(message["version"]) > self.session.version:
            await self.close(code=CLOSE_UNAUTHENTICATED)

    async def _keep_alive(self) -> None:
        """Ping every ``REALTIME_HEARTBEAT_INTERVAL`` and close a socket silent for ``REALTIME_HEARTBEAT_TIMEOUT``.

        Each socket pings at its own phase (a random first wait): the sockets of a burst of connects (every client
        reconnecting after a deploy) would otherwise ping in the same second ever after, a stall for the process
        every interval (bench.realtime: the publish p99 was 1.4-3x the bare consumer's with in-phase pings).
        """
        loop = asyncio.get_running_loop()
        interval = settings.REALTIME_HEARTBEAT_INTERVAL
        await asyncio.sleep(random.uniform(0, interval))  # noqa: S311 (a phase, not a secret)
        while True:
            if loop.time() - self._last_heard > settings.REALTIME_HEARTBEAT_TIMEOUT:
                await self.close(code=CLOSE_HEARTBEAT_TIMEOUT)
                return
            await self.send_json({"type": "ping"})
            await asyncio.sleep(interval)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None, **kwargs: Any) -> None:
        """Parse a frame under the JSON policy (maigie.encoding); an oversized one closes with 1009."""
        data = text_data if text_data is not None else bytes_data or b""
        if len(data) > settings.WEBSOCKET_MAX_MESSAGE_BYTES:
            await self.close(code=CLOSE_MESSAGE_TOO_BIG)
            return
        try:
            content = parse_json(data)
        except JSONRefused as exc:  # malformed, too deep, or text PostgreSQL cannot store
            await self.send_error("bad_frame", exc.message, details=exc.details)
            return
        if not isinstance(content, dict) or not isinstance(content.get("type"), str):
            await self.send_error("bad_frame", "Frames are JSON objects with a string 'type'.")
            return
        try:
            await self.receive_json(content)
        except REDIS_UNAVAILABLE:
            await self.send_error(
                "service_unavailable",
                "A service the API depends on is unavailable; retry later.",
                details={"retry_after": RETRY_AFTER_UNAVAILABLE},
            )

    async def receive_json(self, content: dict[str, Any], **kwargs: Any) -> None:
        self._last_heard = asyncio.get_running_loop().time()
        kind = content["type"]
        if self.user is None:
            if kind == "auth":
                await self._authenticate(content.get("token"), content)
            else:
                await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        if kind == "ping":
            await self.send_json({"type": "pong"})
        elif kind != "pong":
            await self.handle(content)

    async def send_error(self, code: str, message: str, **extra: Any) -> None:
        """Send an error frame; the connection stays open."""
        await self.send_json({"type": "error", "code": code, "message": message, **extra})

    async def disconnect(self, code: int) -> None:
        if self._counted:
            WEBSOCKET_CONNECTIONS.labels(path=self.scope["path"]).dec()
            self._counted = False
        for task in (self._heartbeat, self._auth_timer, self._expiry_timer):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        if self.session is not None:
            await self.channel_layer.group_discard(session_group(self.session.user.pk), self.channel_name)
        await self.stop()

    async def start(self, options: dict[str, Any]) -> None:
        """Called once the connection is authenticated."""

    async def handle(self, content: dict[str, Any]) -> None:
        """Called for each frame after authentication."""
        await self.send_error("unknown_type", f"Unsupported frame type {content['type']!r}.")

    async def stop(self) -> None:
        """Called when the connection ends."""


class UpdatesConsumer(AuthenticatedJsonConsumer):
    """``/ws/updates``: replays what a reconnecting client missed, then relays live events in order."""

    group: str | None = None
    last_seq = 0

    async def start(self, options: dict[str, Any]) -> None:
        self.group = user_group(self.user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        current = await events.current_seq(self.user.pk)
        await self.send_json({"type": "hello", "user_id": str(self.user.pk), "seq": current})
        requested = options.get("last_seq")
        if requested is None:
            self.last_seq = current
            return
        try:
            after = int(requested)
        except (TypeError, ValueError):
            after = -1
        missed = await events.events_between(self.user.pk, after=after) if 0 <= after <= current else None
        if missed is None or (after < current and not missed):
            await self.send_json({"type": "resync", "seq": current})
            self.last_seq = current
            return
        for event in missed:
            await self.send(text_data=event.payload)
            self.last_seq = event.seq

    async def stop(self) -> None:
        if self.group is not None:
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def realtime_event(self, message: dict[str, Any]) -> None:
        """Relay an event published to the user's group, in sequence, filling any gap from the log."""
        seq = int(message["seq"])
        if seq <= self.last_seq:
            return
        if seq > self.last_seq + 1:
            missing = await events.events_between(self.user.pk, after=self.last_seq, upto=seq - 1)
            if missing is None:
                await self.send_json({"type": "resync", "seq": seq})
            else:
                for event in missing:
                    await self.send(text_data=event.payload)
        await self.send(text_data=message["payload"])
        self.last_seq = seq


class UnknownPathConsumer(AsyncWebsocketConsumer):
    """Any path that is no WebSocket endpoint: accepted, then closed with 4400 (the router would answer a 500)."""

    async def connect(self) -> None:
        await self.accept()
        await self.close(code=4400)
