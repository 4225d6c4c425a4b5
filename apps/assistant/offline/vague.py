"""Times a block cannot be put at: a part of the day said loosely, with no clock time, is asked about.

"friday afternoon" and "every evening" keep the documented convention (``dates.PARTS_OF_DAY``), but a time
said relative to the learner's day ("after lunch", "before dinner"), hedged ("sometime tomorrow", "at some
point in the evening") or as a span ("in the afternoon") names no hour: a block made at a guessed one is a
wrong write, so the assistant asks when.
"""

from __future__ import annotations

import re

from .dates import AMPM_RE, BARE_AT_RE, H24_RE, PART_RE, RANGE_RE, WD, parse_time

QUESTION = "What time should I put it at?"
# A time relative to the learner's own day: the hour is theirs, not the calendar's.
_RELATIVE = re.compile(
    r"\b(?:after|before|around|during|between)\s+(?:my\s+|the\s+|our\s+)?"
    r"(?:lunch|dinner|supper|breakfast|brunch|class(?:es)?|lectures?|work|school|practice|training|gym|bed|"
    r"(?:my\s+)?shift|lab)\b",
    re.I,
)
# A hedge on when ("sometime", "at some point", "whenever", "later today") or a part of the day as a span.
_LOOSE = re.compile(
    r"\b(?:some\s*time|at\s+some\s+point|any\s*time|whenever|later\s+(?:today|tonight|on))\b"
    r"|\bin\s+the\s+(?:morning|afternoon|evening)s?\b",
    re.I,
)
# A bare hour after "to"/"for" in a move ("move it to 6"): a clock time, not a vague one.
_BARE_HOUR = re.compile(
    r"\b(?:to|for|by|until|it|that)\s+(\d{1,2})\b(?!\s*(?:minutes?|mins?|hours?|hrs?|h\b|%|st|nd|rd|th|/|:|\.\d|of\b))",
    re.I,
)

# "7ish", "7 in the evening", "10 at night", "9 o'clock": an hour said without am/pm or "at"
_ABOUT_HOUR = re.compile(
    r"\b\d{1,2}(?::\d\d)?\s*(?:-?ish|o'?clock|in\s+the\s+(?:morning|afternoon|evening)|at\s+night)\b", re.I
)


def has_clock(text: str) -> bool:
    """Whether ``text`` says a clock time ("4pm", "16:30", "at 6", "8-11pm", "to 6")."""
    return any(p.search(text) for p in (RANGE_RE, AMPM_RE, H24_RE, BARE_AT_RE, _BARE_HOUR, _ABOUT_HOUR))


def said_clock(text: str) -> tuple[int, int] | None:
    """The clock time ``text`` says, a bare hour after "to"/"it" included ("move it to 5": 5:00, its half unknown)."""
    if (clock := parse_time(text)) is not None:
        return clock
    return (int(m[1]), 0) if (m := _BARE_HOUR.search(text)) and int(m[1]) <= 12 else None


# A clause that asks to place something on the calendar: "schedule a stats session ...", "book me ...".
_PLACES = re.compile(
    r"^\W*(?:(?:ok|okay|so|hey|pls|please|can\s+you|could\s+you)\W+)*(?:schedule|book|pencil|plan|slot|block\s+out)\b",
    re.I,
)


def places_loosely(text: str) -> bool:
    """Whether ``text`` asks to schedule something at a loose part of the day ("schedule X after lunch tomorrow"),
    whatever the intent read: the hour is asked before anything is read or made."""
    return bool(_PLACES.match(text)) and vague_time(text)


def vague_time(text: str) -> bool:
    """Whether ``text`` places something at a loose part of the day and names no clock time."""
    return not has_clock(text) and bool(_RELATIVE.search(text) or _LOOSE.search(text))


# Anything that places a bare hour on a day or in its half: "tomorrow", "friday", "every day", "the 12th", "june 3".
_DAY_SAID = re.compile(
    rf"\b(?:today|tomorrow|tmrw|tonight|weekends?|weekdays?|daily|every|each|next|this|{WD})\w*\b|\b\d{{1,2}}(?:st|nd|rd|th)\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\d{1,2}/\d{1,2}"
    r"|\b\d{1,2}\s+(?:of\s+)?(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b",  # "on 14 of march", never "at 7 maybe"
    re.I,
)


def unplaced_hour(text: str) -> bool:
    """Whether ``text`` says only a bare hour ("schedule spanish at 7"): no am/pm, no 24-hour clock, no part of
    the day and no day, so morning or evening is the learner's to say."""
    if not (bare := BARE_AT_RE.search(text)) or not 1 <= int(bare[1]) <= 11:
        return False
    return not any(p.search(text) for p in (AMPM_RE, H24_RE, RANGE_RE, PART_RE, _ABOUT_HOUR, _DAY_SAID))


# Whatever may say an hour: a digit ("2-4", "half 10"), a spoken clock ("four thirty pm"), "same time".
_ANY_HOUR_WORD = re.compile(
    r"\d|\b(?:am|pm|a\.m|p\.m|o'?clock|half|quarter|same\s+time|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve)\b",
    re.I,
)


# A length said ("a 2 hour block", "for 90 mins", "half an hour"): how long, never when ("in 10 min" is when; "16h"
# may be a clock).
_LENGTH = re.compile(
    r"(?<!\bin )\b(?:\d+(?:\.\d+)?|an?|one|two|three|four|five|six|half\s+an?)\s*-?\s*(?:hrs?|hours?|mins?|minutes?)\b|"
    r"\b(?:an?\s+)?(?:hour|half\s+hour)\s+and\s+a\s+half\b",
    re.I,
)


def no_time_at_all(text: str) -> bool:
    """Whether ``text`` places something on a day with no clock and no part of the day, whatever length it says
    ("put a study block on saturday", "a 2 hour block on thursday"): the hour is the learner's to say."""
    text = _LENGTH.sub(" ", text)
    return not (has_clock(text) or PART_RE.search(text) or _ANY_HOUR_WORD.search(text))
