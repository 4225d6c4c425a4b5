"""The assistant's start_review, quiz_me and get_streak tools: results, undo, and another learner's data."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from apps.assistant.models import ActionStatus
from apps.assistant.providers.base import ToolCall
from apps.assistant.services.actions import action_run, action_undo
from apps.learning.tests.factories import CourseFactory, ModuleFactory, NoteFactory, TopicFactory
from apps.review import services
from apps.review.models import CardKind, CardState, Question, Quiz
from apps.review.tests.factories import CardFactory, DeckFactory
from apps.review.tests.test_api import _zone_at_noon

pytestmark = pytest.mark.django_db
PAST = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)  # due long ago, whatever the clock says
TEXT = (
    "Photosynthesis is the process by which plants turn light into chemical energy. "
    "Mitochondria are the organelles that produce most of the cell's energy. "
    "Osmosis means the movement of water across a semipermeable membrane. "
    "Diffusion is the spreading of particles from high to low concentration."
)


def run(user, name, **arguments):
    return action_run(user=user, call=ToolCall(id="c", name=name, arguments=arguments), message=None)


def test_start_review_summarises_the_queue_and_shows_the_first_card(user, other_user):
    biology = CourseFactory.create(user=user, title="Biology")
    cells = DeckFactory.create(user=user, title="Cells", course=biology)
    CardFactory.create(deck=cells, due=PAST, kind=CardKind.CLOZE, front="The {{c1::cell}} is the unit of life")
    CardFactory.create(deck=cells, due=PAST + datetime.timedelta(hours=1), state=CardState.REVIEW)
    CardFactory.create(deck=cells, due=PAST, state=CardState.LEARNING, front="Learning step?")
    CardFactory.create(deck=DeckFactory.create(user=user, title="Atoms"), due=PAST)
    CardFactory.create_batch(3, deck=DeckFactory.create(user=other_user, title="Cells"), due=PAST)

    action = run(user, "start_review", deck="cells")
    assert action.status == ActionStatus.EXECUTED, action.error
    assert action.changes == []
    result = action.result
    assert (result["total"], result["learning"], result["review"], result["new"]) == (3, 1, 1, 1)
    assert result["estimated_minutes"] == 1
    assert result["first_card"]["prompt"] == "Learning step?"  # learning steps come first
    assert result["summary"].startswith("3 card(s) due in “Cells”")

    assert run(user, "start_review").result["total"] == 4
    by_course = run(user, "start_review", course="Biology").result
    assert by_course["total"] == 3
    empty = run(other_user, "start_review", deck="Atoms")  # not their deck
    assert empty.status == ActionStatus.FAILED
    assert run(other_user, "start_review").result["total"] == 3


def test_quiz_me_makes_a_quiz_and_undo_deletes_it(user, other_user):
    note = NoteFactory.create(user=user, title="Cell energy", content=TEXT)
    action = run(user, "quiz_me", note="cell energy")
    assert action.status == ActionStatus.EXECUTED, action.error
    quiz = Quiz.objects.get(pk=action.result["quiz_id"], user=user)
    assert (quiz.title, quiz.note_id, quiz.source) == ("Quiz: Cell energy", note.pk, "offline")
    questions = action.result["questions"]
    assert len(questions) == 4
    assert questions[0]["prompt"] == "What is Photosynthesis?"
    assert all("answer" not in question for question in questions)  # the learner answers through attempts
    assert [(change["model"], change["pk"], change["op"]) for change in action.changes[:1]] == [
        ("review.quiz", str(quiz.pk), "created")
    ]
    assert {(change["model"], change["op"]) for change in action.changes[1:]} == {("review.question", "created")}

    action_undo(action=action)
    assert not Quiz.objects.filter(pk=quiz.pk).exists()
    assert not Question.objects.filter(quiz_id=quiz.pk).exists()

    assert run(other_user, "quiz_me", note="cell energy").status == ActionStatus.FAILED  # not their note
    assert not Quiz.objects.filter(user=other_user).exists()
    assert run(user, "quiz_me", note="Cell energy", topic="x").status == ActionStatus.FAILED


def test_quiz_me_without_a_source_uses_the_next_topic(user):
    course = CourseFactory.create(user=user, title="Biology")
    module = ModuleFactory.create(course=course)
    TopicFactory.create(module=module, title="Energy", content=TEXT)
    action = run(user, "quiz_me")
    assert action.status == ActionStatus.EXECUTED, action.error
    assert Quiz.objects.get(pk=action.result["quiz_id"]).title == "Quiz: Energy"
    bare = TopicFactory.create(module=ModuleFactory.create(course=CourseFactory.create(user=user)), content="Hi.")
    nothing = run(user, "quiz_me", topic=str(bare.pk))
    assert nothing.status == ActionStatus.FAILED
    assert "No definitions found" in str(nothing.error)


def test_get_streak_reports_current_longest_and_freezes(user, other_user):
    now = timezone.now()
    user.timezone = _zone_at_noon(now)  # far from the study day's start whenever the test runs
    user.save()
    card = CardFactory.create(deck=DeckFactory.create(user=user), due=now)
    for days_ago in (3, 2, 1):
        services.card_review(card=card, rating=3, now=now - datetime.timedelta(days=days_ago))
    action = run(user, "get_streak")
    assert action.status == ActionStatus.EXECUTED, action.error
    assert action.changes == []
    result = action.result
    assert (result["current"], result["longest"], result["active_today"]) == (3, 3, False)
    assert (result["freezes_left"], result["freezes_used"]) == (1, 0)
    assert "study today to keep it going" in result["summary"]

    services.card_review(card=card, rating=3, now=now)
    assert run(user, "get_streak").result["active_today"] is True
    theirs = run(other_user, "get_streak").result
    assert (theirs["current"], theirs["longest"]) == (0, 0)
