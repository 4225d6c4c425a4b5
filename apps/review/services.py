"""Review writes: decks, cards (bulk, CSV import), FSRS reviews and their undo, quizzes and attempts."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import fsrs
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from apps.accounts.models import User
from apps.billing import entitlements
from apps.learning import selectors as learning_selectors
from apps.learning.links import learning_links
from apps.learning.models import Topic
from apps.materials.models import MaterialChunk
from apps.planning.models import ScheduleBlock
from apps.planning.services import schedule as schedule_services
from apps.review import events
from apps.review.achievements import award_achievements
from apps.review.exams import DEFAULT_PLAN_HOUR, DEFAULT_PLAN_MINUTES, plan_proposal
from apps.review.grading import grade_short_answers
from apps.review.models import (
    MAX_TAGS,
    Card,
    CardKind,
    CardState,
    Deck,
    Exam,
    FsrsParameters,
    Question,
    QuestionKind,
    Quiz,
    QuizAttempt,
)
from apps.review.scheduling import apply_fsrs, check_parameters, scheduler_for, study_day, to_fsrs
from apps.review.text import fingerprint, has_cloze, normalise
from maigie.encoding import utc_iso
from maigie.errors import Conflict
from maigie.realtime.publish import publish

MAX_BULK = 500
MAX_CSV_ROWS = 5000
NO_SUCH_NOTE = "No such note."
DECK_FIELDS = ("title", "description", "course_id")
CARD_FIELDS = ("kind", "front", "back", "tags", "note_id", "topic_id", "chunk_id", "suspended", "deck_id")


def _deck_changed(deck: Deck, change: str) -> None:
    count = None if change == "deleted" else Card.objects.filter(deck_id=deck.pk).count()
    publish(
        user_id=deck.user_id,
        event=events.DECK_CHANGED,
        data={"id": str(deck.pk), "change": change, "title": deck.title, "card_count": count},
    )


def _exam_changed(exam: Exam, change: str) -> None:
    publish(
        user_id=exam.user_id,
        event=events.EXAM_CHANGED,
        data={"id": str(exam.pk), "change": change, "title": exam.title, "date": exam.date.isoformat()},
    )


def _check_course(user: User, course_id: Any) -> None:
    if course_id is not None:  # 400 on the field, as for every body link
        learning_links(user=user, course_id=course_id)


@transaction.atomic
def deck_create(*, user: User, title: str, description: str = "", course_id: Any = None) -> Deck:
    """A new deck, free-standing or of one of ``user``'s courses."""
    _check_course(user, course_id)
    deck = Deck.objects.create(user=user, title=title, description=description, course_id=course_id)
    _deck_changed(deck, "created")
    return deck


@transaction.atomic
def deck_update(*, deck: Deck, data: Mapping[str, Any]) -> Deck:
    """Change a deck's title, description or course."""
    if "course_id" in data:
        _check_course(deck.user, data["course_id"])
    for name in DECK_FIELDS:
        if name in data:
            setattr(deck, name, data[name])
    deck.save()
    _deck_changed(deck, "updated")
    return deck


@transaction.atomic
def deck_delete(*, deck: Deck) -> None:
    """Delete a deck with its cards and their review logs."""
    _deck_changed(deck, "deleted")
    deck.delete()


def _clean_tags(tags: Iterable[str]) -> list[str]:
    cleaned = list(dict.fromkeys(tag.strip().replace(" ", "_")[:50] for tag in tags if tag.strip()))
    if len(cleaned) > MAX_TAGS:
        raise ValidationError({"tags": [f"At most {MAX_TAGS} tags."]})
    return cleaned


def _check_text(kind: str, front: str) -> None:
    if not front.strip():
        raise ValidationError({"front": ["The front must not be blank."]})
    if kind == CardKind.CLOZE and not has_cloze(front):
        raise ValidationError({"front": ["A cloze card needs at least one {{c1::...}} deletion."]})


