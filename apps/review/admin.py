"""Admin for review: staff browse decks, cards, review logs and quizzes; deletes go through the services."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from apps.review.models import (
    Achievement,
    Card,
    Deck,
    Exam,
    FsrsParameters,
    Question,
    Quiz,
    QuizAttempt,
    ReviewLog,
)
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
