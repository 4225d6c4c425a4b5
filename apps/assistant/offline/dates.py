"""Resolve dates, times, durations, windows and recurrences in English phrasing, relative to a local `now`."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.easter import easter
from dateutil.relativedelta import MO, SU, TH, relativedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
# Parts of the day, as (hour, minute): the documented convention.
PARTS_OF_DAY = {
    "morning": (9, 0), "afternoon": (14, 0), "evening": (19, 0), "tonight": (19, 0),
    "night": (21, 0), "noon": (12, 0), "midday": (12, 0), "lunchtime": (12, 0), "midnight": (0, 0),
}  # fmt: skip
DEFAULT_TIME = (9, 0)

WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|weds?|thu(?:rs?)?|fri|sat|sun)(?=s?\b)"
MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
MONTH_NAME = MONTH.replace("?P<month>", "?:")  # the same, without its named group
NUM = r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
ORD = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
YEAR = r"(?:,?\s*(?P<year>\d{4}))?"

MONTH_DAY_RE = re.compile(rf"\b{MONTH}\s+{ORD}\b{YEAR}", re.I)
DAY_MONTH_RE = re.compile(rf"\b(?:the\s+)?{ORD}\s+(?:of\s+)?{MONTH}\b{YEAR}", re.I)
ISO_DATE_RE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
# "on 12/12", "by 3/15/27": month/day after a word that introduces a date (a bare "1/2" may be a fraction or a score;
# "for 1/2 an hour", "1/2 of the chapter" are fractions).
NUMERIC_DATE_RE = re.compile(
    r"\b(?:on|by|due|until|till|before|after)\s+(?P<month>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])"
    r"(?:/(?P<year>\d{4}|\d{2}))?(?![\d/])(?!\s+(?:an?\s+)?(?:hours?|hrs?|h|of|minutes?|mins?)\b)",
    re.I,
)
_RELATIVE_DAY_RE = re.compile(r"\b(?:today|tonight|tomorrow|tmrw|tmr)\b", re.I)
# The same two date shapes without named groups, to embed in larger patterns.
DATE_PHRASE = re.sub(r"\?P<\w+>", "?:", rf"(?:{MONTH_DAY_RE.pattern}|{DAY_MONTH_RE.pattern})")
# "from 6 to 8pm", "from 9 to 11", "3pm-5pm", "2-4pm": without "from", the end needs am/pm.
_CLOCK = r"(\d{1,2})(?::(\d{2}))?\s*(am|pm)?"
# "16:00-17:30", "9:00 to 10:30": two clocks with minutes, no am/pm.
CLOCK_RANGE_RE = re.compile(
    r"\b(\d{1,2}):(\d{2})\s*(?:-|\u2013|to|until|till)\s*(\d{1,2})(?::(\d{2}))?\b"
    r"(?!\s*(?:[ap]\.?m|mins?\b|minutes?\b|h\b|hrs?\b|hours?\b|:|%|st\b|nd\b|rd\b|th\b))",
    re.I,
)
# "10am to noon", "noon-2pm": noon and midnight as a range's end or start.
_NOON = re.compile(r"\b(?:(?P<noon>noon|midday)|(?P<midnight>midnight))\b", re.I)
RANGE_RE = re.compile(
    rf"\bfrom\s+{_CLOCK}\s*(?:to|until|till|-|\u2013)\s*{_CLOCK}|\b{_CLOCK}\s*(?:to|until|till|-|\u2013)\s*"
    r"(\d{1,2})(?::(\d{2}))?\s*(am|pm)",
    re.I,
)
# "6pm", "6 p.m.", "6pm." (the full stop after "pm" ends the sentence: it stays)
AMPM_RE = re.compile(r"\b(?:at\s+)?(\d{1,2})(?::(\d{2}))?\s*([ap])(?:\.m\.?|m)(?![a-z])", re.I)
H24_RE = re.compile(r"\b(?:at\s+)?(\d{1,2}):(\d{2})\b", re.I)
# "at 10", not "at 10 minutes", "at 10:30" nor "at 10th"; "at 10 starting tomorrow" is a clock ("st" no ordinal)
BARE_AT_RE = re.compile(r"\bat\s+(\d{1,2})\b(?!\s*(?:minutes?|mins?|hours?|%|:)|(?:st|nd|rd|th)\b)", re.I)
PART_RE = re.compile(
    r"\b(?:(?:in the|this|at)\s+)?(morning|afternoon|evening|tonight|night|noon|midday|lunchtime|midnight)s?\b", re.I
)
# Asking to be told ahead: "remind me", "ping me", "text me", "notify me", "give me a heads up".
NOTIFY = r"(?:remind|ping|alert|notify|nudge|buzz|text|warn)(?:\s+me)?|give\s+me\s+a\s+heads[-\s]?up"
LEAD = rf"(half\s+an|{NUM})\s*(minutes?|mins?|m|hours?|hrs?|h|days?|weeks?)"  # "30 min", "half an hour", "1 day"
MINUTES_PER = {"h": 60, "d": 24 * 60, "w": 7 * 24 * 60}  # by a unit's first letter; anything else is minutes
ALERT = r"(?:with\s+|send\s+me\s+|give\s+me\s+)?an?\s+(?:reminder|alert|ping|notification|heads[-\s]?up)"
REMINDER_RE = re.compile(
    rf"(?:,?\s*(?:and\s+)?(?:{NOTIFY})\s+{LEAD}\s+(?:before|earlier|ahead|in\s+advance|beforehand)"
    r"|\s*with\s+an?\s+(\d+)[-\s]*(minutes?|mins?|hours?)\s+reminder"
    rf"|\s*{ALERT}\s+{LEAD}\s+"
    r"(?:before|earlier|ahead|in\s+advance|beforehand)"
    rf"|\s*,\s*{LEAD}\s+(?:before|earlier|ahead)\b)",
    re.I,
)
# A reminder a whole day or week ahead: "remind me the day before", "a week before".
DAY_REMINDER_RE = re.compile(
    rf",?\s*(?:and\s+)?(?:{NOTIFY}|"
    + ALERT
    + r")\s+(?:the|a|one)\s+(day|night|evening|week)\s+(?:before|earlier|ahead|in\s+advance|beforehand)\b",
    re.I,
)
NOT_REMINDER = r"(?!\s*(?:before|reminder|earlier|ahead))"
# (pattern, fixed minutes or None, minutes per unit of the captured amount)
DURATION_RES: tuple[tuple[re.Pattern[str], int | None, int], ...] = (
    (re.compile(r"\b(?:for\s+)?an?\s+hour\s+and\s+a\s+half\b", re.I), 90, 0),
    (re.compile(r"\b(?:for\s+)?(?:(?:half|1/2)\s+an?\s+hour|a\s+half[-\s]hour)\b", re.I), 30, 0),
    (re.compile(rf"\b(?:for\s+)?({NUM}(?:\.\d+)?)\s*-?\s*(?:hours?|hrs?|h)\b{NOT_REMINDER}", re.I), None, 60),
    (re.compile(rf"\b(?:for\s+)?(\d+)\s*-?\s*(?:minutes?|mins?)\b{NOT_REMINDER}", re.I), None, 1),
)
# A length said "1h30" after a word of length (a clock "17h30" is a time of day).
_HOURS_AND_MINUTES = re.compile(
    r"\b(?:duration|length|lasting|for)\s*:?\s*(?P<hours>\d{1,2})\s*h\s*(?P<minutes>[0-5]\d)\b(?!\s*(?:am|pm))", re.I
)
FOR_PERIOD_RE = re.compile(rf"\bfor\s+(?:the\s+next\s+)?({NUM})\s+(days?|weeks?|months?)\b", re.I)
COUNT_RE = re.compile(
    rf"\b(?:for\s+)?({NUM})\s+(?:sessions|times|occurrences)\b(?!\s+(?:a|per|each|every)\s+week)", re.I
)
UNTIL_RE = re.compile(r"\b(?:until|till|through|up to)\s+(.+?)(?=$|,|\s+and\s|\s+at\s|\s+from\s|\s+for\s)", re.I)
WEEKDAY_LIST_RE = re.compile(
    rf"\b(?:(?:on|every|each)\s+)?(?:other\s+)?{WD}s?\b(?:\s*(?:,|and|&|/|,\s*and)\s*(?:(?:on|every)\s+)?{WD}s?\b)*",
    re.I,
)
WD_RANGE_RE = re.compile(rf"\b(?:from\s+)?({WD})s?\s*(?:-|\u2013|to|through|thru)\s*({WD})s?\b", re.I)
PLURAL_WD_RE = re.compile(rf"\b{WD}s\b", re.I)


def singular_weekdays(text: str) -> str:
    """``text`` with weekdays said in the plural said once ("to fridays at 6": "to friday at 6")."""
    return PLURAL_WD_RE.sub(lambda day: day[0][:-1], text)


EVERY_WD_RE = re.compile(rf"\b(?:every|each)\s+(?:other\s+)?{WD}\b", re.I)

STARTING_RE = re.compile(
    rf"\b(?:starting|beginning|from)\s+(next\s+week|(?:next\s+|this\s+)?{WD}|tomorrow|today|tonight|{DATE_PHRASE})",
    re.I,
)
# Phrases that carry only time information, removed before reading a title out of a clause.
# "on the 16 at 2pm": a day of the month said without its ordinal, never a count or a clock ("on the 16 pages").
BARE_DAY = r"\bon\s+the\s+(\d{1,2})\b(?=\s*(?:$|[,.;!?]|at\b|from\b|for\b|@|\d{1,2}(?::\d\d)?\s*(?:am|pm|h)\b))"
TEMPORAL_RES: tuple[re.Pattern[str], ...] = (
    DAY_REMINDER_RE,
    REMINDER_RE,
    STARTING_RE,
    re.compile(r"\b(?:and\s+)?remind\s+me\b", re.I),
    CLOCK_RANGE_RE,
    RANGE_RE,
    FOR_PERIOD_RE,
    COUNT_RE,
    re.compile(
        rf"\b(?:until|till|through)\s+(?:the\s+end\s+of\s+(?:the\s+|next\s+)?\w+|{DATE_PHRASE}|(?:next\s+)?{WD}|the\s+\d+\w*)",
        re.I,
    ),
    re.compile(
        r"\b(?:every\s+(?:other\s+)?(?:day|weekday|weekend|week|morning|evening|night)|daily|weekly|each\s+day"
        rf"|every\s+{NUM}\s+(?:days|weeks)|on\s+weekdays|on\s+weekends|weekdays|weekends)\b",
        re.I,
    ),
    re.compile(rf"\b(?:on\s+)?{DATE_PHRASE}", re.I),
    re.compile(r"\b(?:on\s+)?\d{4}-\d{2}-\d{2}\b"),
    re.compile(BARE_DAY, re.I),
    NUMERIC_DATE_RE,
    re.compile(r"\b(?:the\s+)?day\s+after\s+tomorrow\b|\btomorrow(?:'s)?\b|\btoday(?:'s)?\b|\btonight(?:'s)?\b", re.I),
    re.compile(rf"\b(?:in|within)\s+{NUM}\s+(?:days?|weeks?|months?)\b", re.I),
    re.compile(r"\b(?:once|twice|thrice|\w+\s+times)\s+(?:a|per|each|every)\s+week\b", re.I),
    re.compile(r"\b(?:every\s+)?week\s*nights?\b", re.I),
    re.compile(rf"\b(?:(?:every|on)\s+)?(?:weekday|{WD})\s+(?:mornings|evenings|afternoons|nights)\b", re.I),
    re.compile(rf"\b(?:on\s+)?(?:next|this)\s+{WD}\b", re.I),
    WD_RANGE_RE,
    WEEKDAY_LIST_RE,
    AMPM_RE,
    H24_RE,
    BARE_AT_RE,
    PART_RE,
    *(pattern for pattern, _, _ in DURATION_RES),
)


def number(word: str) -> int:
    """Turn a digit string or a small number word into an int."""
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def shift(day: date, unit: str, amount: int) -> date:
    """Move a date by whole days, weeks, months or years (month ends clamp: Jan 31 + 1 month = Feb 28/29)."""
    if unit == "day":
        return day + timedelta(days=amount)
    if unit == "week":
        return day + timedelta(weeks=amount)
    months = amount * 12 if unit == "year" else amount
    result: date = day + relativedelta(months=months)
    return result


def strip_temporal(text: str) -> str:
    """Remove every date, time, duration, reminder and recurrence phrase from `text`."""
    for pattern in TEMPORAL_RES:
        text = pattern.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()


def _hour(h: int, meridiem: str | None) -> int:
    """Apply am/pm to a 12-hour clock hour; a bare hour 1-7 is read as pm."""
    if meridiem:
        if meridiem[0].lower() == "p":
            return h % 12 + 12
        return h % 12
    return h + 12 if 1 <= h <= 7 else h


def parse_range(text: str) -> tuple[int, int] | None:
    """A clock range as (start, end) minutes after midnight: 'from 6 to 8pm', '3pm-5pm', '16:00-17:30'."""
    if clocks := _clock_range(text):
        return clocks
    text = _NOON.sub(lambda m: "12pm" if m["noon"] else "12am", text)
    if not (m := RANGE_RE.search(text)):
        return None
    groups = m.groups()
    h1, m1, ap1, h2, m2, ap2 = groups[:6] if groups[0] else groups[6:]
    if not (ap1 or ap2) and re.search(r"\b(?:afternoon|evening|tonight|night)\b", text, re.I):
        ap2 = "pm"  # "tonight 8-10": both hours are in the evening
    start = _hour(int(h1), ap1 or ap2) * 60 + int(m1 or 0)
    end = _hour(int(h2), ap2) * 60 + int(m2 or 0)
    if not ap1 and ap2 and start > end:
        start -= 12 * 60
    return start, end


def _clock_range(text: str) -> tuple[int, int] | None:
    """'16:00-17:30', '09:00-10:30' as they are; '4:00-5:30', '7:00-8:00' (no 24-hour hour said) in the half of
    the day a single such clock is read in, both ends alike; None for a range that ends before it starts."""
    if not (m := CLOCK_RANGE_RE.search(text)):
        return None
    h1, m1, h2, m2 = (int(g or 0) for g in m.groups())  # "9:30-12": the end a whole hour
    if not (h1 >= 13 or h2 >= 13 or m.group(1).startswith("0")):
        shift = _h24_shift(h1, len(m.group(1)), text)
        h1, h2 = h1 + shift, h2 + shift
        h2 += 12 if h2 <= h1 and h2 < 12 else 0  # "11:00-1:00": past noon
    start, end = h1 * 60 + m1, h2 * 60 + m2
    return (start, end) if start < end <= 24 * 60 else None


def _h24_shift(hour: int, digits: int, text: str) -> int:
    """The hours to add to a clock without am/pm ('4:30' is 16:30; '6:30', '04:30', '4:30 in the morning' are
    not): 12 in the afternoon or evening, or for a one-digit hour up to 5."""
    later = re.search(r"\b(?:afternoon|evening|tonight|night)s?\b", text, re.I)
    bare = digits == 1 and not re.search(r"\bmornings?\b", text, re.I)
    return 12 if (later or (bare and hour <= 5)) and 1 <= hour < 12 else 0


# "20h", "18h30" said as a clock after "at/to/until": no stay lasts 13 hours or more.
_CONTINENTAL_CLOCK = re.compile(
    rf"\b((?:at|to|till|until|from|(?:{WD})s?|today|tomorrow|tmrw|tonight)\s+)(1[3-9]|2[0-3])h(?:(\d\d)\b|\b)", re.I
)


def continental_clock(text: str) -> str:
    """``text`` with a clock said the continental way ("at 19h", "to 18h30") written as a clock ("at 19:00")."""
    return _CONTINENTAL_CLOCK.sub(lambda m: f"{m[1]}{m[2]}:{m[3] or '00'}", text)


def parse_time(text: str) -> tuple[int, int] | None:
    """Find a time of day: '6pm', '6:30 pm', '18:00', 'at 6', 'from 6 to 8pm', 'tomorrow morning'.

    A clock no day has ('25:00', '13pm', '9:75') is no time: the request then asks when.
    """
    found = _clock(text)
    return found if found and 0 <= found[0] <= 23 and 0 <= found[1] <= 59 else None


def _clock(text: str) -> tuple[int, int] | None:
    if span := parse_range(text):
        return divmod(span[0], 60)
    if m := AMPM_RE.search(text):
        return _hour(int(m.group(1)), m.group(3)), int(m.group(2) or 0)
    later = re.search(r"\b(?:afternoon|evening|tonight|night)s?\b", text, re.I)
    if m := H24_RE.search(text):
        hour = int(m.group(1))
        return hour + _h24_shift(hour, len(m.group(1)), text), int(m.group(2))
    if m := BARE_AT_RE.search(text):
        hour = int(m.group(1))
        if re.search(r"\bmornings?\b", text, re.I) and not later:
            return hour % 12, 0  # "at 6 in the morning"
        return (hour + 12 if later and 1 <= hour < 12 else _hour(hour, None)), 0
    if m := PART_RE.search(text):
        return PARTS_OF_DAY[m.group(1).lower()]
    return None


def parse_duration(text: str) -> int | None:
    """Find a duration in minutes: '45 minutes', '1.5 hours', 'an hour and a half', 'from 6 to 8pm'."""
    if span := parse_range(text):
        return (span[1] - span[0]) % (24 * 60) or None
    text = REMINDER_RE.sub(" ", DAY_REMINDER_RE.sub(" ", text))
    if m := _HOURS_AND_MINUTES.search(text):
        return int(m["hours"]) * 60 + int(m["minutes"])  # "duration 1h30"
    for pattern, fixed, per_unit in DURATION_RES:
        if m := pattern.search(text):
            if fixed is not None:
                return fixed
            value = m.group(1)
            amount = float(value) if value[0].isdigit() else float(number(value))
            return int(amount * per_unit)
    return None


def parse_reminder(text: str) -> int | None:
    """Find a reminder lead time in minutes; a bare 'remind me' means 15 minutes."""
    if m := DAY_REMINDER_RE.search(text):
        return 7 * 24 * 60 if m[1].lower() == "week" else 24 * 60
    if m := REMINDER_RE.search(text):
        amount, unit = next((m.group(i), m.group(i + 1)) for i in (1, 3, 5, 7) if m.group(i))
        if amount.lower().startswith("half"):
            return 30
        return number(amount) * MINUTES_PER.get(unit[0].lower(), 1)
    if re.search(r"\bremind\s+me\b", text, re.I):
        return 15
    return None


def _month_day(month: int, day: int, year: int | None, today: date) -> date | None:
    """Build a date; without a year, the next such date on or after today."""
    if year is not None:
        try:
            return date(year, month, day)
        except ValueError:
            return None
    for candidate_year in range(today.year, today.year + 9):
        try:
            candidate = date(candidate_year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    return None


def next_monday(today: date) -> date:
    """Monday of next week."""
    return today + timedelta(days=7 - today.weekday())


def weekday_index(word: str) -> int:
    """Monday=0 .. Sunday=6 from a weekday name or abbreviation ('Tue', 'thurs')."""
    return [d[:2] for d in WEEKDAYS].index(word.lower()[:2])


def weekday_on_or_after(today: date, weekday: int) -> date:
    """The first date with this weekday on or after today."""
    return today + timedelta(days=(weekday - today.weekday()) % 7)


def weekday_after(today: date, weekday: int) -> date:
    """The first date with this weekday strictly after today ('next Tuesday' on a Tuesday is a week later)."""
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def _numeric_date(text: str, today: date) -> date | None:
    """'by 3/15/27' as a date; none when a relative day is said ('tomorrow ... by 1/2') or its year is past."""
    if not (m := NUMERIC_DATE_RE.search(text)) or _RELATIVE_DAY_RE.search(text):
        return None
    year = int(m["year"]) + (2000 if len(m["year"]) == 2 else 0) if m["year"] else None
    return None if year is not None and year < today.year else _month_day(int(m["month"]), int(m["day"]), year, today)


# Days known by name, each on the next one to come: "by christmas", "before new year's eve", "on fathers day".
# Movable ones follow the United States' calendar (Mother's Day in May, Thanksgiving in November), a choice noted in
# docs/assistant-offline.md; Easter comes from dateutil.
_HOLIDAYS: dict[str, Callable[[int], date]] = {
    "christmas eve": lambda year: date(year, 12, 24),
    "christmas": lambda year: date(year, 12, 25),
    "boxing day": lambda year: date(year, 12, 26),
    "new years eve": lambda year: date(year, 12, 31),
    "new years day": lambda year: date(year, 1, 1),
    "halloween": lambda year: date(year, 10, 31),
    "valentines day": lambda year: date(year, 2, 14),
    "st patricks day": lambda year: date(year, 3, 17),
    "independence day": lambda year: date(year, 7, 4),
    "mothers day": lambda year: date(year, 5, 1) + relativedelta(weekday=SU(+2)),
    "fathers day": lambda year: date(year, 6, 1) + relativedelta(weekday=SU(+3)),
    "memorial day": lambda year: date(year, 5, 31) + relativedelta(weekday=MO(-1)),
    "labor day": lambda year: date(year, 9, 1) + relativedelta(weekday=MO(+1)),
    "thanksgiving": lambda year: date(year, 11, 1) + relativedelta(weekday=TH(+4)),
    "easter": easter,
    "good friday": lambda year: easter(year) - timedelta(days=2),
    "easter monday": lambda year: easter(year) + timedelta(days=1),
}
_HOLIDAY_NAMES = {"xmas": "christmas", "xmas eve": "christmas eve", "nye": "new years eve", "labour day": "labor day"}
# A holiday's name, for patterns that look for a day ("cancel it, it's fathers day"); an event named after one is
# seldom on it ("the xmas party", "halloween parties"): no day.
HOLIDAY_NAME = (
    r"(?:(?:christmas|xmas)(?:\s+eve)?|new\s+year['\u2019]?s\s+(?:eve|day)|nye|halloween|boxing\s+day|"
    r"valentine['\u2019]?s\s+day|(?:st\.?|saint)\s+patrick['\u2019]?s\s+day|independence\s+day|"
    r"(?:mother|father)['\u2019]?s\s+day|memorial\s+day|labou?r\s+day|thanksgiving|good\s+friday|"
    r"easter(?:\s+(?:monday|sunday))?)(?!\s+(?:part(?:y|ies)|shopping|market)\b)"
)
_HOLIDAY = re.compile(rf"\b(?P<name>{HOLIDAY_NAME})\b(?:\s+(?P<year>\d{{4}})\b)?")


def _holiday(m: re.Match[str], today: date) -> date:
    """The day a holiday's name means: in the year said, else the next one to come."""
    name = re.sub(r"['\u2019.]", "", re.sub(r"\s+", " ", m["name"]))
    name = re.sub(r"^saint ", "st ", re.sub(r" sunday$", "", name))
    day_in = _HOLIDAYS[_HOLIDAY_NAMES.get(name, name)]
    if m["year"]:
        return day_in(int(m["year"]))  # "by christmas 2027"
    return day if (day := day_in(today.year)) >= today else day_in(today.year + 1)


