"""Dates the rules in ``dates.py`` do not read, and a kept parser (dateparser) for the rest.

- ordinal days of a relative month: "the 3rd of next month", "the 10th of next month";
- month-only deadlines: "by june", "to august" -> the last day of that month (the next one on or after today);
- anything else dateparser reads ("march 20th", "15 april"), preferring the future, with no network.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from dateutil.relativedelta import relativedelta

from .dates import MONTHS, parse_date

_RELATIVE_MONTH = re.compile(r"\b(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(next|this)\s+month\b", re.I)
_MONTH_ONLY = re.compile(
    r"\b(?:by|to|in|until|till|before|for|end\s+of)\s+(?:the\s+end\s+of\s+)?"
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b(?!\s*\d)",
    re.I,
)


_DEADLINE_MONTH = re.compile(
    r"\b(by|to|until|till|before|end\s+of)\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b(?!\s*\d)",
    re.I,
)


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

    return _DEADLINE_MONTH.sub(deadline, _RELATIVE_MONTH.sub(ordinal, text))


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

    found = dateparser.parse(
        text,
        languages=["en"],
        settings={
            "PREFER_DATES_FROM": "future",
            "RELATIVE_BASE": datetime.combine(today, datetime.min.time()),
            "STRICT_PARSING": False,
            "REQUIRE_PARTS": ["day", "month"],
        },
    )
    return found.date() if found else None


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
