"""The assistant's reply: a streamed model turn, tool calls run through the services, repeated.

``chat_turn`` is the one entry point of a chat turn, whatever the transport (REST JSON, server-sent
events, ``/ws/chat``): it checks the message (``MAX_MESSAGE_LENGTH``, raising ``ValidationError`` on
``content``), picks the providers (``providers_for``) and answers with ``chat_reply`` over the
conversation's context (``conversation_context``). The transports only adapt how frames are sent
and how a refusal (``ValidationError``, ``QuotaExceeded``) is shown.

``chat_reply`` counts the message against the plan's daily quota (refusing it with
``QuotaExceeded`` before anything is saved), saves the learner's message, runs up to
``MAX_TOOL_ROUNDS`` provider turns (tool results are fed back to the model), saves the reply with
its token usage (added to the learner's ``UsageDay``), and reports progress through ``emit`` as the
frames of docs/websockets.md (token, action, proposal, done). Messages too old for the prompt's
history budget are first folded into the conversation's running summary (``conversation_summarise``).
If the configured provider fails, the offline provider answers instead. A message that only answers the last
reply's proposals ("yes", "no") or asks to undo the last action is settled without a provider (``follow_up``).
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.assistant import events, quotas
from apps.assistant.context import conversation_context
from apps.assistant.models import ActionStatus, AIActionLog, ChatMessage, Conversation, Role
from apps.assistant.providers.base import (
    Message,
    Passage,
    Provider,
    ProviderError,
    TextDelta,
    ToolCallsRequested,
    TurnFinished,
)
from apps.assistant.providers.selection import providers_for
from apps.assistant.services.actions import action_run, action_view
from apps.assistant.services.conversations import conversation_summarise
from apps.assistant.services.follow_ups import follow_up
from apps.assistant.services.usage import usage_reply_record
from apps.assistant.tools.registry import all_tools
from maigie.realtime.publish import publish

MAX_MESSAGE_LENGTH = 4000  # the longest message a learner may send, on every transport
CHAT_THROTTLE_SCOPE = "chat"  # REST and WebSocket messages count on this one budget per user (THROTTLE_CHAT)
MAX_TOOL_ROUNDS = 4
_CITATION = re.compile(r"\[(\d{1,2})\]")
INTERRUPTED = "\n\n(The AI service stopped responding; the actions listed were completed.)"
Emit = Callable[[dict[str, Any]], None]
ContextBuilder = Callable[[User, Conversation], list[Message]]


@dataclass
class ChatReply:
    """The saved reply and the actions taken for it."""

    message: ChatMessage
    actions: list[AIActionLog] = field(default_factory=list)


@dataclass
class _Turns:
    """What the tool loop produced."""

    text: str = ""
    actions: list[AIActionLog] = field(default_factory=list)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    model: str = ""


def _ignore(frame: dict[str, Any]) -> None:
    return None


@transaction.atomic
def _turn_start(*, user: User, conversation: Conversation, content: str, provider: Provider) -> ChatMessage:
    """Count the message (``QuotaExceeded`` before anything is saved), save it and the reply's row: one commit."""
    quotas.message_quota_reserve(user)
    ChatMessage.objects.create(conversation=conversation, user=user, role=Role.USER, content=content)
    updates: dict[str, Any] = {"updated_at": timezone.now()}
    if not conversation.title:
        updates["title"] = content.strip()[:80]
    Conversation.objects.filter(pk=conversation.pk).update(**updates)
    return ChatMessage.objects.create(
        id=uuid.uuid4(), conversation=conversation, user=user, role=Role.ASSISTANT, provider=provider.name
    )


@transaction.atomic
def _turn_finish(*, user: User, conversation: Conversation, reply: ChatMessage, turns: _Turns) -> list[dict[str, Any]]:
    """Save the reply, add its tokens to the day's usage and publish it on commit: one commit."""
    reply.save(update_fields=["content", "citations", "model", "prompt_tokens", "completion_tokens", "provider"])
    usage_reply_record(
        user=user,
        day=timezone.now().date(),
        model=reply.model,
        prompt_tokens=reply.prompt_tokens,
        completion_tokens=reply.completion_tokens,
    )
    actions = [action_view(action) for action in turns.actions]
    publish(
        user_id=user.pk,
        event=events.CHAT_MESSAGE,
        data={"conversation_id": str(conversation.pk), "message_id": str(reply.pk), "actions": actions},
    )
    return actions


