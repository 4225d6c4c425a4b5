"""Representative parses of the offline provider, and the labelled set's figures as a floor."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from apps.assistant.offline.calls import ToolCall
from apps.assistant.offline.parser import parse, split_clauses
from bench.intents import evaluate

# Thursday 5 March 2026, 10:00 in New York (EST; DST starts Sunday 8 March).
NOW = datetime(2026, 3, 5, 15, 0, tzinfo=UTC)
NY = "America/New_York"
DATA = Path(__file__).resolve().parent.parent / "offline" / "data"


def calls(text, now=NOW, timezone=NY):
    return parse(text, now=now, timezone=timezone)


def test_course_with_recurring_study_and_reminder():
    assert calls(
        "Create a course on organic chemistry with 3 modules and study it Tuesdays and Thursdays at 6pm, "
        "remind me 15 minutes before"
    ) == [
        ToolCall("create_course", {"title": "Organic chemistry", "module_count": 3}),
        ToolCall(
            "create_schedule_block",
            {
                "title": "Organic chemistry",
                "start": "2026-03-05T18:00",
                "duration_minutes": 60,
                "recurrence_rule": "FREQ=WEEKLY;BYDAY=TU,TH",
                "reminder_minutes": 15,
                "course": "Organic chemistry",
            },
        ),
    ]


def test_design_example_four_week_course_and_weekday_blocks():
    assert calls("make me a 4-week course on linear algebra and schedule 45 minutes every weekday at 7pm") == [
        ToolCall("create_course", {"title": "Linear algebra", "target_date": "2026-04-02"}),
        ToolCall(
            "create_schedule_block",
            {
                "title": "Linear algebra",
                "start": "2026-03-05T19:00",
                "duration_minutes": 45,
                "recurrence_rule": "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
                "course": "Linear algebra",
            },
        ),
    ]


def test_course_with_modules_difficulty_and_name():
    assert calls(
        "Create a beginner course on Python called Python Basics with modules Variables, Loops and Functions"
    ) == [
        ToolCall(
            "create_course",
            {
                "title": "Python Basics",
                "difficulty": "BEGINNER",
                "modules": [{"title": "Variables"}, {"title": "Loops"}, {"title": "Functions"}],
            },
        )
    ]


def test_block_after_the_dst_change_keeps_local_wall_time():
    assert calls("study Chemistry next Thursday at 10am") == [
        ToolCall("create_schedule_block", {"title": "Chemistry", "start": "2026-03-12T10:00", "duration_minutes": 60})
    ]


def test_until_is_the_end_of_the_local_day_in_utc():
    assert calls(
        "study Drawing every weekend at 10am until March 1",
        now=datetime(2026, 1, 30, 23, tzinfo=UTC),
        timezone="America/Los_Angeles",
    ) == [
        ToolCall(
            "create_schedule_block",
            {
                "title": "Drawing",
                "start": "2026-01-31T10:00",
                "duration_minutes": 60,
                "recurrence_rule": "FREQ=WEEKLY;BYDAY=SA,SU;UNTIL=20260302T075959Z",
            },
        )
    ]


def test_timezone_decides_today():
    # 02:00 UTC on 6 March is still 5 March in New York, already 6 March in Tokyo.
    late = datetime(2026, 3, 6, 2, 0, tzinfo=UTC)
    assert calls("what's on my schedule today?", now=late) == [
        ToolCall("list_schedule", {"start": "2026-03-05", "end": "2026-03-05"})
    ]
    assert calls("what's on my schedule today?", now=late, timezone="Asia/Tokyo") == [
        ToolCall("list_schedule", {"start": "2026-03-06", "end": "2026-03-06"})
    ]


def test_goal_with_deadline_priority_and_tasks():
    assert calls(
        "create a high priority goal to submit my thesis by May 1 "
        "with tasks write the introduction, run experiments and proofread"
    ) == [
        ToolCall(
            "create_goal",
            {
                "title": "Submit my thesis",
                "target_date": "2026-05-01",
                "priority": "HIGH",
                "tasks": ["write the introduction", "run experiments", "proofread"],
            },
        )
    ]


def test_occurrence_moves_and_cancels():
    assert calls("move my Physics block on Monday to Tuesday at 5pm") == [
        ToolCall(
            "move_schedule_block",
            {"block": "Physics", "start": "2026-03-10T17:00", "occurrence_date": "2026-03-09"},
        )
    ]
    assert calls("cancel tomorrow's Spanish session") == [
        ToolCall("cancel_schedule_block", {"block": "Spanish", "occurrence_date": "2026-03-06"})
    ]
    assert calls("cancel all my Guitar sessions") == [ToolCall("cancel_schedule_block", {"block": "Guitar"})]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("search my notes for mitochondria", [ToolCall("search_notes", {"query": "mitochondria"})]),
        (
            "write a note titled Lab safety: always wear goggles and gloves",
            [ToolCall("create_note", {"title": "Lab safety", "content": "always wear goggles and gloves"})],
        ),
        ("summarize my note Lab safety", [ToolCall("summarize_note", {"note": "Lab safety"})]),
        ("how am I doing in Calculus?", [ToolCall("get_progress", {"course": "Calculus"})]),
        (
            "recommend some resources on quantum mechanics",
            [ToolCall("recommend_resources", {"topic": "quantum mechanics"})],
        ),
        (
            "start studying Integration in Calculus",
            [ToolCall("start_study_session", {"topic": "Integration", "course": "Calculus"})],
        ),
        ("I'm done studying, stop the session", [ToolCall("stop_study_session", {})]),
        ("archive my Spanish course", [ToolCall("archive_course", {"course": "Spanish"})]),
        (
            "rename the Biology course to Cell Biology",
            [ToolCall("update_course", {"course": "Biology", "title": "Cell Biology"})],
        ),
        (
            "I completed the topic Cell Division in Biology",
            [ToolCall("complete_topic", {"topic": "Cell Division", "course": "Biology"})],
        ),
        (
            "mark my goal Learn Spanish as completed",
            [ToolCall("update_goal", {"goal": "Learn Spanish", "status": "COMPLETED"})],
        ),
    ],
)
def test_single_intents(text, expected):
    assert calls(text) == expected


@pytest.mark.parametrize(
    "text", ["hello there", "thanks, you're great!", "what is 2 plus 2?", "tell me a joke", "ok", ""]
)
def test_chit_chat_makes_no_call(text):
    assert calls(text) == []


def test_clause_split_keeps_lists_together():
    assert split_clauses("study it Tuesdays and Thursdays at 6pm, remind me 15 minutes before") == [
        "study it Tuesdays and Thursdays at 6pm, remind me 15 minutes before"
    ]
    assert split_clauses("archive my Latin course and create a course on Ancient Greek") == [
        "archive my Latin course",
        "create a course on Ancient Greek",
    ]


def test_dev_set_stays_above_target():
    result = evaluate(DATA / "dev.jsonl")
    assert result["utterances"] >= 150
    assert result["intent_ok"] / result["utterances"] >= 0.9
    assert result["calls_ok"] / result["calls"] >= 0.9


def test_quoted_names_are_kept_whole():
    assert calls("Rename the course 'Intro to ML' to 'Machine Learning Foundations'") == [
        ToolCall("update_course", {"course": "Intro to ML", "title": "Machine Learning Foundations"})
    ]
    assert calls("search notes for 'supply and demand'") == [ToolCall("search_notes", {"query": "supply and demand"})]


def test_abbreviated_weekdays_and_dash_ranges():
    chicago_friday = datetime(2026, 9, 4, 18, 30, tzinfo=UTC)
    assert calls(
        "Schedule a 45-min session on Linear Algebra every Tue and Thu at 8pm for 4 weeks",
        now=chicago_friday,
        timezone="America/Chicago",
    ) == [
        ToolCall(
            "create_schedule_block",
            {
                "title": "Linear Algebra",
                "start": "2026-09-08T20:00",
                "duration_minutes": 45,
                "recurrence_rule": "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20261006T045959Z",
            },
        )
    ]
    assert calls("block tomorrow 2-4pm for essay writing", now=chicago_friday, timezone="America/Chicago") == [
        ToolCall(
            "create_schedule_block", {"title": "Essay writing", "start": "2026-09-05T14:00", "duration_minutes": 120}
        )
    ]


def test_two_blocks_in_one_clause():
    assert calls("schedule Physics tomorrow at 6pm and Chemistry on Monday at 7pm") == [
        ToolCall("create_schedule_block", {"title": "Physics", "start": "2026-03-06T18:00", "duration_minutes": 60}),
        ToolCall("create_schedule_block", {"title": "Chemistry", "start": "2026-03-09T19:00", "duration_minutes": 60}),
    ]


@pytest.mark.parametrize(
    ("text", "rule", "start"),
    [
        ("study Math Monday to Friday at 5pm", "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", "2026-03-05T17:00"),
        ("study Art Tue-Thu at 7am", "FREQ=WEEKLY;BYDAY=TU,WE,TH", "2026-03-10T07:00"),
        ("study Latin Tue/Thu at 6pm", "FREQ=WEEKLY;BYDAY=TU,TH", "2026-03-05T18:00"),
        ("study Piano twice a week on Tuesdays and Saturdays at 6pm", "FREQ=WEEKLY;BYDAY=TU,SA", "2026-03-07T18:00"),
        ("study Greek every day at 7am starting March 9", "FREQ=DAILY", "2026-03-09T07:00"),
    ],
)
def test_weekday_ranges_lists_and_starting(text, rule, start):
    [call] = calls(text)
    assert call.name == "create_schedule_block"
    assert call.arguments["recurrence_rule"] == rule
    assert call.arguments["start"] == start


def test_it_refers_to_the_subject_of_the_previous_clause():
    assert calls("I'd love to learn Mandarin, please build a course for that") == [
        ToolCall("create_course", {"title": "Mandarin"})
    ]


def test_second_request_without_a_verb():
    assert calls("create a course on Calculus and a goal to pass the final by December 10") == [
        ToolCall("create_course", {"title": "Calculus"}),
        ToolCall("create_goal", {"title": "Pass the final", "target_date": "2026-12-10"}),
    ]
