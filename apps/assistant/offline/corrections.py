"""Replies that correct the previous request with a new value: "actually make it 90 min", "hmm 7:30 is better",
"actually just 20 of them", "and tuesday?".

The reply names no item of its own: the new length, clock time, count or day is applied to the call the
previous message made (a block just created is then moved by its title; a move, a card count or a schedule
question is made again with the new value).
"""

from __future__ import annotations

import re
from datetime import date

from .calls import ToolCall
from .dates import parse_duration, parse_window
from .vague import has_clock, said_clock
from .when import any_date

BLOCK_QUESTION = "What should I change about that block: its time, its day or its length?"
CARDS_QUESTION = "How many cards should I make?"
# A reply that retracts or hedges ("nah keep it", "if my shift ends early"), weighs alternatives ("7:30 or 8?"),
# asks for advice ("would it be better at 7:30?"), shifts the old value ("20 min longer", "push it back an hour")
# or asks more than a move can do ("weekly", "and remind me"): asked about, never applied.
_UNSURE = re.compile(
    r"\b(?:never\s*mind|nvm|nah|leave\s+it|keep\s+it|no\s+wait|don'?t|dont|not|if|or|whatever|longer|shorter|later"
    r"|earlier|back|forward|weekly|daily|every|remind\w*)\b|\b(?:maybe|perhaps|would|should|is\s+it)\b[^?]*\?",
    re.I,
)
_CARDS_SAID = re.compile(r"\b(?:cards?|flashcards?|of\s+them)\b", re.I)
# The words a correction is made of, besides its new value.
_FRAME = frozenset(
    [
        "actually",
        "hmm",
        "hm",
        "oh",
        "wait",
        "no",
        "nah",
        "ok",
        "okay",
        "sorry",
        "sry",
        "soz",
        "oops",
        "whoops",
        "my",
        "bad",
        "mb",
        "typo",
        "i",
        "meant",
        "mean",
        "um",
        "uh",
        "make",
        "it",
        "that",
        "them",
        "this",
        "change",
        "to",
        "just",
        "only",
        "instead",
        "rather",
        "better",
        "is",
        "would",
        "be",
        "do",
        "can",
        "we",
        "you",
        "lets",
        "let's",
        "how",
        "about",
        "at",
        "for",
        "of",
        "please",
        "pls",
        "the",
        "a",
        "an",
        "one",
        "ones",
        "and",
        "or",
        "then",
        "maybe",
        "prefer",
        "id",
        "i'd",
        "like",
        "works",
        "work",
        "long",
        "longer",
        "shorter",
    ]
)
_VALUE = re.compile(
    r"\b\d+(?:\.\d+)?\s*(?:minutes?|mins?|m|hours?|hrs?|h|cards?|flashcards?|questions?)\b|\ban?\s+(?:hour|half\s+hour)\b"
    r"|\bhalf\s+an\s+hour\b|\bhours?\b|\b\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)?",
    re.I,
)
_CORRECTING = re.compile(
    r"\b(?:actually|instead|rather|better|make\s+(?:it|that)|change\s+(?:it|that)|just|only|i\s+meant|my\s+bad|"
    r"sorry|sry|oops|whoops|mb|typo)\b|^\W*(?:(?:wait|oh|oops|hmm)\W+)?no\b",
    re.I,
)
_LENGTH = re.compile(r"\b(?:minutes?|mins?|hours?|hrs?|h|half)\b|\d\s*(?:m|h)\b", re.I)
_COUNT = re.compile(r"(?<![:\d])\b(\d{1,3})\b(?!\s*(?::|am|pm|minutes?|mins?|hours?|hrs?))", re.I)
_MORNING = re.compile(r"(?:\d|\b)(?:am|a\.m\.)(?!\w)|\bmorning\b", re.I)


# The value replaced, said after the new one: "make it 3 not 2".
_NOT_OLD = re.compile(
    r"(?<=\d)(?:\s*(?:am|pm))?\s*,?\s*\bnot\s+(?:at\s+)?(?P<hour>\d{1,2})(?::\d\d)?\s*(?:am|pm)?\b", re.I
)


