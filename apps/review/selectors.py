"""Review reads: decks with counts, cards, the cards due now, quizzes, streak and the "today" summary."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Case, Count, DateTimeField, ExpressionWrapper, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import TruncDate

from apps.accounts.models import User
from apps.learning.models import Topic
from apps.planning.models import StudySession, Task
from apps.planning.selectors.schedule import occurrences_in_window
from apps.review.models import Card, CardState, Deck, Exam, Quiz, QuizAttempt, ReviewLog
from apps.review.scheduling import day_start_hour, day_starts, study_day
from maigie.ownership import get_owned_or_404, owned_by

STREAK_HORIZON_DAYS = 400
SECONDS_PER_CARD = 10  # the estimate of minutes for the due cards


def kept_cards(*, user_id: Any) -> QuerySet[Card]:
    """The cards the plan's ``cards`` cap counts, oldest first."""
    return Card.objects.filter(user_id=user_id).order_by("created_at", "pk")


def _available(now: datetime.datetime) -> Q:
    return Q(suspended=False) & (Q(buried_until__isnull=True) | Q(buried_until__lte=now))


def deck_list(*, user: User, course: Any = None, now: datetime.datetime) -> QuerySet[Deck]:
    """The user's decks with ``card_count`` and ``due_count`` (due now, not suspended or buried)."""
    decks = owned_by(Deck.objects.all(), user=user).annotate(
        card_count=Count("cards"),
        due_count=Count(
            "cards",
            filter=Q(cards__due__lte=now, cards__suspended=False)
            & (Q(cards__buried_until__isnull=True) | Q(cards__buried_until__lte=now)),
        ),
    )
    if course is not None:
        decks = decks.filter(course_id=course)
    return decks.order_by("-created_at", "pk")


def deck_get(*, user: User, deck_id: Any, now: datetime.datetime | None = None) -> Deck:
    """One of the user's decks (404 otherwise), with its counts when ``now`` is given."""
    if now is None:
        return get_owned_or_404(Deck.objects.all(), user=user, pk=deck_id)
    return get_owned_or_404(deck_list(user=user, now=now), user=user, pk=deck_id)


def card_list(
    *,
    user: User,
    deck: Any = None,
    tag: str | None = None,
    state: str | None = None,
    suspended: bool | None = None,
    kind: str | None = None,
) -> QuerySet[Card]:
    """The user's cards, filtered, oldest first."""
    cards = owned_by(Card.objects.all(), user=user)
    if deck is not None:
        cards = cards.filter(deck_id=deck)
    if tag:
        cards = cards.filter(tags__contains=[tag])
    if state is not None:
        cards = cards.filter(state=state)
    if suspended is not None:
        cards = cards.filter(suspended=suspended)
    if kind is not None:
        cards = cards.filter(kind=kind)
    return cards.order_by("created_at", "pk")


def card_get(*, user: User, card_id: Any, for_update: bool = False) -> Card:
    """One of the user's cards (404 otherwise); locked for the transaction when ``for_update``."""
    queryset = Card.objects.select_for_update() if for_update else Card.objects.all()
    return get_owned_or_404(queryset, user=user, pk=card_id)


