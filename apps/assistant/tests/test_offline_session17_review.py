"""Offline understanding: the defects a review found in session 17, each with the message that showed it."""

from __future__ import annotations

import time
from typing import Any

import pytest

from .offline_learner import say


def _calls(text: str, previous: str = "") -> list[tuple[str, dict[str, Any]]]:
    return [(call.name, call.arguments) for call in say(text, previous).calls]


def _one(text: str, previous: str = "") -> tuple[str, dict[str, Any]]:
    (call,) = _calls(text, previous)
    return call


def test_a_saved_notes_first_sentence_stays_in_its_content():
    for text, kept in (
        ("save this: Dr. Smith said the exam covers ch 3-5. bring a calculator", "Dr. Smith said"),
        ("save this for later: the exam is on friday. room 204", "the exam is on friday. room 204"),
    ):
        name, args = _one(text)
        assert name == "create_note"
        assert kept in args["content"]
    assert _one("save this: ser vs estar. ser = permanent traits")[1]["title"] == "ser vs estar"


def test_a_long_message_about_moving_sessions_is_read_quickly():
    from apps.assistant.offline.calls import ToolCall
    from apps.assistant.offline.session_end import postpones_session

    text = "start a study session now " + "move the session " * 290
    started = time.perf_counter()
    assert not postpones_session([ToolCall("start_study_session", {})], text)
    assert time.perf_counter() - started < 0.3
    assert postpones_session([ToolCall("start_study_session", {})], "can we push the study session to later")


def test_a_clock_range_without_a_24_hour_hour_keeps_both_ends_in_one_half_of_the_day():
    for text, start, length in (
        ("book orgo review friday 7:00-8:00", "T07:00", 60),
        ("book spanish practice saturday 6:30-7:30 in the morning", "T06:30", 60),
        ("book orgo review friday 4:00-5:30", "T16:00", 90),
        ("put essay drafting on my calendar friday 09:00-10:30", "T09:00", 90),
    ):
        name, args = _one(text)
        assert (name, args["start"][10:], args["duration_minutes"]) == ("create_schedule_block", start, length)


def test_a_fraction_of_an_hour_is_no_date_and_a_relative_day_wins():
    name, args = _one("book me study time tomorrow at 3pm for 1/2 an hour")
    assert (name, args["start"], args["duration_minutes"]) == ("create_schedule_block", "2026-03-05T15:00", 30)


def test_a_numeric_date_in_a_past_year_is_no_date():
    from datetime import date

    from apps.assistant.offline.dates import parse_date

    assert parse_date("finish it by 3/15/25", date(2026, 3, 4)) is None
    assert parse_date("finish it by 3/15/27", date(2026, 3, 4)) == date(2027, 3, 15)


def test_done_stops_a_session_only_after_a_request_to_start_one():
    assert _calls("ok done", previous="how do i start a session?") == []
    assert _calls("ok, done", previous="is my session on friday?") == []
    assert _calls("done?", previous="start a session for orgo") == []
    assert _calls("ok that's it, i'm done", previous="start a session for orgo") == [("stop_study_session", {})]


@pytest.mark.parametrize(
    "text",
    [
        "new goal: finish the problem set by friday. urgent question though, is the lab due monday?",
        "new goal: get to the top of the leaderboard by june",
        "new goal: pass calc 2. my other goal is more urgent",
        "new goal: learn italian, it's not like it's urgent",
    ],
)
def test_a_priority_word_outside_what_the_new_goal_says_of_itself_is_no_priority(text):
    name, args = _one(text)
    assert name == "create_goal"
    assert "priority" not in args


@pytest.mark.parametrize(
    "text",
    [
        "i'm done with history for today. book me study time tomorrow at 3pm",
        "forget orgo, i hate it. book me a study session tomorrow at 5pm",
    ],
)
def test_a_course_put_aside_is_no_generic_blocks_course(text):
    (args,) = [args for name, args in _calls(text) if name == "create_schedule_block"]
    assert "course" not in args
    assert args["title"] == "Study session"


def test_a_section_of_a_note_is_no_module():
    names = [name for name, _ in _calls('create a new section titled "Week 4" in my spanish vocab note')]
    assert "add_module" not in names
    assert _one("add a section called eigenvalues to lin alg")[0] == "add_module"


def test_a_block_naming_only_an_activity_is_not_the_new_courses():
    calls = _calls("create a course on time management and book a review session tomorrow at 4pm")
    (args,) = [args for name, args in calls if name == "create_schedule_block"]
    assert "course" not in args


def test_a_repeated_move_shifts_its_new_start_with_the_occurrence():
    assert _one("same for next week", previous="move monday's orgo review to tuesday at 5pm") == (
        "move_schedule_block",
        {"block": "Orgo review", "start": "2026-03-17T17:00", "occurrence_date": "2026-03-16"},
    )


def test_another_weekday_than_the_previous_occurrences_is_asked_about():
    found = say("and the monday after that too", previous="cancel orgo review this thursday")
    assert not found.calls
    assert "Monday" in found.question


def test_a_weekday_the_block_recurs_on_is_no_question():
    assert _one("and the monday after that too", previous="cancel spanish practice this wednesday") == (
        "cancel_schedule_block",
        {"block": "Spanish practice", "occurrence_date": "2026-03-09"},
    )


def test_a_goal_deadline_in_a_past_year_is_no_date_a_century_ahead():
    name, args = _one("new goal: finish the essay by 3/15/25")
    assert name == "create_goal"
    assert "target_date" not in args
