"""A block asked for in any words: a day and a span of clock time said together ask for a study block.

"in 2 weeks i want a big review day for stats, 9am to 1pm", "I would like to reserve the afternoon of the 22nd,
from 13:00 until 17:00, for ...", "X exam prep on the 3rd of next month at 10am, 3 hours": however the request is
worded (a wish, a formal request, a bare subject), a day and a clock range (or a clock and a length) place
something on the calendar. A note, a fact to remember or a question about the schedule says so in its own words.
"""

from __future__ import annotations

import re
from datetime import date

from .abstain import form
from .dates import parse_date, parse_duration, parse_range, parse_recurrence, parse_time
from .family import ACTS_ON_EXISTING
from .when import relative_month_day

# Words that make a timed clause something else than a new block: a note, a fact, a reminder, a question.
_OTHER_KIND = re.compile(
    r"\b(?:notes?|jot|write\s+down|remember|memori[sz]e|fact|remind(?:er)?|goal|deadline|due|exam\s+is|"
    r"what|when|which|do\s+i\s+have|am\s+i\s+free|conflicts?|overlap)\b",
    re.I,
)


# New items that never take a clock time: one read from a timed clause is a block misread.
UNTIMED_CREATES = frozenset({"create_note", "create_course", "add_module", "add_topic"})


# A clause led by a verb of placing time on the calendar: "book me some time for X", "block out friday for X".
_PLACES_TIME = re.compile(
    r"^\W*(?:(?:please|pls|can\s+you|could\s+you)\s+)?(?:book|schedule|block\s+(?:out|off)|reserve|set\s+aside|"
    r"pencil\s+in|carve\s+out)\b(?:\s+(?:me|us))?\s+(?:some\s+|a\s+(?:bit\s+of\s+)?)?(?:time|slot|block|session)\b",
    re.I,
)


def places_time(clause: str) -> bool:
    """Whether the clause asks for time on the calendar by its verb: a block, never a note (asked when, if unsaid)."""
    return bool(_PLACES_TIME.search(clause))


def _says_a_span(clause: str) -> bool:
    """A clock range ("3 to 5pm", "from 13:00 until 17:00"), or a clock and a length ("at 10am, 3 hours")."""
    return parse_range(clause) is not None or (parse_time(clause) is not None and parse_duration(clause) is not None)


def _placed_on_a_day(clause: str, today: date) -> bool:
    """A day to come ("friday", "the 3rd of next month") or days that recur ("every weekday")."""
    day = relative_month_day(clause, today) or parse_date(clause, today)
    if day is not None:
        return day >= today  # "i should have studied yesterday, 3 to 5pm" asks for nothing
    return parse_recurrence(clause, today) is not None


def asks_for_a_block(clause: str, *, today: date) -> bool:
    """Whether the clause asks for a new block: a day (or recurring days) and a span of clock time, in a request,
    wish or statement."""
    return (
        _says_a_span(clause)
        and _placed_on_a_day(clause, today)
        and not _OTHER_KIND.search(clause)
        and not ACTS_ON_EXISTING.search(clause)
        and form(clause) != "other"
    )
