"""A reply that only answers the last reply's proposals ("yes", "no") or asks to undo the last action is settled by
the chat itself, whatever the provider."""

import pytest

from apps.assistant.models import ActionStatus
from apps.learning import services as learning
from apps.learning.models import Course, Note

pytestmark = pytest.mark.django_db


@pytest.fixture
def physics(user):
    return learning.course_create(user=user, title="Physics", modules=[{"title": "Motion"}])


def test_yes_confirms_the_last_replys_proposal(say, physics):
    proposed = say("delete my physics course")
    assert [a.status for a in proposed.actions] == [ActionStatus.PROPOSED]

    answered = say("yes please!")

    assert [(a.pk, a.status) for a in answered.actions] == [(proposed.actions[0].pk, ActionStatus.EXECUTED)]
    assert answered.message.content == "Deleted the course “Physics”."
    assert not Course.objects.filter(pk=physics.pk).exists()


def test_no_rejects_it_and_writes_nothing(say, physics):
    proposed = say("delete my physics course")

    answered = say("nah, keep it")

    assert [a.status for a in answered.actions] == [ActionStatus.REJECTED]
    assert answered.message.content.startswith("OK, I won't: delete course “Physics”")
    assert Course.objects.filter(pk=physics.pk).exists()
    assert say("yes").actions == []  # nothing is pending any more: the provider answers
    proposed.actions[0].refresh_from_db()
    assert proposed.actions[0].status == ActionStatus.REJECTED


def test_an_answer_with_a_request_in_it_is_a_new_request(say, physics):
    say("delete my physics course")

    answered = say("yes but first make a note called Kinematics summary")

    assert Course.objects.filter(pk=physics.pk).exists()
    assert answered.actions[0].action_type == "create_note"


def test_undo_that_takes_back_the_last_action(say, user):
    say("make a note called Vectors: magnitude and direction")
    say("how's my streak?")  # a read since: nothing to undo there
    assert Note.objects.filter(user=user, title="Vectors").exists()

    answered = say("undo that")

    assert [a.status for a in answered.actions] == [ActionStatus.UNDONE]
    assert answered.message.content.startswith("Undone: ")
    assert not Note.objects.filter(user=user).exists()
    assert say("undo").message.content == "There is nothing I did here that I can undo."
