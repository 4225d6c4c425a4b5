"""Dates the rules in ``dates.py`` do not read, and a kept parser (dateparser) for the rest.

- ordinal days of a relative month: "the 3rd of next month", "the 10th of next month";
- month-only deadlines: "by june", "to august" -> the last day of that month (the next one on or after today);
- a weekday or day counted within a month: "the last friday of the month", "the first monday of next month",
  "the last day of august";
- offsets from a named day: "a week from monday", "two days from tomorrow", "a week from today";
- anything else dateparser reads ("march 20th", "15 april"), preferring the future, with no network.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta

from .dates import DATE_PHRASE, MONTH, MONTHS, NUM, WD, number, parse_date, weekday_index, weekday_on_or_after

_RELATIVE_MONTH = re.compile(r"\b(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(next|this)\s+month\b", re.I)
_MONTH_ONLY = re.compile(
    r"\b(?:by|to|in|until|till|before|for|end\s+of)\s+(?:the\s+end\s+of\s+)?"
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b(?!\s*\d)",
    re.I,
)


_NTH = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": -1}
_NTH_IN_MONTH = re.compile(
    rf"\b(?:the\s+)?({'|'.join(_NTH)})\s+({WD}|day)\s+(?:of|in)\s+"
    rf"(?:(?:the|this)\s+(month)|(next)\s+month|{MONTH}(?![a-z])(?!\s*\d))",
    re.I,
)
_FROM_DAY = re.compile(rf"\b({NUM})\s+(day|week)s?\s+from\s+(now|today|tomorrow|(?:next\s+)?{WD})\b", re.I)
_DEADLINE_MONTH = re.compile(
    r"\b(by|to|until|till|before|end\s+of)\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b(?!\s*\d)",
    re.I,
)


# A month and day said to be next year's: "april 15 next year" is written with the year.
# "tomorrow and the day after", "friday and the day after that": the day after the one just said.
_DAY_AFTER = re.compile(
    rf"\b(?P<first>today|tomorrow|tmrw|{WD})(?P<joint>\s*(?:,|and|&|\+)\s*)the\s+day\s+after"
    r"(?:\s+(?:that|it))?\b(?!\s+(?:tomorrow|tmrw|next|this|on)\b)",
    re.I,
)
_NEXT_YEARS = re.compile(rf"\b(?P<date>{DATE_PHRASE})\s+(?:of\s+)?next\s+year\b", re.I)


def absolute_dates(text: str, today: date) -> str:
    """Write relative-month ordinals and month-only deadlines as dates the rules read.

    'on the 10th of next month' -> 'on April 10'; 'by june' -> 'by June 30' (said in March 2026).
    """

    def ordinal(match: re.Match[str]) -> str:
        day = relative_month_day(match.group(0), today)
        return f"{day:%B} {day.day}" if day else match.group(0)

    def deadline(match: re.Match[str]) -> str:
        day = month_only(f"by {match.group(2)}", today)
        return f"{match.group(1)} {day:%B} {day.day}" if day else match.group(0)

    def counted(day: date | None, match: re.Match[str]) -> str:
        if day is None:
            return match.group(0)
        return f"{day:%B} {day.day}" + (f", {day.year}" if day < today else "")

    text = _NEXT_YEARS.sub(lambda m: f"{m['date']} {today.year + 1}", text)  # "april 15 next year"
    text = _DAY_AFTER.sub(lambda m: day_after(m, today), text)
    text = _NTH_IN_MONTH.sub(lambda m: counted(nth_in_month(m, today), m), text)
    text = _FROM_DAY.sub(lambda m: counted(offset_from_day(m, today), m), text)
    return _DEADLINE_MONTH.sub(deadline, _RELATIVE_MONTH.sub(ordinal, text))


def day_after(match: re.Match[str], today: date) -> str:
    """'tomorrow and the day after' as 'tomorrow and <the day after tomorrow>', by its weekday within the week."""
    first = parse_date(match["first"], today)
    if first is None:
        return match.group(0)
    after = first + timedelta(days=1)
    said = f"{after:%A}" if 0 < (after - today).days < 7 else f"{after:%B} {after.day}"  # a weekday lists with it
    return f"{match['first']}{match['joint']}{said}"


def nth_in_month(match: re.Match[str], today: date) -> date | None:
    """'the last friday of the month', 'the 2nd tuesday of next month', 'the last day of august' as a date.

    'the month' that has already passed that day means next month; a named month is the next one on or after today.
    """
    nth, unit = _NTH[match.group(1).lower()], match.group(2).lower()
    if match.group("month"):
        month = MONTHS[match.group("month")[:3].lower()]
        first = date(today.year if month >= today.month else today.year + 1, month, 1)
    else:
        first = today.replace(day=1) + relativedelta(months=1 if match.group(4) else 0)
    day = _nth_day(first, nth, unit)
    if day is not None and day < today and match.group(3):
        day = _nth_day(first + relativedelta(months=1), nth, unit)
    return day


def _nth_day(first: date, nth: int, unit: str) -> date | None:
    """The nth (or last, -1) day or given weekday of the month starting at `first`."""
    last = first + relativedelta(day=31)
    if unit == "day":
        return last if nth == -1 else first.replace(day=nth)
    weekday = weekday_index(unit)
    if nth == -1:
        return last - relativedelta(days=(last.weekday() - weekday) % 7)
    day = weekday_on_or_after(first, weekday) + relativedelta(weeks=nth - 1)
    return day if day.month == first.month else None


def offset_from_day(match: re.Match[str], today: date) -> date | None:
    """'a week from monday', 'two days from tomorrow', 'a week from today'."""
    base = match.group(3).lower()
    start: date | None = today
    if base == "tomorrow":
        start = today + timedelta(days=1)
    elif base not in ("now", "today"):
        start = parse_date(base, today)
    if start is None:
        return None
    days = number(match.group(1)) * (7 if match.group(2).lower() == "week" else 1)
    return start + timedelta(days=days)


def relative_month_day(text: str, today: date) -> date | None:
    """'the 3rd of next month' -> that day of next (or this) month."""
    if not (m := _RELATIVE_MONTH.search(text)):
        return None
    first = today.replace(day=1) + relativedelta(months=1 if m.group(2).lower() == "next" else 0)
    try:
        return first.replace(day=int(m.group(1)))
    except ValueError:
        return None


def month_only(text: str, today: date) -> date | None:
    """'by june' -> 30 June (this year, or next year if June is past)."""
    if not (m := _MONTH_ONLY.search(text)):
        return None
    month = MONTHS[m.group(1)[:3].lower()]
    year = today.year if month >= today.month else today.year + 1
    return date(year, month, 1) + relativedelta(day=31)


def _dateparser(text: str, today: date) -> date | None:
    import dateparser  # noqa: PLC0415 - loaded on first use: its language data take a second

    found: datetime | None = dateparser.parse(
        text,
        languages=["en"],
        settings={
            "PREFER_DATES_FROM": "future",
            "RELATIVE_BASE": datetime.combine(today, datetime.min.time()),
            "STRICT_PARSING": False,
            "REQUIRE_PARTS": ["day", "month"],
        },
    )
    if not found or found.year > today.year + 10:  # "3/15/25" read "from the future" as 2125: a past year
        return None
    return found.date()


def any_date(text: str, today: date) -> date | None:
    """The date a phrase names: the relative-month rule, the rules, the month-only rule, then dateparser."""
    return (
        relative_month_day(text, today)
        or parse_date(text, today)
        or month_only(text, today)
        or (_dateparser(text, today) if re.search(r"\d", text) else None)
        or next(filter(None, (_dateparser(span, today) for span in _DATE_SPAN.findall(text))), None)
    )


# A date written in digits inside a longer phrase ("review due 12/10", "until 2026-12-18", "by 12.10.2026");
# day.month with dots only with a year, so a decimal ("2.5 hours") is never a date.
_DATE_SPAN = re.compile(
    r"(?<![\d/.-])(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}(?:/\d{2,4})?|\d{1,2}\.\d{1,2}\.\d{2,4})(?![\d/.-])"
)


# The words of a when said alone: "the 11th", "june 11", "friday at 5pm", "tmrw morning instead".
_WHEN_ONLY_WORDS = re.compile(
    rf"\b(?:{MONTH}|{WD}\w*|today|tonight|tomorrow|tmrw|tmr|next|this|week|weekend|month|morning|afternoon|evening|"
    r"night|noon|midnight|the|on|at|by|from|to|until|till|in|of|instead|then|actually|ok|okay|pls|please|no|wait|"
    r"sorry|oops|oh|um|uh|am|pm|o'?clock|\d{1,2}(?:st|nd|rd|th)|\d{1,2}(?::\d{2})?(?:am|pm)?)\b",
    re.I,
)


def only_when(text: str) -> bool:
    """Whether the text has no word but those of dates and times ("next week", "the 11th to the 17th")."""
    return not re.search(r"[a-z]", _WHEN_ONLY_WORDS.sub(" ", text), re.I)


def said_only_when(text: str) -> bool:
    """Whether the message says a date or time and nothing else: no item, no request, nothing to do at it."""
    return bool(re.search(r"\d", text)) and only_when(text)
