"""Session 17, third round: general mechanisms from measure21's failures."""

from __future__ import annotations

from apps.assistant.tests.offline_learner import say


def test_a_generic_word_is_never_a_course_title():
    assert say("make a new course").calls == []
    assert say("i want a new course").calls == []
    assert say("make a new course on Topology").calls[0].arguments["title"] == "Topology"
    assert say("make a course called New Media").calls[0].arguments["title"] == "New Media"
