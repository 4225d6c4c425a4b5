"""Per-user FSRS parameters, material passages as card and quiz sources, and the assistant's review tools."""

from __future__ import annotations

import datetime

import fsrs
import pytest

from apps.accounts.models import JobState
from apps.accounts.services import job_create
from apps.assistant.models import ActionStatus
from apps.assistant.providers.base import ToolCall
from apps.assistant.services.actions import action_confirm, action_run, action_undo
from apps.learning.tests.factories import CourseFactory, NoteFactory, TopicFactory
from apps.materials.models import MaterialStatus
from apps.materials.tests.factories import MaterialChunkFactory, MaterialFactory
from apps.review import generation, services
from apps.review.models import Card, Deck, FsrsParameters
from apps.review.tests.factories import CardFactory, DeckFactory
from apps.review.text import cloze_answer

pytestmark = pytest.mark.django_db
T0 = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
PASSAGES = [
    "Photosynthesis is the process by which plants turn light into chemical energy. "
    "Chlorophyll absorbs mostly blue and red light in the leaves of plants.",
    "Mitochondria are the organelles that produce most of the cell's energy. "
    "Osmosis means the movement of water across a semipermeable membrane.",
]


# --- FSRS parameters -------------------------------------------------------------------------


def test_a_learners_own_parameters_drive_their_scheduler(auth_client, user):
    custom = list(fsrs.scheduler.DEFAULT_PARAMETERS)
    custom[2] = 5.0  # initial stability after "Good"
    body = auth_client.get("/api/v1/review/parameters").json()
    assert body == {"parameters": list(fsrs.scheduler.DEFAULT_PARAMETERS), "custom": False}

    response = auth_client.put("/api/v1/review/parameters", {"parameters": custom}, format="json")
    assert response.status_code == 200, response.json()
    assert FsrsParameters.objects.get(user=user).parameters == custom
    card = CardFactory.create(deck=DeckFactory.create(user=user), due=T0)
    services.card_review(card=card, rating=3, now=T0)
    expected, _ = fsrs.Scheduler(parameters=custom).review_card(fsrs.Card(due=T0), fsrs.Rating.Good, T0)
    assert card.stability == pytest.approx(expected.stability) == 5.0

    out_of_bounds = [*custom[:20], 99.0]
    response = auth_client.put("/api/v1/review/parameters", {"parameters": out_of_bounds}, format="json")
    assert response.status_code == 400
    assert "out of bounds" in str(response.json())
    assert auth_client.put("/api/v1/review/parameters", {"parameters": custom[:5]}, format="json").status_code == 400

    assert auth_client.delete("/api/v1/review/parameters").status_code == 204
    assert auth_client.get("/api/v1/review/parameters").json()["custom"] is False
    other = CardFactory.create(deck=card.deck, due=T0)
    services.card_review(card=other, rating=3, now=T0)
    assert other.stability == pytest.approx(fsrs.scheduler.DEFAULT_PARAMETERS[2])


# --- material passages -----------------------------------------------------------------------


@pytest.fixture
def material(user):
    course = CourseFactory.create(user=user)
    material = MaterialFactory.create(user=user, title="Biology notes", course=course, chunk=None)
    for index, text in enumerate(PASSAGES):
        MaterialChunkFactory.create(material=material, index=index, text=text)
    return material


def test_cards_made_from_a_material_link_the_passage_they_come_from(user, material):
    job = job_create(user=user, kind=generation.DECK_GENERATION)
    generation.deck_generation_run(
        job_id=job.pk, note_id=None, topic_id=None, course_id=None, material_id=material.pk, deck_id=None, max_cards=10
    )
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED, job.error
    assert job.result is not None
    deck = Deck.objects.get(pk=job.result["deck_id"])
    assert (deck.title, deck.course_id) == ("Biology notes", material.course_id)
    cards = list(Card.objects.filter(deck=deck).select_related("chunk"))
    assert len(cards) == 4
    for card in cards:
        assert card.chunk is not None
        assert cloze_answer(card.front) in card.chunk.text


