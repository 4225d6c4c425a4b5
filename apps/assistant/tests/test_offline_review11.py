"""Session 11 review: wishes, hedges, remarks and statements about items change nothing; real requests still do."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from apps.assistant.offline.items import Known
from apps.assistant.offline.understand import understand

DATA = Path(__file__).resolve().parent.parent / "offline" / "data"
KNOWN = Known.from_dict(json.loads((DATA / "learner.json").read_text()))
NOW = datetime(2026, 10, 6, 9, 0, tzinfo=UTC)


def names(text: str) -> list[str]:
    return [call.name for call in understand(text, now=NOW, timezone="Asia/Seoul", known=KNOWN).calls]


@pytest.mark.parametrize(
    "text",
    [
        "ML reading will be at 8 like every week, yeah?",
        "my friend thinks Spanish practice would be at 9 if it were up to her",
        "tbh Vector Spaces should be called Headache Central lol",
        "do you think Grammar should be called Grammar Basics?",
        "my college offers a beginner pottery course",
        "there's an intermediate welding course downtown",
        "redid it",
    ],
)
def test_hedges_remarks_and_statements_write_nothing(text):
    writes = [name for name in names(text) if not name.startswith(("list_", "get_", "search_", "find_"))]
    assert writes == [], text


def test_requests_said_the_same_ways_still_act():
    assert names("could ML reading be at 7pm instead?") == ["move_schedule_block"]
    assert names("please make me a beginner pottery course") == ["create_course"]
    assert names("redid problem set 3") == ["complete_goal_task"]
    assert names("done with backprop, on to the next module") == ["complete_topic"]
