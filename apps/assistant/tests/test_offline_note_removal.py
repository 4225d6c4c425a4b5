"""The offline assistant reads the removal of a note as `delete_note` (proposed), and asks which note when none of
the learner's is named; a removal of another kind of item "from my notes" is that item's."""

from __future__ import annotations

import json

import pytest

from apps.assistant.offline.items import Known
from apps.assistant.offline.understand import understand

from .offline_learner import DATA, NOW, say


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("delete the krebs cycle note", "Krebs cycle"),
        ("pls get rid of my lecture 6 notes", "Lecture 6 notes"),
        ("trash my spanish vocab note from week 3", "Spanish vocab week 3"),
        ("can u remove the sn1 vs sn2 cheat sheet note", "SN1 vs SN2 cheat sheet"),
    ],
)
def test_a_named_note_is_deleted(text, note):
    assert [call.as_dict() for call in say(text).calls] == [{"name": "delete_note", "arguments": {"note": note}}]


@pytest.mark.parametrize(
    "text",
    ["delete my world history exam notes", "remove my notes on thermodynamics", "remove my thermodynamics notes"],
)
def test_a_note_the_learner_does_not_have_is_asked_about_naming_theirs(text):
    found = say(text)
    assert found.calls == []
    assert found.question.startswith("Which note do you mean? Yours are: “Krebs cycle”")


def test_what_is_removed_from_the_notes_keeps_its_kind():
    assert [call.as_dict() for call in say("remove the cold war topic from my notes").calls] == [
        {"name": "remove_topic", "arguments": {"topic": "Cold War"}}
    ]


def test_a_cue_word_inside_an_items_name_cues_nothing():
    known = Known.from_dict(
        {**json.loads((DATA / "learner.json").read_text()), "notes": [{"title": "Kinematics recap"}]}
    )

    found = understand("delete the kinematics recap note", now=NOW, timezone="America/New_York", known=known)

    assert [call.as_dict() for call in found.calls] == [
        {"name": "delete_note", "arguments": {"note": "Kinematics recap"}}
    ]
