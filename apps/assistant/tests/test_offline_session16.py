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
