"""Offline, session 20: classes found by an outside-in smoke test (its messages are not these): a new name after a
title containing "to", modules listed with their topics in parentheses, tasks listed for a goal after a colon, a new
module's topics."""

from __future__ import annotations

from .offline_learner import say


def calls(text: str, previous: str = "") -> list[dict]:
    return [call.as_dict() for call in say(text, previous).calls]


def test_a_new_name_is_read_after_the_whole_title_that_contains_to():
    assert calls("pls rename intro to machine learning to Data Science 1") == [
        {"name": "update_course", "arguments": {"course": "Intro to Machine Learning", "title": "Data Science 1"}}
    ]
    assert calls("rename my course World History to Modern History") == [
        {"name": "update_course", "arguments": {"course": "World History", "title": "Modern History"}}
    ]


def test_modules_listed_with_their_topics_in_parentheses_keep_them():
    [call] = calls(
        "create a course called Cell Bio with modules Membranes (topics: lipids, transport),"
        " Organelles (mitochondria, ribosomes)"
    )
    assert call["arguments"]["modules"] == [
        {"title": "Membranes", "topics": [{"title": "lipids"}, {"title": "transport"}]},
        {"title": "Organelles", "topics": [{"title": "mitochondria"}, {"title": "ribosomes"}]},
    ]


def test_tasks_listed_after_a_colon_are_each_added_to_the_goal():
    expected = [
        {"name": "add_goal_task", "arguments": {"goal": "Read 12 books this year", "title": title}}
        for title in ("read Middlemarch", "finish Dune", "pick a sci-fi and fantasy pair")
    ]
    assert (
        calls("add tasks to my books goal: read Middlemarch, finish Dune and pick a sci-fi and fantasy pair")
        == expected
    )


def test_a_new_modules_topics_are_added_to_it():
    assert calls("add a module called Series to linear algebra with topics convergence tests and power series") == [
        {"name": "add_module", "arguments": {"course": "Linear Algebra", "title": "Series"}},
        {
            "name": "add_topic",
            "arguments": {"course": "Linear Algebra", "title": "convergence tests", "module": "Series"},
        },
        {"name": "add_topic", "arguments": {"course": "Linear Algebra", "title": "power series", "module": "Series"}},
    ]


def test_a_note_named_and_nothing_more_is_an_empty_note_of_that_name():
    assert calls("make a note called Thermo recap") == [{"name": "create_note", "arguments": {"title": "Thermo recap"}}]
    assert calls("pls make a note for orgo called 'Named reactions'") == [
        {"name": "create_note", "arguments": {"title": "Named reactions", "course": "Organic Chemistry"}}
    ]
    assert calls("write a note titled Lab 3 prep: bring goggles") == [
        {"name": "create_note", "arguments": {"title": "Lab 3 prep", "content": "bring goggles"}}
    ]


def test_a_tasks_date_named_by_its_goal_is_its_one_task_or_asks_which_never_redates_the_goal():
    # the books goal has one task: "the books task" is it (session 22: "for" before it is no destination)
    assert calls("change the due date for the books task to saturday") == [
        {"name": "date_goal_task", "arguments": {"task": "Read Dune", "due_date": "2026-03-07"}}
    ]
    found = say("change the due date for the mcat task to saturday")
    assert found.calls == []
    assert found.question.startswith("Which task do you mean")
    assert calls("set the deadline of the redo problem set 3 task to monday") == [
        {"name": "date_goal_task", "arguments": {"task": "Redo problem set 3", "due_date": "2026-03-09"}}
    ]
