"""Learning tools, driven end to end by the offline provider: what the learner says is what happens."""

import pytest

from apps.assistant.models import ActionStatus, AIActionLog
from apps.assistant.services.actions import action_confirm, action_undo
from apps.learning import services as learning
from apps.learning.models import Course, Note
from maigie.errors import Conflict

pytestmark = pytest.mark.django_db


def test_creating_a_course_with_modules_then_undoing_it(say, user):
    reply = say("Create an advanced course on Thermodynamics with 6 modules")

    course = Course.objects.get(user=user)
    assert (course.title, course.difficulty, course.is_ai_generated) == ("Thermodynamics", "ADVANCED", True)
    assert course.modules.count() == 6
    assert reply.message.content == "Created the course “Thermodynamics” with 6 modules and 0 topics."
    assert reply.actions[0].status == ActionStatus.EXECUTED

    action_undo(action=reply.actions[0])
    assert not Course.objects.filter(user=user).exists()


def test_a_course_too_large_to_create_unasked_is_proposed(say, user):
    reply = say("Create a course on Statistics with 12 modules")

    assert reply.actions[0].status == ActionStatus.PROPOSED
    assert not Course.objects.exists()
    assert reply.message.content == "Please confirm: create course “Statistics” (13 items)."
    action_confirm(action=reply.actions[0])
    assert Course.objects.get(user=user).modules.count() == 12


def test_completing_a_topic_moves_progress_and_undo_is_refused_after_an_edit(say, user):
    course = learning.course_create(
        user=user, title="Calculus", modules=[{"title": "Basics", "topics": [{"title": "Limits"}, {"title": "Sums"}]}]
    )

    reply = say("mark Limits as done")

    course.refresh_from_db()
    assert course.progress == 50.0
    assert "“Calculus” is now 50% complete" in reply.message.content
    topic = course.modules.get().topics.get(title="Limits")
    learning.topic_update(topic=topic, data={"title": "Limits and continuity"})
    with pytest.raises(Conflict):
        action_undo(action=reply.actions[0])


def test_archiving_is_proposed_and_undone_by_unarchiving(say, user):
    learning.course_create(user=user, title="French")

    reply = say("please archive my French course")
    action = reply.actions[0]
    assert action.status == ActionStatus.PROPOSED
    assert not Course.objects.get(title="French").archived

    action_confirm(action=action)
    assert Course.objects.get(title="French").archived
    action_undo(action=AIActionLog.objects.get(pk=action.pk))
    assert not Course.objects.get(title="French").archived


def test_an_unknown_course_fails_cleanly(say, user):
    reply = say("what's my progress in Spanish?")

    assert reply.actions[0].status == ActionStatus.FAILED
    assert "No course is called 'Spanish'" in reply.actions[0].error
    assert reply.message.content.startswith("I could not get the progress: No course is called")
    assert not reply.message.content.endswith("..")


def test_notes_are_written_found_and_summarised(say, user):
    say("take a note: photosynthesis happens in the chloroplast")
    assert Note.objects.get(user=user).content == "photosynthesis happens in the chloroplast"

    learning.note_create(
        user=user,
        title="Lab safety",
        content="Wear goggles in the lab. Goggles protect eyes from acid. Lunch is at noon. "
        "Acid spills need the spill kit. The lab has two doors.",
    )
    found = say("search my notes for chloroplast")
    assert found.actions[0].result["notes"][0]["title"] == "photosynthesis happens in the chloroplast"

    summary = say("summarize my note Lab safety")
    note = Note.objects.get(title="Lab safety")
    assert "Goggles protect eyes from acid." in note.summary
    assert "Lunch is at noon." not in note.summary
    action_undo(action=summary.actions[0])
    assert Note.objects.get(title="Lab safety").summary == ""


def test_renaming_a_course_and_undoing_it(say, user):
    learning.course_create(user=user, title="Physics 101")

    reply = say("rename my course Physics 101 to Mechanics")

    assert Course.objects.get(user=user).title == "Mechanics"
    action_undo(action=reply.actions[0])
    assert Course.objects.get(user=user).title == "Physics 101"


def test_every_tool_has_a_generated_schema():
    from apps.assistant.tools.registry import all_tools

    schemas = {tool.name: tool.spec().parameters for tool in all_tools()}
    assert {"create_course", "complete_topic", "create_note", "search_notes", "get_progress"} <= set(schemas)
    assert schemas["create_course"]["properties"]["difficulty"]["anyOf"][0]["enum"] == [
        "BEGINNER",
        "INTERMEDIATE",
        "ADVANCED",
    ]
    assert schemas["create_course"]["additionalProperties"] is False
