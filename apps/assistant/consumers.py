"""``/ws/chat``: the assistant's conversation, streamed (frames in docs/websockets.md)."""

from __future__ import annotations

import functools
import math
import os
import sys
import threading
import uuid
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, ParamSpec, TypeVar, cast

import structlog
from asgiref.sync import async_to_sync, sync_to_async
from channels.db import database_sync_to_async
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections
from django.http import Http404
from rest_framework.exceptions import Throttled

from apps.accounts.throttling import throttle_user
from apps.assistant import selectors
from apps.assistant.models import Conversation
from apps.assistant.services.actions import action_confirm, action_reject, action_view
from apps.assistant.services.chat import CHAT_THROTTLE_SCOPE, ChatReply, chat_turn
from apps.assistant.services.conversations import conversation_create, conversation_discard_if_empty
from maigie.errors import Conflict, QuotaExceeded
from maigie.realtime.consumers import CLOSE_BAD_FRAME, AuthenticatedJsonConsumer

logger = structlog.get_logger(__name__)

CLOSE_NOT_FOUND = 4404
DECISIONS = {"confirm": action_confirm, "reject": action_reject}
# Chat turns answered at once by one daphne process. ``database_sync_to_async`` alone runs every call of
# the process on one thread, so a turn waited for every other socket's turn (and their SQL round trips did
# not overlap). With the thread that runs the rest of the sockets' database calls, this stays within the
# connection pool (DATABASE_POOL_MAX_SIZE, 4 in production): one connection is left for that thread.
_POOL = settings.DATABASES["default"].get("OPTIONS", {}).get("pool")
CHAT_THREADS = max(1, min(3, _POOL["max_size"] - 1)) if isinstance(_POOL, dict) else 3


def _lower_priority() -> None:
    """A chat thread yields the CPU to the request path: its nice value is raised (Linux: per thread).

    A refused change leaves the thread as is.
    """
    increment = max(0, settings.CHAT_THREAD_NICE)
    if not increment or sys.platform != "linux":
        return
    tid = threading.get_native_id()
    try:
        os.setpriority(os.PRIO_PROCESS, tid, min(19, os.getpriority(os.PRIO_PROCESS, tid) + increment))
    except OSError:
        logger.warning("chat_thread_priority_refused", increment=increment)


_chat_threads = ThreadPoolExecutor(
    max_workers=CHAT_THREADS, thread_name_prefix="chat-turn", initializer=_lower_priority
)
P = ParamSpec("P")
R = TypeVar("R")


def in_chat_thread(func: Callable[P, R]) -> Callable[P, Awaitable[R]]:
    """``func`` (a chat or voice turn) run on the chat threads; a chat thread keeps no connection between turns."""

    @functools.wraps(func)
    def turn(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        finally:
            connections.close_all()  # this thread's connections: back to the pool (closed without one)

    return cast(Callable[P, Awaitable[R]], database_sync_to_async(turn, thread_sensitive=False, executor=_chat_threads))


class ChatConsumer(AuthenticatedJsonConsumer):
    """One conversation per connection; messages are answered one at a time, in order.

    A conversation the socket started is removed when the socket closes if nothing was said in it, so
    opening and closing sockets (reconnects, refused first messages) leaves no empty conversations.
    """

    conversation: Conversation | None = None
    started_conversation = False

    async def start(self, options: dict[str, Any]) -> None:
        requested = options.get("conversation") or self.query.get("conversation")
        try:
            self.conversation = await self._conversation(requested)
            self.started_conversation = not requested
        except ValueError:
            await self.close(code=CLOSE_BAD_FRAME)
            return
        except Http404:
            await self.close(code=CLOSE_NOT_FOUND)
            return
        await self.send_json(
            {"type": "hello", "user_id": str(self.user.pk), "conversation_id": str(self.conversation.pk)}
        )

    async def stop(self) -> None:
        if self.started_conversation and self.conversation is not None:
            await database_sync_to_async(conversation_discard_if_empty)(conversation=self.conversation)
        await super().stop()

    @database_sync_to_async
    def _conversation(self, requested: Any) -> Conversation:
        if not requested:
            return conversation_create(user=self.user)
        return selectors.conversation_get(user=self.user, pk=uuid.UUID(str(requested)))

    async def handle(self, content: dict[str, Any]) -> None:
        kind = content["type"]
        if kind == "message":
            await self._message(content)
        elif kind in DECISIONS:
            await self._decide(kind, content.get("action_id"))
        else:
            await super().handle(content)

    async def _message(self, content: dict[str, Any]) -> None:
        client_id = content.get("client_id")
        wait = await sync_to_async(throttle_user)(scope=CHAT_THROTTLE_SCOPE, user_id=self.user.pk)
        if wait is not None:
            refusal = Throttled(wait=wait)
            await self.send_error(
                refusal.default_code,
                str(refusal.detail),
                details={"retry_after": math.ceil(wait)},
                client_id=client_id,
            )
            return
        try:
            await in_chat_thread(self._reply)(content)
        except ValidationError as exc:
            await self.send_error("validation_error", " ".join(exc.messages), client_id=client_id)
        except QuotaExceeded as exc:
            await self.send_error(exc.code, exc.message, details=exc.details, client_id=client_id)

    def _reply(self, content: dict[str, Any]) -> None:
        send = async_to_sync(self.send_json)
        client_id = content.get("client_id")

        def emit(frame: dict[str, Any]) -> None:
            send({**frame, "client_id": client_id} if frame["type"] == "ack" else frame)

        assert self.conversation is not None
        reply = chat_turn(user=self.user, conversation=self.conversation, content=content.get("content"), emit=emit)
        self.replied(reply, content)

    def replied(self, reply: ChatReply, content: dict[str, Any]) -> None:
        """Called (on the chat thread) after a reply's ``done`` frame; the voice socket reads it aloud."""

    async def _decide(self, kind: str, action_id: Any) -> None:
        try:
            view = await database_sync_to_async(self._apply_decision)(kind, str(action_id))
        except (Http404, ValueError):
            await self.send_error("not_found", "No such action.", action_id=action_id)
        except Conflict as exc:
            await self.send_error(exc.code, exc.message, action_id=action_id)
        else:
            await self.send_json({"type": "action", "action": view})

    def _apply_decision(self, kind: str, action_id: str) -> dict[str, Any]:
        action = selectors.action_get(user=self.user, pk=uuid.UUID(action_id))
        return action_view(DECISIONS[kind](action=action))
