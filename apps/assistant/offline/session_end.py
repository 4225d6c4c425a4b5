"""A study session's timer said in passing: a bare "i'm done" right after the learner started one ends it; a
session pushed "to later" is no timer to start."""

from __future__ import annotations

import re

from .calls import ToolCall

# How done the learner is, said after "done": "brain fried", "i'm wiped", "totally dead lol".
_TIRED = (
    r"(?:(?:my\s+)?(?:brain|head)(?:\s+is|'s)?|i'?m|im|i\s+am)?\s*(?:so\s+|too\s+|totally\s+|completely\s+)?"
    r"(?:fried|dead|tired|exhausted|wiped(?:\s+out)?|cooked|toast|spent|beat|mush|gone|burnt\s+out|done)\b(?:\s+lol|\s+haha)?"
)
_DONE_ALONE = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|alright|right|well|that'?s\s+(?:it|all)|and)\W+)*(?:i\s+(?:am\s+|'m\s+|m\s+)?|i'm\s+|im\s+)?"
    r"(?:all\s+)?(?:finish|finished|done|through)\W*(?:for\s+(?:now|today|tonight|the\s+day))?"
    rf"(?:[\s,.!;-]+{_TIRED})?(?:[\s,.!;-]+(?:(?:you\s+can|u\s+can|pls|please)\s+)?(?:stop|end|pause)(?:\s+(?:it|now|the\s+timer))?)?\W*$",
    re.I,
)
# "ok stop it, got distracted lol", "end it pls": the timer just started, stopped, whatever is said after.
_STOP_IT = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|alright|right|nah|actually|ugh|wait)\W+)*(?:(?:pls|please|can\s+(?:you|u))\s+)?"
    r"(?:stop|end|pause|kill|cancel)\s+(?:it|that|the\s+(?:timer|session|clock))\b(?!\s+(?:with|from|out)\b)",
    re.I,
)
# "start a session for orgo", "ok let's start the timer", "timer on for stats pls", "put the clock on": a request to
# start one, not "how do i start a session?".
_STARTED_SESSION = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|alright|right|now|please|pls)\W+)*(?:let'?s\s+|can\s+you\s+|could\s+you\s+|i'?m\s+|i\s+am\s+)?"
    r"(?:(?:start(?:ing)?|begin(?:ning)?|kick(?:ing)?\s+off|fir(?:e|ing)\s+up)\b[^.!?]{0,40}?\b(?:session|timer|clock|"
    r"studying|timing|time\s+me)\b|(?:(?:put|turn|switch|set)\s+)?(?:the\s+|a\s+|my\s+)?(?:timer|clock|stopwatch)\s+on\b)",
    re.I,
)


def ended_session(text: str, previous: str) -> list[ToolCall]:
    """Stop the timer when the message only says the learner is done and the previous one asked to start a session
    (neither of them a question)."""
    if "?" in text or "?" in previous or not previous:
        return []
    if (_DONE_ALONE.match(text) or _STOP_IT.match(text) or after_stop(text)) and _STARTED_SESSION.search(previous):
        return [ToolCall("stop_study_session", {})]
    return []


# Where a request may follow the stop: "ok done, stop it. and mark X finished", "stop the timer and log X".
_JOINT = re.compile(
    r"\s*[.!;,]+\s*(?:and\s+)?(?:then\s+)?(?:also\s+)?|\s+(?:and|then)\s+(?:then\s+)?(?:also\s+)?", re.I
)


def after_stop(text: str) -> str:
    """What the message says after the stop of the timer it starts with ("ok done, stop it. and mark X finished":
    "mark X finished"); "" when the stop is all, or said after something else."""
    rests = [
        text[joint.end() :]
        for joint in _JOINT.finditer(text)
        if _DONE_ALONE.match(text[: joint.start()]) or _STOP_IT.fullmatch(text[: joint.start()])
    ]
    return rests[-1].strip() if rests else ""


_POSTPONED = re.compile(
    r"\b(?:push|move|postpone|reschedule|delay|shift|put\s+off|bump)\b[^.!?]{0,60}?\b(?:session|timer|studying)\b"
    r"[^.!?]{0,60}?\b(?:later|another\s+time|some\s+other\s+time|another\s+day)\b",
    re.I,
)


# Study placed at a later time ("i need to study more for the exam sometime next week") is no timer to start now.
_LATER = re.compile(
    r"\b(?:sometime|some\s+time|later|tomorrow|tmrw|tonight|next\s+week|this\s+weekend|over\s+the\s+weekend|"
    r"(?:next|on|this)\s+(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|in\s+(?:a\s+few|\d+)\s+"
    r"(?:hours?|days?))\b",
    re.I,
)
_NOW = re.compile(r"\b(?:start|starting|begin|timer|now|right\s+now|let'?s\s+go|clock(?:ing)?\s+in)\b", re.I)


def postpones_session(calls: list[ToolCall], text: str) -> bool:
    """Whether a timer to start was read from a session pushed to an unsaid later time, or from study placed later."""
    if not any(call.name == "start_study_session" for call in calls):
        return False
    return bool(_POSTPONED.search(text)) or (bool(_LATER.search(text)) and not _NOW.search(text))
