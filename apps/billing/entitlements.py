"""What each plan allows: the one place every plan limit lives, read by every feature that limits.

Limits are read live from the user's current tier (one query), so a plan change takes effect
on the next check. Kept objects (courses, goals, notes, resources) are capped by
:func:`check_room` when one more would be created or reactivated; after a downgrade, the newest
ones past the cap are read-only (:func:`check_editable`) until the user is back under it.

Counters that a limit is compared with belong to the feature that owns the data: each app
registers them in its ``AppConfig.ready`` (:func:`register_usage` for counters,
:func:`register_kept` for the objects a cap counts), so the checks here and the subscription
endpoint's "limit / used" look them up by metric name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from django.db.models import QuerySet

from apps.accounts.models import Tier, User
from maigie.errors import PlanLimitReached

UNLIMITED = None
MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one plan allows. ``None`` means unlimited; counts are per UTC day or calendar month (UTC), as named."""

    assistant_messages_per_day: int | None
    ai_course_generations_per_month: int | None
    voice: bool
    voice_minutes_per_month: int | None
    voice_clip_seconds: int
    active_courses: int | None
    active_goals: int | None
    notes: int | None
    resources: int | None
    cards: int | None
    material_storage_bytes: int  # all of a learner's study material files together
    material_file_bytes: int  # one uploaded file
    material_pages: int  # pages of one PDF
    spaces_owned: int | None
    members_per_space: int | None
    memory_facts: int | None  # facts the assistant remembers about the learner

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-friendly form."""
        return asdict(self)


FREE = Limits(
    assistant_messages_per_day=50,
    ai_course_generations_per_month=2,
    voice=False,
    voice_minutes_per_month=0,
    voice_clip_seconds=0,
    active_courses=3,
    active_goals=10,
    notes=100,
    resources=100,
    cards=1000,
    material_storage_bytes=100 * MIB,
    material_file_bytes=10 * MIB,
    material_pages=200,
    spaces_owned=1,
    members_per_space=10,
    memory_facts=50,
)
PREMIUM = Limits(
    assistant_messages_per_day=2000,
    ai_course_generations_per_month=30,
    voice=True,
    voice_minutes_per_month=300,
    voice_clip_seconds=120,
    active_courses=UNLIMITED,
    active_goals=UNLIMITED,
    notes=UNLIMITED,
    resources=UNLIMITED,
    cards=UNLIMITED,
    material_storage_bytes=5 * 1024 * MIB,
    material_file_bytes=50 * MIB,
    material_pages=1000,
    spaces_owned=20,
    members_per_space=200,
    memory_facts=500,
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


# Kept objects a cap counts: metric -> the user's objects it counts, oldest first, by user id.
KeptObjects = Callable[[Any], QuerySet[Any]]
_kept: dict[str, KeptObjects] = {}
_making_room: dict[str, str] = {}


def register_kept(metric: str, kept: KeptObjects, *, making_room: str = "delete") -> None:
    """Let the feature owning a capped ``metric`` name the objects it counts (``kept(user_id)``, oldest first)
    and what frees room under the cap (``making_room``, e.g. "archive or delete"), for the refusal's message."""
    register_usage(metric, lambda user: kept(user.pk).count())
    _kept[metric] = kept
    _making_room[metric] = making_room


def kept_objects(*, user_id: Any, metric: str) -> QuerySet[Any]:
    """The user's objects the cap on ``metric`` counts, oldest first, as registered by the owning app."""
    try:
        kept = _kept[metric]
    except KeyError:
        raise ValueError(f"No kept objects registered for {metric!r}.") from None
    return kept(user_id)


def over_limit_for(user: User) -> dict[str, list[str]]:
    """Per capped metric, the ids of the user's objects past the cap: read-only until back under it."""
    return {metric: sorted(str(pk) for pk in over_limit(user_id=user.pk, metric=metric)) for metric in _kept}


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
    """Whether a yes/no feature (``voice``) is in the user's plan."""
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


