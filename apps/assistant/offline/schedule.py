"""Schedule intents: create, move and cancel study blocks, list the schedule."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any

from .abstain import LINKING_VERB
from .calls import ToolCall
from .context import Context
from .dates import (
    DEFAULT_TIME,
    STARTING_RE,
    WD,
    first_occurrence,
    local_iso,
    next_at,
    next_monday,
    parse_date,
    parse_duration,
    parse_recurrence,
    parse_reminder,
    parse_time,
    parse_window,
    singular_weekdays,
    strip_temporal,
)
from .text import block_name, capitalize, clean_name, squash

LIST_START_RE = re.compile(
    r"^(?:what(?:'s|\s+is|\s+do|\s+does|\s+have|\s+am)?|show|list|display|view|when|how\s+does|how\s+busy|am\s+i|do\s+i|give\s+me|"
    r"(?:is\s+there\s+)?anything|"
    r"tell\s+me|check|open|whats)\b",
    re.I,
)
LIST_TOPIC_RE = re.compile(
    r"\b(?:schedule|scheduled|calendar|agenda|planned|plan|free|busy|sessions|blocks|have|week|doing|studying|on\s+for|up\s+for|look\s+like)\b",
    re.I,
)

# "anything on saturday?", "is there anything for tomorrow": a day's plan asked without a word for the plan.
_ANYTHING_ON_A_DAY = re.compile(
    rf"^(?:is\s+there\s+|got\s+)?anything\s+(?:(?:planned|scheduled|booked)\s+)?(?:on|for)\s+(?:this\s+|next\s+)?"
    rf"(?:{WD}|today|tonight|tomorrow|(?:the\s+)?weekend|week)(?:\s+(?:then|at\s+all))?[\s?!.]*$",
    re.I,
)


# "what's on monday", "show me whats on monday and tuesday", "tell me what is on friday".
_WHATS_ON = re.compile(r"^(?:(?:show|tell|give|list)\s+(?:me\s+)?)?what(?:'s|s|\s+is)\s+on\b", re.I)


def match_list_schedule(clause: str, ctx: Context) -> list[ToolCall] | None:
    """'what's on my schedule tomorrow?', 'show my calendar for next week', 'am I free this weekend?'."""
    asks_whats_on = _WHATS_ON.match(clause) or _ANYTHING_ON_A_DAY.match(clause)
    if not asks_whats_on and not (LIST_START_RE.search(clause) and LIST_TOPIC_RE.search(clause)):
        return None
    if re.search(r"\b(?:notes?|progress|goal|resources?|weather|joke)\b", clause, re.I):
        return None
    start, end = parse_window(clause, ctx.today)
    return [ToolCall("list_schedule", {"start": start.isoformat(), "end": end.isoformat()})]


CREATE_VERB_RE = re.compile(
    r"^(?:remind\s+me\s+to\s+(?:study\s+)?|i\s+(?:want|need|would\s+like|'d\s+like)\s+to\s+study\s+|"
    r"i\s+(?:want|need|would\s+like|'d\s+like)\s+(?=(?:a|an|some)\s)|"  # "i need a recurring X block": the block
    r"i(?:'m|\s+am)\s+going\s+to\s+study\s+|i(?:'ll|\s+will)\s+study\s+|"
    r"(?:let's\s+)?(?:study|schedule|block(?:\s+out)?|book|add|put(?:\s+in)?|plan|reserve|set\s+aside|set\s+up)\b"
    rf"(?!\s+{LINKING_VERB}\b)"  # "schedule looks packed at 4"
    r"(?:\s+(?:me|us)\b(?!\s+(?:to|for)\b)|\s+for\s+(?:me|us)\b)?)",
    re.I,
)
FILLER_RE = re.compile(
    r"\b(?:on|to|in)\s+(?:the|my)\s+(?:calendar|schedule|agenda)\b|\b(?:time|instead|please|sessions?\s+of)\b|"
    r"^(?:an?\s+)?(?:study\s+)?(?:session|block|slot)s?\b\s*:?|^(?:an?|some)\b|^new\b(?=.*:)|^(?:of|for|on|with)\b|\b(?:of|for|on|at|and|to|in)$",
    re.I,
)


