"""Publish a realtime event to a user's open clients, after the transaction commits."""

from __future__ import annotations

import time
from typing import Any

import structlog
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from maigie.realtime.groups import user_group

logger = structlog.get_logger(__name__)


def _send(user_id: Any, event: str, data: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    frame = {"type": "event", "event": event, "data": data, "ts": time.time()}
    try:
        async_to_sync(layer.group_send)(user_group(user_id), {"type": "realtime.event", "frame": frame})
    except Exception:  # a dropped notification must never undo a committed write
        logger.exception("realtime_publish_failed", event=event, user_id=str(user_id))


def publish(*, user_id: Any, event: str, data: dict[str, Any]) -> None:
    """Send ``event`` to every connection of ``user_id`` once the current transaction commits."""
    transaction.on_commit(lambda: _send(user_id, event, data))
