"""Review models: decks of flashcards scheduled with FSRS, their review log, quizzes and attempts."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q

from apps.accounts.models import User

MAX_TAGS = 20


class Deck(models.Model):
    """A learner's deck of cards: of one course, or free-standing."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="decks")
    course = models.ForeignKey(
        "learning.Course", null=True, blank=True, on_delete=models.SET_NULL, related_name="decks"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-created_at",)
        indexes = [models.Index(fields=["user", "-created_at"], name="deck_user_created")]

    def __str__(self) -> str:
        return self.title


class CardKind(models.TextChoices):
    BASIC = "BASIC", "Basic (front/back)"
    CLOZE = "CLOZE", "Cloze deletion"


class CardState(models.TextChoices):
    """FSRS states, plus NEW for a card never reviewed (FSRS treats it as learning step 0)."""

    NEW = "NEW", "New"
    LEARNING = "LEARNING", "Learning"
    REVIEW = "REVIEW", "Review"
    RELEARNING = "RELEARNING", "Relearning"


class Card(models.Model):
    """One flashcard with its FSRS memory state; ``user`` is the deck's owner, kept for owner filters."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cards")
    deck = models.ForeignKey(Deck, on_delete=models.CASCADE, related_name="cards")
    kind = models.CharField(max_length=10, choices=CardKind.choices, default=CardKind.BASIC)
    front = models.TextField(help_text="The question; for a cloze card the text with {{c1::hidden}} parts.")
    back = models.TextField(blank=True, default="", help_text="The answer; for a cloze card extra text.")
    tags = ArrayField(models.CharField(max_length=50), default=list, blank=True, size=MAX_TAGS)
    note = models.ForeignKey("learning.Note", null=True, blank=True, on_delete=models.SET_NULL, related_name="cards")
    topic = models.ForeignKey("learning.Topic", null=True, blank=True, on_delete=models.SET_NULL, related_name="cards")
    chunk = models.ForeignKey(
        "materials.MaterialChunk", null=True, blank=True, on_delete=models.SET_NULL, related_name="cards"
    )
    fingerprint = models.CharField(max_length=64, editable=False, help_text="Normalised front, to find duplicates.")
    suspended = models.BooleanField(default=False)
    buried_until = models.DateTimeField(null=True, blank=True)
    # FSRS state (fsrs.Card): due, state, step, stability, difficulty, last_review.
    state = models.CharField(max_length=10, choices=CardState.choices, default=CardState.NEW)
    step = models.PositiveSmallIntegerField(null=True, blank=True, default=0)
    stability = models.FloatField(null=True, blank=True)
    difficulty = models.FloatField(null=True, blank=True)
    due = models.DateTimeField()
    last_review = models.DateTimeField(null=True, blank=True)
    reps = models.PositiveIntegerField(default=0)
    lapses = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("deck", "created_at")
        indexes = [
            models.Index(fields=["user", "due"], name="card_user_due", condition=Q(suspended=False)),
            models.Index(fields=["deck", "fingerprint"], name="card_deck_fingerprint"),
            models.Index(fields=["user", "created_at"], name="card_user_created"),
        ]

    def __str__(self) -> str:
        return self.front[:80]


class ReviewLog(models.Model):
    """One review of a card: the rating, and the card's FSRS state before it (so it can be undone)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_logs")
    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="review_logs")
    rating = models.PositiveSmallIntegerField(choices=[(1, "Again"), (2, "Hard"), (3, "Good"), (4, "Easy")])
    reviewed_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    state_before = models.CharField(max_length=10, choices=CardState.choices)
    step_before = models.PositiveSmallIntegerField(null=True, blank=True)
    stability_before = models.FloatField(null=True, blank=True)
    difficulty_before = models.FloatField(null=True, blank=True)
    due_before = models.DateTimeField()
    last_review_before = models.DateTimeField(null=True, blank=True)
    state_after = models.CharField(max_length=10, choices=CardState.choices)
    due_after = models.DateTimeField()

    class Meta:
        ordering = ("-reviewed_at",)
        indexes = [
            models.Index(fields=["card", "-reviewed_at"], name="reviewlog_card_reviewed"),
            models.Index(fields=["user", "-reviewed_at"], name="reviewlog_user_reviewed"),
        ]

    def __str__(self) -> str:
        return f"{self.card_id} rated {self.rating}"