def _check_sources(user: User, note_id: Any, topic_id: Any, chunk_id: Any = None) -> None:
    if note_id is not None:  # 400 on the field, as for every body link
        try:
            learning_selectors.note_get(user=user, pk=note_id)
        except Http404 as exc:
            raise ValidationError({"note_id": [NO_SUCH_NOTE]}) from exc
    if topic_id is not None:  # the learner's own topic, or one shared with them in a space
        learning_links(user=user, topic_id=topic_id, shared=True)
    if chunk_id is not None and not MaterialChunk.objects.filter(pk=chunk_id, user=user).exists():
        raise ValidationError({"chunk_id": ["No such material passage."]})


def _new_card(*, deck: Deck, now: datetime.datetime, spec: Mapping[str, Any]) -> Card:
    front = spec["front"]
    default_kind = CardKind.CLOZE if has_cloze(front) else CardKind.BASIC  # as the CSV import reads a front
    kind = spec.get("kind") or default_kind
    _check_text(kind, front)
    return Card(
        user_id=deck.user_id,
        deck=deck,
        kind=kind,
        front=front,
        back=spec.get("back", ""),
        tags=_clean_tags(spec.get("tags", ())),
        note_id=spec.get("note_id"),
        topic_id=spec.get("topic_id"),
        chunk_id=spec.get("chunk_id"),
        fingerprint=fingerprint(front=front),
        state=CardState.NEW,
        step=0,
        due=now,
    )


@transaction.atomic
def cards_bulk_create(
    *,
    deck: Deck,
    cards: Sequence[Mapping[str, Any]],
    skip_duplicates: bool = False,
    now: datetime.datetime | None = None,
) -> tuple[list[Card], int]:
    """Create ``cards`` (dicts of kind, front, back, tags, note_id, topic_id, chunk_id) in ``deck``; new and due now.

    With ``skip_duplicates`` a card whose normalised front is already in the deck (or earlier in
    ``cards``) is left out. Answers the created cards and how many were skipped. The plan's
    ``cards`` cap is checked for all of them at once.
    """
    if len(cards) > MAX_BULK:
        raise ValidationError({"cards": [f"At most {MAX_BULK} cards at once."]})
    now = now or timezone.now()
    user = deck.user
    for spec in cards:
        _check_sources(user, spec.get("note_id"), spec.get("topic_id"), spec.get("chunk_id"))
    drafts = [_new_card(deck=deck, now=now, spec=spec) for spec in cards]
    skipped = 0
    if skip_duplicates:
        seen = set(Card.objects.filter(deck=deck).values_list("fingerprint", flat=True))
        kept = []
        for draft in drafts:
            if draft.fingerprint in seen:
                skipped += 1
                continue
            seen.add(draft.fingerprint)
            kept.append(draft)
        drafts = kept
    if drafts:
        entitlements.check_room(user_id=user.pk, metric="cards", adding=len(drafts))
        Card.objects.bulk_create(drafts)
        _deck_changed(deck, "cards")
    return drafts, skipped


def card_create(*, deck: Deck, now: datetime.datetime | None = None, **spec: Any) -> Card:
    """One new card in ``deck`` (see :func:`cards_bulk_create`)."""
    created, _ = cards_bulk_create(deck=deck, cards=[spec], now=now)
    return created[0]


@transaction.atomic
def card_update(*, card: Card, data: Mapping[str, Any], now: datetime.datetime | None = None) -> Card:
    """Change a card's text, tags, sources, deck, or suspend/bury it (``buried`` hides it until the next study day)."""
    user = card.user
    if "deck_id" in data and not Deck.objects.filter(pk=data["deck_id"], user=user).exists():
        raise ValidationError({"deck_id": ["No such deck."]})
    _check_sources(user, data.get("note_id"), data.get("topic_id"), data.get("chunk_id"))
    for name in CARD_FIELDS:
        if name in data:
            setattr(card, name, _clean_tags(data[name]) if name == "tags" else data[name])
    _check_text(card.kind, card.front)
    card.fingerprint = fingerprint(front=card.front)
    if "buried" in data:
        card.buried_until = study_day(user=user, now=now or timezone.now())[2] if data["buried"] else None
    card.save()
    _deck_changed(card.deck, "cards")
    return card


