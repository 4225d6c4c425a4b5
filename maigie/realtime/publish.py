"""Publish a realtime event to a user's open clients, after the transaction commits."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

import structlog
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import transaction

from maigie import cache, tracing
from maigie.realtime import events, registry
from maigie.realtime.groups import user_group
from maigie.realtime.layer import BatchingRedisChannelLayer

logger = structlog.get_logger(__name__)


def send_now(*, user_id: Any, event: str, data: dict[str, Any]) -> events.Recorded | None:
    """Record ``event`` in the user's log and push it to their connections, immediately."""
    return send_many_now(user_ids=[user_id], event=event, data=data)[0]


def send_many_now(*, user_ids: list[Any], event: str, data: dict[str, Any]) -> list[events.Recorded | None]:
    """:func:`send_now` to each of ``user_ids``: every log entry in one Redis round trip, the sends in two more.

    Each user still gets the next number of their own sequence, so ``last_seq`` replay is unchanged.
    """
    try:
        recorded = events.record_many(user_ids=user_ids, event=event, data=data)
    except Exception:  # a dropped notification must never undo a committed write
        logger.exception("realtime_publish_failed", name=event, users=len(user_ids))
        return [None] * len(user_ids)
    try:
        layer = cast(BatchingRedisChannelLayer, get_channel_layer())  # settings.CHANNEL_LAYERS names it
        with tracing.span("WS group_send", kind="PRODUCER", event=event, recipients=len(user_ids)):
            parent = tracing.carrier()
            sends = []
            for user_id, entry in zip(user_ids, recorded, strict=True):
                message: dict[str, Any] = {"type": "realtime.event", "seq": entry.seq, "payload": entry.payload}
                if parent:  # the consumer's send joins this trace
                    message["trace"] = parent
                sends.append((user_group(user_id), message))
            # From this thread on blocking Redis clients: two round trips, no event loop, no thread hand-off.
            layer.group_send_many_blocking(sends)
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
