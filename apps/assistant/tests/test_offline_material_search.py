"""Offline: a message that searches the learner's uploads, or asks what they say, is one search_materials call."""

import pytest

from apps.assistant.offline.material_search import material_search
from apps.assistant.tests.offline_learner import say


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("search my slides for the calvin cycle", "calvin cycle"),
        ("what do my lecture slides say about SN2 reactions", "SN2 reactions"),
        ("find eigenvalues in my uploaded pdfs", "eigenvalues"),
        ("does my stats textbook mention p-values?", "p-values"),
        ("where in my pdfs is the bohr model", "bohr model"),
        ("what did the lecture recording say about supply shocks", "supply shocks"),
        ("find stuff about opportunity cost in my handouts", "opportunity cost"),
    ],
)
def test_a_search_of_the_uploads_is_one_call_with_the_subject(text, query):
    assert [(call.name, call.arguments) for call in say(text).calls] == [("search_materials", {"query": query})]


@pytest.mark.parametrize(
    "text",
    [
        "what do my notes say about krebs",  # notes are not material
        "search my notes for enzymes",
        "make flashcards from my slides on mitosis",  # makes something from it
        "upload my slides",
        "find the week 3 handout",  # names no subject
        "I want to go through the ML lecture videos every morning at 7 starting monday",  # plans study
        "what's on today",
        "add a task to the mcat goal: check the readings for chapter 5",  # a write that mentions the material
        "add a note: search the textbook for enzyme kinetics",
        "remind me to check my slides for typos",
        "what do my slides say about enzymes? also add a task to mcat goal: review enzymes",
    ],
)
def test_other_messages_about_notes_plans_or_no_subject_are_no_material_search(text):
    assert material_search(text) == []
