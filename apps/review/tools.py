"""Assistant tools over review: the cards due now, starting a review, making flashcards, quiz me, today, streak."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils import timezone
from pydantic import Field

from apps.accounts.models import User
from apps.assistant.tools import changes
from apps.assistant.tools.learning import course_named, find_by_title
from apps.assistant.tools.registry import Arguments, Change, Tool, ToolOutcome, register
from apps.learning import selectors as learning_selectors
from apps.learning.models import Topic
from apps.review import generation, selectors, services
from apps.review.models import CardKind, CardState, Deck, Quiz
from apps.review.selectors import SECONDS_PER_CARD
from apps.review.text import card_prompt, cloze_prompt
from maigie.encoding import utc_iso

AGENDA_ITEMS = 8
QUIZ_QUESTIONS = 5


class ListDueCards(Arguments):
    """List the flashcards due for review now, in study order."""

    deck: str | None = Field(default=None, description="The deck's title or id; every deck if absent")
    limit: int = Field(default=10, ge=1, le=50)


def list_due_cards(user: User, arguments: ListDueCards) -> ToolOutcome:
    deck = None
    if arguments.deck:
        deck = find_by_title(Deck.objects.filter(user=user), arguments.deck, field="title", kind="deck")
    due = selectors.due_cards(user=user, now=timezone.now(), deck=deck.pk if deck else None).select_related("deck")
    total = due.count()
    cards = list(due[: arguments.limit])
    rows = [
        {
            "card_id": str(card.pk),
            "deck": card.deck.title,
            "prompt": cloze_prompt(card.front),
            "state": card.state,
            "due": utc_iso(card.due),
        }
        for card in cards
    ]
    where = f" in “{deck.title}”" if deck else ""
    if not total:
        summary = f"No cards are due{where}."
    else:
        shown = "; ".join(row["prompt"][:60] for row in rows)
        summary = f"{total} card(s) due{where}, first: {shown}."
    return ToolOutcome(result={"due": total, "cards": rows, "summary": summary})


class MakeFlashcards(Arguments):
    """Make flashcards from a course, a topic or a note, into a new deck (a background job)."""

    course: str | None = Field(default=None, description="The course's title or id")
    topic: str | None = Field(default=None, description="The topic's title or id")
    note: str | None = Field(default=None, description="The note's title or id")
    max_cards: int = Field(default=10, ge=1, le=50, description="At most this many cards")


def make_flashcards(user: User, arguments: MakeFlashcards) -> ToolOutcome:
    named = [name for name in ("course", "topic", "note") if getattr(arguments, name)]
    if len(named) != 1:
        raise ValidationError({"course": ["Name one course, topic or note to make cards from."]})
    source: dict[str, object] = {}
    if arguments.note:
        note = find_by_title(
            learning_selectors.note_list(user=user, archived=None), arguments.note, field="title", kind="note"
        )
        title, course_id, source["note_id"] = note.title, note.course_id, note.pk
    elif arguments.topic:
        topics = Topic.objects.filter(module__course__user=user).select_related("module")
        topic = find_by_title(topics, arguments.topic, field="title", kind="topic")
        title, course_id, source["topic_id"] = topic.title, topic.module.course_id, topic.pk
    else:
        course = course_named(user, arguments.course or "")
        title, course_id, source["course_id"] = course.title, course.pk, course.pk
    if not generation.source_text(user=user, **source)[1].strip():  # no empty deck for a source without text
        raise ValidationError({named[0]: [generation.NOTHING_TO_LEARN]})
    deck = services.deck_create(user=user, title=f"Cards: {title}"[:200], course_id=course_id)
    job = generation.deck_generation_start(user=user, deck_id=deck.pk, max_cards=arguments.max_cards, **source)
    return ToolOutcome(
        result={
            "deck_id": str(deck.pk),
            "job_id": str(job.pk),
            "summary": f"Making up to {arguments.max_cards} cards from “{title}” into the deck “{deck.title}”.",
        },
        changes=(changes.change(deck, "created", before={"owns": ["cards"]}),),  # the job's cards go with it
    )


def undo_make_flashcards(user: User, recorded: list[Change]) -> None:
    """Delete the deck with the cards made so far; a job still running then stops without adding any."""
    services.deck_delete(deck=Deck.objects.get(pk=recorded[0].pk, user=user))


class GetToday(Arguments):
    """What to do now: today's agenda, first things first (cards due, tasks, blocks, exams, next topics)."""


def get_today(user: User, arguments: GetToday) -> ToolOutcome:
    day = selectors.today(user=user, now=timezone.now())
    items = [
        {"kind": item["kind"], "title": item["title"], "reason": item["reason"]}
        for item in day["agenda"][:AGENDA_ITEMS]
    ]
    streak = day["streak"]
    listed = "; ".join(f"{item['title']} ({item['reason']})" for item in items)
    summary = f"First: {listed}." if items else "Nothing is due today."
    summary += f" Streak: {streak['current']} day(s)."
    return ToolOutcome(result={"agenda": items, "streak": streak["current"], "summary": summary})


class StartReview(Arguments):
    """Start a review: the queue of cards due now (learning steps, reviews, new) and the first card to study."""

    deck: str | None = Field(default=None, description="The deck's title or id; every deck if absent")
    course: str | None = Field(default=None, description="Only the decks of this course (title or id)")


