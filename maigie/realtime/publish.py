"""Publish a realtime event to a user's open clients, after the transaction commits."""

from __future__ import annotations

import asyncio
import os
import threading
from typing import Any

import structlog
from asgiref.sync import async_to_sync
from channels.layers import BaseChannelLayer, get_channel_layer
from channels_redis.core import RedisChannelLayer
from django.conf import settings
from django.db import transaction

from maigie import cache, tracing
from maigie.realtime import events, registry
from maigie.realtime.groups import user_group

logger = structlog.get_logger(__name__)

GROUP_SEND_TIMEOUT = 30.0  # seconds; longer than the channel layer's own Redis timeouts
_publisher_lock = threading.Lock()
_publisher: tuple[int, asyncio.AbstractEventLoop] | None = None


def _publisher_loop() -> asyncio.AbstractEventLoop:
    """This process's event loop for group sends, running in a daemon thread (made again after a fork).

    channels-redis keeps its Redis connections per event loop; ``async_to_sync`` from a plain
    thread runs each call on a new loop, so every publish opened (and closed) a Redis connection.
    """
    global _publisher
    with _publisher_lock:
        if _publisher is None or _publisher[0] != os.getpid():
            loop = asyncio.new_event_loop()
            threading.Thread(target=loop.run_forever, name="realtime-publisher", daemon=True).start()
            _publisher = (os.getpid(), loop)
        return _publisher[1]


def _group_send(layer: BaseChannelLayer, group: str, message: dict[str, Any]) -> None:
    if isinstance(layer, RedisChannelLayer):
        future = asyncio.run_coroutine_threadsafe(layer.group_send(group, message), _publisher_loop())
        future.result(timeout=GROUP_SEND_TIMEOUT)
    else:  # e.g. the in-memory layer, whose queues belong to the caller's loop
        async_to_sync(layer.group_send)(group, message)


def send_now(*, user_id: Any, event: str, data: dict[str, Any]) -> events.Recorded | None:
    """Record ``event`` in the user's log and push it to their connections, immediately."""
    try:
        recorded = events.record(user_id=user_id, event=event, data=data)
        layer = get_channel_layer()
        if layer is not None:
            with tracing.span("WS group_send", kind="PRODUCER", event=event):
                message: dict[str, Any] = {"type": "realtime.event", "seq": recorded.seq, "payload": recorded.payload}
                parent = tracing.carrier()
                if parent:  # the consumer's send joins this trace
                    message["trace"] = parent
                _group_send(layer, user_group(user_id), message)
    except Exception:  # a dropped notification must never undo a committed write
        logger.exception("realtime_publish_failed", event=event, user_id=str(user_id))
        return None
    return recorded


def publish(*, user_id: Any, event: str, data: dict[str, Any]) -> None:
    """Send ``event`` to every connection of ``user_id`` once the current transaction commits.

    ``event`` is a name an app declares in its ``events.py``; with ``REALTIME_VALIDATE_EVENTS`` on
    (tests, ``DEBUG``) an undeclared name or a payload that does not fit raises
    :class:`~maigie.realtime.registry.InvalidEvent` here, inside the caller's transaction.
    The user's cached reads depending on ``event`` (:mod:`maigie.cache`) are invalidated first, so
    a client refetching on the event reads the new data.
    """
    if settings.REALTIME_VALIDATE_EVENTS:
        registry.validate(event, data)
    transaction.on_commit(lambda: _invalidate_and_send(user_id=user_id, event=event, data=data))


def _invalidate_and_send(*, user_id: Any, event: str, data: dict[str, Any]) -> None:
    try:
        cache.invalidate(user_id=user_id, event=event)
    except Exception:  # the cached values expire with their TTL; the write has committed
        logger.exception("cache_invalidate_failed", event=event, user_id=str(user_id))
    send_now(user_id=user_id, event=event, data=data)
