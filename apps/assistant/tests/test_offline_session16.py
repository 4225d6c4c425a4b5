"""Session 16: free text kept verbatim, explicit field markers, multi-request messages, spurious calls, reads."""

from __future__ import annotations

import pytest

from .offline_learner import say


def _calls(text: str, previous: str = "") -> list[tuple[str, dict]]:
    return [(call.name, call.arguments) for call in say(text, previous).calls]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("add a topic 'Charles' Law' to orgo", "Charles' Law"),
        ('add a topic "Charles\' Law" to orgo', "Charles' Law"),
        ("rename the topic Gradient Descent to 'Newtons' Method and Descent'", "Newtons' Method and Descent"),
    ],
)
def test_an_apostrophe_inside_a_quoted_title_is_kept(text: str, title: str):
    (call,) = _calls(text)
    assert call[1]["title"] == title


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        ("B+ goal: add task 'meet w/ tutor', due fri", "title", "meet w/ tutor"),
        ("make a note called lab prep w/ partner saying bring goggles w/ me", "content", "bring goggles w/ me"),
        ("add a task to the mcat goal: read pages 10-20", "title", "read pages 10-20"),
    ],
)
def test_free_text_keeps_the_learners_words_not_the_normalised_ones(text: str, key: str, value: str):
    (call,) = _calls(text)
    assert call[1][key] == value


def test_a_goals_tasks_keep_their_ranges():
    (call,) = _calls("new goal: pass physics by june 1. tasks: ch 1-5, ch 6-9, mock exam")
    assert call[1]["tasks"] == ["ch 1-5", "ch 6-9", "mock exam"]
