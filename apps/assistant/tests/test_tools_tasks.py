"""Goal tasks, note tags, schedule conflicts, activity and insights tools."""

import datetime

import pytest
from django.utils import timezone

from apps.assistant.models import ActionStatus
from apps.assistant.services.actions import action_confirm, action_undo
from apps.learning import services as learning
from apps.learning.models import Note, Topic
from apps.planning.models import Goal, Task
from apps.planning.services import goals as goal_services
from apps.planning.services import schedule as schedule_services
from apps.review.tests.factories import CardFactory, DeckFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def goal(user):
    return goal_services.goal_create(user=user, title="Pass the exam", tasks=[{"title": "Read chapter 1"}])


def test_tasks_added_dated_completed_reopened_and_undone(run_tool, user, goal):
    added = run_tool("add_goal_task", goal="exam", title="Past papers", due_date="2030-05-10")
    task = Task.objects.get(title="Past papers")
    assert (task.goal_id, task.deadline) == (goal.pk, datetime.datetime(2030, 5, 10, 23, 59, tzinfo=datetime.UTC))
    action_undo(action=added)
    assert not Task.objects.filter(title="Past papers").exists()

    dated = run_tool("date_goal_task", task="chapter 1", due_date="2030-06-01")
    deadline = Task.objects.get(title="Read chapter 1").deadline
    assert deadline is not None
    assert deadline.date() == datetime.date(2030, 6, 1)
    action_undo(action=dated)
    assert Task.objects.get(title="Read chapter 1").deadline is None

    done = run_tool("complete_goal_task", task="chapter 1", goal="Pass the exam")
    assert done.result["summary"] == "Marked “Read chapter 1” done."
    assert Goal.objects.get(pk=goal.pk).progress == 100.0
    action_undo(action=done)
    assert Goal.objects.get(pk=goal.pk).progress == 0.0

    goal_services.task_update(task=Task.objects.get(title="Read chapter 1"), data={"completed": True})
    reopened = run_tool("reopen_goal_task", task="Read chapter 1")
    assert not Task.objects.get(title="Read chapter 1").completed
    action_undo(action=reopened)
    assert Task.objects.get(title="Read chapter 1").completed


def test_task_arguments_are_checked(run_tool, goal):
    assert run_tool("add_goal_task", goal="exam", title="X", due_date="someday").status == ActionStatus.FAILED
    assert run_tool("date_goal_task", task="Read chapter 1").status == ActionStatus.FAILED  # due_date is required
    assert run_tool("complete_goal_task", task="Nothing like it").status == ActionStatus.FAILED


def test_note_tags_added_and_removed_then_undone(run_tool, user):
    note = learning.note_create(user=user, title="Kinematics", tags=["physics", "draft"])
    action = run_tool("tag_note", note="kinematics", add=["Exam"], remove=["draft"])
    assert Note.objects.get(pk=note.pk).tags == ["physics", "exam"]
    action_undo(action=action)
    assert Note.objects.get(pk=note.pk).tags == ["physics", "draft"]
    assert run_tool("tag_note", note="Kinematics").status == ActionStatus.FAILED  # nothing to add or remove
    assert run_tool("tag_note", note="Kinematics", add=[" "]).status == ActionStatus.FAILED


def test_a_note_deletion_is_proposed_confirmed_and_undone_with_its_links(run_tool, user, other_user):
    course = learning.course_create(
        user=user, title="Mechanics", modules=[{"title": "Motion", "topics": [{"title": "Kinematics"}]}]
    )
    topic = Topic.objects.get(title="Kinematics")
    note = learning.note_create(
        user=user,
        title="Kinematics notes",
        content="v = u + at",
        tags=["physics"],
        course_id=course.pk,
        topic_id=topic.pk,
    )
    card = CardFactory.create(deck=DeckFactory.create(user=user), note=note)
    learning.note_create(user=other_user, title="Kinematics secrets")

    proposed = run_tool("delete_note", note="kinematics notes")
    assert proposed.status == ActionStatus.PROPOSED
    assert Note.objects.filter(pk=note.pk).exists()

    action_confirm(action=proposed)
    assert not Note.objects.filter(pk=note.pk).exists()
    card.refresh_from_db()
    assert card.note_id is None

    action_undo(action=proposed)
    restored = Note.objects.get(pk=note.pk)
    assert (restored.title, restored.content, restored.tags) == ("Kinematics notes", "v = u + at", ["physics"])
    assert (restored.course_id, restored.topic_id) == (course.pk, topic.pk)
    card.refresh_from_db()
    assert card.note_id == note.pk
    theirs = run_tool("delete_note", note="Kinematics secrets")
    assert theirs.status == ActionStatus.FAILED
    assert "No note is called" in theirs.error
    assert Note.objects.filter(title="Kinematics secrets").exists()


