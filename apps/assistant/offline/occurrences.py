"""A follow-up that repeats a change of one occurrence of a block on another: "same for next week", "and the monday
after that too". The moved occurrence's new start moves along with it."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from dateutil.rrule import rrulestr

from .calls import ToolCall
from .dates import WD, singular_weekdays, weekday_after, weekday_index
from .items import Item, Known

# "X -> friday 6pm instead of thursday": the day it leaves is the occurrence moved, said as "from thursday".
_INSTEAD_OF_DAY = re.compile(
    rf"(?P<arrow>\s+(?:to|->|\u2192|=>)\s+)(?P<new>[^,;.!?]*?)\s*,?\s+instead\s+of\s+(?:the\s+|this\s+|on\s+)?"
    rf"(?P<old>{WD})\b",
    re.I,
)
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
    """The previous call on another occurrence; a new start moves by as many days as the occurrence did ("move
    monday's review to tuesday at 5pm", then "same for next week": the next tuesday at 5pm)."""
    arguments = {**call.arguments, "occurrence_date": day.isoformat()}
    start, previous = arguments.get("start"), call.arguments.get("occurrence_date")
    if isinstance(start, str) and isinstance(previous, str):
        moved = date.fromisoformat(start[:10]) + (day - date.fromisoformat(previous))
        arguments["start"] = f"{moved.isoformat()}{start[10:]}"
    return ToolCall(call.name, arguments)


def off_the_blocks_day(call: ToolCall, day: date, known: Known) -> str | None:
    """A question when the block does not recur on the follow-up's weekday ("cancel thursday's review", then "and
    the monday after that"); a block whose days are unknown is taken to recur on the previous occurrence's day."""
    previous = call.arguments.get("occurrence_date")
    if not isinstance(previous, str) or day.weekday() in _recurring_days(call, known, date.fromisoformat(previous)):
        return None
    block = call.arguments.get("block") or "that block"
    return f"{block} doesn't seem to happen on {day:%A}s: which day do you mean?"


def _recurring_days(call: ToolCall, known: Known, previous: date) -> set[int]:
    """The weekdays (0 = Monday) the call's block recurs on, from its rule's BYDAY, and the previous occurrence's."""
    block = known.find("block", str(call.arguments.get("block", "")))
    byday = re.search(r"BYDAY=([A-Z,]+)", block.rule) if block else None
    said = {_RRULE_DAYS.index(code) for code in byday[1].split(",") if code in _RRULE_DAYS} if byday else set()
    return said | {previous.weekday()}  # the previous occurrence's day, taken already


_RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def left_day_as_from(text: str) -> str:
    """The text with the day a block leaves ("to friday 6pm instead of thursday") said as "from thursday to ..."."""
    return _INSTEAD_OF_DAY.sub(lambda m: f" from {m['old']}{m['arrow']}{m['new']}", text, count=1)


_ONE_DAY = re.compile(
    rf"\b(?:today|tonight|tomorrow|this\s+(?:morning|afternoon|evening)|(?:this\s+|next\s+|on\s+)?(?:{WD}))\b", re.I
)
_ANY_DAY = re.compile(
    rf"\b(?:today|tonight|tomorrow|every|each|daily|weekdays?|weekends?|{WD})\w*\b|\d+(?:st|nd|rd|th)\b", re.I
)

# The day a block goes to, said after "to": "move it to saturday 2pm" (no day of the block's own).
_TO_ANOTHER_DAY = re.compile(rf"\b(?:to|till|until)\s+(?:this\s+|next\s+|on\s+)?(?:{WD}|tomorrow|tmrw)\w*\b", re.I)


def day_of_previous(clause: str, previous: str) -> str:
    """The one day the previous message put a block on ("my orgo review on thursday clashes ..."), for a clause that
    changes "it" to a clock and names no day ("push it to 8pm": thursday's occurrence); else ''."""
    days = _ONE_DAY.findall(previous)
    if len(days) != 1 or _ANY_DAY.search(_TO_ANOTHER_DAY.sub(" ", clause)):
        return ""  # "missed X tonight, move it to saturday 2pm": tonight's X, to saturday
    return re.sub(r"^on\s+", "", days[0], flags=re.I)


# A question about a block's next meeting: "whens my next lin alg block", "when is orgo review next?" (not "next week").
_NEXT_ASKED = re.compile(
    r"\b(?:when|what)(?:'?s|\s+is|\s+do\s+i\s+have)?\b.*\bnext\b(?!\s+(?:week|weekend|month|year|time|few|\d))",
    re.I,
)
_DAY_WORDS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def next_meeting(block: Item, now: datetime) -> date | None:
    """The day of the block's next meeting after ``now`` (local), by its rule and time; None when unknown."""
    if not block.rule or not block.time:
        return None
    hour, minute = (int(part) for part in block.time.split(":"))
    local = now.replace(tzinfo=None)
    try:
        meeting = rrulestr(block.rule, dtstart=datetime.combine(local.date(), time(hour, minute))).after(local)
    except ValueError:
        return None
    return meeting.date() if meeting else None


def next_meeting_asked(clause: str, previous: str, block: Item, now: datetime) -> str:
    """The day of the block's next meeting ("today", "tomorrow", a weekday), when the previous message asked for it
    ("whens my next X" then "move that one to 2pm") and the clause names no day; else ''."""
    if not _NEXT_ASKED.search(previous) or _ANY_DAY.search(clause) or (day := next_meeting(block, now)) is None:
        return ""
    ahead = (day - now.date()).days
    return "today" if ahead == 0 else "tomorrow" if ahead == 1 else _DAY_WORDS[day.weekday()] if ahead < 7 else ""


# "cancel just todays one", "skip the one on friday": one day's occurrence of the block just named.
_DAYS_ONE = re.compile(
    rf"\b(?:(?P<day>today|tonight|tomorrow|tmrw|{WD})'?s\s+one|the\s+one\s+(?:on\s+)?(?P<on>today|tonight|tomorrow|tmrw|{WD}))\b",
    re.I,
)


def days_one_said(clause: str, block_title: str) -> str:
    """``clause`` with "today's one" said as the block's title and its day."""
    return _DAYS_ONE.sub(lambda m: f'"{block_title}" {m["day"] or m["on"]}', clause, count=1)


# Every occurrence meant ("move all my spanish sessions to friday", "starting next monday"), one named ("that
# day", "just this once"), or a time said with the day ("to friday at six", "friday evening": read as before).
_EVERY = re.compile(
    r"\b(?:all|every|each|both|whole|series|always|from\s+now\s+on|for\s+good|permanently|weekly|going\s+forward|"
    r"starting|from|onwards?|that\s+day|this\s+week|next\s+week|once|this\s+time|instead|noon|midnight|morning|"
    r"afternoon|evening|tonight|night|o'?clock|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b|\d",
    re.I,
)
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def one_of_several_days(calls: list[ToolCall], clause: str, known: Known) -> str:
    """The question which occurrence, when a block that meets on several weekdays is moved to another day with no
    occurrence, no clock and no "all" said ("move spanish to friday" for a Monday-and-Wednesday block); "" otherwise."""
    days_said = re.findall(rf"\b({WD})\b", singular_weekdays(clause), re.I)  # "to fridays" too
    if len(days_said) != 1 or _EVERY.search(clause):
        return ""
    for call in calls:
        block = known.find("block", str(call.arguments.get("block", "")))
        if call.name != "move_schedule_block" or "occurrence_date" in call.arguments or block is None:
            continue
        byday = re.search(r"BYDAY=([A-Z,]+)", block.rule)
        meets = (
            [_DAY_NAMES[_RRULE_DAYS.index(code)] for code in byday[1].split(",") if code in _RRULE_DAYS]
            if byday
            else []
        )
        if len(meets) > 1:
            listed = " or the ".join(meets)
            every = " and ".join(f"{day}s" for day in meets)
            return f"“{block.title}” meets on {every}: move the {listed} one, or every one?"
    return ""


# A day left unsaid: "skip spanish one day next week", "one of the days", "over easter break", "both days" (with
# no two days said before).
_SOME_DAY = re.compile(
    r"\b(?:one|some|a)\s+day\s+(?:this|next|of\s+the|in\s+the|during\s+the)\s+(?:week|month)\b|"
    r"\bone\s+of\s+(?:the|those|these|its|my)\s+days\b|\b(?:both|those)\s+(?:two\s+|2\s+)?days\b|"  # "both days"
    r"\b(?:over|during|for)\s+(?:the\s+|my\s+)?(?:[\w-]+\s+)?(?:break|vacation|holidays)\b",  # "over easter break"
    re.I,
)


def says_some_day(text: str) -> bool:
    """Whether the text leaves the day unsaid: "one day next week", "over the break"."""
    return bool(_SOME_DAY.search(text))


def some_day_unsaid(calls: list[ToolCall], text: str) -> str:
    """The question which day, when a block's occurrence is cancelled or moved on "one day" left unsaid; else ''."""
    changed = [c for c in calls if c.name in ("cancel_schedule_block", "move_schedule_block")]
    if not changed or any("occurrence_date" in c.arguments for c in changed) or not says_some_day(text):
        return ""
    block = changed[0].arguments.get("block") or "that block"
    return f"Which day of “{block}” do you mean? Tell me the day, please."
