"""Shapes of the review API."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from apps.review.achievements import METRICS
from apps.review.models import AchievementCode, Card, CardKind, Deck, Exam, Question, Quiz, QuizAttempt
from apps.review.text import card_answer, card_prompt
from maigie import fields


class DeckOutputSerializer(serializers.ModelSerializer[Deck]):
    card_count = serializers.IntegerField(read_only=True, help_text="Cards in the deck.")
    due_count = serializers.IntegerField(read_only=True, help_text="Cards due now (not suspended or buried).")

    class Meta:
        model = Deck
        fields = ["id", "title", "description", "course_id", "card_count", "due_count", "created_at", "updated_at"]
        read_only_fields = fields


class CardOutputSerializer(serializers.ModelSerializer[Card]):
    prompt = serializers.SerializerMethodField(help_text="What to show first: the front, cloze deletions hidden.")
    answer = serializers.SerializerMethodField(help_text="What to show after: the back, or the cloze revealed.")

    class Meta:
        model = Card
        fields = [
            "id",
            "deck_id",
            "kind",
            "front",
            "back",
            "prompt",
            "answer",
            "tags",
            "note_id",
            "topic_id",
            "chunk_id",
            "suspended",
            "buried_until",
            "state",
            "step",
            "stability",
            "difficulty",
            "due",
            "last_review",
            "reps",
            "lapses",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_prompt(self, card: Card) -> str:
        return card_prompt(cloze=card.kind == CardKind.CLOZE, front=card.front)

    def get_answer(self, card: Card) -> str:
        return card_answer(cloze=card.kind == CardKind.CLOZE, front=card.front, back=card.back)


class QuestionOutputSerializer(serializers.ModelSerializer[Question]):
    class Meta:
        model = Question
        fields = ["id", "order", "kind", "prompt", "choices"]
        read_only_fields = fields


class QuizOutputSerializer(serializers.ModelSerializer[Quiz]):
    questions = QuestionOutputSerializer(many=True, read_only=True)

    class Meta:
        model = Quiz
        fields = ["id", "title", "course_id", "note_id", "topic_id", "material_id", "source", "created_at", "questions"]
        read_only_fields = fields


class QuestionResultSerializer(serializers.Serializer[Any]):
    question_id = fields.UUIDField()
    answer = fields.CharField(allow_blank=True)
    correct = fields.BooleanField()
    expected = fields.CharField()
    method = serializers.ChoiceField(
        choices=["choice", "blank", "normalised_match", "model", "similar_meaning", "not_similar"],
        allow_null=True,
        help_text="How it was graded (null for attempts graded before this field).",
    )
    similarity = serializers.FloatField(
        allow_null=True, help_text="Short answers: the meaning similarity, 0 to 1, when measured."
    )
    reasoning = fields.CharField()
    explanation = fields.CharField(allow_blank=True)


class AttemptOutputSerializer(serializers.ModelSerializer[QuizAttempt]):
    results = QuestionResultSerializer(many=True, read_only=True)

    class Meta:
        model = QuizAttempt
        fields = ["id", "quiz_id", "score", "correct", "total", "results", "created_at"]
        read_only_fields = fields


class ExamOutputSerializer(serializers.ModelSerializer[Exam]):
    course_ids = serializers.SerializerMethodField(help_text="The exam's courses.")
    topic_ids = serializers.SerializerMethodField(help_text="Topics named besides those of its courses.")

    class Meta:
        model = Exam
        fields = ["id", "title", "date", "course_ids", "topic_ids", "plan_block_ids", "created_at", "updated_at"]
        read_only_fields = fields

    def get_course_ids(self, exam: Exam) -> list[str]:
        return [str(course.pk) for course in exam.courses.all()]

    def get_topic_ids(self, exam: Exam) -> list[str]:
        return [str(topic.pk) for topic in exam.topics.all()]


class TopicReadinessSerializer(serializers.Serializer[Any]):
    id = fields.UUIDField()
    title = fields.CharField()
    course_id = fields.UUIDField()
    completed = fields.BooleanField()
    cards = serializers.IntegerField()
    retention = serializers.FloatField(allow_null=True, help_text="Mean recall probability of its cards at the exam.")


class ReadinessSerializer(serializers.Serializer[Any]):
    exam_id = fields.UUIDField()
    days_left = serializers.IntegerField(help_text="Study days until the exam's date (negative once past).")
    score = serializers.FloatField(help_text="0-1: coverage 0.3, retention 0.5, quizzes 0.2 (parts with data).")
    topics_total = serializers.IntegerField()
    topics_covered = serializers.IntegerField()
    coverage = serializers.FloatField(allow_null=True)
    cards = serializers.IntegerField()
    retention_now = serializers.FloatField(allow_null=True, help_text="Mean FSRS retrievability of the cards now.")
    retention_at_exam = serializers.FloatField(allow_null=True, help_text="The same on the exam day, if not reviewed.")
    quizzes_taken = serializers.IntegerField()
    quiz_score = serializers.FloatField(allow_null=True, help_text="Mean of the latest score of each quiz.")
    topics = TopicReadinessSerializer(many=True)


class PlannedBlockSerializer(serializers.Serializer[Any]):
    title = fields.CharField()
    start = fields.DateTimeField()
    end = fields.DateTimeField()
    course_id = fields.UUIDField(allow_null=True)
    topic_id = fields.UUIDField(allow_null=True)
    type = fields.CharField()


class AchievementSerializer(serializers.Serializer[Any]):
    code = serializers.ChoiceField(choices=AchievementCode.choices)
    title = fields.CharField()
    description = fields.CharField()
    earned = fields.BooleanField()
    earned_at = fields.DateTimeField(allow_null=True)
    metric = serializers.ChoiceField(choices=METRICS, help_text="What counts toward it (docs/review.md).")
    value = serializers.IntegerField(help_text="The learner's value of the metric, at most the target.")
    target = serializers.IntegerField()
    progress = serializers.FloatField(help_text="value / target, 0 to 1 (1 once earned).")


class AchievementBriefSerializer(serializers.Serializer[Any]):
    code = serializers.ChoiceField(choices=AchievementCode.choices)
    title = fields.CharField()
    description = fields.CharField()
    earned_at = fields.DateTimeField(allow_null=True)
    value = serializers.IntegerField()
    target = serializers.IntegerField()
    progress = serializers.FloatField()


class AchievementsTodaySerializer(serializers.Serializer[Any]):
    earned = serializers.IntegerField()
    total = serializers.IntegerField()
    recent = AchievementBriefSerializer(many=True, help_text="Earned in the last 7 days, newest first.")
    next = AchievementBriefSerializer(many=True, help_text="Up to three not yet earned, closest to done first.")


class EarnedAchievementSerializer(serializers.Serializer[Any]):
    code = serializers.ChoiceField(choices=AchievementCode.choices)
    title = fields.CharField()
    earned_at = fields.DateTimeField()


class AchievementsEarnedSerializer(serializers.Serializer[Any]):
    earned = serializers.IntegerField()
    total = serializers.IntegerField()
    items = EarnedAchievementSerializer(many=True, help_text="Newest first.")
