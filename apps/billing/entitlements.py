"""What each plan allows: the one place every plan limit lives, read by every feature that limits.

Limits are read live from the user's current tier (one query), so a plan change takes effect
on the next check. Counters that a limit is compared with belong to the feature that owns the
data; features register them with :func:`register_usage` so the subscription endpoint can show
"limit / used" side by side.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from django.core.exceptions import ValidationError

from apps.accounts.models import Tier, User

UNLIMITED = None


@dataclass(frozen=True)
class Limits:
    """What one plan allows. ``None`` means unlimited; counts are per UTC day or calendar month (UTC), as named."""

    assistant_messages_per_day: int | None
    ai_course_generations_per_month: int | None
    voice: bool
    active_courses: int | None
    active_goals: int | None
    notes: int | None
    resources: int | None
    semantic_search: bool

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-friendly form."""
        return asdict(self)


FREE = Limits(
    assistant_messages_per_day=50,
    ai_course_generations_per_month=2,
    voice=False,
    active_courses=3,
    active_goals=10,
    notes=100,
    resources=100,
    semantic_search=False,
)
PREMIUM = Limits(
    assistant_messages_per_day=2000,
    ai_course_generations_per_month=30,
    voice=True,
    active_courses=UNLIMITED,
    active_goals=UNLIMITED,
    notes=UNLIMITED,
    resources=UNLIMITED,
    semantic_search=True,
)

PLAN_LIMITS: dict[str, Limits] = {
    Tier.FREE: FREE,
    Tier.PREMIUM_MONTHLY: PREMIUM,
    Tier.PREMIUM_YEARLY: PREMIUM,
}

# Counters shown next to the limits: metric name (a ``Limits`` field) -> count for a user.
UsageCounter = Callable[[User], int]
_usage_counters: dict[str, UsageCounter] = {}


def register_usage(metric: str, counter: UsageCounter) -> None:
    """Let the feature that owns ``metric`` report how much of it a user has used."""
    if metric not in Limits.__dataclass_fields__:
        raise ValueError(f"Unknown limit {metric!r}.")
    _usage_counters[metric] = counter


def current_tier(user: User) -> str:
    """The user's tier as stored now (not as cached on a possibly stale instance)."""
    tier: str = User.objects.values_list("tier", flat=True).get(pk=user.pk)
    return tier


def limits_for(user: User) -> Limits:
    """The limits of the plan ``user`` is on right now."""
    return PLAN_LIMITS[current_tier(user)]


def usage_for(user: User) -> dict[str, int]:
    """How much of each registered limit ``user`` has used."""
    return {metric: counter(user) for metric, counter in _usage_counters.items()}


def has_feature(user: User, feature: str) -> bool:
    """Whether a yes/no feature (``voice``, ``semantic_search``) is in the user's plan."""
    value = getattr(limits_for(user), feature)
    if not isinstance(value, bool):
        raise ValueError(f"{feature!r} is a counted limit, not a feature.")
    return value


def is_within_limit(user: User, metric: str, used: int) -> bool:
    """Whether one more unit of ``metric`` fits when ``used`` are already used."""
    limit = getattr(limits_for(user), metric)
    if isinstance(limit, bool):
        raise ValueError(f"{metric!r} is a feature, not a counted limit.")
    return limit is UNLIMITED or used < limit


def check_limit(user: User, metric: str, used: int) -> None:
    """Refuse (ValidationError, 400 in the API) one more unit of ``metric`` over the plan's limit."""
    if not is_within_limit(user, metric, used):
        limit = getattr(limits_for(user), metric)
        raise ValidationError({metric: [f"Your plan allows {limit}; upgrade to Premium for more."]}, code="plan_limit")


def check_feature(user: User, feature: str) -> None:
    """Refuse a feature that is not in the user's plan."""
    if not has_feature(user, feature):
        raise ValidationError({feature: ["This feature needs a Premium plan."]}, code="plan_limit")
