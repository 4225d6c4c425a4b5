"""Publish a realtime event to a user's open clients, after the transaction commits."""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Iterable
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
from maigie.realtime.layer import BatchingRedisChannelLayer

logger = structlog.get_logger(__name__)

CONCURRENT_SENDS = 8  # group sends in flight at once per publish
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


def start_publisher() -> None:
    """Start this process's publisher thread now; a thread inherits its starter's CPU priority."""
    _publisher_loop()


async def _send_all(layer: BaseChannelLayer, sends: list[tuple[str, dict[str, Any]]]) -> None:
    """The group sends: in two Redis round trips with the project's layer, else ``CONCURRENT_SENDS`` at a time.

    Bounded because each send in flight holds one of channels-redis' pooled connections (a space of 200
    members sent at once ran out of them: ``MaxConnectionsError``).
    """
    if isinstance(layer, BatchingRedisChannelLayer):
        await layer.group_send_many(sends)
        return
    gate = asyncio.Semaphore(CONCURRENT_SENDS)

    async def send(group: str, message: dict[str, Any]) -> None:
        async with gate:
            await layer.group_send(group, message)

    await asyncio.gather(*(send(group, message) for group, message in sends))


def _group_send_all(layer: BaseChannelLayer, sends: list[tuple[str, dict[str, Any]]]) -> None:
    if isinstance(layer, RedisChannelLayer):
        future = asyncio.run_coroutine_threadsafe(_send_all(layer, sends), _publisher_loop())
        future.result(timeout=GROUP_SEND_TIMEOUT)
    else:  # e.g. the in-memory layer, whose queues belong to the caller's loop
        async_to_sync(_send_all)(layer, sends)


def send_now(*, user_id: Any, event: str, data: dict[str, Any]) -> events.Recorded | None:
    """Record ``event`` in the user's log and push it to their connections, immediately."""
    return send_many_now(user_ids=[user_id], event=event, data=data)[0]


def send_many_now(*, user_ids: list[Any], event: str, data: dict[str, Any]) -> list[events.Recorded | None]:
    """:func:`send_now` to each of ``user_ids``: every log entry in one Redis round trip, the sends overlapped.

    Each user still gets the next number of their own sequence, so ``last_seq`` replay is unchanged.
    """
    try:
        recorded = events.record_many(user_ids=user_ids, event=event, data=data)
    except Exception:  # a dropped notification must never undo a committed write
        logger.exception("realtime_publish_failed", name=event, users=len(user_ids))
        return [None] * len(user_ids)
    try:
        layer = get_channel_layer()
        if layer is not None:
            with tracing.span("WS group_send", kind="PRODUCER", event=event, recipients=len(user_ids)):
                parent = tracing.carrier()
                sends = []
                for user_id, entry in zip(user_ids, recorded, strict=True):
                    message: dict[str, Any] = {"type": "realtime.event", "seq": entry.seq, "payload": entry.payload}
                    if parent:  # the consumer's send joins this trace
                        message["trace"] = parent
                    sends.append((user_group(user_id), message))
                _group_send_all(layer, sends)
    except Exception:  # recorded: a client that reconnects, or gets the next event, is sent it from the log
        logger.exception("realtime_publish_failed", name=event, users=len(user_ids))
    return list(recorded)


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
    transaction.on_commit(lambda: _invalidate_and_send(user_ids=[user_id], event=event, data=data))


def publish_many(*, user_ids: Iterable[Any], event: str, data: dict[str, Any]) -> None:
    """:func:`publish` to each of ``user_ids`` (e.g. a space's members) in one batch after commit."""
    if settings.REALTIME_VALIDATE_EVENTS:
        registry.validate(event, data)
    recipients = list(dict.fromkeys(user_ids))
    if recipients:
        transaction.on_commit(lambda: _invalidate_and_send(user_ids=recipients, event=event, data=data))


def _invalidate_and_send(*, user_ids: list[Any], event: str, data: dict[str, Any]) -> None:
    try:
        cache.invalidate_many(user_ids=user_ids, event=event)
    except Exception:  # the cached values expire with their TTL; the write has committed
        logger.exception("cache_invalidate_failed", name=event, users=len(user_ids))
    send_many_now(user_ids=user_ids, event=event, data=data)