@transaction.atomic
def card_delete(*, card: Card) -> None:
    """Delete a card and its review log."""
    deck = card.deck
    card.delete()
    _deck_changed(deck, "cards")


def _card_reviewed(card: Card, *, rating: int | None) -> None:
    publish(
        user_id=card.user_id,
        event=events.CARD_REVIEWED,
        data={
            "id": str(card.pk),
            "deck_id": str(card.deck_id),
            "rating": rating,
            "undone": rating is None,
            "state": card.state,
            "due": utc_iso(card.due),
            "stability": card.stability,
            "difficulty": card.difficulty,
            "last_review": utc_iso(card.last_review) if card.last_review else None,
        },
    )


@transaction.atomic
def card_review(
    *, card: Card, rating: int, duration_ms: int | None = None, now: datetime.datetime | None = None
) -> Card:
    """Rate a card (1 Again, 2 Hard, 3 Good, 4 Easy): the ``fsrs`` scheduler sets its next state and due.

    The state before the review is logged with it, so :func:`card_undo_review` can restore it.
    ``card`` should be locked (``card_get(for_update=True)``) so concurrent reviews queue.
    """
    now = now or timezone.now()
    if card.suspended:
        raise Conflict("This card is suspended; unsuspend it to review.", code="card_suspended")
    before = {
        "state_before": card.state,
        "step_before": card.step,
        "stability_before": card.stability,
        "difficulty_before": card.difficulty,
        "due_before": card.due,
        "last_review_before": card.last_review,
    }
    scheduled, _ = scheduler_for(card.user).review_card(to_fsrs(card), fsrs.Rating(rating), review_datetime=now)
    was_review = card.state == CardState.REVIEW
    apply_fsrs(card, scheduled)
    card.reps += 1
    if was_review and rating == fsrs.Rating.Again:
        card.lapses += 1
    card.buried_until = None
    card.save()
    card.review_logs.create(
        user_id=card.user_id,
        rating=rating,
        reviewed_at=now,
        duration_ms=duration_ms,
        state_after=card.state,
        due_after=card.due,
        **before,
    )
    _card_reviewed(card, rating=rating)
    award_achievements(user=card.user, now=now, metrics=("reviews", "streak"))
    return card


@transaction.atomic
def card_undo_review(*, card: Card) -> Card:
    """Undo the card's last review: restore the state logged with it and delete the log entry."""
    log = card.review_logs.order_by("-reviewed_at", "-pk").first()
    if log is None:
        raise Conflict("This card has no review to undo.", code="nothing_to_undo")
    if log.state_before == CardState.REVIEW and log.rating == fsrs.Rating.Again:
        card.lapses = max(card.lapses - 1, 0)
    card.state = log.state_before
    card.step = log.step_before
    card.stability = log.stability_before
    card.difficulty = log.difficulty_before
    card.due = log.due_before
    card.last_review = log.last_review_before
    card.reps = max(card.reps - 1, 0)
    card.save()
    log.delete()
    _card_reviewed(card, rating=None)
    return card


# --- CSV (Anki-style: front, back, tags separated by spaces) -----------------------------------

CSV_COLUMNS = ("front", "back", "tags")


def cards_import_csv(*, deck: Deck, content: str, now: datetime.datetime | None = None) -> dict[str, int]:
    """Import rows ``front,back,tags`` (an optional header row is skipped) as cards; duplicates skipped.

    A front with a ``{{c1::...}}`` deletion makes a cloze card. Lines starting with ``#`` (Anki's
    export headers) are ignored.
    """
    try:
        rows = [row for row in csv.reader(io.StringIO(content)) if row and not row[0].startswith("#")]
    except csv.Error as exc:
        raise ValidationError({"csv": [f"Not readable as CSV: {exc}."]}) from exc
    if rows and [cell.strip().casefold() for cell in rows[0][:2]] == ["front", "back"]:
        rows = rows[1:]
    if len(rows) > MAX_CSV_ROWS:
        raise ValidationError({"csv": [f"At most {MAX_CSV_ROWS} rows."]})
    specs = []
    for number, row in enumerate(rows, start=1):
        front = row[0].strip()
        if not front:
            raise ValidationError({"csv": [f"Row {number}: the front is empty."]})
        specs.append(
            {
                "kind": CardKind.CLOZE if has_cloze(front) else CardKind.BASIC,
                "front": front,
                "back": row[1].strip() if len(row) > 1 else "",
                "tags": row[2].split() if len(row) > 2 else [],
            }
        )
    created: list[Card] = []
    skipped = 0
    for start in range(0, len(specs), MAX_BULK):
        batch, batch_skipped = cards_bulk_create(
            deck=deck, cards=specs[start : start + MAX_BULK], skip_duplicates=True, now=now
        )
        created.extend(batch)
        skipped += batch_skipped
    return {"created": len(created), "skipped": skipped}


