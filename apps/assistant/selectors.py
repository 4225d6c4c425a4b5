"""Reads of the assistant: a learner's conversations, messages, actions and usage."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch, QuerySet, Sum

from apps.accounts.models import User
from apps.assistant.models import AIActionLog, ChatMessage, Conversation, MemoryFact, UsageDay
from maigie.ownership import get_owned_or_404, owned_by

USAGE_FIELDS = ("messages", "prompt_tokens", "completion_tokens", "generations")


def conversation_list(*, user: User) -> QuerySet[Conversation]:
    """The learner's conversations, most recently active first."""
    return owned_by(Conversation.objects.all(), user=user).order_by("-updated_at")


def conversation_get(*, user: User, pk: object) -> Conversation:
    """One of the learner's conversations, or 404."""
    return get_owned_or_404(Conversation.objects.all(), user=user, pk=pk)


def message_list(*, conversation: Conversation, newest_first: bool = False) -> QuerySet[ChatMessage]:
    """A conversation's messages, oldest first (or newest first), with their actions."""
    actions = Prefetch("actions", queryset=AIActionLog.objects.order_by("created_at"))
    order = ("-created_at", "-id") if newest_first else ("created_at", "id")
    return conversation.messages.order_by(*order).prefetch_related(actions)


def action_get(*, user: User, pk: object) -> AIActionLog:
    """One of the learner's actions, or 404."""
    return get_owned_or_404(AIActionLog.objects.select_related("user"), user=user, pk=pk)


def usage_totals(*, user: User, since: datetime.date, until: datetime.date | None = None) -> dict[str, int]:
    """The learner's messages, tokens and generations from ``since`` (to ``until``, inclusive)."""
    rows = UsageDay.objects.filter(user=user, day__gte=since)
    if until is not None:
        rows = rows.filter(day__lte=until)
    totals = rows.aggregate(**{field: Sum(field) for field in USAGE_FIELDS})
    return {field: int(totals[field] or 0) for field in USAGE_FIELDS}


def fact_list(*, user: User) -> QuerySet[MemoryFact]:
    """The facts the assistant remembers about the learner, oldest first."""
    return owned_by(MemoryFact.objects.all(), user=user).order_by("created_at", "id")


def fact_get(*, user: User, pk: object) -> MemoryFact:
    """One of the learner's remembered facts, or 404."""
    return get_owned_or_404(MemoryFact.objects.all(), user=user, pk=pk)