def start_review(user: User, arguments: StartReview) -> ToolOutcome:
    due = selectors.due_cards(user=user, now=timezone.now())
    where = ""
    if arguments.deck:
        deck = find_by_title(Deck.objects.filter(user=user), arguments.deck, field="title", kind="deck")
        due, where = due.filter(deck=deck), f" in “{deck.title}”"
    if arguments.course:
        course = course_named(user, arguments.course)
        due, where = due.filter(deck__course=course), f"{where} of “{course.title}”"
    counts = due.aggregate(
        total=Count("pk"),
        learning=Count("pk", filter=Q(state__in=[CardState.LEARNING, CardState.RELEARNING])),
        review=Count("pk", filter=Q(state=CardState.REVIEW)),
        new=Count("pk", filter=Q(state=CardState.NEW)),
    )
    card = due.select_related("deck").first()
    first = None
    if card is not None:
        first = {
            "card_id": str(card.pk),
            "deck": card.deck.title,
            "kind": card.kind,
            "prompt": card_prompt(cloze=card.kind == CardKind.CLOZE, front=card.front),
            "state": card.state,
        }
    minutes = -(-counts["total"] * SECONDS_PER_CARD // 60)
    if first is None:
        summary = f"No cards are due{where}: nothing to review now."
    else:
        summary = (
            f"{counts['total']} card(s) due{where} (about {minutes} min): {counts['learning']} in learning, "
            f"{counts['review']} reviews, {counts['new']} new. First card: {first['prompt'][:120]}"
        )
    return ToolOutcome(result={**counts, "estimated_minutes": minutes, "first_card": first, "summary": summary})


class QuizMe(Arguments):
    """Quiz me: make a quiz now from a course, a topic or a note (the next topic to study if none is named)."""

    course: str | None = Field(default=None, description="The course's title or id")
    topic: str | None = Field(default=None, description="The topic's title or id")
    note: str | None = Field(default=None, description="The note's title or id")


def quiz_me(user: User, arguments: QuizMe) -> ToolOutcome:
    named = [name for name in ("course", "topic", "note") if getattr(arguments, name)]
    if len(named) > 1:
        raise ValidationError({"course": ["Name one course, topic or note to be quizzed on."]})
    source: dict[str, object] = {}
    if arguments.note:
        note = find_by_title(
            learning_selectors.note_list(user=user, archived=None), arguments.note, field="title", kind="note"
        )
        source["note_id"] = note.pk
    elif arguments.topic:
        topics = Topic.objects.filter(module__course__user=user)
        source["topic_id"] = find_by_title(topics, arguments.topic, field="title", kind="topic").pk
    elif arguments.course:
        source["course_id"] = course_named(user, arguments.course).pk
    else:
        upcoming = selectors.next_topics(user=user)
        if not upcoming:
            raise ValidationError({"course": ["Name a course, topic or note to be quizzed on."]})
        source["topic_id"] = upcoming[0]["id"]
    quiz = generation.quiz_generate(user=user, questions=QUIZ_QUESTIONS, **source)
    questions = [
        {"question_id": str(q.pk), "kind": q.kind, "prompt": q.prompt, "choices": list(q.choices)}
        for q in quiz.questions.all()
    ]
    summary = f"Made the quiz “{quiz.title}” with {len(questions)} question(s). First: {questions[0]['prompt']}"
    return ToolOutcome(
        result={"quiz_id": str(quiz.pk), "title": quiz.title, "questions": questions, "summary": summary},
        changes=changes.created(quiz),
    )


def undo_quiz_me(user: User, recorded: list[Change]) -> None:
    """Delete the quiz with its questions and any attempts."""
    services.quiz_delete(quiz=Quiz.objects.get(pk=recorded[0].pk, user=user))


class GetStreak(Arguments):
    """The study streak: current and longest, whether today counts yet, and this week's freeze."""


def get_streak(user: User, arguments: GetStreak) -> ToolOutcome:
    run = selectors.streak(user=user, now=timezone.now())
    freezes_left = 1 if run["freeze_available"] else 0
    today = "today counts already" if run["active_today"] else "study today to keep it going"
    summary = (
        f"Streak: {run['current']} day(s), longest {run['longest']}; {today}; {freezes_left} freeze left this week."
    )
    return ToolOutcome(
        result={
            "current": run["current"],
            "longest": run["longest"],
            "active_today": run["active_today"],
            "freezes_left": freezes_left,
            "freezes_used": run["freezes_used"],
            "summary": summary,
        }
    )


for tool in (
    Tool("list_due_cards", ListDueCards.__doc__ or "", ListDueCards, list_due_cards),
    Tool("make_flashcards", MakeFlashcards.__doc__ or "", MakeFlashcards, make_flashcards, undo_make_flashcards,
         object_count=lambda arguments: arguments.max_cards),
    Tool("get_today", GetToday.__doc__ or "", GetToday, get_today),
    Tool("start_review", StartReview.__doc__ or "", StartReview, start_review),
    Tool("quiz_me", QuizMe.__doc__ or "", QuizMe, quiz_me, undo_quiz_me),
    Tool("get_streak", GetStreak.__doc__ or "", GetStreak, get_streak),
):  # fmt: skip
    register(tool)