def cards_export_csv(cards: Iterable[Card]) -> str:
    """Cards as CSV with a ``front,back,tags`` header (tags space-separated, as Anki)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for card in cards:
        writer.writerow([card.front, card.back, " ".join(card.tags)])
    return out.getvalue()


# --- quizzes ---------------------------------------------------------------------------------


@transaction.atomic
def quiz_create(
    *,
    user: User,
    title: str,
    questions: Sequence[Mapping[str, Any]],
    course_id: Any = None,
    note_id: Any = None,
    topic_id: Any = None,
    material_id: Any = None,
    source: str = "offline",
) -> Quiz:
    """A quiz with ``questions`` (kind, prompt, answer, choices, explanation) in order."""
    if not questions:
        raise ValidationError({"questions": ["A quiz needs at least one question."]})
    quiz = Quiz.objects.create(
        user=user,
        title=title,
        course_id=course_id,
        note_id=note_id,
        topic_id=topic_id,
        material_id=material_id,
        source=source,
    )
    made = []
    for order, spec in enumerate(questions):
        kind, answer, choices = spec["kind"], spec["answer"], list(spec.get("choices", []))
        if kind == QuestionKind.TRUE_FALSE:
            choices = ["true", "false"]
        if kind in (QuestionKind.MULTIPLE_CHOICE, QuestionKind.TRUE_FALSE) and answer not in choices:
            raise ValidationError({"questions": [f"Question {order + 1}: the answer is not one of the choices."]})
        made.append(
            Question(
                quiz=quiz,
                order=order,
                kind=kind,
                prompt=spec["prompt"],
                choices=choices,
                answer=answer,
                explanation=spec.get("explanation", ""),
            )
        )
    Question.objects.bulk_create(made)
    return quiz


@transaction.atomic
def quiz_delete(*, quiz: Quiz) -> None:
    """Delete a quiz with its questions and attempts."""
    quiz.delete()


def quiz_attempt_submit(*, user: User, quiz: Quiz, answers: Mapping[Any, str], deck: Deck | None = None) -> QuizAttempt:
    """Grade ``answers`` (question id -> answer): choices by normalised match, short answers by normalised
    match, the model, or meaning similarity offline (:mod:`apps.review.grading`), each with its reasoning; an
    unanswered one is wrong. The grading (a model call) runs before the transaction that saves the attempt.

    With ``deck`` each missed question becomes a basic card there (question, answer), duplicates skipped.
    """
    questions = list(quiz.questions.all())
    unknown = {str(key) for key in answers} - {str(q.pk) for q in questions}
    if unknown:
        raise ValidationError({"answers": [f"Not a question of this quiz: {sorted(unknown)[0]}."]})
    given = {str(key): value for key, value in answers.items()}
    short = [q for q in questions if q.kind == QuestionKind.SHORT_ANSWER]
    items = [(q.prompt, q.answer, given.get(str(q.pk), "")) for q in short]
    grades = dict(zip([q.pk for q in short], grade_short_answers(user=user, items=items), strict=True))
    results = []
    for question in questions:
        answer = given.get(str(question.pk), "")
        grade = grades.get(question.pk)
        method: str = "choice"
        similarity: float | None = None
        if grade is not None:
            correct, method, similarity, reasoning = grade.correct, grade.method, grade.similarity, grade.reasoning
        else:
            correct = normalise(answer) == normalise(question.answer)
            reasoning = "Right choice." if correct else f"The right choice is {question.answer!r}."
        results.append(
            {
                "question_id": str(question.pk),
                "answer": answer,
                "correct": correct,
                "expected": question.answer,
                "method": method,
                "similarity": similarity,
                "reasoning": reasoning,
                "explanation": question.explanation,
            }
        )
    return _attempt_save(user=user, quiz=quiz, questions=questions, results=results, deck=deck)


@transaction.atomic
def _attempt_save(
    *, user: User, quiz: Quiz, questions: list[Question], results: list[dict[str, Any]], deck: Deck | None
) -> QuizAttempt:
    right = sum(1 for r in results if r["correct"])
    if deck is not None:
        missed = [q for q, r in zip(questions, results, strict=True) if not r["correct"]]
        cards = [{"front": q.prompt[:2000], "back": q.answer[:4000], "tags": ["quiz"]} for q in missed]
        cards_bulk_create(deck=deck, cards=cards, skip_duplicates=True)
    attempt = QuizAttempt.objects.create(
        user=user,
        quiz=quiz,
        score=right / len(results) if results else 0.0,
        correct=right,
        total=len(results),
        results=results,
    )
    award_achievements(user=user, now=attempt.created_at, metrics=("quizzes_passed", "perfect_quizzes"))
    return attempt


# --- FSRS parameters -------------------------------------------------------------------------


@transaction.atomic
def parameters_set(*, user: User, parameters: Sequence[float] | None) -> FsrsParameters | None:
    """Store the learner's own FSRS parameters (21 numbers within the library's bounds); None restores the defaults.

    Their scheduler uses them from the next review on; cards keep their memory state.
    """
    if parameters is None:
        FsrsParameters.objects.filter(user=user).delete()
        return None
    check_parameters(list(parameters))
    stored, _ = FsrsParameters.objects.update_or_create(user=user, defaults={"parameters": list(parameters)})
    return stored


# --- exams -----------------------------------------------------------------------------------


def _exam_scope(exam: Exam, course_ids: Iterable[Any] | None, topic_ids: Iterable[Any] | None) -> None:
    """Set the exam's courses and topics that are given; the scope left must not be empty.

    Checked only when the scope is set: an exam whose courses and topics were deleted keeps its
    title and date editable (its plan proposes nothing until it has a scope again).
    """
    if course_ids is None and topic_ids is None:
        return
    user = exam.user
    if course_ids is not None:
        courses = [learning_selectors.course_get(user=user, pk=pk) for pk in dict.fromkeys(course_ids)]
        exam.courses.set(courses)
    if topic_ids is not None:
        topics = [learning_selectors.topic_get(user=user, pk=pk) for pk in dict.fromkeys(topic_ids)]
        exam.topics.set(topics)
    if not exam.courses.exists() and not exam.topics.exists():
        raise ValidationError({"course_ids": ["An exam needs at least one course or topic."]})


@transaction.atomic
def exam_create(
    *,
    user: User,
    title: str,
    date: datetime.date,
    course_ids: Sequence[Any] = (),
    topic_ids: Sequence[Any] = (),
) -> Exam:
    """An exam on some of the learner's courses and topics (at least one), on a local date."""
    exam = Exam.objects.create(user=user, title=title, date=date)
    _exam_scope(exam, course_ids, topic_ids)
    _exam_changed(exam, "created")
    return exam


