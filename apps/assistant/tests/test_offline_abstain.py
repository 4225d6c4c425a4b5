"""Abstention of the offline understanding: statements, questions and chit-chat write nothing; requests act."""

from __future__ import annotations

from typing import Any

import pytest

from apps.assistant.offline.abstain import READ_ONLY, form
from apps.assistant.tests.offline_learner import say


@pytest.mark.parametrize(
    "text",
    [
        "I stopped worrying about exams",
        "my streak of bad luck lol",
        "love this course",
        "i love studying with you",
        "that lecture on backprop was so confusing",
        "what is backpropagation",
        "how does gradient descent work",
        "is the normal distribution the same as gaussian?",
        "my friend started a new course in french lol",
        "i deleted instagram to focus more",
        "i set a goal for myself to sleep more, not sure it'll work",
        "i keep forgetting the krebs cycle steps",
        "study group got moved to thursday apparently",
        "honestly the review sessions at uni are useless",
        "i should really start studying",
        "ngl i have to cancel my gym membership lol, no time for anything",
        "cant make it to the gym tonight",
    ],
)
def test_a_statement_or_question_with_action_words_writes_nothing(text: str):
    found = say(text)

    assert [call.name for call in found.calls if call.name not in READ_ONLY] == [], text


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ("add a module to orgo", "request"),
        ("can u move spanish to friday", "request"),
        ("fyi i work weekends", "request"),
        ("i didn't finish reviewing amino acids, unmark that", "request"),
        ("what's the capital of france", "question"),
        ("is bayes hard?", "question"),
        ("my prof cancelled class", "other"),
        ("i moved to a new flat", "other"),
        ("the exam got pushed back", "other"),
        ("finished backprop", "statement"),
        ("i finished backprop", "statement"),
        ("orgo tmrw 3pm", "statement"),
    ],
)
def test_the_form_of_a_clause(text: str, shape: str):
    assert form(text) == shape


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i'm done with backprop", {"name": "complete_topic", "arguments": {"topic": "Backpropagation"}}),
        ("let's review my cards", {"name": "start_review", "arguments": {}}),
        ("quiz me on bayes", {"name": "quiz_me", "arguments": {"topic": "Bayes Theorem"}}),
        ("how's my streak", {"name": "get_streak", "arguments": {}}),
        ("any flashcards due?", {"name": "list_due_cards", "arguments": {}}),
        ("what do i need to do today", {"name": "get_today", "arguments": {}}),
        (
            "make 15 flashcards from my krebs cycle note",
            {"name": "make_flashcards", "arguments": {"note": "Krebs cycle", "max_cards": 15}},
        ),
        ("kill the ML reading block", {"name": "cancel_schedule_block", "arguments": {"block": "ML reading"}}),
        (
            "plz remember i study best at night",
            {"name": "remember_fact", "arguments": {"fact": "i study best at night"}},
        ),
    ],
)
def test_a_request_gets_its_call(text: str, expected: dict[str, Any]):
    assert [call.as_dict() for call in say(text).calls] == [expected]


def test_a_write_whose_target_names_nothing_asks_instead():
    found = say("move my block to 5pm")

    assert found.calls == []
    assert found.question.startswith("Which block do you mean? Yours are: “Spanish practice”")
