"""Card and quiz generation from a note, topic or course: jobs with progress, model JSON or offline rules."""

from __future__ import annotations

import logging
from typing import Any, Literal

import pydantic
from django.core.exceptions import ValidationError
from django.db import transaction
from pydantic import BaseModel, ConfigDict, Field

from apps.accounts.models import Job, JobState, User
from apps.accounts.services import job_create, job_update
from apps.assistant.providers.base import ProviderError, ToolSpec
from apps.assistant.providers.selection import providers_for
from apps.billing import entitlements
from apps.learning import selectors as learning_selectors
from apps.learning.text import plain_text
from apps.materials import selectors as material_selectors
from apps.materials.models import Material, MaterialChunk, MaterialStatus
from apps.review import services
from apps.review.grading import ask_tool
from apps.review.models import Deck, Quiz
from apps.review.text import cloze_answer, has_cloze, offline_cards, offline_questions
from maigie.errors import Conflict, PlanLimitReached

logger = logging.getLogger(__name__)

DECK_GENERATION = "deck_generation"
QUIZ_GENERATION = "quiz_generation"
SOURCES = ("note_id", "topic_id", "course_id", "material_id")


class CardSpec(BaseModel):
    """One card the model writes."""

    model_config = ConfigDict(extra="ignore")
    kind: Literal["BASIC", "CLOZE"]
    front: str = Field(min_length=1, max_length=2000)
    back: str = Field(default="", max_length=4000)
    tags: list[str] = Field(default_factory=list, max_length=10)


class CardSet(BaseModel):
    cards: list[CardSpec] = Field(min_length=1, max_length=50)


class QuestionSpec(BaseModel):
    """One quiz question the model writes."""

    model_config = ConfigDict(extra="ignore")
    kind: Literal["MULTIPLE_CHOICE", "TRUE_FALSE", "SHORT_ANSWER"]
    prompt: str = Field(min_length=1, max_length=2000)
    answer: str = Field(min_length=1, max_length=2000)
    choices: list[str] = Field(default_factory=list, max_length=8)
    explanation: str = Field(default="", max_length=2000)


class QuestionSet(BaseModel):
    questions: list[QuestionSpec] = Field(min_length=1, max_length=30)


CARDS_TOOL = ToolSpec(
    name="flashcards",
    description="Return flashcards: BASIC (front question, back answer) or CLOZE (front with {{c1::hidden}} text).",
    parameters=CardSet.model_json_schema(),
)
QUIZ_TOOL = ToolSpec(
    name="quiz",
    description="Return quiz questions: MULTIPLE_CHOICE (answer is one of choices), TRUE_FALSE (answer true or "
    "false) or SHORT_ANSWER.",
    parameters=QuestionSet.model_json_schema(),
)


def material_passages(*, user: User, material_id: Any) -> tuple[Material, list[MaterialChunk]]:
    """The learner's processed material (404 otherwise; 409 until it is ready) and its passages in order."""
    material = material_selectors.material_get(user=user, pk=material_id)
    if material.status != MaterialStatus.READY:
        raise Conflict("This material is not processed yet.", code="material_not_ready")
    return material, list(material_selectors.material_chunks(material=material))


def source_text(
    *, user: User, note_id: Any = None, topic_id: Any = None, course_id: Any = None, material_id: Any = None
) -> tuple[str, str]:
    """The title and plain text of the learner's note, topic, material (its passages) or course (its topics'
    content and notes)."""
    if material_id is not None:
        material, chunks = material_passages(user=user, material_id=material_id)
        return material.title, "\n\n".join(chunk.text for chunk in chunks)
    if note_id is not None:
        note = learning_selectors.note_get(user=user, pk=note_id)
        return note.title, plain_text(note.content)
    if topic_id is not None:
        topic = learning_selectors.topic_get(user=user, pk=topic_id)
        return topic.title, plain_text(topic.content)
    course = learning_selectors.course_detail(user=user, pk=course_id)
    parts = [plain_text(t.content) for m in course.modules.all() for t in m.topics.all()]
    parts += [plain_text(n.content) for n in course.notes.filter(archived=False).order_by("created_at")]
    return course.title, "\n\n".join(p for p in parts if p)


def _check_source(data: dict[str, Any]) -> None:
    given = [name for name in SOURCES if data.get(name) is not None]
    if len(given) != 1:
        raise ValidationError({"note_id": ["Give exactly one of note_id, topic_id, course_id or material_id."]})