def parse_date(text: str, today: date) -> date | None:
    """Find one calendar date: 'tomorrow', 'next Tuesday', 'Friday', 'March 1st', 'in 2 weeks', 'end of the month'."""
    if m := ISO_DATE_RE.search(text):
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None  # "2027-02-30": no such day
    if (numeric := _numeric_date(text, today)) is not None:
        return numeric
    for pattern in (MONTH_DAY_RE, DAY_MONTH_RE):
        if m := pattern.search(text):
            year = int(m.group("year")) if m.group("year") else None
            return _month_day(MONTHS[m.group("month")[:3].lower()], int(m.group("day")), year, today)
    lowered = text.lower()
    if m := re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+of\s+(this|next)\s+month\b", lowered):
        month = shift(today.replace(day=1), "month", 1 if m.group(2) == "next" else 0)
        try:
            return month.replace(day=int(m.group(1)))
        except ValueError:
            return None
    if m := re.search(
        r"\bthe\s+(\d{1,2})(?:st|nd|rd|th)\b|" + BARE_DAY,
        lowered,
    ):
        day_of_month = int(m.group(1) or m.group(2))
        for months_ahead in range(3):
            candidate_month = shift(today.replace(day=1), "month", months_ahead)
            try:
                candidate = candidate_month.replace(day=day_of_month)
            except ValueError:
                continue
            if candidate >= today:
                return candidate
    if re.search(r"\bday after (?:tomorrow|tmrw?)\b", lowered):
        return today + timedelta(days=2)
    if re.search(r"\b(?:tomorrow|tmrw?\b)", lowered):
        return today + timedelta(days=1)
    if re.search(r"\b(?:today|tonight|this evening|this afternoon|this morning)", lowered):
        return today
    if m := re.search(rf"\b(?:in|within)\s+({NUM})\s+(day|week|month)s?\b", lowered):
        amount, unit = number(m.group(1)), m.group(2)
        return shift(today, unit, amount)
    if m := re.search(r"\bend of (?:the |this )?(month|year|week)\b", lowered):
        return _end_of(m.group(1), today)
    if m := re.search(rf"\bend of {MONTH}", lowered):
        first = _month_day(MONTHS[m.group("month")[:3]], 1, None, today.replace(day=1))
        return first + relativedelta(day=31) if first else None
    if m := re.search(r"\bend of next (month|year|week)\b", lowered):
        shifted = shift(today, m.group(1), 1)
        return _end_of(m.group(1), shifted)
    if (m := _HOLIDAY.search(lowered)) and re.search(rf"\b(?:{WD})\b", m["name"]):
        return _holiday(m, today)  # "good friday", "easter monday": the holiday, not the next friday or monday
    if m := re.search(rf"\b({WD})s?\s+(?:of\s+)?next\s+week\b|\bnext\s+week(?:'?s)?\s+(?:on\s+)?({WD})\b", lowered):
        return next_monday(today) + timedelta(days=weekday_index(m.group(1) or m.group(2)))  # "friday next week"
    if m := re.search(rf"\bnext\s+({WD})\b", lowered):
        return weekday_after(today, weekday_index(m.group(1)))
    if m := re.search(rf"\b({WD})\b", lowered):
        return weekday_on_or_after(today, weekday_index(m.group(1)))
    if m := _HOLIDAY.search(lowered):
        return _holiday(m, today)
    return None