@transaction.atomic
def exam_update(*, exam: Exam, data: Mapping[str, Any]) -> Exam:
    """Change an exam's title, date, courses or topics (its accepted plan's blocks stay as they are)."""
    for name in ("title", "date"):
        if name in data:
            setattr(exam, name, data[name])
    exam.save()
    _exam_scope(exam, data.get("course_ids"), data.get("topic_ids"))
    _exam_changed(exam, "updated")
    return exam


@transaction.atomic
def exam_delete(*, exam: Exam) -> None:
    """Delete an exam; the blocks of its accepted plan stay in the schedule."""
    _exam_changed(exam, "deleted")
    exam.delete()


def exam_snapshot(exam: Exam) -> dict[str, Any]:
    """What :func:`exam_restore` needs to re-create ``exam`` after a deletion (JSON-able)."""
    return {
        "id": str(exam.pk),
        "title": exam.title,
        "date": exam.date.isoformat(),
        "course_ids": [str(pk) for pk in exam.courses.values_list("pk", flat=True)],
        "topic_ids": [str(pk) for pk in exam.topics.values_list("pk", flat=True)],
        "plan_block_ids": [str(pk) for pk in exam.plan_block_ids],
    }


@transaction.atomic
def exam_restore(*, user: User, snapshot: Mapping[str, Any]) -> Exam:
    """Re-create a deleted exam of ``user`` from its :func:`exam_snapshot`: same id, scope (what still exists of
    it; a conflict when none does) and plan blocks."""
    if Exam.objects.filter(pk=snapshot["id"]).exists():
        raise ValidationError({"exam": ["This exam exists already."]})
    exam = Exam.objects.create(
        id=snapshot["id"],
        user=user,
        title=snapshot["title"],
        date=datetime.date.fromisoformat(snapshot["date"]),
        plan_block_ids=snapshot["plan_block_ids"],
    )
    exam.courses.set(learning_selectors.course_list(user=user, archived=None).filter(pk__in=snapshot["course_ids"]))
    exam.topics.set(Topic.objects.filter(module__course__user=user, pk__in=snapshot["topic_ids"]))
    if not exam.courses.exists() and not exam.topics.exists():
        raise Conflict("The exam's courses and topics are gone: add the exam again.", code="exam_scope_gone")
    _exam_changed(exam, "created")
    return exam


