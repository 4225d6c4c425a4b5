"""Dictated and terse messages, and the request kinds measure3 showed missing (renames, tags, memory, cards...)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from apps.assistant.offline.items import Known
from apps.assistant.offline.spoken import spoken
from apps.assistant.offline.understand import understand
from bench.assistant import call_matches

DATA = Path(__file__).resolve().parent.parent / "offline" / "data"
KNOWN = Known.from_dict(json.loads((DATA / "learner.json").read_text()))
NOW = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)  # Wednesday 10:00 in New York


def say(text: str) -> list[dict[str, Any]]:
    found = understand(text, now=NOW, timezone="America/New_York", known=KNOWN)
    return [call.as_dict() for call in found.calls]


@pytest.mark.parametrize(
    ("said", "written"),
    [
        ("um move orgo review to friday at five thirty pm", "move orgo review to friday at 5:30 pm"),
        ("study for forty five minutes at seven", "study for 45 minutes at 7"),
        ("at seven oh five", "at 7:05"),
        ("sunday two to four pm", "sunday 2 to 4 pm"),
        ("due may first", "due may 1st"),
        ("the third of next month", "the 3rd of next month"),
        ("mv orgo review -> fri 5pm", "mv orgo review to fri 5pm"),
        ("note: ir -> fui", "note: ir -> fui"),
        ("a one-off session", "a one-off session"),
        ("no one cares", "no one cares"),
        ("the first module", "the first module"),
    ],
)
def test_spoken_numbers_fillers_and_arrows(said: str, written: str):
    assert spoken(said) == written


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "rename topic backpropagation -> 'Backprop & chain rule'",
            {"name": "rename_topic", "arguments": {"topic": "Backpropagation", "title": "Backprop & chain rule"}},
        ),
        (
            "rename the grammar module in spanish to Grammar Essentials",
            {
                "name": "rename_module",
                "arguments": {"module": "Grammar", "title": "Grammar Essentials", "course": "Spanish for Beginners"},
            },
        ),
        (
            "take the orgo tag off the sn1 vs sn2 cheat sheet and tag it exam instead",
            {"name": "tag_note", "arguments": {"note": "SN1 vs SN2 cheat sheet", "remove": ["orgo"], "add": ["exam"]}},
        ),
        ("what have you got saved about me", {"name": "list_facts", "arguments": {}}),
        (
            "can u create a course for Organic Chemistry II, intermediate, target date may 1",
            {
                "name": "create_course",
                "arguments": {
                    "title": "Organic Chemistry II",
                    "difficulty": "INTERMEDIATE",
                    "target_date": "2026-05-01",
                },
            },
        ),
        (
            "set orgo level to beginner",
            {"name": "update_course", "arguments": {"course": "Organic Chemistry", "difficulty": "BEGINNER"}},
        ),
        (
            "oops practice test 1 isnt actually finished, reopen it",
            {"name": "reopen_goal_task", "arguments": {"task": "Finish practice test 1"}},
        ),
        ("show me the next 5 cards i gotta review", {"name": "list_due_cards", "arguments": {"limit": 5}}),
        (
            "remove the stereochemistry basics module from orgo",
            {"name": "remove_module", "arguments": {"module": "Stereochemistry Basics", "course": "Organic Chemistry"}},
        ),
        (
            "drop tomorrows lin alg problem set session",
            {
                "name": "cancel_schedule_block",
                "arguments": {"block": "Linear Algebra problem sets", "occurrence_date": "2026-03-05"},
            },
        ),
        (
            "make the lin alg problem sets block 2 hours long",
            {
                "name": "move_schedule_block",
                "arguments": {"block": "Linear Algebra problem sets", "duration_minutes": 120},
            },
        ),
        (
            "write a note 'Bayes intuition': posterior is proportional to likelihood times prior",
            {
                "name": "create_note",
                "arguments": {
                    "title": "Bayes intuition",
                    "content": "posterior is proportional to likelihood times prior",
                },
            },
        ),
        (
            "um schedule spanish tomorrow at five thirty pm for forty five minutes",
            {"name": "create_schedule_block", "arguments": {"start": "2026-03-05T17:30", "duration_minutes": 45}},
        ),
        (
            "mv orgo review -> fri 5pm",
            {"name": "move_schedule_block", "arguments": {"block": "Orgo review", "start": "2026-03-06T17:00"}},
        ),
        (
            "hey so um i was thinking maybe you could move my spanish practice from wednesday to thursday at 8 pm",
            {
                "name": "move_schedule_block",
                "arguments": {
                    "block": "Spanish practice",
                    "occurrence_date": "2026-03-04",
                    "start": "2026-03-05T20:00",
                },
            },
        ),
        (
            "ml reading: cancel fri",
            {"name": "cancel_schedule_block", "arguments": {"block": "ML reading", "occurrence_date": "2026-03-06"}},
        ),
        ("done: eigenvalues", {"name": "complete_topic", "arguments": {"topic": "Eigenvalues and Eigenvectors"}}),
        (
            "lin alg problem sets -> thu 6pm",
            {
                "name": "move_schedule_block",
                "arguments": {"block": "Linear Algebra problem sets", "start": "2026-03-05T18:00"},
            },
        ),
        ("what i should study next", {"name": "get_insights", "arguments": {}}),
    ],
)
def test_request_kinds_measure3_showed(text: str, expected: dict[str, Any]):
    got = say(text)
    assert len(got) == 1, got
    assert call_matches(expected, got[0]), got


def test_a_dictated_message_with_two_requests_keeps_both():
    got = say("okay um so first cancel ml reading tomorrow and then uh move spanish practice to friday at six")
    assert [call["name"] for call in got] == ["cancel_schedule_block", "move_schedule_block"]
    assert got[1]["arguments"]["start"] == "2026-03-06T18:00"


@pytest.mark.parametrize(
    "text", ["my roommate is so loud lol", "i not finish practice test 1 yet", "thank you so much you are the best"]
)
def test_statements_still_write_nothing(text: str):
    assert say(text) == []


def test_loose_arguments_compare_free_text_by_token_set_ratio_and_references_exactly():
    note = {"name": "create_note", "arguments": {"title": "Bayes intuition"}}
    assert not call_matches(note, {"name": "create_note", "arguments": {"title": "Bayes intuition notes"}})
    assert call_matches(note, {"name": "create_note", "arguments": {"title": "Bayes intuition notes"}}, loose=True)
    rename = {"name": "rename_topic", "arguments": {"topic": "Backpropagation", "title": "Backprop"}}
    got = {"name": "rename_topic", "arguments": {"topic": "Backpropagation", "title": "Backprop rule"}}
    assert not call_matches(rename, got, loose=True)  # a rename's new title names an existing object
    block = {"name": "create_schedule_block", "arguments": {"title": "Orgo", "start": "2026-03-05T17:30"}}
    assert not call_matches(block, {**block, "arguments": {"title": "orgo", "start": "2026-03-05T17:00"}}, loose=True)


def test_the_benchmark_compares_recurrences_by_their_days():
    """A rule that repeats on the same days is the same rule, however it is spelled; other days are not."""
    expected = {"name": "create_schedule_block", "arguments": {"recurrence_rule": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"}}
    weekdays = {"name": "create_schedule_block", "arguments": {"recurrence_rule": "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR"}}
    daily = {"name": "create_schedule_block", "arguments": {"recurrence_rule": "FREQ=DAILY"}}
    assert call_matches(expected, weekdays)
    assert not call_matches(expected, daily)
