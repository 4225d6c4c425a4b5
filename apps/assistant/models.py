"""Conversations with the assistant, their messages, and the log of actions it took."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class Conversation(models.Model):
    """A thread of messages between a learner and the assistant."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversations")
    title = models.CharField(max_length=200, blank=True)
    # A running summary of the messages too old to fit the prompt, up to the message created at ``summary_upto``.
    summary = models.TextField(blank=True)
    summary_upto = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["user", "-updated_at"])]

    def __str__(self) -> str:
        return self.title or str(self.id)


class Role(models.TextChoices):
    USER = "user", "User"
    ASSISTANT = "assistant", "Assistant"
    SYSTEM = "system", "System"


class ChatMessage(models.Model):
    """One message; assistant messages record the provider, model and tokens they used."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="chat_messages")
    role = models.CharField(max_length=10, choices=Role.choices)
    content = models.TextField(blank=True)
    provider = models.CharField(max_length=20, blank=True)
    model = models.CharField(max_length=100, blank=True)
    prompt_tokens = models.PositiveIntegerField(default=0)
    completion_tokens = models.PositiveIntegerField(default=0)
    # The learner's notes and material passages the reply quotes: [{type, id, title, page, chunk, snippet}].
    citations = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [
            models.Index(fields=["conversation", "created_at"]),
            models.Index(fields=["user", "role", "created_at"]),
            models.Index(fields=["created_at"], name="assistant_msg_created"),  # console dashboard
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.content[:50]}"


class ActionStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    EXECUTED = "executed", "Executed"
    REJECTED = "rejected", "Rejected"
    UNDONE = "undone", "Undone"
    FAILED = "failed", "Failed"


class AIActionLog(models.Model):
    """A tool call of the assistant: its input, status and what it created or changed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ai_actions")
    message = models.ForeignKey(ChatMessage, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions")
    action_type = models.CharField(max_length=50)
    action_data = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=ActionStatus.choices)
    result = models.JSONField(default=dict, blank=True)
    changes = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["user", "-created_at"]), models.Index(fields=["user", "status"])]

    def __str__(self) -> str:
        return f"{self.action_type} ({self.status})"


class UsageDay(models.Model):
    """A learner's assistant usage on one UTC day: messages, tokens, generations, estimated cost."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="usage_days")
    day = models.DateField()
    messages = models.PositiveIntegerField(default=0)
    prompt_tokens = models.PositiveBigIntegerField(default=0)
    completion_tokens = models.PositiveBigIntegerField(default=0)
    generations = models.PositiveIntegerField(default=0)
    cost = models.DecimalField(max_digits=12, decimal_places=6, default=0, help_text="Estimated, in USD.")

    class Meta:
        ordering = ["-day"]
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="assistant_usageday_user_day")]
        indexes = [models.Index(fields=["day"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.day}"


class MemoryFact(models.Model):
    """Something the learner asked the assistant to remember ("I prefer mornings"); told to the model."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assistant_facts")
    text = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["user", "created_at"])]

    def __str__(self) -> str:
        return self.text[:50]
