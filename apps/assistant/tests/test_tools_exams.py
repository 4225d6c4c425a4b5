"""Exam tools: add, list with readiness, change, delete (proposed); execute, confirm, undo, isolation."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone

from apps.assistant.models import ActionStatus
from apps.assistant.services.actions import action_confirm, action_undo
from apps.learning import services as learning
from apps.learning.models import Topic
from apps.planning.models import ScheduleBlock
from apps.review.models import Exam
from maigie.errors import Conflict

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _study_day_is_the_calendar_day(user):
    """A study day starts at the day-start hour (04:00 by default), so from midnight to 04:00 "today" is still the
    day before: these tests count days from the calendar date, so the learner's day starts at midnight."""
    user.preferences = {**(user.preferences or {}), "day_start_hour": 0}
    user.save(update_fields=["preferences"])


def in_days(days: int) -> str:
    return (timezone.now().date() + datetime.timedelta(days)).isoformat()


@pytest.fixture
def course(user):
    return learning.course_create(
        user=user,
        title="Intro to Microeconomics",
        modules=[{"title": "Markets", "topics": [{"title": "Supply and demand"}, {"title": "Elasticity"}]}],
    )


def test_an_exam_is_added_on_a_course_listed_with_its_readiness_and_undone(run_tool, course):
    learning.topic_complete(topic=Topic.objects.get(title="Elasticity"))

    added = run_tool("add_exam", date=in_days(30), courses=["micro"])
    listed = run_tool("list_exams")

    exam = Exam.objects.get()
    assert added.status == ActionStatus.EXECUTED
    assert (exam.title, exam.date.isoformat(), list(exam.courses.all())) == (
        "Intro to Microeconomics exam",
        in_days(30),
        [course],
    )
    [row] = listed.result["exams"]
    assert (row["title"], row["days_left"], row["topics_covered"], row["topics_total"]) == (exam.title, 30, 1, 2)
    assert listed.result["summary"].startswith(f"“Intro to Microeconomics exam” on {in_days(30)} (30 day(s) left)")
    action_undo(action=added)
    assert not Exam.objects.exists()
    assert run_tool("list_exams").result["summary"].startswith("No exam is coming up.")


def test_an_exam_named_by_its_course_moves_and_the_undo_puts_it_back(run_tool, course):
    run_tool("add_exam", date=in_days(10), courses=["Intro to Microeconomics"], title="Micro final")

    moved = run_tool("update_exam", exam="microeconomics", date=in_days(12))

    exam = Exam.objects.get()
    assert moved.status == ActionStatus.EXECUTED
    assert exam.date.isoformat() == in_days(12)
    action_undo(action=moved)
    exam.refresh_from_db()
    assert exam.date.isoformat() == in_days(10)


def test_deleting_an_exam_is_proposed_and_undone_with_the_same_id_and_scope(run_tool, course):
    run_tool("add_exam", date=in_days(10), courses=["Intro to Microeconomics"], topics=["Elasticity"])
    exam = Exam.objects.get()

    proposed = run_tool("delete_exam", exam="Intro to Microeconomics exam")
    assert proposed.status == ActionStatus.PROPOSED
    assert Exam.objects.exists()
    done = action_confirm(action=proposed)
    assert done.status == ActionStatus.EXECUTED
    assert not Exam.objects.exists()

    action_undo(action=done)
    restored = Exam.objects.get(pk=exam.pk)
    assert [c.title for c in restored.courses.all()] == ["Intro to Microeconomics"]
    assert [t.title for t in restored.topics.all()] == ["Elasticity"]


def test_bad_exam_calls_fail_with_the_reason_and_write_nothing(run_tool, course):
    no_scope = run_tool("add_exam", date=in_days(5))
    past = run_tool("add_exam", date=in_days(-1), courses=["micro"])
    unknown_course = run_tool("add_exam", date=in_days(5), courses=["Astrophysics"])
    nothing_to_change = run_tool("update_exam", exam="micro")

    assert [a.status for a in (no_scope, past, unknown_course, nothing_to_change)] == [ActionStatus.FAILED] * 4
    assert "Name the course or topics" in no_scope.error
    assert "That day has passed" in past.error
    assert "No course is called 'Astrophysics'" in unknown_course.error
    assert not Exam.objects.exists()


def test_another_learners_exam_is_not_found(run_tool, other_user):
    theirs = learning.course_create(user=other_user, title="Secret course", modules=[])
    Exam.objects.create(user=other_user, title="Secret exam", date=timezone.now().date()).courses.set([theirs])

    assert "No exam is called" in run_tool("update_exam", exam="Secret", date=in_days(3)).error
    assert run_tool("list_exams").result["exams"] == []
    assert "No course is called" in run_tool("add_exam", date=in_days(3), courses=["Secret course"]).error


