"""Offline, session 33 (outline): a level said after a course title holding a level word, the one task left as "it",
"a new one" of the kind just named, modules and topics added without "add module", a course's outline said inline,
exams added and renamed, a remark after a new name, a goal's date said as "the goal date", goal tasks ticked and
unticked; each said in other words than the rows they were found on."""

from apps.assistant.tests.offline_learner import calls, say


def test_the_level_said_after_to_wins_over_the_level_in_the_title():
    assert calls("move spanish for beginners up to advanced please") == [
        ("update_course", {"course": "Spanish for Beginners", "difficulty": "ADVANCED"})
    ]
    assert calls("make spanish for beginners intermediate") == [
        ("update_course", {"course": "Spanish for Beginners", "difficulty": "INTERMEDIATE"})
    ]


def test_the_one_task_left_is_it_after_its_goal_was_asked_about():
    previous = "what's left on my linear algebra goal?"
    assert calls("make it due next monday", previous=previous) == [
        ("date_goal_task", {"task": "Redo problem set 3", "due_date": "2026-03-09"})
    ]


def test_it_among_several_tasks_left_asks_which():
    said = say("give it a due date of the 20th", previous="what's left for the mcat goal")
    assert said.calls == []
    assert "Finish practice test 1" in said.question


def test_a_new_one_is_of_the_kind_named_before():
    assert calls("delete the lecture 5 notes note and write a new one called Lecture 5 redo") == [
        ("delete_note", {"note": "Lecture 5 notes"}),
        ("create_note", {"title": "Lecture 5 redo"}),
    ]
    assert calls("archive the world history course and start a new one called Art History") == [
        ("archive_course", {"course": "World History"}),
        ("create_course", {"title": "Art History"}),
    ]


def test_a_new_one_with_no_kind_named_makes_nothing():
    assert say("make a new one").calls == []


def test_a_module_put_in_a_course_is_added():
    assert calls("put a new Thermodynamics module in ML") == [
        ("add_module", {"course": "Intro to Machine Learning", "title": "Thermodynamics"})
    ]


def test_a_module_or_topic_a_course_needs_then_asked_for_by_it_is_added():
    assert calls("stats needs a Regression module as well, could you add that") == [
        ("add_module", {"course": "Probability and Statistics", "title": "Regression"})
    ]
    assert calls("world history needs a Renaissance topic, pls add it") == [
        ("add_topic", {"course": "World History", "title": "Renaissance"})
    ]


def test_a_module_without_a_title_still_asks():
    assert say("spanish needs another module, can you add it").calls == []
