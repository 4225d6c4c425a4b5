"""Offline, session 32 (schedule): a block resized with a reason after it, a "new block: X" declaration, a
correction followed by a request of its own, two questions about the plan, a day after a called title, a move said
with "tho", a skip told by the learner, a cancel after "do i have X today?", and a start day that is no goal's
deadline; each said in other words than the examples they were found on (the learner's now is Wed 2026-03-04 10:00
in New York)."""

import pytest

from apps.assistant.offline.followup import BLOCK_QUESTION
from apps.assistant.tests.offline_learner import calls, say


@pytest.mark.parametrize(
    ("said", "block", "minutes"),
    [
        ("could you trim orgo review to 40 min, the whole hour drags on", "Orgo review", 40),
        ("lengthen spanish practice to 90 minutes - an hour never feels like enough", "Spanish practice", 90),
        ("reduce ML reading to 20 min, mornings are packed", "ML reading", 20),
    ],
)
def test_a_block_resized_with_a_reason_after_it_takes_the_new_length(said, block, minutes):
    assert calls(said) == [("move_schedule_block", {"block": block, "duration_minutes": minutes})]


def test_a_request_after_a_resize_is_kept():
    assert calls("shorten orgo review to 45 min, and move it to 7pm") == [
        ("move_schedule_block", {"block": "Orgo review", "duration_minutes": 45}),
        ("move_schedule_block", {"block": "Orgo review", "start": "2026-03-05T19:00"}),
    ]


def test_a_remark_on_a_blocks_length_resizes_nothing():
    assert say("orgo review at 1 hr is too much lol").calls == []


@pytest.mark.parametrize(
    ("said", "title", "start", "rule", "course"),
    [
        (
            "new block: orgo review drills, saturdays 9am, 40 min, link it to the orgo course",
            "Orgo review drills",
            "2026-03-07T09:00",
            "FREQ=WEEKLY;BYDAY=SA",
            "Organic Chemistry",
        ),
        (
            "new study block - ML paper club, thursdays 7pm, link it to the machine learning course",
            "ML paper club",
            "2026-03-05T19:00",
            "FREQ=WEEKLY;BYDAY=TH",
            "Intro to Machine Learning",
        ),
    ],
)
def test_a_new_block_declared_with_a_colon_is_a_new_block(said, title, start, rule, course):
    [(name, arguments)] = calls(said)
    assert (name, arguments["title"], arguments["start"], arguments["recurrence_rule"], arguments["course"]) == (
        "create_schedule_block",
        title,
        start,
        rule,
        course,
    )


def test_a_new_block_declared_with_no_time_writes_nothing():
    assert say("new block: orgo flashcards").calls == []


def test_a_correction_then_a_question_does_both():
    previous = "book eigen drills friday at 5pm"
    assert calls("actually make it 6, and what's on saturday?", previous=previous) == [
        ("move_schedule_block", {"block": "Eigen drills", "start": "2026-03-06T18:00"}),
        ("list_schedule", {"start": "2026-03-07", "end": "2026-03-07"}),
    ]


def test_an_unsure_correction_then_a_question_still_asks():
    u = say("actually make it 6 or 7, and what's on saturday?", previous="book eigen drills friday at 5pm")
    assert (u.calls, u.question) == ([], BLOCK_QUESTION)


def test_two_questions_about_the_plan_are_both_read():
    assert calls("what do i have on friday, and does anything overlap next weekend?") == [
        ("list_schedule", {"start": "2026-03-06", "end": "2026-03-06"}),
        ("find_schedule_conflicts", {"start": "2026-03-07", "end": "2026-03-08"}),
    ]


def test_a_remark_asked_after_a_question_about_the_plan_reads_nothing_more():
    assert calls("what's on friday, is that too much?") == [
        ("list_schedule", {"start": "2026-03-06", "end": "2026-03-06"})
    ]


def test_a_day_and_time_after_a_called_title_are_its_when():
    [(name, arguments)] = calls("add a block called spanish catch-up sunday 3pm")
    assert (name, arguments["title"], arguments["start"]) == (
        "create_schedule_block",
        "spanish catch-up",
        "2026-03-08T15:00",
    )


def test_a_day_in_a_called_title_with_no_time_after_stays_in_it():
    assert calls("make a note called sunday plans") == [("create_note", {"title": "sunday plans"})]


def test_a_move_said_with_tho_after_a_days_plan_moves_that_days_occurrence():
    assert calls("push the orgo one to 8 tho", previous="what's on tomorrow?") == [
        ("move_schedule_block", {"block": "Orgo review", "start": "2026-03-05T20:00", "occurrence_date": "2026-03-05"})
    ]


@pytest.mark.parametrize(
    ("said", "block", "day"),
    [
        ("i'm skipping orgo review tomorrow, got a concert", "Orgo review", "2026-03-05"),
        ("skipping spanish practice tonight, my sister is in town", "Spanish practice", "2026-03-04"),
        ("i'll skip ML reading tomorrow, early flight", "ML reading", "2026-03-05"),
    ],
)
def test_a_skip_told_by_the_learner_cancels_that_days_occurrence(said, block, day):
    assert calls(said) == [("cancel_schedule_block", {"block": block, "occurrence_date": day})]


@pytest.mark.parametrize(
    "said",
    [
        "thinking about skipping orgo review tomorrow",
        "i skipped orgo review last week",
        "should i skip orgo review tomorrow?",
        "i'm skipping breakfast tomorrow lol",
    ],
)
def test_a_skip_weighed_past_asked_or_of_no_block_cancels_nothing(said):
    assert say(said).calls == []


def test_a_cancel_after_asking_whether_a_block_is_on_today_cancels_todays():
    assert calls("cancel it, too tired", previous="do i have spanish practice today?") == [
        ("cancel_schedule_block", {"block": "Spanish practice", "occurrence_date": "2026-03-04"})
    ]


def test_a_day_a_goal_starts_is_no_deadline():
    assert calls("start the mcat goal saturday") == []


def test_a_new_blocks_first_day_and_goal_change_no_goal():
    said = "add a block every sunday 9am for mcat flashcards, 2 hrs, link it to the mcat goal. start this sunday"
    [(name, arguments)] = calls(said)
    assert (name, arguments["duration_minutes"], arguments["goal"], arguments["start"]) == (
        "create_schedule_block",
        120,
        "Pass the MCAT",
        "2026-03-08T09:00",
    )


def test_a_goals_deadline_is_still_set():
    assert calls("push the mcat goal deadline to june 1") == [
        ("update_goal", {"goal": "Pass the MCAT", "target_date": "2026-06-01"})
    ]
