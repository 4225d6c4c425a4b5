"""Dates no calendar has ("february 30", "31 april", "29 feb 2027", "31/02/2027"): asked about, never moved.

Without this a date the parser cannot build is skipped, and the request lands on today.
"""

from __future__ import annotations

import calendar
import re

from .dates import DAY_MONTH_RE, MONTH_DAY_RE, MONTHS

LEAP_YEAR = 2028
QUESTION = "That date isn't on the calendar. Which day did you mean?"
_UNIT_AFTER = re.compile(r"\s*(?:min|mins|minutes?|h|hrs?|hours?|pages?|cards?|times?|%)\b", re.I)
_NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?![\d/.-])")
_ISO = re.compile(r"(?<![\d-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d-])")


def _exists(year: int | None, month: int, day: int) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    return day <= calendar.monthrange(year or LEAP_YEAR, month)[1]  # no year: february 29 may be meant


def names_impossible_date(text: str) -> bool:
    """Whether ``text`` names a day its month (in that year, when given) does not have."""
    for pattern in (MONTH_DAY_RE, DAY_MONTH_RE):
        for match in pattern.finditer(text):
            if _UNIT_AFTER.match(text, match.end()):
                continue  # "may 45 minutes": a verb and a duration
            year = int(match["year"]) if match["year"] else None
            if not _exists(year, MONTHS[match["month"][:3].lower()], int(match["day"])):
                return True
    for first, second, year in _NUMERIC.findall(text):
        day_month = _exists(int(year), int(second), int(first))
        month_day = _exists(int(year), int(first), int(second))
        if not (day_month or month_day):
            return True
    return any(not _exists(int(year), int(month), int(day)) for year, month, day in _ISO.findall(text))
