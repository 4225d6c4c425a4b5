"""Session 17: general mechanisms from measure19's failures (block titles, dates, missed requests, wrong calls,
follow-ups)."""

from __future__ import annotations

from typing import Any

import pytest

from .offline_learner import say


def _calls(text: str, previous: str = "") -> list[tuple[str, dict[str, Any]]]:
    return [(call.name, call.arguments) for call in say(text, previous).calls]


def _one(text: str, previous: str = "") -> tuple[str, dict[str, Any]]:
    (call,) = _calls(text, previous)
    return call


def test_a_numeric_month_day_after_a_date_word_is_the_date():
    name, args = _one("book me time for the bio lab writeup on 4/17 at 3pm")
    assert name == "create_schedule_block"
    assert args["start"] == "2026-04-17T15:00"


def test_a_24_hour_clock_range_is_the_start_and_the_length():
    name, args = _one("put essay drafting on my calendar friday 13:30-15:00")
    assert (name, args["start"], args["duration_minutes"]) == ("create_schedule_block", "2026-03-06T13:30", 90)


def test_a_light_verb_is_no_part_of_a_block_title():
    _, args = _one("i want to do spanish drills every monday at 7am")
    assert args["title"].casefold() == "spanish drills"


def test_a_pronoun_title_takes_the_thing_said_before_it():
    _, args = _one("i never review my vocab cards, set me a 15 min slot every morning at 8am for them")
    assert args["title"] == "vocab cards"


def test_a_generic_block_takes_the_one_course_the_message_names():
    _, args = _one("orgo is killing me. could you book me study time tomorrow from 3 to 5 in the afternoon")
    assert (args["title"], args["course"]) == ("orgo study", "Organic Chemistry")


@pytest.mark.parametrize(
    ("text", "priority"),
    [
        ("new goal: read 5 papers on transformers by june 1. this really matters for my thesis", "HIGH"),
        ("goal: learn some basic italian by august 30, no rush", "LOW"),
    ],
)
def test_a_priority_said_in_words_is_the_new_goals(text: str, priority: str):
    name, args = _one(text)
    assert (name, args["priority"]) == ("create_goal", priority)


def test_a_goal_bumped_to_the_top_is_high_priority():
    assert _one("bump the reading goal to the top") == (
        "update_goal",
        {"goal": "Read 12 books this year", "priority": "HIGH"},
    )


def test_modules_listed_after_parts_with_topics_in_parentheses():
    name, args = _one("Add a course Intro to Economics with three parts: Micro (Supply, Demand) and Macro (GDP)")
    assert name == "create_course"
    assert args["title"] == "Intro to Economics"
    assert [module["title"] for module in args["modules"]] == ["Micro", "Macro"]


def test_a_read_followed_by_a_wish_for_motivation_is_the_read():
    assert _one("show me the goals i've completed, i could use some encouragement") == (
        "list_goals",
        {"status": "COMPLETED"},
    )


@pytest.mark.parametrize("text", ["where should i start today?", "ok what do i do first"])
def test_where_to_start_is_the_days_plan(text: str):
    assert _one(text) == ("get_today", {})


def test_done_after_starting_a_session_stops_it():
    assert _calls("alright i'm done for today", previous="start a timer for spanish") == [("stop_study_session", {})]
    assert _calls("alright i'm done for today") == []


def test_a_remark_after_a_completion_does_not_reopen_it():
    assert all(name != "reopen_goal_task" for name, _ in _calls("read dune is done. not bad, not amazing"))


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("did i write anything down about enzymes?", "enzymes"),
        ("i'm looking for the note where i explained the chain rule", "chain rule"),
    ],
)
def test_searches_said_by_what_was_written(text: str, query: str):
    assert _one(text) == ("search_notes", {"query": query})


def test_a_deadline_to_be_done_with_a_new_course_is_its_target_date():
    calls = _calls("set up a course on game theory, i want to finish it by the end of next month")
    assert [name for name, _ in calls] == ["create_course"]
    assert calls[0][1]["target_date"] == "2026-04-30"


def test_a_new_named_unit_is_a_module():
    assert _one("add a unit called Vector Spaces to lin alg") == (
        "add_module",
        {"course": "Linear Algebra", "title": "Vector Spaces"},
    )


def test_keep_that_in_mind_when_planning_remembers_the_fact():
    name, args = _one("i have choir on wednesdays, keep that in mind when you schedule things")
    assert (name, args["fact"]) == ("remember_fact", "i have choir on wednesdays")


def test_a_removal_of_it_takes_the_kind_named_before():
    assert _one("the orgo review thing is pointless. get rid of it") == (
        "cancel_schedule_block",
        {"block": "Orgo review"},
    )


def test_quiz_on_my_notes_asks_which():
    found = say("quiz me on my notes")
    assert not found.calls
    assert found.question


def test_a_session_pushed_to_later_asks_when():
    found = say("can you move my study session to later")
    assert not found.calls
    assert found.question


def test_the_weekday_after_that_counts_from_the_previous_occurrence():
    assert _one("and the thursday after that too", previous="cancel orgo review this thursday") == (
        "cancel_schedule_block",
        {"block": "Orgo review", "occurrence_date": "2026-03-12"},
    )


def test_a_new_subject_note_with_a_title_and_a_dash():
    assert _one("new orgo note, call it SN1 vs SN2 - SN1 goes through a carbocation") == (
        "create_note",
        {"title": "SN1 vs SN2", "content": "SN1 goes through a carbocation", "course": "Organic Chemistry"},
    )


def test_a_block_named_by_a_new_courses_words_is_that_courses():
    calls = _calls("create a course Chemistry 2 with 4 modules, and put a 1 hour chemistry session every friday at 5pm")
    assert [name for name, _ in calls] == ["create_course", "create_schedule_block"]
    assert calls[1][1]["course"] == "Chemistry 2"


def test_steps_listed_in_the_sentence_after_a_deadline_are_the_goals_tasks():
    name, args = _one("i want to read three novels by july. steps: pick the books, read one a month, write reviews")
    assert name == "create_goal"
    assert args["tasks"] == ["pick the books", "read one a month", "write reviews"]


def test_another_step_for_a_goal_named_first_is_a_task():
    assert _one("on my reading goal, one more task - finish dune by april 10") == (
        "add_goal_task",
        {"goal": "Read 12 books this year", "title": "finish dune", "due_date": "2026-04-10"},
    )


def test_a_short_heading_before_a_saved_notes_body_is_its_title():
    assert _one("save this for later: krebs cycle. citrate, isocitrate, alpha-ketoglutarate") == (
        "create_note",
        {"title": "krebs cycle", "content": "citrate, isocitrate, alpha-ketoglutarate"},
    )
    name, args = _one("save this: i have an exam friday. bring a calculator")
    assert (name, args["content"]) == ("create_note", "i have an exam friday. bring a calculator")
