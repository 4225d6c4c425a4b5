"""Closing a user's WebSockets when their sessions are revoked (password change, deactivation...)."""

from __future__ import annotations

from typing import Any

import structlog
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = structlog.get_logger(__name__)


def session_group(user_id: Any) -> str:
    """The group every authenticated connection of one user joins, whatever its endpoint."""
    return f"sessions.{user_id}"


def _send(user_id: Any, version: int) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(session_group(user_id), {"type": "session.revoked", "version": version})
    except Exception:  # the revocation is committed; sockets still close at their token's expiry
        logger.exception("session_close_publish_failed", user_id=str(user_id))


def sessions_close(*, user_id: Any, version: int) -> None:
    """After the commit, close every socket of ``user_id`` authenticated with a token older than ``version``."""
    transaction.on_commit(lambda: _send(user_id, version))
