"""Reads of the assistant: a learner's conversations, messages and actions."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from apps.accounts.models import User
from apps.assistant.models import AIActionLog, ChatMessage, Conversation
from maigie.ownership import get_owned_or_404, owned_by


def conversation_list(*, user: User) -> QuerySet[Conversation]:
    """The learner's conversations, most recently active first."""
    return owned_by(Conversation.objects.all(), user=user).order_by("-updated_at")


def conversation_get(*, user: User, pk: object) -> Conversation:
    """One of the learner's conversations, or 404."""
    return get_owned_or_404(Conversation.objects.all(), user=user, pk=pk)


def message_list(*, conversation: Conversation) -> QuerySet[ChatMessage]:
    """A conversation's messages, oldest first, with their actions."""
    actions = Prefetch("actions", queryset=AIActionLog.objects.order_by("created_at"))
    return conversation.messages.order_by("created_at").prefetch_related(actions)


def action_get(*, user: User, pk: object) -> AIActionLog:
    """One of the learner's actions, or 404."""
    return get_owned_or_404(AIActionLog.objects.select_related("user"), user=user, pk=pk)
