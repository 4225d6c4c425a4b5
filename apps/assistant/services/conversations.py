"""Conversations: create and delete."""

from __future__ import annotations

from django.db import transaction

from apps.accounts.models import User
from apps.assistant.models import Conversation


@transaction.atomic
def conversation_create(*, user: User, title: str = "") -> Conversation:
    """Start a conversation."""
    return Conversation.objects.create(user=user, title=title.strip()[:200])


@transaction.atomic
def conversation_delete(*, conversation: Conversation) -> None:
    """Delete a conversation and its messages (the action log keeps what was done)."""
    conversation.delete()
