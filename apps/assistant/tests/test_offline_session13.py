"""Session 13 mechanisms of the offline understanding, each on phrasings and subjects that are in no labelled set."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from apps.assistant.offline.items import Known
from apps.assistant.offline.understand import understand

DATA = Path(__file__).resolve().parent.parent / "offline" / "data"
KNOWN = Known.from_dict(json.loads((DATA / "learner.json").read_text()))
NOW = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)  # Wednesday 10:00 in New York


def say(text: str, previous: str = "") -> Any:
    return understand(text, now=NOW, timezone="America/New_York", known=KNOWN, previous=previous)


def only(text: str, previous: str = "") -> dict[str, Any]:
    """The one call the message makes, as a dict."""
    (call,) = say(text, previous).calls
    return call.as_dict()


@pytest.mark.parametrize(
    "message",
    [
        "put in a stats block tomorrow at 5pm",
        "book me a stats block tomorrow at 5pm",
        "schedule us a stats block tomorrow at 5pm",
        "i'd love a stats block tomorrow at 5pm",
    ],
)
def test_a_new_blocks_title_drops_the_request_around_it(message):
    """ "put in", "book me", "i'd love": the verb, its particle and its beneficiary are not the block's name."""
    assert only(message)["arguments"]["title"] == "Stats study"


@pytest.mark.parametrize(
    "message",
    [
        "my coach says consistency matters. so set up a daily lin alg block at 7am starting tomorrow, 25 minutes",
        "exams are close. set up a weekly lin alg block on fridays at 7am, 25 minutes",
        "my tutor swears by short reps. set up a daily lin alg block at 6:45am from tomorrow on, 25 minutes",
    ],
)
def test_a_new_block_with_its_length_is_not_a_change_of_an_existing_one(message):
    """ "set up a X block, 25 minutes": an indefinite article names a new block; "so" after a remark starts a request."""
    call = only(message)
    assert call["name"] == "create_schedule_block"
    assert call["arguments"]["duration_minutes"] == 25
