"""Achievements: the rules, the learner's progress toward each, and the one service that awards them.

Each achievement is a metric reaching a target. The services whose write can move a metric (a review,
a quiz attempt) call :func:`award_achievements` inside their transaction with the metrics they moved;
learning and planning (a completed topic, a study session started) send ``progress_made``, which
:func:`award_on_progress` receives; ``GET /api/v1/achievements/`` reads every one.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from apps.accounts.models import User
from apps.learning.models import Course, Topic
from apps.planning.models import StudySession
from apps.review import events
from apps.review.models import Achievement, AchievementCode, QuizAttempt, ReviewLog
from apps.review.selectors import streak as streak_selector
from maigie.encoding import utc_iso
from maigie.realtime.publish import publish

PASS_SCORE = 0.8  # a quiz attempt at or above this share of right answers is passed
PERFECT_MIN_QUESTIONS = 5
RECENT_DAYS = 7  # "recently earned" in today
NEXT_SHOWN = 3  # achievements "within reach" in today


@dataclass(frozen=True)
class Rule:
    """``code`` is earned when ``metric`` reaches ``target``."""

    code: AchievementCode
    description: str
    metric: str
    target: int


RULES: tuple[Rule, ...] = (
    Rule(AchievementCode.FIRST_REVIEW, "Review your first card.", "reviews", 1),
    Rule(AchievementCode.REVIEWS_100, "Review 100 cards.", "reviews", 100),
    Rule(AchievementCode.REVIEWS_1000, "Review 1,000 cards.", "reviews", 1000),
    Rule(AchievementCode.STREAK_7, "Study 7 days in a row.", "streak", 7),
    Rule(AchievementCode.STREAK_30, "Study 30 days in a row.", "streak", 30),
    Rule(AchievementCode.STREAK_100, "Study 100 days in a row.", "streak", 100),
    Rule(AchievementCode.FIRST_TOPIC_COMPLETED, "Complete a topic of a course.", "topics_completed", 1),
    Rule(AchievementCode.FIRST_COURSE_FINISHED, "Complete every topic of a course.", "courses_finished", 1),
    Rule(AchievementCode.FIRST_QUIZ_PASSED, "Answer at least 80% of a quiz right.", "quizzes_passed", 1),
    Rule(
        AchievementCode.PERFECT_QUIZ,
        f"Answer every question of a quiz of at least {PERFECT_MIN_QUESTIONS} questions right.",
        "perfect_quizzes",
        1,
    ),
    Rule(AchievementCode.STUDY_SESSIONS_10, "Start 10 study sessions.", "sessions", 10),
)
METRICS = ("reviews", "streak", "topics_completed", "courses_finished", "quizzes_passed", "perfect_quizzes", "sessions")


def _count(queryset: QuerySet[Any], owner: str = "user_id") -> Coalesce:
    rows = queryset.order_by().values(owner).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def _counters(user_ref: Any) -> dict[str, Any]:
    attempts = QuizAttempt.objects.filter(user=user_ref)
    return {
        "reviews": _count(ReviewLog.objects.filter(user=user_ref)),
        "topics_completed": _count(
            Topic.objects.filter(module__course__user=user_ref, completed=True), owner="module__course__user"
        ),
        "courses_finished": _count(Course.objects.filter(user=user_ref, progress__gte=100)),
        "quizzes_passed": _count(attempts.filter(score__gte=PASS_SCORE)),
        "perfect_quizzes": _count(attempts.filter(score__gte=1, total__gte=PERFECT_MIN_QUESTIONS)),
        "sessions": _count(StudySession.objects.filter(user=user_ref)),
    }


def metric_values(
    *, user: User, now: datetime.datetime, metrics: Iterable[str] = METRICS, streak: dict[str, Any] | None = None
) -> dict[str, int]:
    """The learner's value of each of ``metrics``: the counters in one query, ``streak`` (the longest streak)
    from the streak selector (one query, none when ``streak`` is passed in)."""
    wanted = set(metrics)
    values: dict[str, int] = {}
    counters = {name: expr for name, expr in _counters(OuterRef("pk")).items() if name in wanted}
    if counters:
        values.update(User.objects.filter(pk=user.pk).annotate(**counters).values(*counters).get())
    if "streak" in wanted:
        values["streak"] = (streak or streak_selector(user=user, now=now))["longest"]
    return values


def award_achievements(*, user: User, now: datetime.datetime, metrics: Iterable[str] = METRICS) -> list[str]:
    """Award the achievements of ``metrics`` the learner has reached and not yet earned; answer the new codes.

    Called inside the caller's transaction. One query when all are earned; else the counters (one query),
    the streak (one) when a streak achievement is open, and one ``INSERT ... ON CONFLICT DO NOTHING
    RETURNING`` under the ``(user, code)`` unique constraint, so concurrent calls award each once and only
    the call that inserted it publishes ``achievement.earned`` (on commit).
    """
    wanted = set(metrics)
    earned = set(Achievement.objects.filter(user=user).values_list("code", flat=True))
    open_rules = [rule for rule in RULES if rule.metric in wanted and rule.code not in earned]
    if not open_rules:
        return []
    values = metric_values(user=user, now=now, metrics={rule.metric for rule in open_rules})
    reached = {rule.code: rule for rule in open_rules if values[rule.metric] >= rule.target}
    if not reached:
        return []
    rows = ", ".join(["(%s, %s, %s, %s)"] * len(reached))
    parameters: list[Any] = []
    for code in reached:
        parameters += [uuid.uuid4(), user.pk, str(code), now]
    table = Achievement._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f'INSERT INTO "{table}" ("id", "user_id", "code", "earned_at") VALUES {rows} '  # noqa: S608 (no input)
            'ON CONFLICT ("user_id", "code") DO NOTHING RETURNING "code"',
            parameters,
        )
        inserted = {code for (code,) in cursor.fetchall()}
    awarded = [code for code in reached if code in inserted]  # in rule order
    for code in awarded:
        rule = reached[code]
        publish(
            user_id=user.pk,
            event=events.ACHIEVEMENT_EARNED,
            data={"code": code, "title": rule.code.label, "description": rule.description, "earned_at": utc_iso(now)},
        )
    return [str(code) for code in awarded]


def achievement_list(
    *, user: User, now: datetime.datetime, streak: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Every achievement in rule order: earned ones with ``earned_at``, the others with their progress
    (``value`` of ``target``, ``progress`` 0 to 1). Two queries, plus one for the streak unless passed in."""
    earned = dict(Achievement.objects.filter(user=user).values_list("code", "earned_at"))
    values = metric_values(user=user, now=now, streak=streak)
    rows = []
    for rule in RULES:
        value = min(values[rule.metric], rule.target)
        earned_at = earned.get(rule.code)
        rows.append(
            {
                "code": rule.code,
                "title": rule.code.label,
                "description": rule.description,
                "earned": earned_at is not None,
                "earned_at": earned_at,
                "metric": rule.metric,
                "value": rule.target if earned_at is not None else value,
                "target": rule.target,
                "progress": 1.0 if earned_at is not None else round(value / rule.target, 3),
            }
        )
    return rows


