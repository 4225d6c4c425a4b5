"""Exam reads: the exam's scope, its readiness (coverage, FSRS retention, quiz results) and a prep plan proposal."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Q, QuerySet

from apps.accounts.models import User
from apps.learning.models import Topic
from apps.planning.selectors.schedule import occurrences_in_window
from apps.review.models import Card, Exam, QuizAttempt
from apps.review.scheduling import day_start_hour, day_starts, scheduler_for, study_day, to_fsrs
from maigie.ownership import get_owned_or_404, owned_by

# Readiness weights (renormalised over the parts that have data): see docs/review.md.
WEIGHTS = {"coverage": 0.3, "retention": 0.5, "quizzes": 0.2}
MAX_PLAN_DAYS = 60
DEFAULT_PLAN_HOUR = 18
DEFAULT_PLAN_MINUTES = 60
LATEST_PLAN_END_HOUR = 23


def exam_list(*, user: User, upcoming_from: datetime.date | None = None) -> QuerySet[Exam]:
    """The user's exams with their courses and topics (three queries), soonest first."""
    exams = owned_by(Exam.objects.prefetch_related("courses", "topics"), user=user)
    if upcoming_from is not None:
        exams = exams.filter(date__gte=upcoming_from)
    return exams.order_by("date", "created_at", "pk")


def exam_get(*, user: User, exam_id: Any) -> Exam:
    """One of the user's exams with its courses and topics (404 otherwise)."""
    return get_owned_or_404(Exam.objects.prefetch_related("courses", "topics"), user=user, pk=exam_id)


@dataclass(frozen=True)
class TopicReadiness:
    """One topic in an exam's scope: done or not, its cards and their mean recall probability."""

    id: Any
    title: str
    course_id: Any
    completed: bool
    cards: int
    retention: float | None  # mean retrievability on the exam day; None without cards


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def readiness(*, exam: Exam, now: datetime.datetime) -> dict[str, Any]:
    """How ready the learner is for ``exam``: topics covered, recall of its cards now and on the exam day
    (FSRS retrievability, never-reviewed cards count 0), mean of the latest score of each of its quizzes,
    and one weighted ``score`` (0-1). Three queries on a prefetched exam.
    """
    user = exam.user
    course_ids = [course.pk for course in exam.courses.all()]
    explicit = [topic.pk for topic in exam.topics.all()]
    topics = list(
        Topic.objects.filter(Q(pk__in=explicit) | Q(module__course_id__in=course_ids))
        .filter(module__course__user=user)
        .values("pk", "title", "completed", "module__course_id")
        .order_by("module__course_id", "module__order", "order", "pk")
    )
    topic_ids = [t["pk"] for t in topics]
    cards = list(
        Card.objects.filter(user=user, suspended=False)
        .filter(Q(topic_id__in=topic_ids) | Q(deck__course_id__in=course_ids))
        .only("pk", "topic_id", "state", "step", "stability", "difficulty", "due", "last_review")
    )
    scheduler = scheduler_for(user)
    exam_day_start = study_day_start(user=user, day=exam.date)
    at_exam = max(exam_day_start, now)
    recall_now: list[float] = []
    recall_exam: list[float] = []
    by_topic: dict[Any, list[float]] = {}
    for card in cards:
        memory = to_fsrs(card)
        recall_now.append(scheduler.get_card_retrievability(memory, now))
        later = scheduler.get_card_retrievability(memory, at_exam)
        recall_exam.append(later)
        if card.topic_id is not None:
            by_topic.setdefault(card.topic_id, []).append(later)
    latest: dict[Any, float] = {}
    attempts = QuizAttempt.objects.filter(user=user).filter(
        Q(quiz__course_id__in=course_ids) | Q(quiz__topic_id__in=topic_ids)
    )
    for quiz_id, score in attempts.order_by("quiz_id", "-created_at").values_list("quiz_id", "score"):
        latest.setdefault(quiz_id, score)
    covered = sum(1 for t in topics if t["completed"])
    parts = {
        "coverage": covered / len(topics) if topics else None,
        "retention": _mean(recall_exam),
        "quizzes": _mean(list(latest.values())),
    }
    weight = sum(WEIGHTS[name] for name, value in parts.items() if value is not None)
    score = sum(WEIGHTS[name] * value for name, value in parts.items() if value is not None) / weight if weight else 0.0
    rows = [
        TopicReadiness(
            id=t["pk"],
            title=t["title"],
            course_id=t["module__course_id"],
            completed=t["completed"],
            cards=len(by_topic.get(t["pk"], [])),
            retention=_mean(by_topic.get(t["pk"], [])),
        )
        for t in topics
    ]
    return {
        "exam_id": exam.pk,
        "days_left": (exam.date - study_day(user=user, now=now)[0]).days,
        "score": round(score, 4),
        "topics_total": len(topics),
        "topics_covered": covered,
        "coverage": parts["coverage"],
        "cards": len(cards),
        "retention_now": _mean(recall_now),
        "retention_at_exam": parts["retention"],
        "quizzes_taken": len(latest),
        "quiz_score": parts["quizzes"],
        "topics": [vars(row) for row in rows],
    }


