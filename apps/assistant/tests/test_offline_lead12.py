"""The lead's session 12 fixes, found on measure11's first run, each on phrasings in no labelled set."""

from __future__ import annotations

import pytest

from apps.assistant.tests.offline_learner import say


@pytest.mark.parametrize(
    "message",
    ["drop the reactions topic from my orgo course pls", "get rid of the reactions topic in orgo"],
)
def test_a_removal_that_says_its_kind_asks_which_item_instead_of_acting_on_another_kind(message):
    """Two topics fit "reactions"; the block "Orgo review" shares a word with the course but is no topic."""
    found = say(message)

    assert found.calls == []
    assert "Elimination Reactions" in found.question
    assert "SN1 and SN2 Reactions" in found.question


def test_a_removal_that_names_one_topic_still_removes_it():
    found = say("get rid of the enantiomers topic in orgo")

    assert [(call.name, call.arguments["topic"]) for call in found.calls] == [("remove_topic", "Enantiomers")]


@pytest.mark.parametrize(
    "message",
    [
        "i have two finals next week, pray for me",
        "we've got a lab on thursday",
        "I have got so much reading this weekend",
        "good night, talk soon",
        "nite nite",
        "bye bye",
        "ttyl",
    ],
)
def test_what_the_learner_has_ahead_and_farewells_write_nothing(message):
    assert say(message).calls == []


def test_a_request_after_a_farewell_is_still_a_request():
    found = say("ok bye, move orgo review to 7pm tomorrow")

    assert [call.name for call in found.calls] == ["move_schedule_block"]


def test_having_to_do_something_is_not_a_statement_of_what_one_has():
    found = say("i have to finish the MCAT practice test by friday")

    assert [call.name for call in found.calls] == ["date_goal_task"]


@pytest.mark.parametrize(
    ("message", "tool"),
    [
        ("i have a lab report due friday, could you show me friday's schedule", "list_schedule"),
        ("we've got a group meeting later, can you start a timer for linear algebra", "start_study_session"),
    ],
)
def test_a_request_after_what_the_learner_has_ahead_is_still_a_request(message, tool):
    assert [call.name for call in say(message).calls] == [tool]
