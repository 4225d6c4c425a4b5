"""Decks, cards, reviews, CSV, generation, quizzes and today: one class per action."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts.api.current import current_user
from apps.accounts.services import job_payload
from apps.assistant.api.generation import JobEnvelopeSerializer
from apps.planning.api.schedule import BlockOutputSerializer, IgnoreClientContentNegotiation
from apps.review import exams, generation, selectors, services
from apps.review.achievements import achievement_list
from apps.review.api.serializers import (
    AchievementSerializer,
    AchievementsTodaySerializer,
    AttemptOutputSerializer,
    CardOutputSerializer,
    DeckOutputSerializer,
    ExamOutputSerializer,
    PlannedBlockSerializer,
    QuizOutputSerializer,
    ReadinessSerializer,
)
from apps.review.models import MAX_TAGS, CardKind, CardState
from apps.review.scheduling import DEFAULT_PARAMETERS, parameters_for, study_day
from maigie import cache, fields
from maigie.api import EnumChoiceField, paginated_response, query_filters, validated
from maigie.openapi import UNSAFE_METHODS, errors
from maigie.preconditions import IfMatchMixin

TAGS = ["review"]
MAX_CSV_CHARS = 1_000_000


# --- decks -----------------------------------------------------------------------------------


class DeckListApi(APIView):
    """List the user's decks with card and due counts, or create one."""

    class FilterSerializer(serializers.Serializer[Any]):
        course = fields.UUIDField(required=False, help_text="Only decks of this course.")

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "DeckCreate"

        title = fields.CharField(max_length=200)
        description = fields.CharField(required=False, allow_blank=True, max_length=5000)
        course_id = fields.UUIDField(required=False, allow_null=True)

    @extend_schema(parameters=[FilterSerializer], responses={200: DeckOutputSerializer(many=True)}, tags=TAGS)
    def get(self, request: Request) -> Response:
        decks = selectors.deck_list(
            user=current_user(request), now=timezone.now(), **query_filters(self.FilterSerializer, request)
        )
        return paginated_response(request, decks, DeckOutputSerializer, view=self)

    @extend_schema(request=InputSerializer, responses={201: DeckOutputSerializer}, tags=TAGS)
    def post(self, request: Request) -> Response:
        user = current_user(request)
        deck = services.deck_create(user=user, **validated(self.InputSerializer, request.data))
        deck = selectors.deck_get(user=user, deck_id=deck.pk, now=timezone.now())
        return Response(DeckOutputSerializer(deck).data, status=status.HTTP_201_CREATED)


