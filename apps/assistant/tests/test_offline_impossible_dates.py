"""A date no calendar has is asked about, and nothing is done (it used to land on today)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from apps.assistant.offline.impossible_dates import QUESTION, names_impossible_date
from apps.assistant.offline.understand import understand

NOW = datetime(2027, 1, 12, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "text",
    [
        "book a revision slot on february 30 at 10am",
        "pottery practice the 31st of april at 6pm",
        "deadline for the essay: june 31",
        "put the seminar on feb 29 2027 at 9",
        "make the lab report goal due 31/02/2027",
        "target 2027-09-31 for the thesis draft",
        "move violin to sept 0",
    ],
)
def test_a_day_its_month_does_not_have_gets_a_question_and_no_call(text):
    assert names_impossible_date(text)
    found = understand(text, now=NOW, timezone="Europe/Berlin")
    assert (found.question, found.calls) == (QUESTION, [])


@pytest.mark.parametrize(
    "text",
    [
        "study on february 28 at 10am",
        "leap day plan: feb 29 2028",
        "the 30th of april works",
        "12/31/2027 is the cutoff",
        "31/12/2027 is the cutoff",
        "i may 45 minutes of reading tonight",
        "read chapter 31 today",
    ],
)
def test_real_dates_and_other_numbers_are_not_questioned(text):
    assert not names_impossible_date(text)
