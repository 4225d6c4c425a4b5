"""Review reads: decks with counts, cards, the cards due now, quizzes, streak and the "today" summary."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Case, Count, DateTimeField, ExpressionWrapper, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import TruncDate

from apps.accounts.models import User
from apps.planning.models import StudySession, Task
from apps.planning.selectors.schedule import occurrences_in_window
from apps.review.models import Card, CardState, Deck, Quiz, QuizAttempt, ReviewLog
from apps.review.scheduling import day_start_hour, study_day
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


def streak(*, user: User, now: datetime.datetime) -> dict[str, Any]:
    """Current and longest runs of consecutive study days with a review or a study session (two queries).

    Days are the learner's study days (local time zone, shifted by the day-start hour); today
    not yet active keeps yesterday's streak alive.
    """
    zone = ZoneInfo(user.timezone)
    shift = datetime.timedelta(hours=day_start_hour(user))
    today, _, _ = study_day(user=user, now=now)
    since = now - datetime.timedelta(days=STREAK_HORIZON_DAYS)

    def days(queryset: QuerySet[Any], field: str) -> set[datetime.date]:
        shifted = ExpressionWrapper(F(field) - Value(shift), output_field=DateTimeField())
        return set(
            queryset.filter(**{f"{field}__gte": since, f"{field}__lte": now})
            .annotate(day=TruncDate(shifted, tzinfo=zone))
            .values_list("day", flat=True)
            .distinct()
        )

    active = days(ReviewLog.objects.filter(user=user), "reviewed_at") | days(
        StudySession.objects.filter(user=user), "started_at"
    )
    current = 0
    day = today if today in active else today - datetime.timedelta(days=1)
    while day in active:
        current += 1
        day -= datetime.timedelta(days=1)
    longest = run = 0
    previous: datetime.date | None = None
    for day in sorted(active):
        run = run + 1 if previous is not None and day - previous == datetime.timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    return {"current": current, "longest": longest, "active_today": today in active}


def today(*, user: User, now: datetime.datetime) -> dict[str, Any]:
    """The learner's study day: cards due (by group), tasks due, scheduled blocks, streak."""
    day, start, end = study_day(user=user, now=now)
    counts = owned_by(Card.objects.all(), user=user).aggregate(
        due_now=Count("pk", distinct=True, filter=_available(now) & Q(due__lte=now)),
        due_today=Count("pk", distinct=True, filter=_available(now) & Q(due__lt=end)),
        new=Count("pk", distinct=True, filter=_available(now) & Q(due__lte=now, state=CardState.NEW)),
        reviewed_today=Count("review_logs", filter=Q(review_logs__reviewed_at__gte=start)),
    )
    tasks = list(
        Task.objects.filter(goal__user=user, completed=False, deadline__lt=end)
        .select_related("goal")
        .order_by("deadline", "pk")
    )
    occurrences = occurrences_in_window(user=user, start=start, end=end)
    return {
        "date": day,
        "day_starts_at": start,
        "day_ends_at": end,
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
        "streak": streak(user=user, now=now),
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
