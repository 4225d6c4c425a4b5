"""Offline, session 31 (scheduling): classes found on the first runs of measure76 and measure77, each said in other
words than the rows they were found on: a reason's own time after a move, a new weekly block after a deletion, block
titles free of a particle or a link asked after them, tonight's block moved to a morning, "that one" after a
question about a block's next meeting, a block named only by its kind on a day, a weekday said on that day after
its block passed, a remark on the day before a request, "show me what's on <days>"."""

from datetime import UTC, datetime

from apps.assistant.offline.understand import understand
from apps.assistant.tests.offline_learner import KNOWN, calls, say


def _on(text: str, now: datetime) -> list[tuple[str, dict]]:
    """The calls understood of ``text`` from the test learner in New York at ``now``."""
    return [(c.name, c.arguments) for c in understand(text, now=now, timezone="America/New_York", known=KNOWN).calls]


# 1. A reason said after a move, with its own time or day, is worked around: the new time is the move's.


def test_a_time_in_a_reason_after_a_move_is_not_the_new_time():
    assert calls("push spanish practice to 8:30pm cuz my lab runs till 7") == [
        ("move_schedule_block", {"block": "Spanish practice", "start": "2026-03-04T20:30"})
    ]
    assert calls("move ML reading to 9:30 because i've got a seminar at 8") == [
        ("move_schedule_block", {"block": "ML reading", "start": "2026-03-05T09:30"})
    ]


def test_a_day_in_a_reason_after_a_move_is_not_the_new_day():
    assert calls("shift orgo review to 7, got a dentist appt on friday") == [
        ("move_schedule_block", {"block": "Orgo review", "start": "2026-03-05T19:00"})  # its thursday, at 7pm
    ]
    assert calls("move ML reading to 11 instead, gonna be a late night") == [
        ("move_schedule_block", {"block": "ML reading", "start": "2026-03-05T11:00"})
    ]


def test_a_time_alone_moves_a_weekly_block_on_its_next_meeting_day():
    assert calls("move lin alg problem sets to 11am") == [
        ("move_schedule_block", {"block": "Linear Algebra problem sets", "start": "2026-03-08T11:00"})
    ]


def test_a_reason_that_says_when_the_learner_is_free_keeps_its_time():
    assert calls("move orgo review to friday, im free at 5pm") == [
        ("move_schedule_block", {"block": "Orgo review", "start": "2026-03-06T17:00"})
    ]


# 2. "put a <length> <block> on <days>" after deleting that block is a new block, not a move.


def test_a_block_put_again_after_its_deletion_is_a_new_weekly_block():
    assert calls("drop orgo review, its not working. put a 90 min orgo review on saturdays at 2pm instead") == [
        ("cancel_schedule_block", {"block": "Orgo review"}),
        (
            "create_schedule_block",
            {
                "title": "Orgo review",
                "start": "2026-03-07T14:00",
                "duration_minutes": 90,
                "recurrence_rule": "FREQ=WEEKLY;BYDAY=SA",
                "course": "Organic Chemistry",
            },
        ),
    ]


def test_a_block_put_on_a_day_without_an_article_is_still_moved():
    [(name, arguments)] = calls("put ML reading on sundays at 9am instead")
    assert (name, arguments["block"], arguments["start"]) == ("move_schedule_block", "ML reading", "2026-03-08T09:00")


# 3. A new block's title keeps neither the particle of "put/fit X in" nor a link asked after it.


def test_the_particle_of_fit_in_is_no_part_of_a_title():
    [(name, arguments)] = calls("fit a 40 min eigen drill in for friday at 3pm, test is monday")
    assert (name, arguments["title"], arguments["start"]) == (
        "create_schedule_block",
        "Eigen drill",
        "2026-03-06T15:00",
    )


def test_a_link_asked_after_a_block_is_no_part_of_its_title():
    [(name, arguments)] = calls(
        "add a block thursday 4-5pm for orgo flashcards and link it to my orgo course since thats what its for"
    )
    assert (name, arguments["title"], arguments["course"]) == (
        "create_schedule_block",
        "Orgo flashcards",
        "Organic Chemistry",
    )


def test_a_quoted_title_ending_in_in_is_kept():
    [(_, arguments)] = calls("add 'weekly check in' friday at 4pm")
    assert arguments["title"] == "weekly check in"


# 4. Tonight's block moved to a morning clock on another day keeps the morning.


def test_tonights_block_moved_to_a_morning_stays_in_the_morning():
    assert calls("can you move tonight's spanish to tomorrow at 9am") == [
        (
            "move_schedule_block",
            {"block": "Spanish practice", "start": "2026-03-05T09:00", "occurrence_date": "2026-03-04"},
        )
    ]


