"""Short replies the chat answers itself, whatever the provider: "yes" or "no" to the proposals of the last reply,
and "undo that" for the last action done in the conversation.

A proposal is otherwise confirmed through its action's endpoint; a learner who answers it in the chat means the
same. Only a message that is wholly such an answer is taken (at most ``MAX_WORDS`` words): "yes but at 7pm" is a
new request for the provider.
"""

from __future__ import annotations

import re

from apps.assistant.models import ActionStatus, AIActionLog, ChatMessage, Conversation, Role
from apps.assistant.services.actions import action_confirm, action_reject, action_undo
from apps.assistant.tools.registry import get_tool
from maigie.errors import Conflict

MAX_WORDS = 6
UNDO_LOOKBACK = 20  # the executed actions searched, newest first, for the last one that wrote
_CONSENT = (
    "yes|yeah|yea|yep|yup|ya|sure|ok|okay|k|confirm|confirmed|do it|go ahead|go for it|please|pls|do|it|that|"
    "sounds good|correct|absolutely|definitely|of course|alright|delete it|remove it|cancel it|yes please"
)
_REFUSAL = "no|nope|nah|cancel|don't|dont|do not|never mind|nevermind|stop|no thanks|keep it|not now|wait no"
_UNDO = re.compile(
    r"^(?:(?:please|pls|can you|could you|oops|wait)\s+)*(?:undo|revert|reverse|take back)"
    r"(?:\s+(?:that|it|this|the last (?:thing|action|change|one)(?: you did)?|what you (?:just )?did))?"
    r"(?:\s+(?:please|pls))?$"
)


def _said(text: str) -> str:
    return " ".join(re.sub(r"[^\w' ]+", " ", text.lower().replace("\u2019", "'")).split())


def _only(phrases: str, said: str) -> bool:
    return bool(said) and re.fullmatch(rf"(?:(?:{phrases})\s*)+", said) is not None


def follow_up(*, conversation: Conversation, content: str, reply: ChatMessage) -> tuple[str, list[AIActionLog]] | None:
    """The reply's text and the actions it settled, when ``content`` answers the last reply's proposals or asks to
    undo the last action; None for any other message (the provider answers it)."""
    said = _said(content)
    if len(said.split()) > MAX_WORDS:
        return None
    if _UNDO.match(said):
        return _undo_last(conversation)
    consent, refusal = _only(_CONSENT, said), _only(_REFUSAL, said)
    if consent == refusal:
        return None
    pending = _pending_proposals(conversation, reply)
    if not pending:
        return None
    if refusal:
        settled = [action_reject(action=action) for action in pending]
        return "OK, I won't: " + "; ".join(_described(a) for a in settled) + ".", settled
    settled = [action_confirm(action=action) for action in pending]
    return " ".join(_outcome(action) for action in settled), settled


def _pending_proposals(conversation: Conversation, reply: ChatMessage) -> list[AIActionLog]:
    """The actions still proposed in the assistant's last reply before ``reply``."""
    last = (
        ChatMessage.objects.filter(conversation=conversation, role=Role.ASSISTANT)
        .exclude(pk=reply.pk)
        .order_by("-created_at")
        .first()
    )
    return list(last.actions.filter(status=ActionStatus.PROPOSED)) if last else []


def _undo_last(conversation: Conversation) -> tuple[str, list[AIActionLog]]:
    """Undo the conversation's last executed action that wrote something (a read has nothing to undo)."""
    executed = AIActionLog.objects.filter(message__conversation=conversation, status=ActionStatus.EXECUTED)
    done = next(
        (
            a
            for a in executed.order_by("-updated_at")[:UNDO_LOOKBACK]
            if (tool := get_tool(a.action_type)) and tool.undo
        ),
        None,
    )
    if done is None:
        return "There is nothing I did here that I can undo.", []
    try:
        undone = action_undo(action=done)
    except Conflict as refused:
        return f"I can't undo that: {refused.message}", []
    return f"Undone: {_described(undone)}.", [undone]


def _described(action: AIActionLog) -> str:
    summary = str(action.result.get("summary", "")) if isinstance(action.result, dict) else ""
    return summary.removeprefix("Please confirm: ").rstrip(".") or action.action_type.replace("_", " ")


def _outcome(action: AIActionLog) -> str:
    if action.status == ActionStatus.EXECUTED:
        return _described(action) + "."
    return f"I could not {action.action_type.replace('_', ' ')}: {action.error}"