def passage_of(front: str, chunks: list[MaterialChunk]) -> Any:
    """The id of the passage a generated card's revealed text comes from, if one holds it."""
    revealed = " ".join(cloze_answer(front).split())
    return next((chunk.pk for chunk in chunks if revealed in " ".join(chunk.text.split())), None)


def _start(*, user: User, kind: str, task: Any, arguments: dict[str, Any]) -> Job:
    job = job_create(user=user, kind=kind)
    job_id = str(job.pk)
    transaction.on_commit(lambda: task.delay(job_id, **arguments))
    return job


@transaction.atomic
def deck_generation_start(
    *,
    user: User,
    note_id: Any = None,
    topic_id: Any = None,
    course_id: Any = None,
    material_id: Any = None,
    deck_id: Any = None,
    max_cards: int = 20,
) -> Job:
    """Start making cards from a note, topic, course or material (task ``ai.generate_cards``) into a deck
    (new if none)."""
    from apps.review.tasks import generate_cards  # noqa: PLC0415 (the tasks import this module)

    source = {"note_id": note_id, "topic_id": topic_id, "course_id": course_id, "material_id": material_id}
    _check_source(source)
    source_text(user=user, **source)  # 404 for another learner's source
    if deck_id is not None and not Deck.objects.filter(user=user, pk=deck_id).exists():
        raise ValidationError({"deck_id": ["No such deck."]})
    entitlements.check_room(user_id=user.pk, metric="cards")
    arguments = {**{k: str(v) if v else None for k, v in source.items()}, "deck_id": str(deck_id) if deck_id else None}
    return _start(user=user, kind=DECK_GENERATION, task=generate_cards, arguments={**arguments, "max_cards": max_cards})


@transaction.atomic
def quiz_generation_start(
    *,
    user: User,
    note_id: Any = None,
    topic_id: Any = None,
    course_id: Any = None,
    material_id: Any = None,
    questions: int = 10,
) -> Job:
    """Start making a quiz from a note, topic, course or material (task ``ai.generate_quiz``)."""
    from apps.review.tasks import generate_quiz  # noqa: PLC0415

    source = {"note_id": note_id, "topic_id": topic_id, "course_id": course_id, "material_id": material_id}
    _check_source(source)
    source_text(user=user, **source)
    arguments = {k: str(v) if v else None for k, v in source.items()}
    return _start(user=user, kind=QUIZ_GENERATION, task=generate_quiz, arguments={**arguments, "questions": questions})


def quiz_generate(
    *,
    user: User,
    note_id: Any = None,
    topic_id: Any = None,
    course_id: Any = None,
    material_id: Any = None,
    questions: int = 10,
) -> Quiz:
    """Make a quiz at once (the assistant's "quiz me"): the job's drafts (model, else offline), then
    :func:`apps.review.services.quiz_create`; 400 when the text has nothing to ask about."""
    source = {"note_id": note_id, "topic_id": topic_id, "course_id": course_id, "material_id": material_id}
    _check_source(source)
    title, text = source_text(user=user, **source)
    drafts, origin = question_drafts(user=user, title=title, text=text, limit=questions)
    if not drafts:
        raise ValidationError({"note_id": ["No definitions found in the text to ask about."]})
    return services.quiz_create(user=user, title=f"Quiz: {title}"[:200], questions=drafts, source=origin, **source)


def card_drafts(*, user: User, title: str, text: str, limit: int) -> tuple[list[dict[str, Any]], str]:
    """Cards for ``text`` from the configured model as validated JSON, else (offline or on failure) cloze rules."""
    provider, _ = providers_for(user)
    if provider.name != "offline":
        try:
            arguments = ask_tool(provider, CARDS_TOOL, f"Write at most {limit} flashcards on {title!r} from:", text)
            cards = CardSet.model_validate(arguments).cards[:limit]
            valid = [c.model_dump() for c in cards if c.kind == "BASIC" or has_cloze(c.front)]
            if valid:
                return valid, "model"
        except (ProviderError, pydantic.ValidationError) as exc:
            logger.warning("cards from the model failed, using the offline builder: %s", exc)
    return [vars(d) for d in offline_cards(text, limit=limit)], "offline"


def question_drafts(*, user: User, title: str, text: str, limit: int) -> tuple[list[dict[str, Any]], str]:
    """Questions for ``text`` from the model as validated JSON, else definition-style questions offline."""
    provider, _ = providers_for(user)
    if provider.name != "offline":
        try:
            arguments = ask_tool(provider, QUIZ_TOOL, f"Write at most {limit} quiz questions on {title!r} from:", text)
            questions = QuestionSet.model_validate(arguments).questions[:limit]
            valid = [
                q.model_dump()
                for q in questions
                if q.kind == "SHORT_ANSWER"
                or (q.kind == "TRUE_FALSE" and q.answer in ("true", "false"))
                or q.answer in q.choices
            ]
            if valid:
                return valid, "model"
        except (ProviderError, pydantic.ValidationError) as exc:
            logger.warning("questions from the model failed, using the offline builder: %s", exc)
    return [vars(d) for d in offline_questions(text, limit=limit)], "offline"