def due_cards(*, user: User, now: datetime.datetime, deck: Any = None) -> QuerySet[Card]:
    """Cards to study now, in order: learning and relearning steps due, then reviews due, then new cards.

    A card is due when its ``due`` has come; suspended cards, and buried ones until their day
    ends, are left out. Within each group the most overdue comes first.
    """
    cards = owned_by(Card.objects.all(), user=user).filter(_available(now), due__lte=now)
    if deck is not None:
        cards = cards.filter(deck_id=deck)
    group = Case(
        When(state__in=[CardState.LEARNING, CardState.RELEARNING], then=Value(0)),
        When(state=CardState.REVIEW, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return cards.annotate(study_group=group).order_by("study_group", "due", "created_at", "pk")


def streak_runs(active: set[datetime.date], *, today: datetime.date) -> dict[str, Any]:
    """Current and longest streaks over the ``active`` study days, with freezes: one missed day per week
    (Monday to Sunday) is bridged when the week has not used its freeze yet. Frozen days keep a streak
    alive without counting in it; today not yet active keeps yesterday's streak.
    """
    if not active:
        return {"current": 0, "longest": 0, "active_today": False, "freezes_used": 0, "freeze_available": True}
    one = datetime.timedelta(days=1)
    frozen_weeks: set[tuple[int, int]] = set()
    frozen: set[datetime.date] = set()
    longest = run = 0
    day = min(active)
    while day <= today:
        if day in active:
            run += 1
        elif day != today and run and day.isocalendar()[:2] not in frozen_weeks and day + one in active | {today}:
            frozen_weeks.add(day.isocalendar()[:2])
            frozen.add(day)
        elif day != today:
            run = 0
        longest = max(longest, run)
        day += one
    current = run
    kept = 0
    day = today if today in active else today - one
    while day in active or day in frozen:
        kept += day in frozen
        day -= one
    return {
        "current": current,
        "longest": longest,
        "active_today": today in active,
        "freezes_used": kept,
        "freeze_available": today.isocalendar()[:2] not in frozen_weeks,
    }


# A learner's id -> (their rows that mark study, the field holding each row's instant).
StudyRecords = Callable[[Any], tuple[QuerySet[Any], str]]

_STUDY_RECORDS: list[StudyRecords] = [
    lambda user_id: (ReviewLog.objects.filter(user_id=user_id), "reviewed_at"),
    lambda user_id: (StudySession.objects.filter(user_id=user_id), "started_at"),
    lambda user_id: (Topic.objects.filter(module__course__user_id=user_id, completed=True), "completed_at"),
    lambda user_id: (Task.objects.filter(goal__user_id=user_id, completed=True), "completed_at"),
]


def register_study_records(records: StudyRecords) -> None:
    """Count another app's rows as study for the streak (spaces: reviews of shared decks, shared topics done)."""
    _STUDY_RECORDS.append(records)


def study_days(*, user: User, since: datetime.datetime, until: datetime.datetime) -> set[datetime.date]:
    """The learner's study days (local zone, shifted by the day-start hour) with any study record in
    [``since``, ``until``]: one query over every registered kind of record."""
    zone = ZoneInfo(user.timezone)
    shift = datetime.timedelta(hours=day_start_hour(user))
    days = []
    for records in _STUDY_RECORDS:
        rows, field = records(user.pk)
        shifted = ExpressionWrapper(F(field) - Value(shift), output_field=DateTimeField())
        days.append(
            rows.filter(**{f"{field}__gte": since, f"{field}__lte": until})
            .annotate(day=TruncDate(shifted, tzinfo=zone))
            .values_list("day", flat=True)
            .order_by()
        )
    return set(days[0].union(*days[1:]))


def streak(*, user: User, now: datetime.datetime) -> dict[str, Any]:
    """The streak (:func:`streak_runs`) over the study days with a review, a study session, a topic or a
    goal's task completed, the learner's own or in a space (:func:`study_days`); one query.
    """
    today, _, _ = study_day(user=user, now=now)
    active = study_days(user=user, since=now - datetime.timedelta(days=STREAK_HORIZON_DAYS), until=now)
    return streak_runs(active, today=today)


def _agenda_item(kind: str, id: Any, title: str, due: Any, reason: str, score: int) -> dict[str, Any]:
    return {"kind": kind, "id": id, "title": title, "due": due, "reason": reason, "score": score}


def agenda(
    *,
    now: datetime.datetime,
    start: datetime.datetime,
    cards: dict[str, int],
    tasks: list[Task],
    occurrences: list[Any],
    exams: list[dict[str, Any]],
    next_topics: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """The day's items ranked by ``score`` (highest first; then the earliest ``due``, then the title).

    Scores (docs/review.md): overdue task 100; block in progress or starting within the hour 90;
    learning steps due 85; exam 80 - 5 per day left (at least 30); due reviews 60 + 1 per 10 cards
    (at most 80); task due today 65; later block 55; new cards 40; next topic of a course 30, 50 when
    the course has an exam within 14 days.
    """
    items = []
    for task in tasks:
        overdue = task.deadline is not None and task.deadline < start
        reason = "Overdue task" if overdue else "Task due today"
        items.append(_agenda_item("task", task.pk, task.title, task.deadline, reason, 100 if overdue else 65))
    for o in occurrences:
        if o.completed or o.end <= now:
            continue
        soon = o.start <= now + datetime.timedelta(hours=1)
        reason = "In progress" if o.start <= now else ("Starts within the hour" if soon else "Scheduled today")
        items.append(_agenda_item("block", o.block.pk, o.block.title, o.start, reason, 90 if soon else 55))
    if cards["learning_now"]:
        items.append(
            _agenda_item("cards", None, "Cards in learning", None, f"{cards['learning_now']} learning steps due", 85)
        )
    reviews = cards["due_now"] - cards["learning_now"] - cards["new"]
    if reviews > 0:
        score = min(80, 60 + reviews // 10)
        items.append(_agenda_item("cards", None, "Review cards", None, f"{reviews} reviews due", score))
    exam_courses = set()
    for exam in exams:
        if exam["days_left"] <= 14:
            exam_courses.update(exam["course_ids"])
        days = exam["days_left"]
        reason = "Exam today" if days == 0 else f"Exam in {days} day{'s' if days != 1 else ''}"
        items.append(_agenda_item("exam", exam["id"], exam["title"], exam["starts"], reason, max(30, 80 - 5 * days)))
    if cards["new"]:
        items.append(_agenda_item("cards", None, "New cards", None, f"{cards['new']} new cards to learn", 40))
    for topic in next_topics:
        near = topic["course_id"] in exam_courses
        reason = f"Next topic of {topic['course_title']}" + (" (exam soon)" if near else "")
        items.append(_agenda_item("topic", topic["id"], topic["title"], None, reason, 50 if near else 30))
    far = datetime.datetime.max.replace(tzinfo=datetime.UTC)
    return sorted(items, key=lambda item: (-item["score"], item["due"] or far, item["title"]))


def next_topics(*, user: User) -> list[dict[str, Any]]:
    """The first unfinished topic of each of the user's active courses, in course order (one query)."""
    topics = (
        Topic.objects.filter(module__course__user=user, module__course__archived=False, completed=False)
        .order_by("module__course__created_at", "module__course_id", "module__order", "order", "pk")
        .distinct("module__course__created_at", "module__course_id")
        .values("pk", "title", "module__course_id", "module__course__title")
    )
    return [
        {
            "id": t["pk"],
            "title": t["title"],
            "course_id": t["module__course_id"],
            "course_title": t["module__course__title"],
        }
        for t in topics
    ]


EXAM_HORIZON_DAYS = 30


def upcoming_exams(*, user: User, today: datetime.date) -> list[dict[str, Any]]:
    """The user's exams from ``today`` to 30 days on, with their course ids (two queries)."""
    exams = (
        owned_by(Exam.objects.prefetch_related("courses"), user=user)
        .filter(date__gte=today, date__lte=today + datetime.timedelta(days=EXAM_HORIZON_DAYS))
        .order_by("date", "pk")
    )
    zone, hour = ZoneInfo(user.timezone), day_start_hour(user)
    return [
        {
            "id": exam.pk,
            "title": exam.title,
            "date": exam.date,
            "starts": day_starts(exam.date, zone=zone, hour=hour),
            "days_left": (exam.date - today).days,
            "course_ids": [course.pk for course in exam.courses.all()],
        }
        for exam in exams
    ]


def today_plan(*, user: User, now: datetime.datetime) -> dict[str, Any]:
    """The parts of the study day that change only with writes to them (the read cache keeps these):
    tasks due, the day's block occurrences, exams coming up and the next topic of each course."""
    day, start, end = study_day(user=user, now=now)
    return {
        "tasks": list(
            Task.objects.filter(goal__user=user, completed=False, deadline__lt=end)
            .select_related("goal")
            .order_by("deadline", "pk")
        ),
        "occurrences": occurrences_in_window(user=user, start=start, end=end),
        "exams": upcoming_exams(user=user, today=day),
        "next_topics": next_topics(user=user),
    }


def today(*, user: User, now: datetime.datetime, plan: dict[str, Any] | None = None) -> dict[str, Any]:
    """The learner's study day: the ranked agenda, cards due (by group), tasks due, scheduled blocks, exams
    coming up, the next topic of each course, the streak and achievements (recently earned, within reach).

    ``plan`` is :func:`today_plan` (computed when not given, e.g. cached); the card counts, the streak,
    the achievements and the agenda, which every review and the clock change, are computed here.
    """
    day, start, end = study_day(user=user, now=now)
    plan = plan if plan is not None else today_plan(user=user, now=now)
    tasks, occurrences, exams, topics = plan["tasks"], plan["occurrences"], plan["exams"], plan["next_topics"]
    counts = owned_by(Card.objects.all(), user=user).aggregate(
        due_now=Count("pk", distinct=True, filter=_available(now) & Q(due__lte=now)),
        due_today=Count("pk", distinct=True, filter=_available(now) & Q(due__lt=end)),
        new=Count("pk", distinct=True, filter=_available(now) & Q(due__lte=now, state=CardState.NEW)),
        learning_now=Count(
            "pk",
            distinct=True,
            filter=_available(now) & Q(due__lte=now, state__in=[CardState.LEARNING, CardState.RELEARNING]),
        ),
        reviewed_today=Count("review_logs", filter=Q(review_logs__reviewed_at__gte=start)),
    )
    run = streak(user=user, now=now)
    from apps.review.achievements import achievement_list, achievements_summary  # noqa: PLC0415 (they read streaks)

    achievements = achievements_summary(achievement_list(user=user, now=now, streak=run), now=now)
    return {
        "date": day,
        "day_starts_at": start,
        "day_ends_at": end,
        "agenda": agenda(
            now=now, start=start, cards=counts, tasks=tasks, occurrences=occurrences, exams=exams, next_topics=topics
        ),
        "cards": {**counts, "estimated_minutes": -(-counts["due_now"] * SECONDS_PER_CARD // 60)},
        "tasks": [
            {
                "id": task.pk,
                "goal_id": task.goal_id,
                "title": task.title,
                "deadline": task.deadline,
                "overdue": task.deadline is not None and task.deadline < start,
            }
            for task in tasks
        ],
        "blocks": [
            {
                "block_id": o.block.pk,
                "title": o.block.title,
                "start": o.start,
                "end": o.end,
                "completed": o.completed,
            }
            for o in occurrences
        ],
        "exams": exams,
        "next_topics": topics,
        "streak": run,
        "achievements": achievements,
    }


def quiz_list(*, user: User) -> QuerySet[Quiz]:
    """The user's quizzes with their questions (two queries)."""
    return owned_by(Quiz.objects.prefetch_related("questions"), user=user).order_by("-created_at", "pk")


def quiz_get(*, user: User, quiz_id: Any) -> Quiz:
    """One of the user's quizzes with its questions (404 otherwise)."""
    return get_owned_or_404(Quiz.objects.prefetch_related("questions"), user=user, pk=quiz_id)


def attempt_list(*, user: User, quiz: Quiz) -> QuerySet[QuizAttempt]:
    """The user's attempts at ``quiz``, newest first."""
    return owned_by(QuizAttempt.objects.filter(quiz=quiz), user=user).order_by("-created_at", "pk")
