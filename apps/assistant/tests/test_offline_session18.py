"""Session 18: general mechanisms from measure20's failures (chatter in free text, spurious calls, goal steps,
missing phrasings, dates and blocks)."""

from __future__ import annotations

from typing import Any

from .offline_learner import say


def _calls(text: str, previous: str = "") -> list[tuple[str, dict[str, Any]]]:
    return [(call.name, call.arguments) for call in say(text, previous).calls]


def _one(text: str, previous: str = "") -> tuple[str, dict[str, Any]]:
    (call,) = _calls(text, previous)
    return call


def test_a_request_tail_is_no_part_of_a_block_title():
    name, args = _one("chem lab prep friday 2-4 put it in pls")
    assert (name, args["title"].casefold()) == ("create_schedule_block", "chem lab prep")


def test_the_kind_said_before_a_task_is_no_part_of_its_title():
    name, args = _one("add a new task review glycolysis to the mcat goal")
    assert (name, args["title"]) == ("add_goal_task", "review glycolysis")


def test_why_a_fact_no_longer_holds_is_not_forgotten_with_it():
    assert _one("forget that i live on campus, i moved out haha") == ("forget_fact", {"fact": "i live on campus"})


def test_what_a_fact_asks_of_the_assistant_stays_in_it():
    name, args = _one("remember i'm dyslexic, so keep explanations short")
    assert (name, args["fact"]) == ("remember_fact", "i'm dyslexic, so keep explanations short")


def test_with_after_a_quoted_note_title_leads_its_content():
    name, args = _one("make a note 'enzyme kinetics' with vmax, km, lineweaver-burk")
    assert (name, args["title"], args["content"]) == (
        "create_note",
        "enzyme kinetics",
        "vmax, km, lineweaver-burk",
    )
