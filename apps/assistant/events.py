"""The realtime events the assistant publishes (docs/websockets.md): names and payloads."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from apps.assistant.models import ActionStatus
from maigie.realtime.registry import Payload, declare


class ActionData(Payload):
    """An AI action as clients see it (``apps.assistant.services.actions.action_view``)."""

    id: UUID
    type: str
    status: ActionStatus
    input: dict[str, Any]
    result: Any
    error: str | None = None


class ChatMessageData(Payload):
    """An assistant reply is complete, with the actions it took."""

    conversation_id: UUID
    message_id: UUID
    actions: list[ActionData]


class MemoryFactData(Payload):
    """A fact the assistant remembers about the learner was added or forgotten."""

    id: UUID
    text: str


ASSISTANT_ACTION = declare("assistant.action", ActionData)
CHAT_MESSAGE = declare("chat.message", ChatMessageData)
MEMORY_FACT_CREATED = declare("assistant.memory.created", MemoryFactData)
MEMORY_FACT_DELETED = declare("assistant.memory.deleted", MemoryFactData)