def _end_of(unit: str, day: date) -> date:
    """Last day of the week (Sunday), month or year containing `day`."""
    if unit == "week":
        return day + timedelta(days=6 - day.weekday())
    if unit == "year":
        return date(day.year, 12, 31)
    return day + relativedelta(day=31)


_TO = r"(?:-|\u2013|to|through|thru|till|until)"


# Days of the month said as a bare range: "the 11th to the 17th" is "from the 11th to the 17th" (not "from
# september 1st to the 10th", whose first day has its month).
_ORDINAL_RANGE = re.compile(
    rf"(?P<before>\b(?:from|between|{MONTH})\s+)?\b(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)\s+{_TO}\s+(?:the\s+)?"
    r"\d{1,2}(?:st|nd|rd|th)\b",
    re.I,
)


def parse_window(text: str, today: date) -> tuple[date, date]:
    """Find the date window of a schedule question; with none, the next 7 days from today."""
    text = _ORDINAL_RANGE.sub(lambda m: m[0] if m["before"] else f"from {m[0]}", text)
    lowered = text.lower()
    monday = today - timedelta(days=today.weekday())
    if m := re.search(r"\b(?:the\s+)?rest\s+of\s+(?:the\s+|this\s+|my\s+)?(day|week|month)\b", lowered):
        ends = {"day": today, "week": monday + timedelta(days=6), "month": today + relativedelta(day=31)}
        return today, ends[m.group(1)]  # what is left of it, from today
    if m := re.search(rf"(?P<first>{DATE_PHRASE})\s*(?:{_TO})\s*(?P<last>{DATE_PHRASE})", text, re.I):
        first, last = parse_date(m["first"], today), parse_date(m["last"], today)  # "march 3 to march 10"
        if first and last and last >= first:
            return first, last
    if (
        not re.search(r"\b(?:from|between)\b", lowered)
        and not re.search(rf"\b(?:{WD})\w*\s+(?:until|till|through)\b", lowered)  # "mon through sun": a range
        and (m := re.search(r"\b(?:until|till|through)\s+(.+)$", text, re.I))
    ):
        last = parse_date(m.group(1), today)  # "until friday": from today
        if last is not None and last >= today:
            return today, last
    if m := re.search(r"\b(?:from|between)\s+(.+?)\s+(?:to|until|till|through|and|-)\s+(.+)$", text, re.I):
        now = re.fullmatch(r"\s*(?:right\s+)?(?:now|today)\s*", m.group(1), re.I)  # "between now and the end of june"
        second = re.sub(r"^\s*(?=\d{1,2}(?:st|nd|rd|th)\b)", "the ", m.group(2))  # "between the 5th and 12th"
        first, last = today if now else parse_date(m.group(1), today), parse_date(second, today)
        ordinal = re.fullmatch(r"\s*(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s*", m.group(1), re.I)
        if ordinal and last and int(ordinal.group(1)) <= last.day:
            first = last.replace(day=int(ordinal.group(1)))  # "between the 1st and the 10th of next month"
        day_only = re.fullmatch(r"\s*(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\W*", m.group(2), re.I)
        if first and day_only and not ordinal and first.day < int(day_only.group(1)) <= 31:
            with suppress(ValueError):  # "between july 5 and 18": the 18th of july
                last = first.replace(day=int(day_only.group(1)))
        if first and last and last < first and (named := re.fullmatch(rf"\s*({WD})s?\W*", m.group(2), re.I)):
            last = weekday_on_or_after(first, weekday_index(named.group(1)))  # "from monday to friday", said midweek
        if first and last:
            return first, max(first, last)
    if re.search(r"\b(?:today|tonight)\s*(?:and|&|\+|,|or)\s*(?:tomorrow|tmrw|tmr)\b", lowered):
        return today, today + timedelta(days=1)  # "today and tomorrow"
    if m := re.search(rf"\b(today|tonight|tomorrow|tmrw|tmr)\s*(?:and|&|\+|,)\s*(?:on\s+)?({WD})\b", lowered):
        first = parse_date(m.group(1), today)  # "tomorrow and tuesday": from the first to the weekday on or after it
        if first is not None:
            return first, weekday_on_or_after(first, weekday_index(m.group(2)))
    if m := re.search(rf"\b((?:next\s+|this\s+)?{WD})s?\s*(?:{_TO}|and|&|\+|,)\s*({WD})s?\b", lowered):
        first = parse_date(
            m.group(1), today
        )  # "next mon to wed", "sat and sun": the first day, the last on or after it
        if first is not None:
            return first, weekday_on_or_after(first, weekday_index(m.group(2)))
    if (m := re.search(rf"\b(?:in|for|during|of)\s+{MONTH}(?!\s*\d)", lowered)) and "end of" not in lowered:
        first = _month_day(MONTHS[m.group("month")[:3]], 1, None, today.replace(day=1))
        if first:
            return first, first + relativedelta(day=31)
    if m := re.search(rf"\bnext\s+({NUM})\s+days\b", lowered):
        return today, today + timedelta(days=number(m.group(1)) - 1)
    if re.search(r"\bnext week\b|\b(?:up)?coming\s+week\b", lowered):  # "this coming week": the one to come
        return monday + timedelta(days=7), monday + timedelta(days=13)
    if re.search(r"\b(?:this|my|the)\s+week\b|\bweek\b", lowered) and "weekend" not in lowered:
        return monday, monday + timedelta(days=6)
    if re.search(r"\bweekend\b", lowered):
        saturday = monday + timedelta(days=5)
        return saturday, saturday + timedelta(days=1)
    if re.search(r"\bnext month\b", lowered):
        first = today.replace(day=1) + relativedelta(months=1)
        return first, first + relativedelta(day=31)
    if re.search(r"\bmonth\b", lowered):
        return today.replace(day=1), today + relativedelta(day=31)
    if (day := parse_date(text, today)) is not None:
        return day, day
    return today, today + timedelta(days=6)


