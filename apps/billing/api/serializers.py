"""Shapes of the billing API."""

from __future__ import annotations

from rest_framework import serializers

from apps.billing.models import PAID_PLAN_CHOICES, Plan, SubscriptionStatus


class LimitsSerializer(serializers.Serializer):
    assistant_messages_per_day = serializers.IntegerField(allow_null=True)
    ai_course_generations_per_month = serializers.IntegerField(allow_null=True)
    voice = serializers.BooleanField()
    active_courses = serializers.IntegerField(allow_null=True)
    active_goals = serializers.IntegerField(allow_null=True)
    notes = serializers.IntegerField(allow_null=True)
    resources = serializers.IntegerField(allow_null=True)
    semantic_search = serializers.BooleanField()


class SubscriptionOutputSerializer(serializers.Serializer):
    plan = serializers.ChoiceField(choices=Plan.choices)
    status = serializers.ChoiceField(choices=SubscriptionStatus.choices, allow_null=True)
    start_date = serializers.DateTimeField(allow_null=True)
    current_period_end = serializers.DateTimeField(allow_null=True)
    cancel_at_period_end = serializers.BooleanField()
    complimentary = serializers.BooleanField()
    limits = LimitsSerializer()
    usage = serializers.DictField(child=serializers.IntegerField())
    over_limit = serializers.DictField(
        child=serializers.ListField(child=serializers.UUIDField()),
        help_text="Per capped limit, the ids of objects past the plan's cap: viewable and deletable, not editable.",
    )


class PriceSerializer(serializers.Serializer):
    id = serializers.CharField()
    unit_amount = serializers.IntegerField(allow_null=True)
    currency = serializers.CharField()
    interval = serializers.CharField(allow_null=True)


class PlanOutputSerializer(serializers.Serializer):
    plan = serializers.ChoiceField(choices=Plan.choices)
    name = serializers.CharField()
    price = PriceSerializer(allow_null=True)
    limits = LimitsSerializer()


class CheckoutInputSerializer(serializers.Serializer):
    plan = serializers.ChoiceField(choices=PAID_PLAN_CHOICES)


class CheckoutOutputSerializer(serializers.Serializer):
    id = serializers.CharField()
    url = serializers.URLField()


class PortalOutputSerializer(serializers.Serializer):
    url = serializers.URLField()
