"""Outline tools: delete a course, add/rename/move/remove modules and topics; execute, confirm, undo."""

import pytest

from apps.assistant.models import ActionStatus
from apps.assistant.services.actions import action_confirm, action_undo
from apps.learning import services as learning
from apps.learning.models import Course, Module, Note, Topic
from apps.planning.models import StudySession
from maigie.errors import Conflict

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(user):
    return learning.course_create(
        user=user,
        title="Calculus",
        modules=[
            {"title": "Limits", "topics": [{"title": "Epsilon delta"}, {"title": "Continuity"}]},
            {"title": "Derivatives", "topics": [{"title": "Chain rule"}]},
        ],
    )


def outline(course: Course) -> list[tuple[str, list[str]]]:
    return [
        (module.title, [topic.title for topic in module.topics.order_by("order")])
        for module in Module.objects.filter(course=course).order_by("order")
    ]


def test_deleting_a_course_is_proposed_then_undone_with_its_outline_progress_and_links(run_tool, user, course):
    topic = Topic.objects.get(title="Continuity")
    learning.topic_complete(topic=topic)
    note = learning.note_create(user=user, title="Limits", course_id=course.pk, topic_id=topic.pk)
    progress = Course.objects.get(pk=course.pk).progress

    action = run_tool("delete_course", course="calc")
    assert action.status == ActionStatus.PROPOSED
    assert action.result["summary"] == "delete course “calc”"
    assert Course.objects.filter(pk=course.pk).exists()

    action = action_confirm(action=action)
    assert action.status == ActionStatus.EXECUTED
    assert not Course.objects.filter(pk=course.pk).exists()
    assert Note.objects.get(pk=note.pk).course_id is None

    action_undo(action=action)
    restored = Course.objects.get(pk=course.pk)
    assert outline(restored) == [("Limits", ["Epsilon delta", "Continuity"]), ("Derivatives", ["Chain rule"])]
    assert restored.progress == progress
    assert Topic.objects.get(pk=topic.pk).completed
    note.refresh_from_db()
    assert (note.course_id, note.topic_id) == (course.pk, topic.pk)


def test_adding_and_renaming_modules_and_undoing(run_tool, course):
    added = run_tool("add_module", course="Calculus", title="Integrals")
    assert added.status == ActionStatus.EXECUTED
    assert [title for title, _ in outline(course)] == ["Limits", "Derivatives", "Integrals"]

    renamed = run_tool("rename_module", module="Derivatives", title="Differentiation", course="Calculus")
    assert renamed.result["summary"] == "Renamed the module “Derivatives” to “Differentiation”."
    action_undo(action=renamed)
    action_undo(action=added)
    assert [title for title, _ in outline(course)] == ["Limits", "Derivatives"]


def test_removing_a_module_is_proposed_and_undo_puts_it_back_in_place(run_tool, course):
    action = run_tool("remove_module", module="Limits")
    assert action.status == ActionStatus.PROPOSED
    action = action_confirm(action=action)
    assert outline(course) == [("Derivatives", ["Chain rule"])]

    action_undo(action=action)
    assert outline(course) == [("Limits", ["Epsilon delta", "Continuity"]), ("Derivatives", ["Chain rule"])]


def test_topics_added_renamed_moved_and_undone(run_tool, course):
    added = run_tool("add_topic", course="Calculus", title="Series", module="Limits")
    renamed = run_tool("rename_topic", topic="Chain rule", title="The chain rule")
    moved = run_tool("move_topic", topic="Continuity", module="Derivatives")
    assert outline(course) == [
        ("Limits", ["Epsilon delta", "Series"]),
        ("Derivatives", ["The chain rule", "Continuity"]),
    ]
    for action in (moved, renamed, added):
        action_undo(action=action)
    assert outline(course) == [("Limits", ["Epsilon delta", "Continuity"]), ("Derivatives", ["Chain rule"])]


def test_a_topic_added_without_module_goes_to_the_last_one(run_tool, course):
    run_tool("add_topic", course="Calculus", title="Product rule")
    assert outline(course)[-1] == ("Derivatives", ["Chain rule", "Product rule"])