@dataclass
class Recurrence:
    """A recurrence read from text: frequency, interval, weekdays and an optional end."""

    freq: str
    interval: int = 1
    byday: list[int] = field(default_factory=list)
    count: int | None = None
    for_period: tuple[int, str] | None = None
    until: date | None = None

    def matches(self, day: date, first: date | None) -> bool:
        """Whether an occurrence may fall on `day` (ignoring the interval)."""
        if self.byday:
            return day.weekday() in self.byday
        if self.freq == "WEEKLY" and first is not None:
            return day.weekday() == first.weekday()
        return True

    def body(self, start: datetime, tz: ZoneInfo) -> str:
        """RFC 5545 RRULE body; an end is COUNT or UNTIL (end of that local day, in UTC)."""
        parts = [f"FREQ={self.freq}"]
        if self.interval > 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.byday:
            parts.append("BYDAY=" + ",".join(RRULE_DAYS[d] for d in sorted(self.byday)))
        last_day = self.until
        if self.for_period is not None:
            amount, unit = self.for_period
            last_day = shift(start.date(), unit, amount) - timedelta(days=1)
        if self.count is not None:
            parts.append(f"COUNT={self.count}")
        elif last_day is not None:
            end = datetime.combine(last_day, time(23, 59, 59), tzinfo=tz).astimezone(ZoneInfo("UTC"))
            parts.append("UNTIL=" + end.strftime("%Y%m%dT%H%M%SZ"))
        return ";".join(parts)


