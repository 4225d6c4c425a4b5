"""The lead's session 16 date and reminder readers, each on phrasings in no labelled set."""

from __future__ import annotations

from datetime import date

import pytest

from apps.assistant.offline.calls import ToolCall
from apps.assistant.offline.dates import parse_reminder
from apps.assistant.offline.spoken import spoken
from apps.assistant.offline.verbatim import TRIES as VERBATIM_TRIES
from apps.assistant.offline.verbatim import verbatim
from apps.assistant.offline.when import absolute_dates
from apps.assistant.tests.offline_learner import say

WEDNESDAY = date(2027, 10, 13)


@pytest.mark.parametrize(
    ("phrase", "written"),
    [
        ("on the last friday of the month, 1pm", "on October 29, 1pm"),
        ("the first monday of next month", "November 1"),
        ("the 2nd tuesday in march", "March 14"),  # March is past: next year's
        ("the last day of the month", "October 31"),
        ("last day of august", "August 31"),
        ("a week from monday at 1 pm", "October 25 at 1 pm"),
        ("two days from tomorrow", "October 16"),
        ("a week from today", "October 20"),
        ("the 5th friday of next month", "the 5th friday of next month"),  # November 2027 has four: left alone
    ],
)
def test_days_counted_within_a_month_or_from_a_day_are_written_as_dates(phrase, written):
    assert absolute_dates(phrase, WEDNESDAY) == written


def test_the_last_weekday_of_the_month_already_past_is_next_months():
    assert absolute_dates("the last monday of the month", date(2027, 10, 30)) == "November 29"


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("text me 20 minutes before", 20),
        ("ping me 5 min before", 5),
        ("notify me half an hour in advance", 30),
        ("give me a heads up an hour beforehand", 60),
        ("with a heads-up 2h before", 120),
        ("remind me", 15),
    ],
)
def test_any_way_of_asking_to_be_told_ahead_is_a_reminder(text, minutes):
    assert parse_reminder(text) == minutes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("from the eleventh to the fourteenth", "from the 11th to the 14th"),
        ("between the fifth and the twenty-second", "between the 5th and the 22nd"),
        ("on the thirtieth.", "on the 30th."),
        ("add a topic to the first module", "add a topic to the first module"),
        ("the second law of thermodynamics", "the second law of thermodynamics"),
    ],
)
def test_an_ordinal_word_between_date_words_is_a_day_of_the_month(text, expected):
    assert spoken(text) == expected


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            "could u book 'mock exam' on the last thursday of the month from 2 to 4pm",
            ToolCall(
                "create_schedule_block", {"title": "mock exam", "start": "2026-03-26T14:00", "duration_minutes": 120}
            ),
        ),
        (
            "set a goal to finish my thesis draft by the last day of april",
            ToolCall("create_goal", {"title": "Finish my thesis draft", "target_date": "2026-04-30"}),
        ),
        (
            "a week from friday at 10am, 45 min of flashcard drills",
            ToolCall(
                "create_schedule_block",
                {"title": "Flashcard drills", "start": "2026-03-13T10:00", "duration_minutes": 45},
            ),
        ),
        (
            "anything on my calendar between the eleventh and the fourteenth?",
            ToolCall("list_schedule", {"start": "2026-03-11", "end": "2026-03-14"}),
        ),
        (
            "block out 6-7pm thursday for orgo problems, text me 20 minutes before",
            ToolCall(
                "create_schedule_block",
                {
                    "title": "Orgo problems",
                    "start": "2026-03-05T18:00",
                    "duration_minutes": 60,
                    "reminder_minutes": 20,
                    "course": "Organic Chemistry",
                },
            ),
        ),
    ],
)
def test_the_readers_in_a_whole_message(message, expected):
    assert say(message).calls == [expected]


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("with a notification two days before", 2 * 24 * 60),
        ("send me an alert a week in advance", 7 * 24 * 60),
        ("buzz me the evening before", 24 * 60),
        ("a heads-up the day before please", 24 * 60),
    ],
)
def test_a_reminder_days_or_a_week_ahead(text, minutes):
    assert parse_reminder(text) == minutes


def test_mapping_free_text_back_costs_one_normalisation_per_word_and_a_few_per_value():
    """Session 16's review: each task of a long goal normalised every word again (120 tasks, 2,345 characters: 23 s)."""
    tasks = [f"ch {n}-{n + 4} w/ notes" for n in range(120)]
    message = "new goal: finish orgo. tasks: " + ", ".join(tasks)
    normalised_tasks = [task.replace("w/", "with").replace("-", " to ") for task in tasks]
    seen: list[str] = []

    def normalise(span: str) -> str:
        seen.append(span)
        return span.replace("w/", "with").replace("-", " to ")

    (call,) = verbatim([ToolCall("create_goal", {"tasks": normalised_tasks})], message, normalise)

    assert call.arguments["tasks"] == tasks  # the learner's own words
    assert len(seen) <= len(message.split()) * 2 + len(tasks) * VERBATIM_TRIES
