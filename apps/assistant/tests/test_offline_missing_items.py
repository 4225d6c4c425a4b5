"""An item named with its kind that the learner does not have is asked about, not replaced by another item."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from apps.assistant.offline.items import Known
from apps.assistant.offline.understand import understand

DATA = Path(__file__).resolve().parent.parent / "offline" / "data"
KNOWN = Known.from_dict(json.loads((DATA / "learner.json").read_text()))
NOW = datetime(2026, 9, 14, 12, 0, tzinfo=UTC)


def read(text: str):
    return understand(text, now=NOW, timezone="Europe/Madrid", known=KNOWN)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("tick off Gradient Descent in the Falconry course", "Falconry"),
        ("begin a study session for my Glassblowing course", "Glassblowing"),
        ("complete topic Eigenvalues in Underwater Archery course", "Underwater Archery"),
    ],
)
def test_a_course_the_learner_does_not_have_is_named_in_the_question_and_nothing_runs(text, name):
    found = read(text)
    assert found.calls == []
    assert found.question.startswith(f"You have no course called “{name}”.")
    assert "Linear Algebra" in found.question  # the learner's own courses are offered


def test_a_course_named_loosely_still_resolves_and_creating_is_not_questioned():
    assert [c.arguments for c in read("how is my stats course going").calls] == [
        {"course": "Probability and Statistics"}
    ]
    (goal,) = read("new goal: pass the Falconry course by december").calls
    assert goal.name == "create_goal"


def test_a_numbered_reference_does_not_complete_a_task_without_that_number():
    """'practice test 3' is not “Finish practice test 1”: asked, nothing is completed."""
    asked = read("just wrapped up practice test 3!!")
    assert (asked.calls, asked.question.startswith("Which task do you mean?")) == ([], True)
    (call,) = read("wrapped up practice test 1 finally").calls
    assert (call.name, call.arguments) == ("complete_goal_task", {"task": "Finish practice test 1"})