_KIND_OF_BLOCK = re.compile(  # "a one-off 'X'", "a weekly X thing": how often, not the name
    r"^(?:an?\s+)?(?:one[-\s]?off|single|recurring|regular|weekly|daily|quick|little)\s+|\s+(?:thing|stuff|thingy)$",
    re.I,
)


def _block_title(clause: str) -> str:
    """What is left of a scheduling clause once its verb and every time phrase are removed."""
    text = CREATE_VERB_RE.sub("", clause.strip(), count=1)
    text = strip_temporal(text)
    for _ in range(4):
        text = squash(FILLER_RE.sub(" ", text))
        text = squash(_KIND_OF_BLOCK.sub("", text))
    return block_name(text) if text.lower() not in {"it", "that", "this"} else text


def _start(clause: str, ctx: Context, recurring: bool) -> tuple[datetime, Any]:
    """The start of a new block and its recurrence, resolved against `now`."""
    at = parse_time(clause)
    rec = parse_recurrence(clause, ctx.today) if recurring else None
    when = UNTIL_PHRASE_RE.sub(" ", clause) if rec is not None else clause
    day = parse_date(when, ctx.today) if rec is None or not rec.byday else None
    if rec is not None:
        first_day = day if day and rec.freq != "WEEKLY" else None
        if m := STARTING_RE.search(clause):
            phrase = m.group(1)
            first_day = (
                next_monday(ctx.today) if re.search(r"next\s+week", phrase, re.I) else parse_date(phrase, ctx.today)
            )
        if rec.freq == "WEEKLY" and not rec.byday and day:
            first_day = day
        return first_occurrence(rec, ctx.now, at or DEFAULT_TIME, first_day), rec
    if day is None:
        return next_at(ctx.now, at or DEFAULT_TIME), None
    return datetime.combine(day, time(*(at or DEFAULT_TIME)), tzinfo=ctx.tz), None


def _has_when(clause: str, ctx: Context) -> bool:
    """Whether the clause says when: a time, a date, or a recurrence."""
    return bool(
        parse_time(clause)
        or parse_date(clause, ctx.today)
        or parse_recurrence(clause, ctx.today)
        or parse_duration(clause)
    )


# A weekday ending the words before "and", and one starting those after it: a list of days.
DAY_ENDS = re.compile(rf"\b(?:{WD})s?\W*$", re.I)
DAY_STARTS = re.compile(rf"\s*(?:{WD})s?\b", re.I)


def match_create_block(clause: str, ctx: Context) -> list[ToolCall] | None:
    """'study it Tuesdays and Thursdays at 6pm, remind me 15 minutes before', 'block 2 hours tomorrow for X'."""
    if not (verb := CREATE_VERB_RE.search(clause.strip())) or not _has_when(clause, ctx):
        return None
    for joint in re.finditer(r"\s+and\s+", clause):
        if DAY_ENDS.search(clause[: joint.start()]) and DAY_STARTS.match(clause[joint.end() :]):
            continue  # "every tuesday and friday at 8pm": one block on a list of days
        left, right = clause[: joint.start()], verb.group(0) + " " + clause[joint.end() :]
        if _block_title(left) and _block_title(right) and _has_when(left, ctx) and _has_when(right, ctx):
            return (match_create_block(left, ctx) or []) + (match_create_block(right, ctx) or [])
    title = _block_title(clause)
    course = None
    if re.fullmatch(r"(?:it|that|this(?:\s+course)?|that\s+course|the\s+course)?", title, re.I):
        if not ctx.last_course:
            return None
        title = course = ctx.last_course
    elif m := re.fullmatch(r"(?P<what>.+?)\s+(?:for|in)\s+(?:my\s+|the\s+)(?P<course>.+?)\s+course", title, re.I):
        title, course = clean_name(m["what"]), clean_name(m["course"])  # "bayes practice for my stats course"
    elif m := re.fullmatch(r"(?:my\s+|the\s+)?(.+?)\s+course", title, re.I):
        title = course = clean_name(m.group(1))
    start, rec = _start(clause, ctx, recurring=True)
    args: dict[str, Any] = {
        "title": capitalize(title),
        "start": local_iso(start),
        "duration_minutes": parse_duration(clause) or 60,
    }
    if rec is not None:
        args["recurrence_rule"] = rec.body(start, ctx.tz)
    if (reminder := parse_reminder(clause)) is not None:
        args["reminder_minutes"] = reminder
    if course:
        args["course"] = course
    return [ToolCall("create_schedule_block", args)]


