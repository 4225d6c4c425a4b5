"""The plan limits module."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from apps.accounts.models import Tier
from apps.accounts.services.users import user_set_tier
from apps.billing import entitlements
from maigie.errors import PlanLimitReached

pytestmark = pytest.mark.django_db


def test_free_and_premium_limits_are_the_documented_ones():
    free = entitlements.PLAN_LIMITS[Tier.FREE]
    assert (free.assistant_messages_per_day, free.ai_course_generations_per_month, free.voice) == (50, 2, False)
    for tier in (Tier.PREMIUM_MONTHLY, Tier.PREMIUM_YEARLY):
        premium = entitlements.PLAN_LIMITS[tier]
        assert (premium.assistant_messages_per_day, premium.ai_course_generations_per_month) == (2000, 30)
        assert premium.voice is True


def test_limits_and_features_follow_the_tier(user):
    assert entitlements.is_within_limit(user, "ai_course_generations_per_month", used=1)
    assert not entitlements.is_within_limit(user, "ai_course_generations_per_month", used=2)
    with pytest.raises(PlanLimitReached) as refused_feature:
        entitlements.check_feature(user, "voice")
    assert refused_feature.value.details == {"feature": "voice"}

    user_set_tier(user=type(user).objects.get(pk=user.pk), tier=Tier.PREMIUM_MONTHLY, reason="test")

    assert entitlements.is_within_limit(user, "ai_course_generations_per_month", used=2)
    entitlements.check_feature(user, "voice")
    assert entitlements.is_within_limit(user, "active_courses", used=10_000)  # unlimited


def test_usage_counters_are_registered_by_the_owning_feature(user, monkeypatch):
    monkeypatch.setattr(entitlements, "_usage_counters", {})
    entitlements.register_usage("assistant_messages_per_day", lambda u: 7)
    assert entitlements.usage_for(user) == {"assistant_messages_per_day": 7}
    with pytest.raises(ValueError, match="Unknown limit"):
        entitlements.register_usage("no_such_limit", lambda u: 0)


def test_user_set_tier_refuses_an_unknown_tier(user):
    with pytest.raises(ValidationError):
        user_set_tier(user=user, tier="GOLD", reason="test")
    user.refresh_from_db()
    assert user.tier == Tier.FREE