class DeckDetailApi(IfMatchMixin, APIView):
    """Read, change or delete one deck (deleting removes its cards)."""

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "DeckUpdate"

        title = fields.CharField(max_length=200, required=False)
        description = fields.CharField(required=False, allow_blank=True, max_length=5000)
        course_id = fields.UUIDField(required=False, allow_null=True)

    @extend_schema(responses={200: DeckOutputSerializer}, tags=TAGS)
    def get(self, request: Request, deck_id: str) -> Response:
        deck = selectors.deck_get(user=current_user(request), deck_id=deck_id, now=timezone.now())
        return Response(DeckOutputSerializer(deck).data)

    @extend_schema(request=InputSerializer, responses={200: DeckOutputSerializer}, tags=TAGS)
    def patch(self, request: Request, deck_id: str) -> Response:
        user = current_user(request)
        deck = selectors.deck_get(user=user, deck_id=deck_id)
        services.deck_update(deck=deck, data=validated(self.InputSerializer, request.data))
        return Response(DeckOutputSerializer(selectors.deck_get(user=user, deck_id=deck_id, now=timezone.now())).data)

    @extend_schema(responses={204: None}, tags=TAGS)
    def delete(self, request: Request, deck_id: str) -> Response:
        services.deck_delete(deck=selectors.deck_get(user=current_user(request), deck_id=deck_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class DeckImportApi(APIView):
    """Import cards from CSV text (Anki-style ``front,back,tags``); duplicates in the deck are skipped."""

    plan_limited_methods = UNSAFE_METHODS  # 402 plan_limit (cards cap)

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "DeckImport"

        csv = fields.CharField(max_length=MAX_CSV_CHARS, help_text="CSV rows front,back,tags (tags space-separated).")

    class OutputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "DeckImportResult"

        created = serializers.IntegerField()
        skipped = serializers.IntegerField()

    @extend_schema(request=InputSerializer, responses={200: OutputSerializer}, tags=TAGS)
    def post(self, request: Request, deck_id: str) -> Response:
        deck = selectors.deck_get(user=current_user(request), deck_id=deck_id)
        content = validated(self.InputSerializer, request.data)["csv"]
        return Response(services.cards_import_csv(deck=deck, content=content))


class DeckExportApi(APIView):
    """The deck's cards as CSV (``front,back,tags``), for Anki or a spreadsheet."""

    content_negotiation_class = IgnoreClientContentNegotiation

    @extend_schema(responses={(200, "text/csv"): OpenApiTypes.STR, **errors(404)}, tags=TAGS)
    def get(self, request: Request, deck_id: str) -> HttpResponse:
        user = current_user(request)
        deck = selectors.deck_get(user=user, deck_id=deck_id)
        response = HttpResponse(
            services.cards_export_csv(selectors.card_list(user=user, deck=deck.pk)), content_type="text/csv"
        )
        response["Content-Disposition"] = 'attachment; filename="deck.csv"'
        return response


class DeckGenerateApi(APIView):
    """Start making cards from a note, topic or course; the job's result names the deck and counts."""

    plan_limited_methods = UNSAFE_METHODS  # 402 plan_limit (cards cap)

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "DeckGenerate"

        note_id = fields.UUIDField(required=False, allow_null=True)
        topic_id = fields.UUIDField(required=False, allow_null=True)
        course_id = fields.UUIDField(required=False, allow_null=True)
        material_id = fields.UUIDField(required=False, allow_null=True, help_text="A processed material's passages.")
        deck_id = fields.UUIDField(required=False, allow_null=True, help_text="Add to this deck; a new one if absent.")
        max_cards = fields.IntegerField(min_value=1, max_value=50, required=False)

    @extend_schema(request=InputSerializer, responses={202: JobEnvelopeSerializer}, tags=TAGS)
    def post(self, request: Request) -> Response:
        job = generation.deck_generation_start(
            user=current_user(request), **validated(self.InputSerializer, request.data)
        )
        return Response({"job": job_payload(job)}, status=status.HTTP_202_ACCEPTED)


# --- cards -----------------------------------------------------------------------------------


class CardFieldsSerializer(serializers.Serializer[Any]):
    class Meta:
        ref_name = "CardFields"

    kind = EnumChoiceField(choices=CardKind.choices, required=False)
    front = fields.CharField(max_length=2000)
    back = fields.CharField(max_length=4000, required=False, allow_blank=True)
    tags = serializers.ListField(child=fields.CharField(max_length=50), max_length=MAX_TAGS, required=False)
    note_id = fields.UUIDField(required=False, allow_null=True)
    topic_id = fields.UUIDField(required=False, allow_null=True)
    chunk_id = fields.UUIDField(required=False, allow_null=True, help_text="A passage of one of your materials.")


class CardInputSerializer(CardFieldsSerializer):
    class Meta:
        ref_name = "CardCreate"

    deck_id = fields.UUIDField()


class CardListApi(APIView):
    """List the user's cards (filter by deck, tag, state, kind, suspended) or create one."""

    plan_limited_methods = UNSAFE_METHODS  # 402 plan_limit (cards cap)

    class FilterSerializer(serializers.Serializer[Any]):
        deck = fields.UUIDField(required=False)
        tag = fields.CharField(required=False, max_length=50)
        state = EnumChoiceField(choices=CardState.choices, required=False)
        kind = EnumChoiceField(choices=CardKind.choices, required=False)
        suspended = fields.BooleanField(required=False)

    @extend_schema(parameters=[FilterSerializer], responses={200: CardOutputSerializer(many=True)}, tags=TAGS)
    def get(self, request: Request) -> Response:
        cards = selectors.card_list(user=current_user(request), **query_filters(self.FilterSerializer, request))
        return paginated_response(request, cards, CardOutputSerializer, view=self)

    @extend_schema(request=CardInputSerializer, responses={201: CardOutputSerializer}, tags=TAGS)
    def post(self, request: Request) -> Response:
        user = current_user(request)
        data = validated(CardInputSerializer, request.data)
        deck = selectors.deck_get(user=user, deck_id=data.pop("deck_id"))
        card = services.card_create(deck=deck, **data)
        return Response(CardOutputSerializer(card).data, status=status.HTTP_201_CREATED)


class CardBulkCreateApi(APIView):
    """Create up to 500 cards in one deck; with ``skip_duplicates`` cards already in the deck are left out."""

    plan_limited_methods = UNSAFE_METHODS  # 402 plan_limit (cards cap)

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "CardBulkCreate"

        deck_id = fields.UUIDField()
        skip_duplicates = fields.BooleanField(required=False, default=False)
        cards = serializers.ListField(child=CardFieldsSerializer(), min_length=1, max_length=services.MAX_BULK)

    class OutputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "CardBulkCreateResult"

        created = CardOutputSerializer(many=True)
        skipped = serializers.IntegerField()

    @extend_schema(request=InputSerializer, responses={201: OutputSerializer}, tags=TAGS)
    def post(self, request: Request) -> Response:
        user = current_user(request)
        data = validated(self.InputSerializer, request.data)
        deck = selectors.deck_get(user=user, deck_id=data["deck_id"])
        created, skipped = services.cards_bulk_create(
            deck=deck, cards=data["cards"], skip_duplicates=data["skip_duplicates"]
        )
        body = {"created": CardOutputSerializer(created, many=True).data, "skipped": skipped}
        return Response(body, status=status.HTTP_201_CREATED)


class CardDetailApi(IfMatchMixin, APIView):
    """Read, change (text, tags, deck, suspend, bury until the next study day) or delete one card."""

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "CardUpdate"

        deck_id = fields.UUIDField(required=False)
        kind = EnumChoiceField(choices=CardKind.choices, required=False)
        front = fields.CharField(max_length=2000, required=False)
        back = fields.CharField(max_length=4000, required=False, allow_blank=True)
        tags = serializers.ListField(child=fields.CharField(max_length=50), max_length=MAX_TAGS, required=False)
        note_id = fields.UUIDField(required=False, allow_null=True)
        topic_id = fields.UUIDField(required=False, allow_null=True)
        chunk_id = fields.UUIDField(required=False, allow_null=True)
        suspended = fields.BooleanField(required=False)
        buried = fields.BooleanField(required=False, help_text="Hide the card until the next study day.")

    @extend_schema(responses={200: CardOutputSerializer}, tags=TAGS)
    def get(self, request: Request, card_id: str) -> Response:
        return Response(CardOutputSerializer(selectors.card_get(user=current_user(request), card_id=card_id)).data)

    @extend_schema(request=InputSerializer, responses={200: CardOutputSerializer}, tags=TAGS)
    def patch(self, request: Request, card_id: str) -> Response:
        with transaction.atomic():
            card = selectors.card_get(user=current_user(request), card_id=card_id, for_update=True)
            card = services.card_update(card=card, data=validated(self.InputSerializer, request.data))
        return Response(CardOutputSerializer(card).data)

    @extend_schema(responses={204: None}, tags=TAGS)
    def delete(self, request: Request, card_id: str) -> Response:
        services.card_delete(card=selectors.card_get(user=current_user(request), card_id=card_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class CardReviewApi(APIView):
    """Rate a card (1 Again, 2 Hard, 3 Good, 4 Easy); FSRS sets its next due date and memory state."""

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "CardReview"

        rating = fields.IntegerField(min_value=1, max_value=4)
        duration_ms = fields.IntegerField(min_value=0, max_value=86_400_000, required=False, allow_null=True)

    @extend_schema(request=InputSerializer, responses={200: CardOutputSerializer}, tags=TAGS)
    def post(self, request: Request, card_id: str) -> Response:
        with transaction.atomic():
            card = selectors.card_get(user=current_user(request), card_id=card_id, for_update=True)
            card = services.card_review(card=card, **validated(self.InputSerializer, request.data))
        return Response(CardOutputSerializer(card).data)


class CardUndoReviewApi(APIView):
    """Undo the card's last review: its state before that review comes back from the log."""

    @extend_schema(request=None, responses={200: CardOutputSerializer}, tags=TAGS)
    def post(self, request: Request, card_id: str) -> Response:
        with transaction.atomic():
            card = selectors.card_get(user=current_user(request), card_id=card_id, for_update=True)
            card = services.card_undo_review(card=card)
        return Response(CardOutputSerializer(card).data)


class CardDueApi(APIView):
    """Cards to study now, in study order: learning steps due, then reviews due, then new cards."""

    pagination_class = None  # one list of at most ``limit`` cards

    class FilterSerializer(serializers.Serializer[Any]):
        deck = fields.UUIDField(required=False)
        limit = fields.IntegerField(min_value=1, max_value=500, required=False, help_text="At most this many (50).")

    @extend_schema(parameters=[FilterSerializer], responses={200: CardOutputSerializer(many=True)}, tags=TAGS)
    def get(self, request: Request) -> Response:
        filters = query_filters(self.FilterSerializer, request)
        cards = selectors.due_cards(user=current_user(request), now=timezone.now(), deck=filters.get("deck"))
        return Response(CardOutputSerializer(cards[: filters.get("limit", 50)], many=True).data)


# --- quizzes ---------------------------------------------------------------------------------


class QuizGenerateApi(APIView):
    """Start making a quiz from a note, topic or course; the job's result names the quiz."""

    plan_limited_methods = UNSAFE_METHODS  # 402 plan_limit / quota_exceeded (maigie.openapi)

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "QuizGenerate"

        note_id = fields.UUIDField(required=False, allow_null=True)
        topic_id = fields.UUIDField(required=False, allow_null=True)
        course_id = fields.UUIDField(required=False, allow_null=True)
        material_id = fields.UUIDField(required=False, allow_null=True, help_text="A processed material's passages.")
        questions = fields.IntegerField(min_value=1, max_value=30, required=False)

    @extend_schema(request=InputSerializer, responses={202: JobEnvelopeSerializer}, tags=TAGS)
    def post(self, request: Request) -> Response:
        job = generation.quiz_generation_start(
            user=current_user(request), **validated(self.InputSerializer, request.data)
        )
        return Response({"job": job_payload(job)}, status=status.HTTP_202_ACCEPTED)


class QuizListApi(APIView):
    """The user's quizzes with their questions (answers hidden until an attempt is graded)."""

    @extend_schema(responses={200: QuizOutputSerializer(many=True)}, tags=TAGS)
    def get(self, request: Request) -> Response:
        return paginated_response(
            request, selectors.quiz_list(user=current_user(request)), QuizOutputSerializer, view=self
        )


class QuizDetailApi(APIView):
    """One quiz with its questions."""

    @extend_schema(responses={200: QuizOutputSerializer}, tags=TAGS)
    def get(self, request: Request, quiz_id: str) -> Response:
        return Response(QuizOutputSerializer(selectors.quiz_get(user=current_user(request), quiz_id=quiz_id)).data)


class AnswerSerializer(serializers.Serializer[Any]):
    class Meta:
        ref_name = "QuizAnswer"

    question_id = fields.UUIDField()
    answer = fields.CharField(max_length=2000, allow_blank=True)


class QuizAttemptApi(APIView):
    """Submit answers to a quiz: graded at once, with per-question feedback; missed questions can become cards."""

    plan_limited_methods = UNSAFE_METHODS  # 402 plan_limit (cards cap, with deck_id)

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "QuizAttemptCreate"

        answers = serializers.ListField(child=AnswerSerializer(), max_length=100)
        deck_id = fields.UUIDField(required=False, allow_null=True, help_text="Add missed questions here as cards.")

    @extend_schema(responses={200: AttemptOutputSerializer(many=True)}, tags=TAGS)
    def get(self, request: Request, quiz_id: str) -> Response:
        user = current_user(request)
        attempts = selectors.attempt_list(user=user, quiz=selectors.quiz_get(user=user, quiz_id=quiz_id))
        return paginated_response(request, attempts, AttemptOutputSerializer, view=self)

    @extend_schema(request=InputSerializer, responses={201: AttemptOutputSerializer}, tags=TAGS)
    def post(self, request: Request, quiz_id: str) -> Response:
        user = current_user(request)
        quiz = selectors.quiz_get(user=user, quiz_id=quiz_id)
        data = validated(self.InputSerializer, request.data)
        deck = selectors.deck_get(user=user, deck_id=data["deck_id"]) if data.get("deck_id") else None
        attempt = services.quiz_attempt_submit(
            user=user, quiz=quiz, answers={a["question_id"]: a["answer"] for a in data["answers"]}, deck=deck
        )
        return Response(AttemptOutputSerializer(attempt).data, status=status.HTTP_201_CREATED)


# --- today -----------------------------------------------------------------------------------


class TodaySerializer(serializers.Serializer[Any]):
    class CardsSerializer(serializers.Serializer[Any]):
        due_now = serializers.IntegerField()
        due_today = serializers.IntegerField(help_text="Due before the study day ends.")
        new = serializers.IntegerField(help_text="New cards among those due now.")
        learning_now = serializers.IntegerField(help_text="Learning and relearning steps among those due now.")
        reviewed_today = serializers.IntegerField()
        estimated_minutes = serializers.IntegerField()

    class TaskSerializer(serializers.Serializer[Any]):
        id = fields.UUIDField()
        goal_id = fields.UUIDField()
        title = fields.CharField()
        deadline = fields.DateTimeField()
        overdue = fields.BooleanField()

    class BlockSerializer(serializers.Serializer[Any]):
        block_id = fields.UUIDField()
        title = fields.CharField()
        start = fields.DateTimeField()
        end = fields.DateTimeField()
        completed = fields.BooleanField()

    class StreakSerializer(serializers.Serializer[Any]):
        current = serializers.IntegerField()
        longest = serializers.IntegerField()
        active_today = fields.BooleanField()
        freezes_used = serializers.IntegerField(help_text="Missed days the current streak bridged (one a week).")
        freeze_available = fields.BooleanField(help_text="This week's freeze is not used yet.")

    class AgendaItemSerializer(serializers.Serializer[Any]):
        kind = serializers.ChoiceField(choices=["task", "block", "cards", "exam", "topic"])
        id = fields.UUIDField(allow_null=True, help_text="The task, block, exam or topic; null for cards.")
        title = fields.CharField()
        due = fields.DateTimeField(allow_null=True, help_text="Deadline, start, or now for cards due.")
        reason = fields.CharField()
        score = serializers.IntegerField(help_text="Rank: higher first (docs/review.md).")

    class ExamSerializer(serializers.Serializer[Any]):
        id = fields.UUIDField()
        title = fields.CharField()
        date = fields.DateField()
        days_left = serializers.IntegerField()
        course_ids = serializers.ListField(child=fields.UUIDField())

    class NextTopicSerializer(serializers.Serializer[Any]):
        id = fields.UUIDField()
        title = fields.CharField()
        course_id = fields.UUIDField()
        course_title = fields.CharField()

    date = fields.DateField(help_text="The study day (local, starting at the day-start hour).")
    day_starts_at = fields.DateTimeField()
    day_ends_at = fields.DateTimeField()
    agenda = AgendaItemSerializer(many=True, help_text="What to do, first things first.")
    cards = CardsSerializer()
    tasks = TaskSerializer(many=True)
    blocks = BlockSerializer(many=True)
    exams = ExamSerializer(many=True, help_text="Exams in the next 30 days.")
    next_topics = NextTopicSerializer(many=True, help_text="The first unfinished topic of each active course.")
    streak = StreakSerializer()
    achievements = AchievementsTodaySerializer(help_text="Recently earned and within reach.")


class TodayApi(APIView):
    """The learner's study day: a ranked agenda, cards due, tasks due or overdue, blocks, exams, next topics, streak,
    achievements."""

    @extend_schema(responses={200: TodaySerializer}, tags=TAGS)
    def get(self, request: Request) -> Response:
        user, now = current_user(request), timezone.now()
        plan = cache.get_or_compute(
            cache.TODAY,
            user_id=user.pk,
            parts=(study_day(user=user, now=now)[0],),
            compute=lambda: selectors.today_plan(user=user, now=now),
        )
        return Response(TodaySerializer(selectors.today(user=user, now=now, plan=plan)).data)


class AchievementListApi(APIView):
    """Every achievement: the earned ones with when, the others with the learner's progress toward them."""

    pagination_class = None  # the fixed list of achievements

    @extend_schema(responses={200: AchievementSerializer(many=True)}, tags=TAGS)
    def get(self, request: Request) -> Response:
        rows = achievement_list(user=current_user(request), now=timezone.now())
        return Response(AchievementSerializer(rows, many=True).data)


# --- exams -----------------------------------------------------------------------------------


class ExamListApi(APIView):
    """The user's exams (soonest first), or create one on some of their courses and topics."""

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "ExamCreate"

        title = fields.CharField(max_length=200)
        date = fields.DateField(help_text="The exam's local date.")
        course_ids = serializers.ListField(child=fields.UUIDField(), max_length=20, required=False)
        topic_ids = serializers.ListField(child=fields.UUIDField(), max_length=200, required=False)

    @extend_schema(responses={200: ExamOutputSerializer(many=True)}, tags=TAGS)
    def get(self, request: Request) -> Response:
        return paginated_response(request, exams.exam_list(user=current_user(request)), ExamOutputSerializer, view=self)

    @extend_schema(request=InputSerializer, responses={201: ExamOutputSerializer}, tags=TAGS)
    def post(self, request: Request) -> Response:
        user = current_user(request)
        exam = services.exam_create(user=user, **validated(self.InputSerializer, request.data))
        return Response(
            ExamOutputSerializer(exams.exam_get(user=user, exam_id=exam.pk)).data, status=status.HTTP_201_CREATED
        )


class ExamDetailApi(IfMatchMixin, APIView):
    """Read, change or delete one exam (its accepted plan's blocks stay in the schedule)."""

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "ExamUpdate"

        title = fields.CharField(max_length=200, required=False)
        date = fields.DateField(required=False)
        course_ids = serializers.ListField(child=fields.UUIDField(), max_length=20, required=False)
        topic_ids = serializers.ListField(child=fields.UUIDField(), max_length=200, required=False)

    @extend_schema(responses={200: ExamOutputSerializer}, tags=TAGS)
    def get(self, request: Request, exam_id: str) -> Response:
        return Response(ExamOutputSerializer(exams.exam_get(user=current_user(request), exam_id=exam_id)).data)

    @extend_schema(request=InputSerializer, responses={200: ExamOutputSerializer}, tags=TAGS)
    def patch(self, request: Request, exam_id: str) -> Response:
        user = current_user(request)
        services.exam_update(
            exam=exams.exam_get(user=user, exam_id=exam_id), data=validated(self.InputSerializer, request.data)
        )
        return Response(ExamOutputSerializer(exams.exam_get(user=user, exam_id=exam_id)).data)

    @extend_schema(responses={204: None}, tags=TAGS)
    def delete(self, request: Request, exam_id: str) -> Response:
        services.exam_delete(exam=exams.exam_get(user=current_user(request), exam_id=exam_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class ExamReadinessApi(APIView):
    """How ready the learner is: topics covered, recall of the exam's cards (FSRS), quiz results, one score."""

    @extend_schema(responses={200: ReadinessSerializer}, tags=TAGS)
    def get(self, request: Request, exam_id: str) -> Response:
        exam = exams.exam_get(user=current_user(request), exam_id=exam_id)
        return Response(ReadinessSerializer(exams.readiness(exam=exam, now=timezone.now())).data)


class PlanOptionsSerializer(serializers.Serializer[Any]):
    class Meta:
        ref_name = "ExamPlanOptions"

    hour = fields.IntegerField(min_value=0, max_value=22, required=False, help_text="Local start hour (18).")
    minutes = fields.IntegerField(min_value=15, max_value=240, required=False, help_text="Block length (60).")


class ExamPlanApi(APIView):
    """The exam-prep plan: GET proposes study blocks until the exam, POST accepts them into the schedule."""

    pagination_class = None  # one list of at most 60 blocks

    @extend_schema(parameters=[PlanOptionsSerializer], responses={200: PlannedBlockSerializer(many=True)}, tags=TAGS)
    def get(self, request: Request, exam_id: str) -> Response:
        exam = exams.exam_get(user=current_user(request), exam_id=exam_id)
        options = query_filters(PlanOptionsSerializer, request)
        proposal = exams.plan_proposal(exam=exam, now=timezone.now(), **options)
        return Response(PlannedBlockSerializer([vars(item) for item in proposal], many=True).data)

    @extend_schema(request=PlanOptionsSerializer, responses={201: BlockOutputSerializer(many=True)}, tags=TAGS)
    def post(self, request: Request, exam_id: str) -> Response:
        user = current_user(request)
        options = validated(PlanOptionsSerializer, request.data)
        with transaction.atomic():
            exam = exams.exam_get(user=user, exam_id=exam_id)
            blocks = services.exam_plan_accept(exam=exam, now=timezone.now(), **options)
        return Response(BlockOutputSerializer(blocks, many=True).data, status=status.HTTP_201_CREATED)


# --- FSRS parameters -------------------------------------------------------------------------


class ParametersSerializer(serializers.Serializer[Any]):
    class Meta:
        ref_name = "FsrsParameters"

    parameters = serializers.ListField(
        child=fields.FloatField(min_value=0, max_value=100),
        min_length=21,
        max_length=21,
        help_text="The 21 FSRS weights the scheduler uses.",
    )
    custom = fields.BooleanField(read_only=True, help_text="False: the library's defaults.")


class ParametersApi(IfMatchMixin, APIView):
    """The learner's FSRS parameters (their own or the defaults); PUT sets them, DELETE restores the defaults."""

    @extend_schema(responses={200: ParametersSerializer}, tags=TAGS)
    def get(self, request: Request) -> Response:
        own = parameters_for(current_user(request))
        return Response({"parameters": list(own or DEFAULT_PARAMETERS), "custom": own is not None})

    @extend_schema(request=ParametersSerializer, responses={200: ParametersSerializer}, tags=TAGS)
    def put(self, request: Request) -> Response:
        parameters = validated(ParametersSerializer, request.data)["parameters"]
        services.parameters_set(user=current_user(request), parameters=parameters)
        return Response({"parameters": parameters, "custom": True})

    @extend_schema(responses={204: None}, tags=TAGS)
    def delete(self, request: Request) -> Response:
        services.parameters_set(user=current_user(request), parameters=None)
        return Response(status=status.HTTP_204_NO_CONTENT)