def _claim(job_id: Any, message: str) -> Job | None:
    job = Job.objects.select_related("user").get(pk=job_id)
    if job.state in Job.FINAL_STATES:
        return None
    job_update(job_id=job_id, progress=10, message=message)
    return job


NOTHING_TO_LEARN = "There is no text to make cards from in this source yet: add notes, topic content or a material."


def job_fail(job_id: Any, message: str) -> None:
    """Finish the job as failed with ``message`` (a finished job stays as it is)."""
    job_update(job_id=job_id, state=JobState.FAILED, message="Failed.", error=message)


def deck_generation_run(
    *,
    job_id: Any,
    note_id: Any,
    topic_id: Any,
    course_id: Any,
    deck_id: Any,
    max_cards: int,
    material_id: Any = None,
) -> None:
    """Draft the cards, then create them once (duplicates of the deck's cards skipped); a card from a
    material links the passage its text comes from."""
    job = _claim(job_id, "Reading the source")
    if job is None:
        return
    user = job.user
    chunks: list[MaterialChunk] = []
    if material_id is not None:
        material, chunks = material_passages(user=user, material_id=material_id)
        title, text = material.title, "\n\n".join(chunk.text for chunk in chunks)
        course_id = course_id or material.course_id
    else:
        title, text = source_text(user=user, note_id=note_id, topic_id=topic_id, course_id=course_id)
    job_update(job_id=job_id, progress=30, message="Writing cards")
    drafts, origin = card_drafts(user=user, title=title, text=text, limit=max_cards)
    if not drafts:  # fails rather than leaving an empty deck behind
        job_fail(job_id, NOTHING_TO_LEARN)
        return
    job_update(job_id=job_id, progress=70, message="Saving cards")
    with transaction.atomic():
        if Job.objects.select_for_update().get(pk=job_id).state in Job.FINAL_STATES:
            return
        deck = Deck.objects.filter(user=user, pk=deck_id).first() if deck_id else None
        if deck_id and deck is None:
            job_fail(job_id, "The deck was deleted.")
            return
        if deck is None:
            course = course_id or (
                learning_selectors.topic_get(user=user, pk=topic_id).module.course_id if topic_id else None
            )
            deck = services.deck_create(user=user, title=title[:200], course_id=course)
        for draft in drafts:
            draft.update(note_id=note_id, topic_id=topic_id, chunk_id=passage_of(draft["front"], chunks))
        try:
            created, skipped = services.cards_bulk_create(deck=deck, cards=drafts, skip_duplicates=True)
        except PlanLimitReached as exc:
            job_fail(job_id, exc.message)
            return
        job_update(
            job_id=job_id,
            state=JobState.SUCCEEDED,
            message=f"{len(created)} cards created",
            result={"deck_id": str(deck.pk), "created": len(created), "skipped": skipped, "source": origin},
        )


def quiz_generation_run(
    *, job_id: Any, note_id: Any, topic_id: Any, course_id: Any, questions: int, material_id: Any = None
) -> None:
    """Draft the questions and create the quiz once."""
    job = _claim(job_id, "Reading the source")
    if job is None:
        return
    user = job.user
    title, text = source_text(
        user=user, note_id=note_id, topic_id=topic_id, course_id=course_id, material_id=material_id
    )
    job_update(job_id=job_id, progress=30, message="Writing questions")
    drafts, origin = question_drafts(user=user, title=title, text=text, limit=questions)
    with transaction.atomic():
        if Job.objects.select_for_update().get(pk=job_id).state in Job.FINAL_STATES:
            return
        if not drafts:
            job_fail(job_id, "No definitions found in the text to ask about.")
            return
        quiz = services.quiz_create(
            user=user,
            title=f"Quiz: {title}"[:200],
            questions=drafts,
            course_id=course_id,
            note_id=note_id,
            topic_id=topic_id,
            material_id=material_id,
            source=origin,
        )
        job_update(
            job_id=job_id,
            state=JobState.SUCCEEDED,
            message=f"{len(drafts)} questions",
            result={"quiz_id": str(quiz.pk), "questions": len(drafts), "source": origin},
        )
