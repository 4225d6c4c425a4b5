"""Card and quiz generation: offline builders, and jobs run by a real worker."""

from __future__ import annotations

import time

import pytest

from apps.accounts.models import Job, JobState
from apps.learning.tests.factories import NoteFactory
from apps.review.models import Card, CardKind, Quiz
from apps.review.text import cloze_answer, has_cloze, offline_cards, offline_questions

TEXT = """
# Cells

Photosynthesis is the process by which plants turn light into chemical energy.
Mitochondria are the organelles that produce most of the cell's energy.
The nucleus holds the genetic material of eukaryotic cells.
Osmosis means the movement of water across a semipermeable membrane.
Ribosomes build proteins from amino acids in every living cell.
"""


def test_offline_cards_are_valid_clozes_of_key_sentences():
    cards = offline_cards(TEXT, limit=10)
    assert len(cards) == 5
    assert all(card.kind == "CLOZE" and has_cloze(card.front) for card in cards)
    assert cards[0].front == ("{{c1::Photosynthesis}} is the process by which plants turn light into chemical energy.")
    assert cloze_answer(cards[1].front) == "Mitochondria are the organelles that produce most of the cell's energy."


def test_offline_questions_ask_for_definitions():
    questions = offline_questions(TEXT, limit=10)
    assert [q.kind for q in questions] == ["SHORT_ANSWER", "MULTIPLE_CHOICE", "TRUE_FALSE"]
    assert questions[0].prompt == "What is Photosynthesis?"
    assert questions[1].answer == "Mitochondria"
    assert "Mitochondria" in questions[1].choices
    assert questions[2].answer in ("true", "false")


def wait_for(job_id):
    deadline = time.monotonic() + 60
    while Job.objects.get(pk=job_id).state not in Job.FINAL_STATES and time.monotonic() < deadline:
        time.sleep(0.2)
    return Job.objects.get(pk=job_id)


@pytest.mark.django_db(transaction=True)
def test_deck_and_quiz_generation_through_a_real_worker(auth_client, user, celery_worker_process):
    note = NoteFactory.create(user=user, title="Cells", content=TEXT)

    response = auth_client.post("/api/v1/decks/generate", {"note_id": str(note.pk)}, format="json")
    assert response.status_code == 202, response.json()
    job = wait_for(response.json()["job"]["id"])
    assert job.state == JobState.SUCCEEDED, job.error
    assert job.progress == 100
    assert job.result["created"] == 5
    assert job.result["skipped"] == 0
    assert job.result["source"] == "offline"
    deck_id = job.result["deck_id"]
    cards = Card.objects.filter(deck_id=deck_id)
    assert cards.count() == 5
    assert all(c.kind == CardKind.CLOZE and c.note_id == note.pk for c in cards)

    response = auth_client.post("/api/v1/decks/generate", {"note_id": str(note.pk), "deck_id": deck_id}, format="json")
    job = wait_for(response.json()["job"]["id"])
    assert (job.result["created"], job.result["skipped"]) == (0, 5)  # duplicates skipped
    assert Card.objects.filter(deck_id=deck_id).count() == 5

    response = auth_client.post("/api/v1/quizzes/generate", {"note_id": str(note.pk)}, format="json")
    job = wait_for(response.json()["job"]["id"])
    assert job.state == JobState.SUCCEEDED, job.error
    quiz = Quiz.objects.get(pk=job.result["quiz_id"], user=user)
    assert quiz.questions.count() == 3

    body = auth_client.get(f"/api/v1/quizzes/{quiz.pk}/").json()
    answers = [
        {"question_id": q["id"], "answer": q["choices"][0] if q["choices"] else "light into energy"}
        for q in body["questions"]
    ]
    response = auth_client.post(f"/api/v1/quizzes/{quiz.pk}/attempts", {"answers": answers}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["total"] == 3


def test_generation_needs_exactly_one_own_source(auth_client, other_user):
    note = NoteFactory.create(user=other_user)
    assert auth_client.post("/api/v1/decks/generate", {}, format="json").status_code == 400
    assert auth_client.post("/api/v1/decks/generate", {"note_id": str(note.pk)}, format="json").status_code == 404
    assert auth_client.post("/api/v1/quizzes/generate", {"note_id": str(note.pk)}, format="json").status_code == 404
