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


def test_what_i_got_done_is_a_summary_of_activity():
    calls = say("end the session and show me what i got done today").calls
    assert [(c.name, c.arguments) for c in calls][-1] == ("summarize_activity", {"period": "today"})


def test_a_summary_asked_again_without_a_period_is_the_same_summary():
    calls = say("give me a rundown of this month, how much did i really study").calls
    assert [(c.name, c.arguments) for c in calls] == [("summarize_activity", {"period": "this_month"})]


def test_which_goals_is_a_list_never_a_change():
    assert _names("which goals have i finished") == ["list_goals"]


def test_a_module_that_has_topics_is_outlined_in_the_new_course():
    (call,) = say(
        "create course Chemistry 1 with a module Kinetics that has topics Rate laws and Arrhenius equation"
    ).calls
    assert call.arguments == {
        "title": "Chemistry 1",
        "modules": [{"title": "Kinetics", "topics": [{"title": "Rate laws"}, {"title": "Arrhenius equation"}]}],
    }


def test_it_set_up_as_a_course_is_the_course_told_of_before():
    calls = say(
        "I'm starting a reading course on Game Theory; please set it up as an advanced course with 5 modules."
    ).calls
    assert [(c.name, c.arguments) for c in calls] == [
        ("create_course", {"title": "Game Theory", "difficulty": "ADVANCED", "module_count": 5})
    ]


def test_a_wished_block_is_titled_by_its_subject_and_a_hedge_names_no_course():
    (call,) = say("i should probably get some spanish reading done next monday, like 2 to 4pm?").calls
    assert call.arguments["title"] == "Spanish reading"
    assert call.arguments["course"] == "Spanish for Beginners"


def test_a_block_titled_by_what_it_is_for_when_its_time_says_nothing_else():
    text = "I would like to reserve the morning of the 20th, from 09:00 until 11:00, for going over the limits chapter"
    (call,) = say(text).calls
    assert call.arguments["title"] == "Limits chapter"


def test_time_booked_for_a_subject_without_a_clock_is_asked_never_a_note():
    assert say("book me some time for spanish next week").calls == []
    assert say("book me some time for stats next week").calls == []
    assert _names("book me some time for stats friday at 5pm") == ["create_schedule_block"]


def test_and_inside_a_listed_module_name_stays_in_the_name():
    (call,) = say(
        "make a course for Macroeconomics with modules Supply and Demand, Inflation and Monetary Policy"
    ).calls
    assert call.arguments["modules"] == [
        {"title": "Supply and Demand"},
        {"title": "Inflation"},
        {"title": "Monetary Policy"},
    ]