UNTIL_PHRASE_RE = re.compile(r"\b(?:until|till|through)\s+.*$", re.I)
LEADING_DAY_RE = re.compile(
    rf"^(?:my\s+|the\s+)?((?:this\s+|next\s+)?(?:{WD}|today|tonight|tomorrow))(?:'s)?\s+(.+)$", re.I
)
POSSESSIVE_RE = re.compile(rf"\b(today|tonight|tomorrow|{WD})'s\s+(.+?)(?=\s+to\s|\s+until\s|,|$)", re.I)
OCCURRENCE_RE = re.compile(
    rf"\s+(?:(?:on|from)\s+(?:this\s+|next\s+)?({WD})|(?:from\s+)?(today|tonight|tomorrow)|(this|next)\s+({WD}))\b",
    re.I,
)
MOVE_RE = re.compile(
    r"\b(?:move|reschedule|push|shift|postpone|bring\s+forward|extend|shorten|lengthen|trim|cut|reduce|change|make|set)\b",
    re.I,
)
CANCEL_RE = re.compile(r"\b(?:cancel|call\s+off|skip|delete|remove|drop|clear)\b", re.I)


def _occurrence(word: str, ctx: Context) -> date | None:
    """The date an occurrence reference points at: 'tomorrow', 'Thursday'."""
    return parse_date(word, ctx.today)


def _reference(text: str, ctx: Context) -> tuple[str, date | None]:
    """A block reference and, when one occurrence is meant, its date: "Thursday's Math session" -> (Math, Thursday)."""
    if m := POSSESSIVE_RE.search(text) or LEADING_DAY_RE.match(squash(text)):
        return block_name(m.group(2)), _occurrence(m.group(1), ctx)
    occurrence = None
    if m := OCCURRENCE_RE.search(text):
        occurrence = _occurrence(m.group(0), ctx)
        text = text[: m.start()] + text[m.end() :]
    return block_name(re.sub(r"^(?:all\s+(?:of\s+)?)", "", squash(text), flags=re.I)), occurrence


_FROM = re.compile(
    r"\s+(?:from|out\s+of|off)\s+(?!(?:my|the|your)\s+(?:calendar|schedule|planner|agenda|week|day)\b)(.+)$", re.I
)


# What a cancel names when it names the block of the clause before: "it", "it on friday", "just tonight's one".
_IT_ON_A_DAY = re.compile(
    rf"\s*(?:(?:just|only)\s+)?(?:(?:it|that|this)(?:\s+(?:on\s+)?(?P<day>today|tonight|tomorrow|{WD}))?|"
    rf"(?P<days>today|tonight|tomorrow|{WD})'?s\s+one)\W*",
    re.I,
)


def match_cancel_block(clause: str, ctx: Context) -> list[ToolCall] | None:
    """'cancel tomorrow's Spanish session', 'skip Monday's yoga session', 'cancel all my Guitar sessions'."""
    if not (m := CANCEL_RE.search(clause)) or re.search(r"\b(?:course|goal|note)s?\b", clause, re.I):
        return None
    rest = clause[m.end() :]
    if said := _IT_ON_A_DAY.fullmatch(rest):  # "can't make X tonight, cancel (just) it (tonight)": X, that day
        rest = (
            re.sub(r"^.*?\b(?:make|attend|do|go\s+to|miss)\b", "", ctx.previous, flags=re.I)
            + f" {said['day'] or said['days'] or ''}"
        )
    if (out := _FROM.search(rest)) and parse_date(out.group(1), ctx.today) is None:
        rest = rest[: out.start()]  # "remove reactions from orgo": what is removed, not where from
    name, occurrence = _reference(rest, ctx)
    if not name:
        return None
    args: dict[str, Any] = {"block": name}
    if occurrence:
        args["occurrence_date"] = occurrence.isoformat()
    return [ToolCall("cancel_schedule_block", args)]


