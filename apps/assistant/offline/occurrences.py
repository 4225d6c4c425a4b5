"""A follow-up that repeats a change of one occurrence of a block on another: "same for next week", "and the monday
after that too". The moved occurrence's new start moves along with it."""

from __future__ import annotations

import re
from datetime import date, timedelta

from .calls import ToolCall
from .dates import WD, weekday_after, weekday_index

_NEXT_WEEK = re.compile(r"(?:the\s+)?next\s+week(?:'?s)?(?:\s+one)?", re.I)
_WEEKDAY_AFTER = re.compile(rf"(?:the\s+)?({WD})\s+after\s+(?:that|it|this)(?:\s+one)?", re.I)


def occurrence_after(what: str, occurrence: str) -> date | None:
    """The occurrence a follow-up names relative to the previous one: a week later, or the weekday after it."""
    previous = date.fromisoformat(occurrence)
    if _NEXT_WEEK.fullmatch(what.strip()):
        return previous + timedelta(days=7)
    if m := _WEEKDAY_AFTER.fullmatch(what.strip()):
        return weekday_after(previous, weekday_index(m.group(1)))
    return None


def on_occurrence(call: ToolCall, day: date) -> ToolCall:
    """The previous call on another occurrence; a new start on the previous occurrence's day moves to this one."""
    arguments = {**call.arguments, "occurrence_date": day.isoformat()}
    start = arguments.get("start")
    if isinstance(start, str) and start[:10] == call.arguments.get("occurrence_date"):
        arguments["start"] = f"{day.isoformat()}{start[10:]}"
    return ToolCall(call.name, arguments)
