"""Session 15: loose times ask, replies that correct or repeat the previous request, note and search phrasings."""

from __future__ import annotations

import pytest

from apps.assistant.offline.corrections import listed_names
from apps.assistant.offline.vague import vague_time

from .offline_learner import say


@pytest.mark.parametrize(
    "text",
    [
        "can you put orgo after lunch on friday",
        "book chem sometime tomorrow",
        "schedule orgo on saturday in the afternoon",
        "study spanish before dinner on monday",
    ],
)
def test_a_loose_time_with_no_clock_asks_when(text: str):
    found = say(text)
    assert not found.calls
    assert found.question


@pytest.mark.parametrize(
    "text", ["schedule orgo tomorrow afternoon", "put a history session friday, 7ish in the evening"]
)
def test_a_part_of_the_day_by_convention_or_a_said_hour_is_no_loose_time(text: str):
    assert not vague_time(text)


@pytest.mark.parametrize("text", ["make it weekly", "move it to 6", "change it to friday"])
def test_a_change_of_it_with_nothing_before_asks_what(text: str):
    found = say(text)
    assert not found.calls
    assert found.question


def test_a_correction_moves_the_block_just_created():
    (call,) = say("actually make it 90 min", previous="schedule stats revision tomorrow at 3pm").calls
    assert call.as_dict() == {
        "name": "move_schedule_block",
        "arguments": {"block": "Stats revision", "duration_minutes": 90},
    }


def test_a_new_clock_keeps_the_half_of_the_day_it_replaces():
    (call,) = say("hmm actually 7:30 is better", previous="move my spanish practice on friday to 8pm").calls
    assert call.name == "move_schedule_block"
    assert call.arguments["start"].endswith("T19:30")


def test_a_correction_of_a_card_count():
    (call,) = say("actually just 20 of them", previous="make flashcards from lecture 6 notes").calls
    assert call.arguments == {"note": "Lecture 6 notes", "max_cards": 20}


def test_a_schedule_question_asked_again_for_another_day():
    (call,) = say("and tuesday?", previous="what do i have on monday").calls
    assert call.as_dict() == {"name": "list_schedule", "arguments": {"start": "2026-03-10", "end": "2026-03-10"}}


def test_same_for_a_list_repeats_the_request_per_item():
    calls = say("same for lecture 5 and 6", previous="tag my krebs cycle note with biochem").calls
    assert [c.arguments["note"] for c in calls] == ["Lecture 5 notes", "Lecture 6 notes"]
    assert all(c.name == "tag_note" and c.arguments["add"] == ["biochem"] for c in calls)


def test_a_reply_leaning_back_never_becomes_a_note():
    found = say("actually just a few of them", previous="make flashcards from lecture 6 notes")
    assert not any(call.name == "create_note" for call in found.calls)


def test_listed_names_share_the_first_ones_words():
    assert listed_names("lecture 5 and 6") == ["lecture 5", "lecture 6"]
    assert listed_names("lecture 5") == []


def test_where_did_i_write_searches_the_subject():
    (call,) = say("where did i write the krebs cycle stuff").calls
    assert call.as_dict() == {"name": "search_notes", "arguments": {"query": "krebs cycle"}}


def test_jot_this_down_for_a_course_with_a_title():
    (call,) = say("jot this down for lin alg, title Lecture 7 notes: eigenvectors make a basis").calls
    assert call.as_dict() == {
        "name": "create_note",
        "arguments": {"title": "Lecture 7 notes", "content": "eigenvectors make a basis", "course": "Linear Algebra"},
    }


# Review fixes: a reply shaped like a correction that hedges, retracts, weighs options, shifts the old value or
# asks more than a move can do is asked about; "7am" keeps its morning; a bare number after cards is asked about.
CREATED_BLOCK = "schedule stats revision tomorrow at 3pm"


@pytest.mark.parametrize(
    "reply",
    [
        "make it 90 min? nah keep it",
        "move it to 6 if my shift ends early",
        "maybe make it 90 min?",
        "hmm is it better at 7:30 or 8?",
        "would it be better at 7:30?",
        "make it 20 min longer",
        "make it 60 not 90 min",
        "make it weekly at 4pm",
        "move it to tuesday after lunch",
    ],
)
def test_review_unsure_corrections_ask(reply: str):
    understood = say(reply, previous=CREATED_BLOCK)
    assert understood.calls == []
    assert understood.question


def test_review_am_written_without_a_space_stays_morning():
    (call,) = say("actually 7am", previous=CREATED_BLOCK).calls
    assert call.arguments["start"].endswith("T07:00")


@pytest.mark.parametrize("reply", ["actually 7", "actually 0 of them"])
def test_review_bare_number_after_cards_asks(reply: str):
    understood = say(reply, previous="make flashcards from lecture 6 notes")
    assert understood.calls == []
    assert understood.question == "How many cards should I make?"