BARE_CLOCK = re.compile(
    r"\s*\d{1,2}(?::\d{2})?(?:\s+(?:then|instead|tho|though|pls|please|plz|lol))*(?:\s*$|\s*[,;.!?](?!\s*(?:actually|no|nah|wait|sorry|or|i\s+mean)\b)|"
    r"\s+(?=today|tonight|tomorrow|tmrw\b))",
    re.I,
)  # "to 9", "to 9 tomorrow", "to 9 then, ...", "to 9 tho" (not "to 8, actually 9": corrected)
_ONE_DAY = re.compile(r"\b(?:today|tonight|tomorrow|tmrw)\b", re.I)  # a day said by its distance, not a weekday
_FROM_ON = re.compile(r"\b(?:from|starting|onwards?|going\s+forward|every|each)\b", re.I)


# What follows a move's new time after a comma or a full stop: "to 8, have a call", "to 9. im still at practice".
_TOLD_AFTER = re.compile(r"(?:\s*[,;]|[.!?]+)\s+\S.*$")


def match_move_block(clause: str, ctx: Context) -> list[ToolCall] | None:
    """'move my Physics block on Monday to Tuesday at 5pm', "push tonight's Italian lesson to 9pm"."""
    if not (m := MOVE_RE.search(clause)) or re.search(r"\b(?:course|goal|note)s?\b", clause, re.I):
        return None
    rest = clause[m.end() :]
    if target := re.search(r"\s+(?:to|until|till)\s+(?!the\s+calendar)(.+)$", rest, re.I):
        source, goal = re.sub(r"\s+(?:back|forward|over|out)$", "", rest[: target.start()], flags=re.I), target.group(1)
    elif dm := re.search(r"\s+(\d+\s*(?:minutes?|mins?|hours?|h)|an?\s+hour.*|half\s+an\s+hour)$", rest, re.I):
        source, goal = rest[: dm.start()], dm.group(1)
    else:
        return None
    if (
        (told := _TOLD_AFTER.search(goal))
        and not re.search(r"\d", told[0])
        and not parse_time(told[0])
        and not parse_date(told[0], ctx.today)
    ):
        goal = goal[: told.start()]  # "to 8, have a group call": why, after the new time
    if re.match(r"\s*(?:(?:up|aside|in)\s+)?(?:an?|another|one\s+more|some)\s", source, re.I):
        return None  # "set up a daily X block, 25 minutes": a new block, not a change of one
    names_a_block = re.search(r"\b(?:sessions?|blocks?|lessons?|class(?:es)?|slots?)\b|'s\b", source, re.I)
    if not names_a_block and m.group(0).lower() in {"change", "make", "set"}:
        return None
    name, occurrence = _reference(source, ctx)
    if not name:
        return None
    args: dict[str, Any] = {"block": name}
    # "to 9 tonight": the bare 9 is the clock, not tonight's usual 19:00
    at = (parse_time("at " + goal) if BARE_CLOCK.match(goal) else None) or parse_time(goal)
    # "to fridays": the series, from the next one
    day = parse_date(singular_weekdays(goal), ctx.today)
    duration = parse_duration(goal)
    if at or day:
        base = day or occurrence
        clock = at or DEFAULT_TIME
        start = datetime.combine(base, time(*clock), tzinfo=ctx.tz) if base else next_at(ctx.now, clock)
        args["start"] = local_iso(start)
    if duration and not (at and not re.search(r"\bfor\b|minutes?|hours?", goal, re.I)):
        args["duration_minutes"] = duration
    if day and not occurrence and _ONE_DAY.search(goal) and not _FROM_ON.search(goal):
        occurrence = day  # "move X to 7pm tomorrow": that day's occurrence, not the series
    if occurrence:
        args["occurrence_date"] = occurrence.isoformat()
    if len(args) == 1 or (occurrence and len(args) == 2):
        return None
    return [ToolCall("move_schedule_block", args)]