def test_tonights_block_moved_to_a_bare_clock_is_still_in_the_evening():
    assert calls("move tonight's spanish to 8:30") == [
        (
            "move_schedule_block",
            {"block": "Spanish practice", "start": "2026-03-04T20:30", "occurrence_date": "2026-03-04"},
        )
    ]
    [(_, arguments)] = calls("move spanish to 9 tonight")
    assert arguments["start"] == "2026-03-04T21:00"


# 5. "that one" after a question about a block's next meeting is that meeting.


def test_that_one_after_asking_for_the_next_meeting_is_that_occurrence():
    assert calls("push that one to 8:30pm", previous="when is spanish practice next?") == [
        (
            "move_schedule_block",
            {"block": "Spanish practice", "start": "2026-03-04T20:30", "occurrence_date": "2026-03-04"},
        )
    ]
    assert calls("move it to 9am", previous="whens my next ML reading") == [
        ("move_schedule_block", {"block": "ML reading", "start": "2026-03-05T09:00", "occurrence_date": "2026-03-05"})
    ]


def test_it_after_asking_about_next_week_still_asks_which_block():
    asked = say("move it to 8pm", previous="what do i have next week")
    assert asked.calls == []
    assert "Which block" in asked.question


# 6. A block named only by its kind, on a day, is the one block meeting that day; several are asked between.


def test_a_block_named_by_its_kind_on_a_day_is_that_days_one_block():
    assert calls("skip my study session saturday, got a wedding") == [
        ("cancel_schedule_block", {"block": "ML reading", "occurrence_date": "2026-03-07"})
    ]


def test_a_block_named_by_its_kind_on_a_day_of_two_blocks_asks_between_them():
    asked = say("cancel my study block on sunday")
    assert asked.calls == []
    assert "Linear Algebra problem sets" in asked.question
    assert "ML reading" in asked.question
    assert "Spanish practice" not in asked.question


def test_a_block_the_learner_does_not_have_is_not_replaced_by_that_days_block():
    assert say("cancel my piano block friday").calls == []


# 7. A weekday said on that weekday, after its block passed today, is next week's.

_SUNDAY_EVENING = datetime(2026, 3, 9, 1, 30, tzinfo=UTC)  # Sunday 8 March, 20:30 in New York
_SUNDAY_MORNING = datetime(2026, 3, 8, 13, 0, tzinfo=UTC)  # Sunday 8 March, 09:00 in New York


def test_a_weekday_said_after_that_days_block_passed_is_next_weeks():
    assert _on("cancel lin alg problem sets sunday, family trip", _SUNDAY_EVENING) == [
        ("cancel_schedule_block", {"block": "Linear Algebra problem sets", "occurrence_date": "2026-03-15"})
    ]


def test_today_and_a_weekday_before_its_block_stay_today():
    assert _on("skip lin alg problem sets today", _SUNDAY_EVENING) == [
        ("cancel_schedule_block", {"block": "Linear Algebra problem sets", "occurrence_date": "2026-03-08"})
    ]
    assert _on("skip lin alg problem sets sunday", _SUNDAY_MORNING) == [
        ("cancel_schedule_block", {"block": "Linear Algebra problem sets", "occurrence_date": "2026-03-08"})
    ]


# 8. A remark on the learner's day before a request asks for no read of the day.


def test_a_remark_on_the_day_before_a_request_reads_nothing():
    assert [name for name, _ in calls("rough night today. add 'chain rule recap' at 4pm, 30 min")] == [
        "create_schedule_block"
    ]
    assert calls("big day tomorrow. what's on tomorrow?") == [
        ("list_schedule", {"start": "2026-03-05", "end": "2026-03-05"})
    ]


# 9. "show me / tell me what's on <days>" lists those days.


def test_what_is_on_some_days_asked_with_show_me_lists_them():
    assert calls("show me whats on thursday and friday") == [
        ("list_schedule", {"start": "2026-03-05", "end": "2026-03-06"})
    ]
    assert calls("tell me what is on saturday") == [("list_schedule", {"start": "2026-03-07", "end": "2026-03-07"})]


# A length asked after a move of tonight's block joins that move.


def test_a_length_after_a_move_of_one_occurrence_joins_it():
    assert calls("push spanish practice to 8 tonight and make it 45 min", previous="what's on tonight?") == [
        (
            "move_schedule_block",
            {
                "block": "Spanish practice",
                "start": "2026-03-04T20:00",
                "occurrence_date": "2026-03-04",
                "duration_minutes": 45,
            },
        )
    ]