def _weekdays_in(text: str) -> list[int]:
    """Every weekday named in the text, in week order."""
    found = {weekday_index(w) for w in re.findall(WD, text, re.I)}
    return sorted(found)


def parse_recurrence(text: str, today: date) -> Recurrence | None:
    """Find a recurrence: 'every weekday', 'Tuesdays and Thursdays', 'every other Monday', 'daily for 3 weeks'."""
    lowered = text.lower()
    rec: Recurrence | None = None
    span = WD_RANGE_RE.search(lowered)
    days = list(range(weekday_index(span.group(1)), weekday_index(span.group(2)) + 1)) if span else []
    if days == [0, 1, 2, 3, 4] or re.search(
        r"\b(?:every\s+weekday|on\s+weekdays|weekdays|(?:every\s+)?week\s*nights?|weekday\s+"
        r"(?:mornings|evenings|afternoons|nights))\b",
        lowered,
    ):
        rec = Recurrence("DAILY", byday=[0, 1, 2, 3, 4])
    elif len(days) > 1:
        rec = Recurrence("WEEKLY", byday=days)
    elif re.search(r"\b(?:once|twice|thrice|\w+\s+times)\s+(?:a|per|each|every)\s+week\b", lowered) and _weekdays_in(
        lowered
    ):
        rec = Recurrence("WEEKLY", byday=_weekdays_in(lowered))
    elif re.search(r"\b(?:every\s+weekend|on\s+weekends|weekends)\b", lowered):
        rec = Recurrence("WEEKLY", byday=[5, 6])
    elif (
        EVERY_WD_RE.search(lowered)
        or PLURAL_WD_RE.search(lowered)
        or re.search(rf"\b{WD}\s*/\s*{WD}|\b{WD}\s+(?:mornings|evenings|afternoons|nights)\b", lowered)
    ):
        interval = 2 if re.search(r"\bevery\s+other\b", lowered) else 1
        rec = Recurrence("WEEKLY", interval=interval, byday=_weekdays_in(lowered))
    elif m := re.search(rf"\bevery\s+({NUM})\s+days\b", lowered):
        rec = Recurrence("DAILY", interval=number(m.group(1)))
    elif re.search(r"\b(?:every\s+(?:day|morning|evening|night)|daily|each\s+day)\b", lowered):
        rec = Recurrence("DAILY")
    elif re.search(r"\bevery\s+other\s+week\b|\bbiweekly\b|\bfortnightly\b", lowered):
        rec = Recurrence("WEEKLY", interval=2)
    elif re.search(r"\b(?:every\s+week|weekly)\b", lowered):
        rec = Recurrence("WEEKLY", byday=_weekdays_in(lowered))
    if rec is None:
        return None
    if m := COUNT_RE.search(lowered):
        rec.count = number(m.group(1))
    elif m := FOR_PERIOD_RE.search(lowered):
        rec.for_period = (number(m.group(1)), m.group(2).rstrip("s"))
    elif m := UNTIL_RE.search(text):
        rec.until = parse_date(m.group(1), today)
    return rec


def first_occurrence(rec: Recurrence, now: datetime, at: tuple[int, int], first_day: date | None = None) -> datetime:
    """The first occurrence of `rec` at local time `at` that lies after `now`."""
    day = first_day or now.date()
    for offset in range(15):
        candidate_day = day + timedelta(days=offset)
        candidate = datetime.combine(candidate_day, time(*at), tzinfo=now.tzinfo)
        if rec.matches(candidate_day, first_day) and candidate > now:
            return candidate
    return datetime.combine(day, time(*at), tzinfo=now.tzinfo)


def next_at(now: datetime, at: tuple[int, int]) -> datetime:
    """Today at `at` if still ahead, otherwise tomorrow at `at`."""
    candidate = datetime.combine(now.date(), time(*at), tzinfo=now.tzinfo)
    return candidate if candidate > now else candidate + timedelta(days=1)


def local_iso(moment: datetime) -> str:
    """Local 'YYYY-MM-DDTHH:MM'."""
    return moment.strftime("%Y-%m-%dT%H:%M")
