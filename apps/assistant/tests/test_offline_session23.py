"""Offline, session 23: messages that wrote though they asked for nothing (a verdict after a heading, a day's
event told, a past told with an irregular verb, "forget it" with no fact), each said here in other words than the
reviewer's."""

import pytest

from apps.assistant.tests.offline_learner import say


def calls(text: str, previous: str = "") -> list[tuple[str, dict]]:
    """The calls understood of ``text``, as (name, arguments) pairs."""
    return [(call.name, call.arguments) for call in say(text, previous).calls]


@pytest.mark.parametrize(
    "text",
    [
        "linear algebra: honestly the worst",
        "organic chem: killing me",
        "spanish module: love it",
        "stats notes: i kinda hate them",
    ],
)
def test_a_verdict_after_a_heading_makes_nothing(text):
    assert calls(text) == []


def test_a_heading_with_content_still_adds():
    assert calls("note: the worst case of quicksort is n^2")[0][0] == "create_note"


@pytest.mark.parametrize(
    "text",
    [
        "the lab begins at 2 tomorrow",
        "my seminar finishes at 5 on friday",
        "i woke up at 11 today lol",
        "i slept till 9 yesterday",
    ],
)
def test_a_days_event_told_or_a_past_makes_no_block(text):
    assert calls(text) == []


def test_a_bare_time_and_subject_is_still_a_block():
    assert calls("chem lab prep at 6 tomorrow")[0][0] == "create_schedule_block"


def test_i_gave_up_on_a_goal_still_abandons_it():
    assert calls("i gave up on the mcat goal") == [("update_goal", {"goal": "Pass the MCAT", "status": "ABANDONED"})]


@pytest.mark.parametrize("text", ["forget it", "nah forget that, nvm", "forget about it lol"])
def test_forget_it_with_nothing_remembered_before_forgets_nothing(text):
    assert calls(text) == []


def test_forget_it_after_a_remembered_fact_forgets_that_fact():
    assert calls("actually forget it", "remember that i work weekends") == [
        ("forget_fact", {"fact": "i work weekends"})
    ]