def test_removing_a_topic_is_proposed_and_undone_unless_its_module_is_gone(run_tool, course):
    action = action_confirm(action=run_tool("remove_topic", topic="Epsilon delta", course="Calculus"))
    assert outline(course)[0] == ("Limits", ["Continuity"])
    action_undo(action=action)
    assert outline(course)[0] == ("Limits", ["Epsilon delta", "Continuity"])

    again = action_confirm(action=run_tool("remove_topic", topic="Epsilon delta"))
    learning.module_delete(module=Module.objects.get(title="Limits"))
    with pytest.raises(Conflict):
        action_undo(action=again)


def test_an_ambiguous_or_unknown_name_fails_without_writing(run_tool, user, course):
    learning.course_create(user=user, title="Algebra", modules=[{"title": "Limits"}])
    action = run_tool("rename_module", module="Limits", title="X")
    assert action.status == ActionStatus.FAILED
    assert "Several modules match" in action.error
    assert run_tool("move_topic", topic="Nope", module="Limits").status == ActionStatus.FAILED
    assert run_tool("add_module", course="Calculus", title="").status == ActionStatus.FAILED
    unknown_argument = run_tool("add_module", course="Calculus", title="X", order=2)
    assert unknown_argument.status == ActionStatus.FAILED
    assert Module.objects.filter(title="X").count() == 0


def test_another_learners_course_is_not_found(run_tool, other_user):
    learning.course_create(user=other_user, title="Secret", modules=[{"title": "M"}])
    action = run_tool("delete_course", course="Secret")
    assert action.status == ActionStatus.FAILED
    assert "No course is called" in action.error
    assert Course.objects.filter(title="Secret").exists()


def test_a_study_session_honours_its_topic(run_tool, user, course):
    action = run_tool("start_study_session", topic="chain")
    session = StudySession.objects.get(user=user)
    assert (session.topic_id, session.course_id) == (Topic.objects.get(title="Chain rule").pk, course.pk)
    assert action.result["summary"] == "Started a study session on “Chain rule” in “Calculus”."
    action_undo(action=action)
    assert not StudySession.objects.filter(user=user).exists()
    assert run_tool("start_study_session", course="Calculus", topic="Nope").status == ActionStatus.FAILED


def test_a_blank_reference_names_nothing_even_when_the_learner_has_one_of_a_kind(run_tool, user, course):
    """A partial match on "" matched every object: with one course, a blank name archived or deleted it."""
    for tool, arguments in (
        ("update_course", {"course": "", "title": "Renamed"}),
        ("archive_course", {"course": "  "}),
        ("complete_topic", {"topic": "", "course": "Calculus"}),
        ("delete_course", {"course": ""}),
    ):
        action = run_tool(tool, **arguments)
        if action.status == ActionStatus.PROPOSED:  # archive and delete ask first
            action = action_confirm(action=action)
        assert action.status == ActionStatus.FAILED, tool
        assert "Name the" in action.error
    course.refresh_from_db()
    assert (course.title, course.archived, course.progress) == ("Calculus", False, 0)


def test_another_learners_ids_name_nothing(run_tool, other_user):
    theirs = learning.course_create(
        user=other_user, title="Secret", modules=[{"title": "M", "topics": [{"title": "T"}]}]
    )
    topic = Topic.objects.get(module__course=theirs)
    for tool, arguments in (
        ("update_course", {"course": str(theirs.pk), "title": "Mine"}),
        ("add_module", {"course": str(theirs.pk), "title": "Injected"}),
        ("complete_topic", {"topic": str(topic.pk)}),
        ("rename_topic", {"topic": str(topic.pk), "title": "Mine"}),
    ):
        action = run_tool(tool, **arguments)
        assert action.status == ActionStatus.FAILED, tool
    theirs.refresh_from_db()
    topic.refresh_from_db()
    assert (theirs.title, topic.title, topic.completed) == ("Secret", "T", False)
    assert not Module.objects.filter(title="Injected").exists()


def test_undoing_a_move_whose_first_module_is_gone_is_a_conflict_not_a_500(run_tool, user, course, auth_client):
    moved = run_tool("move_topic", topic="Continuity", module="Derivatives")
    learning.module_delete(module=Module.objects.get(title="Limits"))

    response = auth_client.post(f"/api/v1/chat/actions/{moved.pk}/undo")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "undo_conflict"
    assert outline(course) == [("Derivatives", ["Chain rule", "Continuity"])]
    with pytest.raises(Conflict):
        action_undo(action=moved)