def study_day_start(*, user: User, day: datetime.date) -> datetime.datetime:
    """The instant the learner's study day ``day`` starts."""
    return day_starts(day, zone=ZoneInfo(user.timezone), hour=day_start_hour(user))


@dataclass(frozen=True)
class PlannedBlock:
    """One study block of an exam-prep plan."""

    title: str
    start: datetime.datetime
    end: datetime.datetime
    course_id: Any
    topic_id: Any
    type: str


def _weakness(row: dict[str, Any]) -> float:
    """Lower is weaker: 0-1 recall on the exam day, plus 1 when the topic is done."""
    return (1.0 if row["completed"] else 0.0) + (row["retention"] or 0.0)


def plan_proposal(
    *,
    exam: Exam,
    now: datetime.datetime,
    hour: int = DEFAULT_PLAN_HOUR,
    minutes: int = DEFAULT_PLAN_MINUTES,
    report: dict[str, Any] | None = None,
) -> list[PlannedBlock]:
    """Study blocks from the next study day to the day before the exam (at most 60 days), one a day at
    ``hour`` local for ``minutes``: the weakest topics first (not done, then lowest recall on the exam
    day), in turn; the last day reviews the whole exam. A slot overlapping another block moves to that
    block's end, or the day is skipped when that passes 23:00. An exam with no course or topic left
    (they were deleted) gets no block: there is nothing to study for it.
    """
    user = exam.user
    zone = ZoneInfo(user.timezone)
    today = study_day(user=user, now=now)[0]
    first = max(today + datetime.timedelta(days=1), exam.date - datetime.timedelta(days=MAX_PLAN_DAYS))
    days = [first + datetime.timedelta(days=n) for n in range((exam.date - first).days)]
    if not days or not (exam.courses.all() or exam.topics.all()):  # prefetched by exam_get
        return []
    report = report if report is not None else readiness(exam=exam, now=now)
    ordered = sorted(report["topics"], key=lambda row: (_weakness(row), row["title"]))
    default_course = next(iter(c.pk for c in exam.courses.all()), None)
    window_start = datetime.datetime.combine(days[0], datetime.time(0), zone)
    window_end = datetime.datetime.combine(exam.date, datetime.time(0), zone)
    busy = [(o.start, o.end) for o in occurrences_in_window(user=user, start=window_start, end=window_end)]
    planned = []
    for index, day in enumerate(days):
        start = datetime.datetime.combine(day, datetime.time(hour), zone)
        length = datetime.timedelta(minutes=minutes)
        for busy_start, busy_end in busy:
            if busy_start < start + length and start < busy_end:
                start = busy_end.astimezone(zone)
        if start + length > datetime.datetime.combine(day, datetime.time(LATEST_PLAN_END_HOUR), zone):
            continue
        last = index == len(days) - 1
        if last or not ordered:
            title, course_id, topic_id, kind = f"Review for {exam.title}", default_course, None, "REVIEW"
        else:
            row = ordered[index % len(ordered)]
            title, course_id, topic_id, kind = f"{exam.title}: {row['title']}", row["course_id"], row["id"], "STUDY"
        planned.append(
            PlannedBlock(
                title=title[:200],
                start=start.astimezone(datetime.UTC),
                end=(start + length).astimezone(datetime.UTC),
                course_id=course_id,
                topic_id=topic_id,
                type=kind,
            )
        )
    return planned