def test_an_undone_note_deletion_keeps_only_the_links_still_there(run_tool, user):
    course = learning.course_create(user=user, title="Mechanics", modules=[])
    note = learning.note_create(user=user, title="Forces", course_id=course.pk)
    deleted = run_tool("delete_note", note="Forces")
    action_confirm(action=deleted)
    learning.course_delete(course=course)

    action_undo(action=deleted)
    assert Note.objects.get(pk=note.pk).course_id is None


def test_schedule_conflicts_are_listed(run_tool, user):
    start = datetime.datetime(2030, 3, 4, 9, tzinfo=datetime.UTC)
    for title, offset in (("Maths", 0), ("Physics", 30), ("French", 180)):
        begins = start + datetime.timedelta(minutes=offset)
        schedule_services.schedule_block_create(
            user=user, title=title, start_time=begins, end_time=begins + datetime.timedelta(hours=1)
        )
    action = run_tool("find_schedule_conflicts", start="2030-03-04", end="2030-03-05")
    assert action.status == ActionStatus.EXECUTED
    assert [(row["first"]["title"], row["second"]["title"]) for row in action.result["conflicts"]] == [
        ("Maths", "Physics")
    ]
    assert action.result["summary"] == "1 overlap(s): “Maths” and “Physics” on Mon 04 Mar 09:00."
    quiet = run_tool("find_schedule_conflicts", start="2030-03-06", end="2030-03-06")
    assert quiet.result["conflicts"] == []
    assert run_tool("find_schedule_conflicts", start="2030-03-06", end="2030-03-01").status == ActionStatus.FAILED


def test_activity_of_today(run_tool, user, goal):
    course = learning.course_create(user=user, title="Chem", modules=[{"title": "M", "topics": [{"title": "Atoms"}]}])
    learning.topic_complete(topic=Topic.objects.get(module__course=course))
    goal_services.task_update(task=goal.tasks.get(), data={"completed": True})
    action = run_tool("summarize_activity", period="today")
    assert (action.result["topics_completed"], action.result["tasks_completed"]) == (1, 1)
    assert action.result["topics"] == ["Atoms"]
    assert action.result["tasks"] == ["Read chapter 1"]
    assert run_tool("summarize_activity", period="yesterday").status == ActionStatus.FAILED


def test_insights_name_weak_topics_and_what_is_overdue(run_tool, user, goal):
    learning.course_create(
        user=user, title="Bio", modules=[{"title": "Cells", "topics": [{"title": "Mitosis"}, {"title": "Meiosis"}]}]
    )
    deck = DeckFactory.create(user=user)
    CardFactory.create(deck=deck, topic=Topic.objects.get(title="Meiosis"), lapses=3)
    CardFactory.create(deck=deck, topic=Topic.objects.get(title="Mitosis"), lapses=0)
    goal_services.task_create(goal=goal, title="Late task", deadline=timezone.now() - datetime.timedelta(days=2))
    Goal.objects.filter(pk=goal.pk).update(target_date=timezone.now().date() - datetime.timedelta(days=10))

    result = run_tool("get_insights").result
    assert result["weak_topics"] == [{"title": "Meiosis", "lapses": 3}]
    assert result["overdue_tasks"] == [{"title": "Late task", "goal": "Pass the exam"}]
    assert [row["title"] for row in result["overdue_goals"]] == ["Pass the exam"]
    assert result["streak"] == {"current": 0, "longest": 0}
    narrowed = run_tool("get_insights", course="Bio").result
    assert (narrowed["weak_topics"][0]["title"], narrowed["overdue_tasks"]) == ("Meiosis", [])
