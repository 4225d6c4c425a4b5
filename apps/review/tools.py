"""Assistant tools over review: the cards due now, making flashcards, and what to do today."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from pydantic import Field

from apps.accounts.models import User
from apps.assistant.tools import changes
from apps.assistant.tools.learning import course_named, find_by_title
from apps.assistant.tools.registry import Arguments, Change, Tool, ToolOutcome, register
from apps.learning import selectors as learning_selectors
from apps.learning.models import Topic
from apps.review import generation, selectors, services
from apps.review.models import Deck
from apps.review.text import cloze_prompt
from maigie.encoding import utc_iso

AGENDA_ITEMS = 8


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
    deck = services.deck_create(user=user, title=f"Cards: {title}"[:200], course_id=course_id)
    job = generation.deck_generation_start(user=user, deck_id=deck.pk, max_cards=arguments.max_cards, **source)
    return ToolOutcome(
        result={
            "deck_id": str(deck.pk),
            "job_id": str(job.pk),
            "summary": f"Making up to {arguments.max_cards} cards from “{title}” into the deck “{deck.title}”.",
        },
        changes=(changes.change(deck, "created"),),
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


for tool in (
    Tool("list_due_cards", ListDueCards.__doc__ or "", ListDueCards, list_due_cards),
    Tool("make_flashcards", MakeFlashcards.__doc__ or "", MakeFlashcards, make_flashcards, undo_make_flashcards,
         object_count=lambda arguments: arguments.max_cards),
    Tool("get_today", GetToday.__doc__ or "", GetToday, get_today),
):  # fmt: skip
    register(tool)
