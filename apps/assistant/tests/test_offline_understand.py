"""The offline understanding over the learner's own items: the tuning set, references, questions, dates."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest

from apps.assistant.context import conversation_context
from apps.assistant.models import AIActionLog
from apps.assistant.offline.calls import ToolCall
from apps.assistant.offline.items import KINDS, Item, resolve
from apps.assistant.offline.learner import learner_items
from apps.assistant.offline.understand import understand
from apps.assistant.offline.when import absolute_dates, month_only, relative_month_day
from apps.assistant.providers.offline import OfflineProvider
from apps.assistant.services.chat import chat_reply
from apps.assistant.services.conversations import conversation_create
from apps.assistant.tests.offline_learner import DATA, KNOWN, say
from apps.learning.tests.factories import CourseFactory, ModuleFactory, NoteFactory, TopicFactory
from apps.planning.tests.factories import GoalFactory, ScheduleBlockFactory, TaskFactory
from bench.assistant import call_matches

TUNING = [
    pytest.param(row, id=f"tune:{n}")
    for n, row in enumerate((json.loads(line) for line in (DATA / "tune.jsonl").read_text().splitlines()), 1)
]


@pytest.mark.parametrize("row", TUNING)
def test_each_tuning_message_gets_its_calls(row: dict[str, Any]):
    now = datetime.fromisoformat(row["now"])
    found = understand(row["text"], now=now, timezone=row["timezone"], known=KNOWN, previous=row.get("previous", ""))
    got = [call.as_dict() for call in found.calls]

    assert sorted(c["name"] for c in got) == sorted(c["name"] for c in row["expected"]), row["text"]
    assert all(any(call_matches(e, g) for g in got) for e in row["expected"]), (row["text"], got)
    if row.get("kind") == "ambiguous":
        assert found.question


def test_an_ambiguous_reference_asks_naming_the_candidates_and_calls_nothing():
    found = say("mark reactions as done")

    assert found.calls == []
    assert found.question == "Which topic do you mean: “Elimination Reactions” or “SN1 and SN2 Reactions”?"


def test_it_without_anything_named_before_is_a_question():
    found = say("delete it")

    assert found.calls == []
    assert found.question.startswith("Which course do you mean? Yours are: “Organic Chemistry”")


def test_chit_chat_calls_nothing_and_asks_nothing():
    for text in ("lol thanks", "good morning!", "why is the sky blue?"):
        found = say(text)
        assert found.calls == [], text
        assert found.question == "", text


def test_it_and_same_time_come_from_the_previous_message():
    moved = say("move it to saturday 11am", previous="when is my orgo review?")
    again = say("same time for stats", previous="schedule orgo review friday at 6pm")

    assert moved.calls == [ToolCall("move_schedule_block", {"block": "Orgo review", "start": "2026-03-07T11:00"})]
    assert [c.name for c in again.calls] == ["create_schedule_block"]
    assert again.calls[0].arguments["start"] == "2026-03-06T18:00"


def test_and_inside_a_known_name_does_not_split_the_message():
    found = say("finished eigenvalues and eigenvectors and start backprop")

    assert found.calls == [
        ToolCall("complete_topic", {"topic": "Eigenvalues and Eigenvectors"}),
        ToolCall("start_study_session", {"topic": "Backpropagation"}),
    ]


def test_weekdays_sharing_one_time_make_one_weekly_block():
    found = say("mon wed fri 7am spanish 30 min")

    assert len(found.calls) == 1
    arguments = found.calls[0].arguments
    assert (arguments["start"], arguments["duration_minutes"], arguments["recurrence_rule"]) == (
        "2026-03-06T07:00",
        30,
        "FREQ=WEEKLY;BYDAY=MO,WE,FR",
    )


def test_a_misspelled_key_word_and_a_shortened_name_are_understood():
    assert say("cancle the orgo reveiw").calls == [ToolCall("cancel_schedule_block", {"block": "Orgo review"})]
    assert say("delete my world histroy course").calls == [ToolCall("delete_course", {"course": "World History"})]


def test_relative_month_days_month_only_deadlines_and_offsets():
    today = date(2026, 3, 4)

    assert relative_month_day("on the 3rd of next month", today) == date(2026, 4, 3)
    assert month_only("by june", today) == date(2026, 6, 30)
    assert month_only("by february", today) == date(2027, 2, 28)  # past this year: next year's
    assert absolute_dates("push the deadline to august", today) == "push the deadline to August 31"
    assert say("goal: pass the final in 10 days").calls[0].arguments["target_date"] == "2026-03-14"


def test_resolve_prefers_the_item_named_by_more_words():
    assert resolve("note", "summarise lecture 5", KNOWN).item == Item("note", "Lecture 5 notes")
    assert [i.title for i in resolve("note", "the lecture notes", KNOWN).candidates] == [
        "Lecture 5 notes",
        "Lecture 6 notes",
    ]


@pytest.mark.django_db
def test_learner_items_are_the_users_own_in_one_query(user, other_user, django_assert_num_queries):
    course = CourseFactory(user=user, title="Organic Chemistry")
    TopicFactory(module=ModuleFactory(course=course, title="Mechanisms"), title="SN1 and SN2")
    TaskFactory(goal=GoalFactory(user=user, title="Pass the MCAT"), title="Practice test 1")
    ScheduleBlockFactory(
        user=user,
        title="Orgo review",
        course=course,
        start_time=datetime(2026, 1, 5, 23, 30, tzinfo=UTC),
        timezone="Asia/Tokyo",
    )
    ScheduleBlockFactory(user=user, title="Gym", course=None)
    NoteFactory(user=user, title="Krebs cycle")
    CourseFactory(user=user, title="Old course", archived=True)
    CourseFactory(user=other_user, title="Secret course")

    user.timezone = "Asia/Tokyo"
    with django_assert_num_queries(1):
        known = learner_items(user)

    kinds = [item.kind for item in known.items]
    assert kinds == sorted(kinds, key=KINDS.index)
    assert set(known.items) == {
        Item("course", "Organic Chemistry"),
        Item("module", "Mechanisms", "Organic Chemistry"),
        Item("topic", "SN1 and SN2", "Organic Chemistry", "Mechanisms"),
        Item("goal", "Pass the MCAT"),
        Item("task", "Practice test 1", "Pass the MCAT"),
        Item("block", "Gym"),
        Item("block", "Orgo review", "Organic Chemistry"),
        Item("note", "Krebs cycle"),
    }
    block = known.find("block", "Orgo review")
    assert block
    assert block.time == "08:30"  # its wall time in the learner's zone (Tokyo, the next day)
    user.timezone = "Europe/London"  # the move tools read a new start in the learner's zone, not the block's
    block = learner_items(user).find("block", "Orgo review")
    assert block
    assert block.time == "23:30"


@pytest.mark.django_db
def test_the_offline_provider_asks_instead_of_acting_on_an_ambiguous_message(user, django_capture_on_commit_callbacks):
    NoteFactory(user=user, title="Lecture 5 notes")
    NoteFactory(user=user, title="Lecture 6 notes")
    offline = OfflineProvider(timezone_name=user.timezone, items=lambda: learner_items(user))
    conversation = conversation_create(user=user)

    with django_capture_on_commit_callbacks(execute=True):
        reply = chat_reply(
            user=user,
            conversation=conversation,
            content="summarize my lecture notes",
            provider=offline,
            fallback=offline,
            context=conversation_context,
        )

    assert reply.actions == []
    assert not AIActionLog.objects.filter(user=user).exists()
    assert reply.message.content == "Which note do you mean: “Lecture 5 notes” or “Lecture 6 notes”?"
