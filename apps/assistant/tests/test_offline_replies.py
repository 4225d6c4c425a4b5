"""What the offline provider says when a message calls no tool: greetings, quotes only when asked, help."""

from __future__ import annotations

import pytest

from apps.assistant.offline.grounded import NOTHING_FOUND
from apps.assistant.offline.replies import GREETING, is_greeting
from apps.assistant.providers.base import Message, Passage
from apps.assistant.providers.offline import HELP, OfflineProvider

NOTE = Passage(
    type="note", id="1", title="Krebs cycle", text="The Krebs cycle oxidises acetyl-CoA in the matrix.", similarity=0.18
)


def answer(text: str, *passages: Passage) -> str:
    return OfflineProvider._answer([Message(role="system", content="", passages=passages)], text)


@pytest.mark.parametrize("text", ["hi", "Hello there!", "hey hey 👋", "good evening maigie", "yo"])
def test_a_greeting_is_greeted_back_not_answered_with_quotes(text):
    assert is_greeting(text)
    assert answer(text, NOTE) == f"{GREETING} {HELP}"


@pytest.mark.parametrize("text", ["hi, add a goal", "hiking tips", "hello world program in python", "heyday of rome"])
def test_a_message_that_says_more_than_hello_is_not_a_greeting(text):
    assert not is_greeting(text)


@pytest.mark.parametrize(
    "text",
    [
        "where does the krebs cycle happen?",
        "whats the krebs cycle",
        "please explain the krebs cycle",
        "help me understand acetyl-CoA",
        "so what is the matrix in the krebs cycle",
        "the krebs cycle is confusing, explain it",
        "krebs cycle",
    ],
)
def test_a_study_question_sharing_a_word_with_a_passage_gets_its_quote(text):
    assert answer(text, NOTE).startswith("From your material: “The Krebs cycle"), text


def test_a_paraphrase_close_in_meaning_is_quoted_and_a_chance_match_is_not():
    close = Passage(**{**NOTE.__dict__, "similarity": 0.25})
    assert answer("how do cells burn fuel in mitochondria?", close).startswith("From your material")
    assert answer("what's a good name for a cat?", NOTE) == NOTHING_FOUND


@pytest.mark.parametrize("text", ["how are you today?", "rename the course Bob secret course to Mine", "i'm so tired"])
def test_small_talk_and_requests_not_understood_get_help_not_quotes(text):
    assert answer(text, Passage(**{**NOTE.__dict__, "similarity": 0.9})) == HELP


def test_a_sentence_found_in_two_passages_is_quoted_once_with_both_sources():
    copy = Passage(**{**NOTE.__dict__, "id": "2", "title": "Krebs cycle (copy)"})

    reply = answer("where does the krebs cycle happen?", NOTE, copy)

    assert reply == (
        "From your material: “The Krebs cycle oxidises acetyl-CoA in the matrix.” "
        "[1] (Krebs cycle) [2] (Krebs cycle (copy))"
    )
