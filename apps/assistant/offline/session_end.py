"""A study session's timer said in passing: a bare "i'm done" right after the learner started one ends it; a
session pushed "to later" is no timer to start."""

from __future__ import annotations

import re

from .calls import ToolCall

_DONE_ALONE = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|alright|right|well|that'?s\s+(?:it|all)|and)\W+)*(?:i\s+(?:am\s+|'m\s+|m\s+)?|i'm\s+|im\s+)?"
    r"(?:all\s+)?(?:finish|finished|done|through)\W*(?:for\s+(?:now|today|tonight|the\s+day))?\W*$",
    re.I,
)
_STARTED_SESSION = re.compile(
    r"\b(?:start|starting|begin|beginning|kick\s+off)\b.*\b(?:session|timer|clock|studying)\b|"
    r"\b(?:session|timer|clock)\b.*\b(?:start|starting|begin|on)\b",
    re.I,
)


def ended_session(text: str, previous: str) -> list[ToolCall]:
    """Stop the timer when the message only says the learner is done and the previous one started a session."""
    if previous and _DONE_ALONE.match(text) and _STARTED_SESSION.search(previous):
        return [ToolCall("stop_study_session", {})]
    return []


_POSTPONED = re.compile(
    r"\b(?:push|move|postpone|reschedule|delay|shift|put\s+off|bump)\b[^.!?]{0,60}?\b(?:session|timer|studying)\b"
    r"[^.!?]{0,60}?\b(?:later|another\s+time|some\s+other\s+time|another\s+day)\b",
    re.I,
)


def postpones_session(calls: list[ToolCall], text: str) -> bool:
    """Whether a timer to start was read from a session pushed to an unsaid later time."""
    return any(call.name == "start_study_session" for call in calls) and bool(_POSTPONED.search(text))