def check_room(*, user_id: Any, metric: str, excluding: Any = None, adding: int = 1) -> None:
    """Refuse (402 ``plan_limit``) ``adding`` more of ``metric`` (one by default) when they do not fit the plan.

    ``excluding`` is the primary key of an object not to count (the one being reactivated).
    The user's row is locked for the rest of the transaction, so concurrent creations for one
    user are counted one after another.
    """
    tier = User.objects.select_for_update().values_list("tier", flat=True).get(pk=user_id)
    limit = getattr(PLAN_LIMITS[tier], metric)
    if limit is UNLIMITED:
        return
    counted = kept_objects(user_id=user_id, metric=metric)
    if excluding is not None:
        counted = counted.exclude(pk=excluding)
    used = counted.count()
    if used + adding > limit:
        raise PlanLimitReached(
            f"Your plan allows {limit} {_label(metric)}; {_making_room.get(metric, 'delete')} some, "
            "or upgrade to Premium.",
            details={"metric": metric, "limit": limit, "used": used},
        )


def check_count(*, user_id: Any, metric: str, used: int) -> None:
    """Refuse (402 ``plan_limit``) one more of a per-object ``metric`` when ``used`` already fill the plan."""
    limit = _counted_limit(user_id, metric)
    if limit is not UNLIMITED and used >= limit:
        raise PlanLimitReached(
            f"The plan allows {limit} {_label(metric)}; upgrade to Premium for more.",
            details={"metric": metric, "limit": limit, "used": used},
        )


def over_limit(*, user_id: Any, metric: str) -> set[Any]:
    """Primary keys of the objects past the plan's cap: all but the oldest ``limit`` the cap counts.

    These objects are read-only (kept, viewable, deletable) until the user is back under the
    cap or upgrades.
    """
    limit = _counted_limit(user_id, metric)
    if limit is UNLIMITED:
        return set()
    return set(kept_objects(user_id=user_id, metric=metric).values_list("pk", flat=True)[limit:])


def check_editable(*, user_id: Any, metric: str, pk: Any) -> None:
    """Refuse (402 ``plan_limit``) a change to an object that is over the plan's cap (read-only)."""
    if pk in over_limit(user_id=user_id, metric=metric):
        limit = _counted_limit(user_id, metric)
        raise PlanLimitReached(
            f"This is over your plan's {limit} {_label(metric)} and is read-only; "
            f"{_making_room.get(metric, 'delete')} others, or upgrade to Premium.",
            details={"metric": metric, "limit": limit, "read_only": True},
        )


def _counted_limit(user_id: Any, metric: str) -> int | None:
    limit: int | None = getattr(PLAN_LIMITS[User.objects.values_list("tier", flat=True).get(pk=user_id)], metric)
    return limit


def _label(metric: str) -> str:
    return metric.replace("_", " ")


def check_feature(user: User, feature: str) -> None:
    """Refuse a feature that is not in the user's plan."""
    if not has_feature(user, feature):
        raise PlanLimitReached("This feature needs a Premium plan.", details={"feature": feature})


def check_material_upload(*, user: User, size: int, stored: int) -> None:
    """Refuse (402 ``plan_limit``) a study-material file over the plan's file size or storage left."""
    limits = limits_for(user)
    if size > limits.material_file_bytes:
        raise PlanLimitReached(
            f"Your plan accepts files up to {limits.material_file_bytes // MIB} MiB.",
            details={"metric": "material_file_bytes", "limit": limits.material_file_bytes, "used": size},
        )
    if stored + size > limits.material_storage_bytes:
        raise PlanLimitReached(
            f"Your plan stores {limits.material_storage_bytes // MIB} MiB of study material; delete some or upgrade.",
            details={"metric": "material_storage_bytes", "limit": limits.material_storage_bytes, "used": stored},
        )


def material_page_limit(user: User) -> int:
    """How many pages one PDF may have on ``user``'s plan."""
    return limits_for(user).material_pages
