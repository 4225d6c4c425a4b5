"""Session 17, third round: general mechanisms from measure21's failures."""

from __future__ import annotations

from apps.assistant.tests.offline_learner import say


def test_a_generic_word_is_never_a_course_title():
    assert say("make a new course").calls == []
    assert say("i want a new course").calls == []
    assert say("make a new course on Topology").calls[0].arguments["title"] == "Topology"
    assert say("make a course called New Media").calls[0].arguments["title"] == "New Media"


def _names(text: str) -> list[str]:
    return [call.name for call in say(text).calls]


def test_a_day_and_a_clock_span_ask_for_a_block_never_a_note():
    assert _names("in 3 weeks i want a long revision day for spanish, 10am to 2pm") == ["create_schedule_block"]
    assert _names("i should probably do some calculus reading next monday, like 2 to 4pm?") == ["create_schedule_block"]
    assert _names("physics exam prep on the 5th of next month at 9am, 2 hours") == ["create_schedule_block"]


def test_a_timed_note_or_a_past_wish_is_no_block():
    assert "create_schedule_block" not in _names("note: lab meeting next friday 3 to 5pm was moved")
    assert say("i should have studied yesterday from 3 to 5pm").calls == []
