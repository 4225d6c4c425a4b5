"""Admin for review: staff browse decks, cards, review logs and quizzes; deletes go through the services."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import admin
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils import timezone

from apps.review.models import (
    Achievement,
    Card,
    Deck,
    Exam,
    FsrsParameters,
    LearnerReviewStats,
    Question,
    Quiz,
    QuizAttempt,
    ReviewLog,
)
from apps.review.scheduling import desired_retention
from apps.review.services import card_delete, deck_delete
from maigie.admin_services import ReadOnlyAdminMixin, ServiceAdminMixin


@admin.register(Deck)
class DeckAdmin(ServiceAdminMixin, admin.ModelAdmin[Deck]):
    list_display = ("title", "user", "course", "created_at")
    search_fields = ("title", "user__email")
    list_select_related = ("user", "course")

    def service_delete(self, request: HttpRequest, obj: Deck) -> None:
        deck_delete(deck=obj)


@admin.register(Card)
class CardAdmin(ServiceAdminMixin, admin.ModelAdmin[Card]):
    list_display = ("__str__", "user", "deck", "kind", "state", "due", "stability", "difficulty", "suspended")
    list_filter = ("kind", "state", "suspended")
    search_fields = ("front", "user__email")
    list_select_related = ("user", "deck")
    raw_id_fields = ("deck", "note", "topic", "chunk")

    def service_delete(self, request: HttpRequest, obj: Card) -> None:
        card_delete(card=obj)


@admin.register(ReviewLog)
class ReviewLogAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[ReviewLog]):
    list_display = ("card", "user", "rating", "reviewed_at", "duration_ms", "state_before", "state_after", "due_after")
    list_filter = ("rating", "state_after")
    search_fields = ("user__email",)
    list_select_related = ("card", "user")
    date_hierarchy = "reviewed_at"


class QuestionInline(ReadOnlyAdminMixin, admin.TabularInline[Question, Quiz]):
    model = Question
    fields = ("order", "kind", "prompt", "answer")
    extra = 0


@admin.register(Quiz)
class QuizAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Quiz]):
    list_display = ("title", "user", "source", "created_at")
    search_fields = ("title", "user__email")
    list_select_related = ("user",)
    inlines = (QuestionInline,)


@admin.register(QuizAttempt)
class QuizAttemptAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[QuizAttempt]):
    list_display = ("quiz", "user", "correct", "total", "created_at")
    list_select_related = ("quiz", "user")


@admin.register(Exam)
class ExamAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Exam]):
    list_display = ("title", "user", "date", "created_at")
    search_fields = ("title", "user__email")
    list_select_related = ("user",)
    date_hierarchy = "date"


@admin.register(FsrsParameters)
class FsrsParametersAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[FsrsParameters]):
    list_display = ("user", "updated_at")
    search_fields = ("user__email",)
    list_select_related = ("user",)


@admin.register(Achievement)
class AchievementAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Achievement]):
    list_display = ("code", "user", "earned_at")
    list_filter = ("code",)
    search_fields = ("user__email",)
    list_select_related = ("user",)
    date_hierarchy = "earned_at"


RETENTION_DAYS = 30


def _count(queryset: QuerySet[Any]) -> Coalesce:
    rows = queryset.order_by().values("user_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


@admin.register(LearnerReviewStats)
class LearnerReviewStatsAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[LearnerReviewStats]):
    """Per learner: decks, cards, reviews, and the true retention of the last 30 days (reviews of cards in
    review state not rated Again) beside the retention they asked for."""

    list_display = ("email", "decks", "cards", "reviews", "recent_reviews", "retention", "desired")
    search_fields = ("email",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[LearnerReviewStats]:
        since = timezone.now() - datetime.timedelta(days=RETENTION_DAYS)
        recent = ReviewLog.objects.filter(user=OuterRef("pk"), reviewed_at__gte=since, state_before="REVIEW")
        learners: QuerySet[LearnerReviewStats] = (
            super()
            .get_queryset(request)
            .annotate(
                deck_total=_count(Deck.objects.filter(user=OuterRef("pk"))),
                card_total=_count(Card.objects.filter(user=OuterRef("pk"))),
                review_total=_count(ReviewLog.objects.filter(user=OuterRef("pk"))),
                recent_total=_count(ReviewLog.objects.filter(user=OuterRef("pk"), reviewed_at__gte=since)),
                recalled=_count(recent.filter(rating__gt=1)),
                due_reviews=_count(recent),
            )
            .order_by("-review_total", "email")
        )
        return learners

    @admin.display(description="decks", ordering="deck_total")
    def decks(self, obj: Any) -> int:
        return int(obj.deck_total)

    @admin.display(description="cards", ordering="card_total")
    def cards(self, obj: Any) -> int:
        return int(obj.card_total)

    @admin.display(description="reviews", ordering="review_total")
    def reviews(self, obj: Any) -> int:
        return int(obj.review_total)

    @admin.display(description=f"reviews, last {RETENTION_DAYS} days", ordering="recent_total")
    def recent_reviews(self, obj: Any) -> int:
        return int(obj.recent_total)

    @admin.display(description=f"retention, last {RETENTION_DAYS} days")
    def retention(self, obj: Any) -> str:
        return f"{obj.recalled / obj.due_reviews:.0%} of {obj.due_reviews}" if obj.due_reviews else "-"

    @admin.display(description="desired retention")
    def desired(self, obj: LearnerReviewStats) -> str:
        return f"{desired_retention(obj):.0%}"
