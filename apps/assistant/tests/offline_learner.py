"""The learner of ``offline/data/learner.json`` at one fixed moment, as the offline understanding tests read it."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from apps.assistant.offline.items import Known
from apps.assistant.offline.understand import Understanding, understand

DATA = Path(__file__).resolve().parent.parent / "offline" / "data"
KNOWN = Known.from_dict(json.loads((DATA / "learner.json").read_text()))
NOW = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)  # Wednesday 10:00 in New York


def say(text: str, previous: str = "") -> Understanding:
    """What the offline assistant understands of ``text`` from this learner in New York, after ``previous``."""
    return understand(text, now=NOW, timezone="America/New_York", known=KNOWN, previous=previous)


def calls(text: str, previous: str = "") -> list[tuple[str, dict]]:
    """The calls understood of ``text``, as (name, arguments) pairs."""
    return [(call.name, call.arguments) for call in say(text, previous).calls]
