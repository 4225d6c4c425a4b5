"""Session 16, second round: general mechanisms from measure18's failure classes."""

from __future__ import annotations

import pytest

from apps.assistant.offline.vague import QUESTION as WHEN_QUESTION

from .offline_learner import say


def _calls(text: str, previous: str = "") -> list[tuple[str, dict]]:
    return [(call.name, call.arguments) for call in say(text, previous).calls]


@pytest.mark.parametrize(
    "text",
    [
        "last night was rough, i stayed up until 3 watching videos. can you add a 30 minute orgo review block "
        "tomorrow at 6pm",
        "so on monday i went to the gym at 7 and skipped class. please schedule linear algebra every friday at 5pm",
    ],
)
def test_a_narrative_sentence_beside_a_request_makes_no_block(text: str):
    (call,) = _calls(text)
    assert call[0] == "create_schedule_block"
    assert call[1]["start"] > "2026-03-04"


@pytest.mark.parametrize("text", ["add a revision block on sunday", "schedule orgo review next tuesday"])
def test_a_new_block_with_a_day_but_no_time_asks_when(text: str):
    found = say(text)
    assert not found.calls
    assert found.question == WHEN_QUESTION


def test_a_part_of_the_day_still_places_a_new_block():
    ((name, args),) = _calls("put a study block tomorrow evening")
    assert (name, args["start"]) == ("create_schedule_block", "2026-03-05T19:00")


def test_finding_a_note_is_a_search_and_its_note_is_that_one():
    assert _calls("find my note about the krebs cycle") == [("search_notes", {"query": "krebs cycle"})]
    assert _calls("summarize that one", "find my note about the krebs cycle") == [
        ("summarize_note", {"note": "Krebs cycle"})
    ]


def test_that_day_of_the_previous_message_is_the_occurrence():
    found = _calls("skip it that day", "what time is spanish practice on friday")
    assert found == [("cancel_schedule_block", {"block": "Spanish practice", "occurrence_date": "2026-03-06"})]


def test_a_cancel_naming_two_days_cancels_each():
    found = _calls("cancel orgo review on thursday and friday")
    assert [args["occurrence_date"] for _, args in found] == ["2026-03-05", "2026-03-06"]


def test_forgetting_a_fact_with_what_holds_now_remembers_the_new_one():
    assert _calls("forget that i live in boston, i live in denver now") == [
        ("forget_fact", {"fact": "i live in boston"}),
        ("remember_fact", {"fact": "i live in denver now"}),
    ]


def test_a_titled_notes_content_keeps_its_commas():
    assert _calls("note titled cold war - 1947, start of containment") == [
        ("create_note", {"title": "cold war", "content": "1947, start of containment"})
    ]


def test_a_remark_after_a_search_subject_is_no_part_of_the_query():
    found = _calls("can u find my notes on entropy, pretty sure there's one from class")
    assert found == [("search_notes", {"query": "entropy"})]


def test_a_place_said_before_please_stays_the_requests_place():
    assert _calls("for my mcat goal please add a task: flashcards, until march 20") == [
        ("add_goal_task", {"goal": "Pass the MCAT", "title": "flashcards", "due_date": "2026-03-20"})
    ]


@pytest.mark.parametrize(
    ("text", "tool", "target"),
    [
        ("create a goal 'French A2' for 15 june, the tasks are: grammar, vocab", "create_goal", "2026-06-15"),
        ("add a new course: Macroeconomics, intermediate level, final exam is june 3", "create_course", "2026-06-03"),
        ("my linear algebra final is may 20, can you set that as the deadline", "update_course", "2026-05-20"),
    ],
)
def test_a_target_date_said_as_an_exam_or_after_for(text: str, tool: str, target: str):
    ((name, args),) = _calls(text)
    assert (name, args["target_date"]) == (tool, target)


def test_for_a_subject_is_no_target_date():
    ((_, args),) = _calls("set a goal to study for the exam")
    assert "target_date" not in args


def test_a_task_that_must_be_done_by_a_date_gets_that_due_date():
    assert _calls("the problem set 3 redo has to be finished by friday") == [
        ("date_goal_task", {"task": "Redo problem set 3", "due_date": "2026-03-06"})
    ]


@pytest.mark.parametrize(
    ("text", "title", "count"),
    [
        ("make a course called genetics w 3 modules", "genetics", 3),
        ("create geology course w/ 4 modules", "Geology", 4),
    ],
)
def test_a_course_with_w_for_with_and_no_article(text: str, title: str, count: int):
    assert _calls(text) == [("create_course", {"title": title, "module_count": count})]


def test_remember_with_a_colon_is_a_fact_never_a_note():
    assert _calls("remember: i hate early mornings") == [("remember_fact", {"fact": "i hate early mornings"})]


def test_set_me_a_block_for_x_is_titled_x():
    ((_, args),) = _calls("set me a block for practicing scales tomorrow at 5pm")
    assert args["title"] == "Practicing scales"


def test_an_overview_of_my_study_activity_is_a_summary():
    assert _calls("i want an overview of my studying this month") == [("summarize_activity", {"period": "this_month"})]
