"""What the model is told: the system prompt with the learner's context, and recent messages."""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Callable

from django.template.loader import render_to_string
from django.utils import timezone

from apps.accounts.models import User
from apps.assistant.models import ChatMessage, Conversation, Role
from apps.assistant.providers.base import Message, Passage

HISTORY_TOKEN_BUDGET = 3000
CONTEXT_TOKEN_BUDGET = 1000
HISTORY_MESSAGES = 50
PASSAGES = 4  # passages of the learner's own material given with a question

# An app that keeps the learner's texts (materials) finds the passages relevant to a question:
# the learner's own only, most relevant first, none when nothing is close enough.
Retriever = Callable[[User, str], list[Passage]]
_retrievers: list[Retriever] = []


def add_retriever(retriever: Retriever) -> Retriever:
    """Register a function that finds passages of the learner's material for a question."""
    _retrievers.append(retriever)
    return retriever


def retrieve(user: User, question: str) -> list[Passage]:
    """The ``PASSAGES`` most similar passages for ``question`` from every retriever."""
    found = [passage for retriever in _retrievers for passage in retriever(user, question)]
    return sorted(found, key=lambda passage: -passage.similarity)[:PASSAGES]


# Each app can add lines about the learner (active courses, goals, upcoming blocks...).
ContextSection = Callable[[User], list[str]]
_sections: list[ContextSection] = []


def add_context_section(section: ContextSection) -> ContextSection:
    """Register a function that describes part of the learner's data for the prompt."""
    _sections.append(section)
    return section


def estimate_tokens(text: str) -> int:
    """A cheap token estimate (about four characters a token), used for budgets and offline usage."""
    return max(1, (len(text) + 3) // 4) if text else 0


def _learner_context(user: User) -> str:
    lines: list[str] = []
    used = 0
    for section in _sections:
        for line in section(user):
            used += estimate_tokens(line)
            if used > CONTEXT_TOKEN_BUDGET:
                return "\n".join(lines)
            lines.append(line)
    return "\n".join(lines)


def system_prompt(user: User, passages: list[Passage] | None = None) -> str:
    """The system prompt for ``user`` (with the ``passages`` to cite), from ``templates/assistant/system.txt``."""
    local_now = timezone.now().astimezone(zoneinfo.ZoneInfo(user.timezone))
    return render_to_string(
        "assistant/system.txt",
        {
            "name": user.name or "the learner",
            "now_local": local_now.strftime("%A %Y-%m-%d %H:%M"),
            "timezone": user.timezone,
            "context": _learner_context(user),
            "passages": [{"number": n, "passage": p, "where": p.where} for n, p in enumerate(passages or [], start=1)],
        },
    ).strip()


def history_window(conversation: Conversation) -> list[tuple[str, str, datetime.datetime]]:
    """The most recent messages that fit ``HISTORY_TOKEN_BUDGET`` (at most ``HISTORY_MESSAGES``), newest first."""
    recent: list[tuple[str, str, datetime.datetime]] = []
    used = 0
    rows = (
        ChatMessage.objects.filter(conversation=conversation, role__in=[Role.USER, Role.ASSISTANT])
        .exclude(role=Role.ASSISTANT, content="")
        .order_by("-created_at")
        .values_list("role", "content", "created_at")[:HISTORY_MESSAGES]
    )
    for role, content, created_at in rows:
        used += estimate_tokens(content)
        if used > HISTORY_TOKEN_BUDGET and recent:
            break
        recent.append((role, content, created_at))
    return recent


def conversation_context(user: User, conversation: Conversation) -> list[Message]:
    """System prompt plus the most recent messages that fit the history budget, oldest first.

    Older messages reach the model through the conversation's running summary (in the system
    prompt). The passages of the learner's material relevant to their latest message go with the
    system prompt (text and ``passages``), so the reply can cite them.
    """
    recent = [Message(role=role, content=content) for role, content, _ in history_window(conversation)]
    question = recent[0].content if recent and recent[0].role == Role.USER else ""
    passages = retrieve(user, question) if question else []
    prompt = system_prompt(user, passages)
    if conversation.summary:
        prompt += f"\n\nEarlier in this conversation (summary): {conversation.summary}"
    system = Message(role=Role.SYSTEM, content=prompt, passages=tuple(passages))
    return [system, *reversed(recent)]
