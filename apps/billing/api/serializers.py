"""Shapes of the billing API."""

from __future__ import annotations

from rest_framework import serializers

from apps.billing.models import PAID_PLAN_CHOICES, Plan, SubscriptionStatus
from maigie import fields


class LimitsSerializer(serializers.Serializer):
    assistant_messages_per_day = serializers.IntegerField(allow_null=True)
    ai_course_generations_per_month = serializers.IntegerField(allow_null=True)
    voice = fields.BooleanField()
    voice_minutes_per_month = serializers.IntegerField(allow_null=True)
    voice_clip_seconds = serializers.IntegerField()
    active_courses = serializers.IntegerField(allow_null=True)
    active_goals = serializers.IntegerField(allow_null=True)
    notes = serializers.IntegerField(allow_null=True)
    resources = serializers.IntegerField(allow_null=True)
    cards = serializers.IntegerField(allow_null=True)
    material_storage_bytes = serializers.IntegerField()
    material_file_bytes = serializers.IntegerField()
    material_pages = serializers.IntegerField()
    spaces_owned = serializers.IntegerField(allow_null=True)
    members_per_space = serializers.IntegerField(allow_null=True)
    memory_facts = serializers.IntegerField(allow_null=True)


class SubscriptionOutputSerializer(serializers.Serializer):
    plan = serializers.ChoiceField(choices=Plan.choices)
    status = serializers.ChoiceField(choices=SubscriptionStatus.choices, allow_null=True)
    start_date = fields.DateTimeField(allow_null=True)
    current_period_end = fields.DateTimeField(allow_null=True)
    cancel_at_period_end = fields.BooleanField()
    complimentary = fields.BooleanField()
    limits = LimitsSerializer()
    usage = serializers.DictField(child=serializers.IntegerField())
    over_limit = serializers.DictField(
        child=serializers.ListField(child=fields.UUIDField()),
        help_text="Per capped limit, the ids of objects past the plan's cap: viewable and deletable, not editable.",
    )


class PriceSerializer(serializers.Serializer):
    id = fields.CharField()
    unit_amount = serializers.IntegerField(allow_null=True)
    currency = fields.CharField()
    interval = fields.CharField(allow_null=True)


class PlanOutputSerializer(serializers.Serializer):
    plan = serializers.ChoiceField(choices=Plan.choices)
    name = fields.CharField()
    price = PriceSerializer(allow_null=True)
    limits = LimitsSerializer()


class CheckoutInputSerializer(serializers.Serializer):
    plan = serializers.ChoiceField(choices=PAID_PLAN_CHOICES)


class CheckoutOutputSerializer(serializers.Serializer):
    id = fields.CharField()
    url = fields.URLField()


class PortalOutputSerializer(serializers.Serializer):
    url = fields.URLField()
