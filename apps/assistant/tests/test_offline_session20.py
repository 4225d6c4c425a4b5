"""Offline, session 20: general mechanisms read from the failures of measure25 and measure26."""

import pytest

from apps.assistant.tests.offline_learner import say


def calls(text: str, previous: str = "") -> list[tuple[str, dict]]:
    """The calls understood of ``text``, as (name, arguments) pairs."""
    return [(call.name, call.arguments) for call in say(text, previous).calls]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "delete the stereochemistry basics module from orgo, the professor dropped it",
            [("remove_module", {"module": "Stereochemistry Basics", "course": "Organic Chemistry"})],
        ),
        (
            "take gradient descent out of the ML course, we already did it last term",
            [("remove_topic", {"topic": "Gradient Descent", "course": "Intro to Machine Learning"})],
        ),
        (
            "add a Spectroscopy module to orgo, our class starts it in may",
            [("add_module", {"course": "Organic Chemistry", "title": "Spectroscopy"})],
        ),
    ],
)
def test_a_remark_of_what_others_do_with_the_item_is_no_part_of_the_request(text, expected):
    assert calls(text) == expected


def test_a_remark_after_an_unresolved_removal_still_asks_which():
    understood = say("take the third topic out of the course, they're not teaching it")
    assert understood.calls == []
    assert understood.question.startswith("Which topic do you mean?")