def _run_turns(
    *, user: User, provider: Provider, history: list[Message], reply: ChatMessage, emit: Emit, turns: _Turns
) -> None:
    specs = [tool.spec() for tool in all_tools()]
    token_index = 0
    for _ in range(MAX_TOOL_ROUNDS):
        round_text: list[str] = []
        calls: tuple[Any, ...] = ()
        for event in provider.stream_turn(messages=history, tools=specs):
            if isinstance(event, TextDelta):
                round_text.append(event.text)
                emit({"type": "token", "message_id": str(reply.pk), "index": token_index, "content": event.text})
                token_index += 1
            elif isinstance(event, ToolCallsRequested):
                calls = event.calls
            elif isinstance(event, TurnFinished):
                turns.prompt_tokens += event.prompt_tokens
                turns.completion_tokens += event.completion_tokens
                turns.model = event.model
        turns.text += "".join(round_text)
        if not calls:
            return
        history.append(Message(role=Role.ASSISTANT, content="".join(round_text), tool_calls=calls))
        for call in calls:
            action = action_run(user=user, call=call, message=reply)
            turns.actions.append(action)
            kind = "proposal" if action.status == ActionStatus.PROPOSED else "action"
            emit({"type": kind, "message_id": str(reply.pk), "action": action_view(action)})
            history.append(Message(role="tool", content=json.dumps(action_view(action)), tool_call_id=call.id))


def cited(text: str, passages: Sequence[Passage], *, actions: Sequence[AIActionLog] = ()) -> list[dict[str, Any]]:
    """The prompt's ``passages`` the reply refers to as ``[n]``, in order of number, then the passages every
    executed search tool answered from (its result carries ``citations``; they have no number), each once."""
    numbers = {int(number) for number in _CITATION.findall(text)}
    found = [passage.citation() for n, passage in enumerate(passages, start=1) if n in numbers]
    found += [
        citation
        for action in actions
        if action.status == ActionStatus.EXECUTED and isinstance(action.result, dict)
        for citation in action.result.get("citations", [])
    ]
    unique: dict[tuple[Any, ...], dict[str, Any]] = {}
    for citation in found:
        unique.setdefault((citation["type"], citation["id"], citation.get("chunk")), citation)
    return list(unique.values())


def message_content_clean(content: object) -> str:
    """``content`` stripped, or ``ValidationError`` on ``content`` unless it is text of 1 to ``MAX_MESSAGE_LENGTH``."""
    text = content.strip() if isinstance(content, str) else ""
    if not text or len(text) > MAX_MESSAGE_LENGTH:
        message = f"'content' must be non-empty text of at most {MAX_MESSAGE_LENGTH} characters."
        raise ValidationError({"content": [message]})
    return text


def chat_turn(*, user: User, conversation: Conversation, content: object, emit: Emit = _ignore) -> ChatReply:
    """One chat turn for every transport: check ``content``, pick the providers, reply over the context."""
    text = message_content_clean(content)
    provider, fallback = providers_for(user)
    return chat_reply(
        user=user,
        conversation=conversation,
        content=text,
        provider=provider,
        fallback=fallback,
        context=conversation_context,
        emit=emit,
    )


def chat_reply(
    *,
    user: User,
    conversation: Conversation,
    content: str,
    provider: Provider,
    fallback: Provider,
    context: ContextBuilder,
    emit: Emit = _ignore,
) -> ChatReply:
    """Answer ``content`` in ``conversation``, acting through the tools; see the module docstring."""
    reply = _turn_start(user=user, conversation=conversation, content=content, provider=provider)
    emit({"type": "ack", "message_id": str(reply.pk)})
    conversation_summarise(conversation=conversation)  # what no longer fits the prompt, kept as a summary
    history = context(user, conversation)
    turns = _Turns()
    if answered := follow_up(conversation=conversation, content=content, reply=reply):
        turns.text, turns.actions = answered  # "yes" to the last reply's proposal, "undo that"
    else:
        try:
            _run_turns(user=user, provider=provider, history=list(history), reply=reply, emit=emit, turns=turns)
        except ProviderError:
            if turns.actions:  # never repeat what was already done: report it and stop
                turns.text += INTERRUPTED
            else:
                reply.provider, turns = fallback.name, _Turns()
                _run_turns(user=user, provider=fallback, history=list(history), reply=reply, emit=emit, turns=turns)
    reply.content = turns.text
    reply.citations = cited(turns.text, history[0].passages if history else (), actions=turns.actions)
    reply.model = turns.model
    reply.prompt_tokens = turns.prompt_tokens
    reply.completion_tokens = turns.completion_tokens
    actions = _turn_finish(user=user, conversation=conversation, reply=reply, turns=turns)
    emit(
        {
            "type": "done",
            "message_id": str(reply.pk),
            "content": reply.content,
            "actions": actions,
            "citations": reply.citations,
        }
    )
    return ChatReply(message=reply, actions=turns.actions)