class Quiz(models.Model):
    """A set of questions made from a note, topic or course."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quizzes")
    title = models.CharField(max_length=200)
    course = models.ForeignKey(
        "learning.Course", null=True, blank=True, on_delete=models.SET_NULL, related_name="quizzes"
    )
    note = models.ForeignKey("learning.Note", null=True, blank=True, on_delete=models.SET_NULL, related_name="quizzes")
    topic = models.ForeignKey(
        "learning.Topic", null=True, blank=True, on_delete=models.SET_NULL, related_name="quizzes"
    )
    material = models.ForeignKey(
        "materials.Material", null=True, blank=True, on_delete=models.SET_NULL, related_name="quizzes"
    )
    source = models.CharField(max_length=10, default="offline", help_text="offline or model")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at",)
        verbose_name_plural = "quizzes"

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    MULTIPLE_CHOICE = "MULTIPLE_CHOICE", "Multiple choice"
    TRUE_FALSE = "TRUE_FALSE", "True or false"
    SHORT_ANSWER = "SHORT_ANSWER", "Short answer"


class Question(models.Model):
    """One question of a quiz; ``answer`` is the right choice, ``true``/``false``, or the expected text."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=QuestionKind.choices)
    prompt = models.TextField()
    choices = ArrayField(models.CharField(max_length=500), default=list, blank=True, size=8)
    answer = models.TextField()
    explanation = models.TextField(blank=True, default="")

    class Meta:
        ordering = ("quiz", "order")
        constraints = [models.UniqueConstraint(fields=["quiz", "order"], name="question_quiz_order")]

    def __str__(self) -> str:
        return self.prompt[:80]


class QuizAttempt(models.Model):
    """A graded submission of a quiz: score and per-question feedback."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts")
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts")
    score = models.FloatField(help_text="Share of questions answered right, 0 to 1.")
    correct = models.PositiveSmallIntegerField()
    total = models.PositiveSmallIntegerField()
    results = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.quiz_id}: {self.correct}/{self.total}"


class FsrsParameters(models.Model):
    """A learner's own FSRS parameters (the library's 21 weights), used by their scheduler instead of the defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, primary_key=True, on_delete=models.CASCADE, related_name="fsrs_parameters"
    )
    parameters = ArrayField(models.FloatField(), size=21)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "FSRS parameters"
        verbose_name_plural = "FSRS parameters"

    def __str__(self) -> str:
        return f"FSRS parameters of {self.user_id}"


class Exam(models.Model):
    """An exam on some of a learner's courses and topics, on a local date; its prep plan's blocks once accepted."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exams")
    title = models.CharField(max_length=200)
    date = models.DateField(help_text="The exam's local date.")
    courses = models.ManyToManyField("learning.Course", blank=True, related_name="exams")
    topics = models.ManyToManyField("learning.Topic", blank=True, related_name="exams")
    plan_block_ids = ArrayField(models.UUIDField(), default=list, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("date", "created_at")
        indexes = [models.Index(fields=["user", "date"], name="exam_user_date")]

    def __str__(self) -> str:
        return self.title


class AchievementCode(models.TextChoices):
    """The achievements a learner can earn (each once); rules in ``apps/review/achievements.py``."""

    FIRST_REVIEW = "FIRST_REVIEW", "First review"
    REVIEWS_100 = "REVIEWS_100", "100 cards reviewed"
    REVIEWS_1000 = "REVIEWS_1000", "1,000 cards reviewed"
    STREAK_7 = "STREAK_7", "7-day streak"
    STREAK_30 = "STREAK_30", "30-day streak"
    STREAK_100 = "STREAK_100", "100-day streak"
    FIRST_TOPIC_COMPLETED = "FIRST_TOPIC_COMPLETED", "First topic completed"
    FIRST_COURSE_FINISHED = "FIRST_COURSE_FINISHED", "First course finished"
    FIRST_QUIZ_PASSED = "FIRST_QUIZ_PASSED", "First quiz passed"
    PERFECT_QUIZ = "PERFECT_QUIZ", "Perfect quiz"
    STUDY_SESSIONS_10 = "STUDY_SESSIONS_10", "10 study sessions"


class Achievement(models.Model):
    """An achievement a learner earned: once per user and code (a unique constraint), with the time."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="achievements")
    code = models.CharField(max_length=40, choices=AchievementCode.choices)
    earned_at = models.DateTimeField()

    class Meta:
        ordering = ("-earned_at", "code")
        constraints = [models.UniqueConstraint(fields=["user", "code"], name="achievement_user_code")]

    def __str__(self) -> str:
        return f"{self.get_code_display()} ({self.user_id})"


class LearnerReviewStats(User):
    """A learner seen by staff through their review figures (the admin's per-user retention and counts)."""

    class Meta:
        proxy = True
        verbose_name = "learner review figures"
        verbose_name_plural = "learner review figures"