def without_old_value(text: str, call: ToolCall) -> str:
    """``text`` without the old clock time it names after "not", when that is the previous call's start hour: the
    new value alone is the correction."""
    start = str(call.arguments.get("start", ""))
    if len(start) < 13 or not (m := _NOT_OLD.search(text)) or int(m["hour"]) % 12 != int(start[11:13]) % 12:
        return text
    return f"{text[: m.start()]} {text[m.end() :]}".strip()


def _residue(text: str, today: date) -> list[str]:
    """The words of ``text`` that are neither the correction's frame nor its new value (nor a day)."""
    words = re.findall(r"[\w']+", _VALUE.sub(" ", text.casefold()))
    return [w for w in words if w not in _FRAME and any_date(w, today) is None]


def is_correction(text: str, today: date) -> bool:
    """Whether ``text`` only corrects a value of the previous request ("actually make it 90 min")."""
    if not _CORRECTING.search(text) or len(text.split()) > 8 or _residue(text, today):
        return False
    words = re.findall(r"[\w']+", text.casefold())
    if _VALUE.search(text) or _UNSURE.search(text):
        return True  # "actually longer" is asked about
    return any(any_date(w, today) is not None for w in words)  # "no" alone: a refusal, no new value


def _clock_near(text: str, before: str) -> tuple[int, int] | None:
    """The clock time of ``text``, in the half of the day nearest the time it replaces ("7:30" after 8pm: 19:30)."""
    if not has_clock(text) or (clock := said_clock(text)) is None:
        return None
    hour, minute = clock
    old = int(before[11:13])
    if hour < 12 and not _MORNING.search(text) and abs(hour + 12 - old) < abs(hour - old):  # "7am" is said
        hour += 12
    return hour, minute


def _block_change(text: str, call: ToolCall, today: date) -> dict[str, object]:
    """The new start and length a correction gives a block ("7:30 is better", "make it 90 min")."""
    change: dict[str, object] = {}
    start = str(call.arguments.get("start", ""))
    said_day = any_date(text, today)
    if start and (clock := _clock_near(text, start) or (said_day and (int(start[11:13]), int(start[14:16])))):
        day = said_day or date.fromisoformat(start[:10])
        change["start"] = f"{day:%Y-%m-%d}T{clock[0]:02d}:{clock[1]:02d}"
    if _LENGTH.search(text) and (minutes := parse_duration(text)):
        change["duration_minutes"] = minutes
    return change


def unsure(text: str) -> bool:
    """Whether a reply that looks like a correction hedges, retracts, weighs options or shifts the old value."""
    return bool(_UNSURE.search(text))


def corrected(text: str, call: ToolCall, today: date) -> list[ToolCall] | str | None:
    """The previous ``call`` made again with the value ``text`` corrects, a question when the value is unclear
    ("actually 7" after making cards: cards or lecture 7?), ``None`` when no value applies."""
    if call.name == "create_schedule_block" and (change := _block_change(text, call, today)):
        return [ToolCall("move_schedule_block", {"block": call.arguments["title"], **change})]
    if call.name == "move_schedule_block" and (change := _block_change(text, call, today)):
        return [ToolCall(call.name, {**call.arguments, **change})]
    if call.name == "make_flashcards" and (count := _COUNT.search(text)):
        if not _CARDS_SAID.search(text) or int(count[1]) < 1:
            return CARDS_QUESTION
        return [ToolCall(call.name, {**call.arguments, "max_cards": min(int(count[1]), 50)})]
    return None


def another_day(what: str, call: ToolCall, today: date) -> ToolCall | None:
    """A schedule question asked again for the day ``what`` names ("what's on monday" then "and tuesday?")."""
    if call.name != "list_schedule" or any_date(what, today) is None or _residue(what, today):
        return None
    first, last = parse_window(what, today)
    return ToolCall(call.name, {"start": first.isoformat(), "end": last.isoformat()})


def listed_names(what: str) -> list[str]:
    """The names a list says, a bare number taking the words before the first one's ("lecture 5 and 6")."""
    parts = [p for p in re.split(r"\s*(?:,|\band\b|&|\+)\s*", what.strip()) if p]
    if len(parts) < 2:
        return []
    head = re.match(r"(.*?)\d+\s*$", parts[0])
    return [head[1] + part if head and part.isdigit() else part for part in parts]