def test_quizzes_from_a_material_and_its_checks(auth_client, user, other_user, material):
    job = job_create(user=user, kind=generation.QUIZ_GENERATION)
    generation.quiz_generation_run(
        job_id=job.pk, note_id=None, topic_id=None, course_id=None, material_id=material.pk, questions=5
    )
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED, job.error
    assert job.result is not None
    assert auth_client.get(f"/api/v1/quizzes/{job.result['quiz_id']}/").json()["material_id"] == str(material.pk)

    material.status = MaterialStatus.PROCESSING
    material.save()
    response = auth_client.post("/api/v1/decks/generate", {"material_id": str(material.pk)}, format="json")
    assert response.status_code == 409
    theirs = MaterialFactory.create(user=other_user)
    response = auth_client.post("/api/v1/quizzes/generate", {"material_id": str(theirs.pk)}, format="json")
    assert response.status_code == 404

    deck = DeckFactory.create(user=user)
    chunk = material.chunks.get(index=1)
    body = {"deck_id": str(deck.pk), "front": "What do mitochondria do?", "chunk_id": str(chunk.pk)}
    response = auth_client.post("/api/v1/cards/", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["chunk_id"] == str(chunk.pk)
    body["chunk_id"] = str(theirs.chunks.get().pk)
    assert auth_client.post("/api/v1/cards/", body, format="json").status_code == 400


# --- assistant tools -------------------------------------------------------------------------


def run(user, name, **arguments):
    return action_run(user=user, call=ToolCall(id="c", name=name, arguments=arguments), message=None)


def test_list_due_cards_reads_the_due_cards_of_a_deck(user):
    cells = DeckFactory.create(user=user, title="Cells")
    CardFactory.create_batch(3, deck=cells, due=T0)
    CardFactory.create(deck=DeckFactory.create(user=user, title="Atoms"), due=T0)
    CardFactory.create(deck=cells, due=T0 + datetime.timedelta(days=3650))  # not due

    action = run(user, "list_due_cards", deck="cells", limit=2)
    assert action.status == ActionStatus.EXECUTED, action.error
    assert action.result["due"] == 3
    assert [row["deck"] for row in action.result["cards"]] == ["Cells", "Cells"]
    assert action.changes == []
    assert run(user, "list_due_cards").result["due"] == 4
    assert run(user, "list_due_cards", deck="Nope").status == ActionStatus.FAILED


def test_make_flashcards_starts_the_job_into_a_new_deck_and_undo_removes_it(user, django_capture_on_commit_callbacks):
    note = NoteFactory.create(user=user, title="Cells", content=" ".join(PASSAGES))
    with django_capture_on_commit_callbacks() as callbacks:
        action = run(user, "make_flashcards", note="cells")
    assert action.status == ActionStatus.EXECUTED, action.error
    assert len(callbacks) >= 1  # the generation task is enqueued on commit
    deck = Deck.objects.get(pk=action.result["deck_id"], user=user)
    assert deck.title == "Cards: Cells"
    job_id = action.result["job_id"]
    generation.deck_generation_run(
        job_id=job_id, note_id=note.pk, topic_id=None, course_id=None, deck_id=deck.pk, max_cards=10
    )
    assert Card.objects.filter(deck=deck, note=note).count() == 4

    action_undo(action=action)
    assert not Deck.objects.filter(pk=deck.pk).exists()
    assert not Card.objects.filter(note=note).exists()

    # A job that runs after the undo adds nothing.
    again = run(user, "make_flashcards", note="Cells")
    Deck.objects.filter(pk=again.result["deck_id"]).delete()
    generation.deck_generation_run(
        job_id=again.result["job_id"],
        note_id=note.pk,
        topic_id=None,
        course_id=None,
        deck_id=again.result["deck_id"],
        max_cards=10,
    )
    assert not Card.objects.filter(note=note).exists()


def test_make_flashcards_asks_first_for_many_cards_and_needs_one_source(user):
    course = CourseFactory.create(user=user, title="Biology")
    TopicFactory.create(module__course=course, content=" ".join(PASSAGES))
    proposed = run(user, "make_flashcards", course="Biology", max_cards=30)
    assert proposed.status == ActionStatus.PROPOSED
    assert not Deck.objects.filter(user=user).exists()
    confirmed = action_confirm(action=proposed)
    assert confirmed.status == ActionStatus.EXECUTED
    assert Deck.objects.get(user=user).course_id == course.pk

    assert run(user, "make_flashcards").status == ActionStatus.FAILED
    assert run(user, "make_flashcards", course="Biology", note="x").status == ActionStatus.FAILED


def test_get_today_answers_what_to_do_first(user):
    CardFactory.create_batch(2, deck=DeckFactory.create(user=user))
    action = run(user, "get_today")
    assert action.status == ActionStatus.EXECUTED, action.error
    assert action.result["agenda"][0] == {"kind": "cards", "title": "New cards", "reason": "2 new cards to learn"}


def test_cards_from_a_source_without_text_fail_and_leave_no_empty_deck(user):
    course = CourseFactory.create(user=user, title="Biochemistry")
    action = run(user, "make_flashcards", course="biochemistry")
    assert action.status == ActionStatus.FAILED
    assert "no text to make cards from" in action.error
    assert not Deck.objects.filter(user=user).exists()

    job = generation.deck_generation_start(user=user, course_id=course.pk, deck_id=None, max_cards=10)
    generation.deck_generation_run(
        job_id=job.pk, note_id=None, topic_id=None, course_id=course.pk, deck_id=None, max_cards=10
    )
    job.refresh_from_db()
    assert (job.state, job.error) == (JobState.FAILED, generation.NOTHING_TO_LEARN)
    assert not Deck.objects.filter(user=user).exists()