def achievements_summary(rows: list[dict[str, Any]], *, now: datetime.datetime) -> dict[str, Any]:
    """For today and analytics: how many are earned, the ones earned in the last 7 days (newest first) and
    the three not yet earned closest to done."""
    since = now - datetime.timedelta(days=RECENT_DAYS)
    recent = sorted((r for r in rows if r["earned"] and r["earned_at"] >= since), key=lambda r: r["earned_at"])
    pending = [r for r in rows if not r["earned"]]
    within_reach = sorted(pending, key=lambda r: (-r["progress"], r["target"] - r["value"]))[:NEXT_SHOWN]
    short = ("code", "title", "description", "earned_at", "value", "target", "progress")
    return {
        "earned": sum(1 for r in rows if r["earned"]),
        "total": len(rows),
        "recent": [{k: r[k] for k in short} for r in reversed(recent)],
        "next": [{k: r[k] for k in short} for r in within_reach],
    }


def earned_summary(*, user: User) -> dict[str, Any]:
    """For analytics: how many achievements are earned of how many, and the earned ones newest first (one query)."""
    earned = list(Achievement.objects.filter(user=user).order_by("-earned_at", "code").values_list("code", "earned_at"))
    return {
        "earned": len(earned),
        "total": len(RULES),
        "items": [
            {"code": code, "title": AchievementCode(code).label, "earned_at": earned_at} for code, earned_at in earned
        ],
    }


def award_on_progress(
    sender: Any, *, user: User, now: datetime.datetime, metrics: Iterable[str], **kwargs: Any
) -> None:
    """``progress_made`` receiver: award what another app's progress (a topic, a session) reached."""
    award_achievements(user=user, now=now, metrics=metrics)
