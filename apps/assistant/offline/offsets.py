"""A start said as an offset from now ("in 2 hours i wanna do X for 40 min"): the clock it falls on, so a plan with
its length becomes a block at that time. And the clock now, told before a remark ("4am and im still up"): no start."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from .abstain import form
from .dates import WD, parse_duration, parse_time

_OFFSET = re.compile(
    r"\bin\s+(?P<amount>\d+(?:\.\d+)?|an?|one|two|three|half\s+an)\s*(?P<unit>hours?|hrs?|h|minutes?|mins?)\b", re.I
)
LATEST_MINUTES = 24 * 60  # an offset read as a start falls within a day
_WORDS = {"a": 1.0, "an": 1.0, "one": 1.0, "two": 2.0, "three": 3.0}
# An offset that is no start: a reminder's lead, a deadline, a length of time.
_NOT_A_START = re.compile(r"\b(?:remind\w*|due|done|finish\w*|ready|timer|alarm|deadline|expires?)\b", re.I)
# The length the plan lasts, said after the offset: "for like 40 min", "for an hour".
_FOR_LENGTH = re.compile(r"\bfor\s+(?:like\s+|about\s+|around\s+|maybe\s+)?(?:\d|an?\s|half|one|two|three)", re.I)


def clock_after_offset(text: str, now: datetime) -> str:
    """``text`` with "in N hours/minutes" written as the local clock it falls on ("today at 15:00"), when the
    message plans something for a length of time from then; unchanged otherwise."""
    offset = _OFFSET.search(text)
    if offset is None or _NOT_A_START.search(text) or not _FOR_LENGTH.search(text[offset.end() :]):
        return text
    amount = offset["amount"].lower()
    hours = 0.5 if amount.startswith("half") else _WORDS.get(amount) or float(amount)
    minutes = parse_duration(f"{hours} hours" if offset["unit"].lower().startswith("h") else f"{hours} minutes")
    if not minutes or minutes > LATEST_MINUTES:
        return text  # "in 99999999 hours": no start of a plan (nor a clock a date can hold)
    at = now + timedelta(minutes=minutes)
    day = "today" if at.date() == now.date() else "tomorrow"
    return f"{text[: offset.start()]}{day} at {at:%H:%M}{text[offset.end() :]}"


# The clock opening a message, before a pause or "and" with what the learner is doing: "4am. still up", "11:40pm and
# i'm only on chapter 2". Said at that hour, it tells the time; it asks for nothing to start then.
_HOUR_TOLD = re.compile(
    r"^\W*(?:(?:it'?s|its|almost|nearly|already|like|past)\s+)*(?P<clock>\d{1,2}(?::\d\d)?\s*(?:am|pm)|\d{1,2}:\d\d)"
    r"(?:\s*[.!,;\u2026]+|\s+(?:and|&)\s+(?=(?:i|i'?m|im|still|my|me|we)\b))\s*",
    re.I,
)
_TOLD_WITHIN = timedelta(minutes=90)  # how long after its hour a clock said at the start is still "now"
_AHEAD = timedelta(minutes=30)  # a clock a little ahead of now is still now ("10:15am and im still up" at 10:00)
# A day or a repeat right after the clock: the clock is when, not now.
_WHEN_NEXT = re.compile(rf"^\W*(?:today|tonight|tomorrow|tmrw|tmr|every|each|daily|on|this|next|{WD})\b", re.I)


def without_hour_told(text: str, now: datetime) -> str:
    """``text`` without the clock it opens with when that clock is the local time now (``now``, aware and local):
    the learner telling the hour, not a time to book."""
    told = _HOUR_TOLD.match(text)
    clock = parse_time(told["clock"]) if told else None
    if told is None or clock is None or form(text[told.end() :]) == "request" or _WHEN_NEXT.match(text[told.end() :]):
        return text  # "9am, tomorrow: orgo review", "10am, book orgo review": a time to book
    said = now.replace(hour=clock[0], minute=clock[1], second=0, microsecond=0)
    return text[told.end() :] if -_AHEAD <= now - said <= _TOLD_WITHIN else text
