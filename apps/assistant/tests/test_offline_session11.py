"""Session 11 mechanisms of the offline understanding, each on phrasings and subjects that are in no labelled set."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from apps.assistant.offline.calls import ToolCall
from apps.assistant.offline.items import Known
from apps.assistant.offline.understand import understand

DATA = Path(__file__).resolve().parent.parent / "offline" / "data"
KNOWN = Known.from_dict(json.loads((DATA / "learner.json").read_text()))
NOW = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)  # Wednesday 10:00 in New York


def say(text: str, previous: str = "") -> Any:
    return understand(text, now=NOW, timezone="America/New_York", known=KNOWN, previous=previous)


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("clock me in for world history", ToolCall("start_study_session", {"course": "World History"})),
        ("kick off the timer, doing enantiomers", ToolCall("start_study_session", {"topic": "Enantiomers"})),
        ("pause the stopwatch", ToolCall("stop_study_session", {})),
        ("where am i weakest in stats?", ToolCall("get_insights", {"course": "Probability and Statistics"})),
        ("which course am i falling behind in?", ToolCall("get_insights", {})),
        ("where should I begin this morning?", ToolCall("get_today", {})),
        ("what should i be working on", ToolCall("get_today", {})),
        ("how was my month?", ToolCall("summarize_activity", {"period": "this_month"})),
        (
            "suggest me something to read about bayes theorem",
            ToolCall("recommend_resources", {"topic": "Bayes Theorem"}),
        ),
        (
            "keep in mind that I commute by train on thursdays",
            ToolCall("remember_fact", {"fact": "I commute by train on thursdays"}),
        ),
        (
            "organic chemistry needs a spectroscopy module",
            ToolCall("add_module", {"course": "Organic Chemistry", "title": "spectroscopy"}),
        ),
    ],
)
def test_a_phrasing_of_a_read_or_a_timer_names_its_intent(message, expected):
    """Timers are study sessions; weak spots are insights; where to start is today's plan; how a period went."""
    assert say(message).calls == [expected]


@pytest.mark.parametrize(
    "message", ["I hate this week lol", "how was your day?", "where is the library", "my timer app is broken lol"]
)
def test_the_new_phrasings_leave_small_talk_alone(message):
    assert say(message).calls == []