def test_the_offline_assistant_adds_lists_and_proposes_to_delete_an_exam_over_rest(auth_client, course):
    conversation = auth_client.post("/api/v1/chat/conversations/", {}, format="json").json()

    def ask(content: str):
        url = f"/api/v1/chat/conversations/{conversation['id']}/messages/"
        response = auth_client.post(url, {"content": content}, format="json")
        assert response.status_code == 201, response.json()
        return response.json()["message"]

    day = timezone.now().date() + datetime.timedelta(40)
    added = ask(f"my micro midterm is on {day:%B} {day.day}")
    listed = ask("how ready am i for my exams?")
    dropped = ask("delete the micro midterm")

    exam = Exam.objects.get()
    assert (exam.title, exam.date) == ("Intro to Microeconomics midterm", day)
    assert [(a["type"], a["status"]) for a in added["actions"]] == [("add_exam", "executed")]
    assert listed["actions"][0]["type"] == "list_exams"
    assert "“Intro to Microeconomics midterm”" in listed["content"]
    assert [(a["type"], a["status"]) for a in dropped["actions"]] == [("delete_exam", "proposed")]


def test_an_exam_is_named_by_one_course_never_by_a_blank_or_a_fragment_of_several(run_tool, user, course):
    heart = learning.course_create(user=user, title="Heart physiology", modules=[])
    run_tool("add_exam", date=in_days(10), courses=[heart.title])
    run_tool("add_exam", date=in_days(20), courses=[course.title])

    blank = run_tool("update_exam", exam="  ", date=in_days(12))
    fragment = run_tool("update_exam", exam="o", date=in_days(12))  # in both exams' and courses' titles
    twice = run_tool("add_exam", date=in_days(10), courses=[heart.title])

    assert [a.status for a in (blank, fragment, twice)] == [ActionStatus.FAILED] * 3
    assert "already in your exams" in twice.error
    assert sorted(exam.date.isoformat() for exam in Exam.objects.all()) == [in_days(10), in_days(20)]


def test_a_long_course_title_makes_a_title_that_fits(run_tool, user):
    long = learning.course_create(user=user, title="A" * 200, modules=[])

    added = run_tool("add_exam", date=in_days(10), courses=[long.title])

    assert added.status == ActionStatus.EXECUTED
    assert Exam.objects.get().title == "A" * 195 + " exam"


def test_undoing_a_delete_whose_courses_are_gone_is_a_conflict_not_an_empty_exam(run_tool, user, course):
    run_tool("add_exam", date=in_days(10), courses=[course.title])
    done = action_confirm(action=run_tool("delete_exam", exam=course.title))
    learning.course_delete(course=course)

    with pytest.raises(Conflict):
        action_undo(action=done)
    assert not Exam.objects.exists()


def test_a_prep_plan_is_proposed_replaces_the_last_one_and_its_undo_brings_that_back(run_tool, user, course):
    run_tool("add_exam", date=in_days(5), courses=["micro"])
    exam = Exam.objects.get()
    zone = zoneinfo.ZoneInfo(user.timezone)

    first = run_tool("plan_exam_prep", exam="micro")
    assert first.status == ActionStatus.PROPOSED
    assert not ScheduleBlock.objects.exists()
    action_confirm(action=first)
    exam.refresh_from_db()
    evening = list(ScheduleBlock.objects.filter(user=user).order_by("start_time"))
    assert set(exam.plan_block_ids) == {block.pk for block in evening}
    assert len(evening) == 4  # tomorrow to the day before the exam
    assert {block.start_time.astimezone(zone).hour for block in evening} == {18}

    second = action_confirm(action=run_tool("plan_exam_prep", exam="Intro to Microeconomics exam", hour=7, minutes=30))
    assert second.status == ActionStatus.EXECUTED, second.error
    morning = ScheduleBlock.objects.filter(user=user)
    assert {(b.start_time.astimezone(zone).hour, (b.end_time - b.start_time).seconds) for b in morning} == {(7, 1800)}
    assert not ScheduleBlock.objects.filter(pk__in=[block.pk for block in evening]).exists()

    action_undo(action=second)
    exam.refresh_from_db()
    assert set(ScheduleBlock.objects.filter(user=user).values_list("pk", flat=True)) == {b.pk for b in evening}
    assert set(exam.plan_block_ids) == {block.pk for block in evening}


def test_a_prep_plan_with_no_day_left_or_a_bad_hour_writes_nothing(run_tool, course):
    run_tool("add_exam", date=in_days(1), courses=["micro"])

    no_day = run_tool("plan_exam_prep", exam="micro")
    bad_hour = run_tool("plan_exam_prep", exam="micro", hour=23)

    assert no_day.status == bad_hour.status == ActionStatus.FAILED
    assert "no study day left" in no_day.error
    assert "hour" in bad_hour.error
    assert not ScheduleBlock.objects.exists()
