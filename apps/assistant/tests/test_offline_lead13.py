"""The lead's session 13 fixes, found on measure13's first run (two writes), each on phrasings in no labelled set."""

from __future__ import annotations

import pytest

from apps.assistant.tests.offline_learner import say


@pytest.mark.parametrize(
    "message",
    [
        "Sorry my English is not so good, I am from Chile and I work here since June.",  # made a goal before
        "sorry my spelling is bad, im from korea and i study in toronto since september",
        "apologies, my english isn't great. I am an exchange student",
        "i'm from lagos and i work part time since january",
        "I am a second year nursing student, i work nights",
        "my bad for the late reply, was at work",
    ],
)
def test_an_apology_or_who_the_learner_is_writes_nothing(message):
    assert say(message).calls == []


@pytest.mark.parametrize(
    ("message", "name"),
    [
        ("sorry, push my spanish practice to 7pm", "move_schedule_block"),
        ("sry to bother, could you tick off enantiomers", "complete_topic"),
        ("i'm from brazil, please set a goal to pass the toefl by june", "create_goal"),
    ],
)
def test_a_request_after_an_apology_is_still_done(message, name):
    assert [call.name for call in say(message).calls] == [name]


@pytest.mark.parametrize("previous", ["show me this week", "anything on next week?", "whats my week look like"])
@pytest.mark.parametrize("reply", ["cancel it", "push it to 8pm"])
def test_it_after_a_listing_that_named_no_item_asks_which(previous, reply):
    """ "week" is a word of the note "Spanish vocab week 3", but the listing named no item: "it" is unclear."""
    found = say(reply, previous=previous)

    assert found.calls == []
    assert "Spanish practice" in found.question
    assert "Orgo review" in found.question


def test_it_after_a_message_that_named_a_block_is_that_block():
    found = say("cancel it", previous="is orgo review still on for tomorrow?")

    assert [(call.name, call.arguments["block"]) for call in found.calls] == [("cancel_schedule_block", "Orgo review")]