@transaction.atomic
def exam_plan_accept(
    *,
    exam: Exam,
    now: datetime.datetime,
    hour: int = DEFAULT_PLAN_HOUR,
    minutes: int = DEFAULT_PLAN_MINUTES,
) -> list[ScheduleBlock]:
    """Put the exam's prep plan (:func:`apps.review.exams.plan_proposal`) into the schedule through the
    schedule services; accepting again replaces the blocks of the previous plan that still exist.
    """
    user = exam.user
    if not exam.courses.exists() and not exam.topics.exists():
        raise Conflict("This exam has no course or topic left: give it one to plan for it.", code="no_scope")
    for block in ScheduleBlock.objects.filter(user=user, pk__in=exam.plan_block_ids):
        schedule_services.schedule_block_delete(block=block)
    proposal = plan_proposal(exam=exam, now=now, hour=hour, minutes=minutes)
    if not proposal:
        raise Conflict("There is no study day left before this exam.", code="no_days_left")
    blocks = [
        schedule_services.schedule_block_create(
            user=user,
            title=item.title,
            start_time=item.start,
            end_time=item.end,
            type=item.type,
            course_id=item.course_id,
            topic_id=item.topic_id,
            description=f"Preparation for the exam {exam.title!r} on {exam.date.isoformat()}.",
            is_ai_generated=True,
        )
        for item in proposal
    ]
    exam.plan_block_ids = [block.pk for block in blocks]
    exam.save(update_fields=["plan_block_ids", "updated_at"])
    return blocks


@transaction.atomic
def exam_plan_undo(
    *, exam: Exam, block_ids: Sequence[str], replaced: Sequence[Mapping[str, Any]], plan_block_ids: Sequence[str]
) -> None:
    """Take back an accepted plan (an undo of :func:`exam_plan_accept`): delete its blocks ``block_ids``, re-create
    the blocks of the plan it replaced from their :func:`~apps.planning.services.schedule.block_snapshot`, and make
    ``plan_block_ids`` the exam's plan again."""
    for block in ScheduleBlock.objects.filter(user=exam.user, pk__in=block_ids):
        schedule_services.schedule_block_delete(block=block)
    for snapshot in replaced:
        schedule_services.schedule_block_restore(user=exam.user, snapshot=snapshot)
    exam.plan_block_ids = list(plan_block_ids)
    exam.save(update_fields=["plan_block_ids", "updated_at"])
