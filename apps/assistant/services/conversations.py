"""Conversations: create, delete, and the running summary of what no longer fits the prompt."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Exists, OuterRef

from apps.accounts.models import User
from apps.assistant.context import history_window
from apps.assistant.models import ChatMessage, Conversation, Role
from apps.assistant.summaries import extractive_summary

SUMMARY_SENTENCES = 6
SUMMARY_BATCH = 200  # the most older messages folded into the summary at once


@transaction.atomic
def conversation_create(*, user: User, title: str = "") -> Conversation:
    """Start a conversation."""
    return Conversation.objects.create(user=user, title=title.strip()[:200])


@transaction.atomic
def conversation_delete(*, conversation: Conversation) -> None:
    """Delete a conversation and its messages (the action log keeps what was done)."""
    conversation.delete()


@transaction.atomic
def conversation_discard_if_empty(*, conversation: Conversation) -> bool:
    """Delete the conversation if nothing was ever said in it (a chat socket that started it closed); True if so."""
    deleted, _ = (
        Conversation.objects.filter(pk=conversation.pk)
        .exclude(Exists(ChatMessage.objects.filter(conversation=OuterRef("pk"))))
        .delete()
    )
    return deleted > 0


@transaction.atomic
def conversation_summarise(*, conversation: Conversation) -> Conversation:
    """Fold the messages that no longer fit the prompt's history into the conversation's running summary.

    Offline and deterministic (:func:`apps.assistant.summaries.extractive_summary` over the previous
    summary and the newly dropped messages); nothing changes while the whole conversation still fits.
    """
    window = history_window(conversation)
    if not window:
        return conversation
    dropped = ChatMessage.objects.filter(
        conversation=conversation, role__in=[Role.USER, Role.ASSISTANT], created_at__lt=window[-1][2]
    ).exclude(content="")
    if conversation.summary_upto is not None:
        dropped = dropped.filter(created_at__gt=conversation.summary_upto)
    rows = list(dropped.order_by("-created_at").values_list("content", "created_at")[:SUMMARY_BATCH])
    if not rows:
        return conversation
    text = "\n\n".join([conversation.summary, *(content for content, _ in reversed(rows))])
    conversation.summary = extractive_summary(text, sentences=SUMMARY_SENTENCES)
    conversation.summary_upto = rows[0][1]
    Conversation.objects.filter(pk=conversation.pk).update(
        summary=conversation.summary, summary_upto=conversation.summary_upto
    )
    return conversation
