"""What a parse knows while it reads one utterance: the clock, the timezone, and what it already created."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo


@dataclass
class Context:
    """Local `now` in the user's timezone, the last course created in this utterance, the previous clause."""

    now: datetime
    tz: ZoneInfo
    last_course: str | None = None
    previous: str = ""

    @property
    def today(self) -> date:
        """The user's local date."""
        return self.now.date()
