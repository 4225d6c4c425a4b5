"""Asking for one's own courses or goals lists them (it used to list the study spaces' courses)."""

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


def calls(text: str) -> list[tuple[str, dict]]:
    found = understand(text, now=NOW, timezone="Asia/Tokyo", known=KNOWN)
    return [(call.name, call.arguments) for call in found.calls]


@pytest.mark.parametrize(
    "text", ["What are all my classes?", "could you list my courses", "which subjects am I enrolled in", "my courses"]
)
def test_own_courses_are_listed_with_their_progress(text):
    assert calls(text) == [("get_progress", {})]


@pytest.mark.parametrize("text", ["list my goals please", "What goals do I have?", "ok so what are my active goals"])
def test_own_goals_are_listed(text):
    assert calls(text) == [("list_goals", {})]


def test_a_named_item_or_the_spaces_are_not_the_plain_list():
    assert calls("how far along am I in linear algebra") == [("get_progress", {"course": "Linear Algebra"})]
    assert calls("which courses are shared with me") == [("list_shared_courses", {})]
