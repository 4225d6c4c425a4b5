"""Serializers of the chat API."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from apps.assistant.models import ActionStatus, AIActionLog, ChatMessage, Conversation, MemoryFact
from apps.assistant.services.actions import action_view
from apps.assistant.services.chat import MAX_MESSAGE_LENGTH
from maigie import fields
from maigie.api import EnumChoiceField


class ConversationSerializer(serializers.ModelSerializer[Conversation]):
    class Meta:
        model = Conversation
        fields = ["id", "title", "created_at", "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]


class MemoryFactSerializer(serializers.ModelSerializer[MemoryFact]):
    """A fact the assistant remembers about the learner (added by asking it to remember)."""

    class Meta:
        model = MemoryFact
        fields = ["id", "text", "created_at"]
        read_only_fields = fields


class ActionSerializer(serializers.Serializer[AIActionLog]):
    """An action as ``action_view`` shows it; the fields document the shape."""

    id = fields.UUIDField()
    type = fields.CharField()
    status = serializers.ChoiceField(choices=ActionStatus.choices)
    input = serializers.JSONField()
    result = serializers.JSONField()
    error = fields.CharField(required=False)

    def to_representation(self, instance: AIActionLog) -> dict[str, Any]:
        return action_view(instance)


class CitationSerializer(serializers.Serializer[Any]):
    type = serializers.ChoiceField(choices=["note", "material"])
    id = fields.UUIDField(help_text="The note's or the material's id.")
    title = fields.CharField()
    page = fields.IntegerField(
        min_value=1, max_value=1_000_000, allow_null=True, help_text="The PDF page (from 1), for material passages."
    )
    chunk = fields.UUIDField(allow_null=True, help_text="The material passage's id.")
    start_ms = fields.IntegerField(
        required=False,
        min_value=0,
        max_value=2**53,
        allow_null=True,
        help_text="Where the passage starts in a recorded lecture (milliseconds).",
    )
    snippet = fields.CharField()


class MessageSerializer(serializers.ModelSerializer[ChatMessage]):
    actions = ActionSerializer(many=True, read_only=True)
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = ChatMessage
        fields = ["id", "role", "content", "provider", "model", "prompt_tokens", "completion_tokens", "created_at",
                  "actions", "citations"]  # fmt: skip
        read_only_fields = fields


class MessageFilterSerializer(serializers.Serializer[Any]):
    """``?ordering=created_at`` (the default, oldest first) or ``-created_at`` (the latest page first)."""

    ordering = EnumChoiceField(choices=["created_at", "-created_at"], default="created_at")


class MessageInputSerializer(serializers.Serializer[Any]):
    """The message; ``chat_turn`` checks it (the same limit, declared here for the schema)."""

    content = fields.CharField(max_length=MAX_MESSAGE_LENGTH, trim_whitespace=True)


class ReplySerializer(serializers.Serializer[Any]):
    message = MessageSerializer()
    actions = ActionSerializer(many=True)


class UsagePeriodSerializer(serializers.Serializer):
    messages = serializers.IntegerField()
    prompt_tokens = serializers.IntegerField()
    completion_tokens = serializers.IntegerField()
    generations = serializers.IntegerField()
    resets_at = fields.DateTimeField()


class UsageDaySerializer(UsagePeriodSerializer):
    date = fields.DateField()


class UsageMonthSerializer(UsagePeriodSerializer):
    start = fields.DateField()


class QuotaSerializer(serializers.Serializer):
    limit = serializers.IntegerField(allow_null=True, help_text="null: unlimited")
    used = serializers.IntegerField()
    resets_at = fields.DateTimeField()


class QuotasSerializer(serializers.Serializer):
    assistant_messages_per_day = QuotaSerializer()
    ai_course_generations_per_month = QuotaSerializer()


class UsageSerializer(serializers.Serializer):
    plan = fields.CharField()
    today = UsageDaySerializer()
    month = UsageMonthSerializer()
    quotas = QuotasSerializer()
