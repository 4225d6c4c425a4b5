"""Offline, session 21: goals and goal tasks, general mechanisms read from the failures of measure28."""

import pytest

from apps.assistant.offline.unsaid import CONTENT_QUESTION
from apps.assistant.tests.offline_learner import calls, say


@pytest.mark.parametrize(
    ("text", "previous"),
    [
        ("add a new step to it", "is my mcat goal on track"),
        ("give that goal one more task", "show me the lin alg goal"),
        ("add a task to the mcat goal", ""),
        ("add a topic to it", "how far along am i in linear algebra"),
        ("add a module to it", "how far along am i in linear algebra"),
    ],
)
def test_a_new_item_titled_only_by_what_it_goes_into_asks_what_it_is(text, previous):
    understood = say(text, previous)
    assert understood.calls == []
    assert understood.question == CONTENT_QUESTION


@pytest.mark.parametrize(
    ("text", "previous", "expected"),
    [
        (
            "add a task book the exam date to it",
            "is my mcat goal on track",
            [("add_goal_task", {"goal": "Pass the MCAT", "title": "book the exam date"})],
        ),
        (
            "add the martian to that goal",
            "how many books have i read this year",
            [("add_goal_task", {"goal": "Read 12 books this year", "title": "the martian"})],
        ),
        (
            "add matrix rank to it",
            "which topics does linear algebra have",
            [("add_topic", {"course": "Linear Algebra", "title": "matrix rank"})],
        ),
    ],
)
def test_a_container_said_as_it_is_no_title_of_the_new_item(text, previous, expected):
    assert calls(text, previous) == expected


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("make my task due on thursday", "task"),
        ("give the task a deadline of april 2", "task"),
        ("set the task's due date to friday", "task"),
        ("push the target date of my goal to july 1", "goal"),
    ],
)
def test_a_kind_said_without_a_name_among_several_asks_which(text, kind):
    understood = say(text)
    assert understood.calls == []
    assert understood.question.startswith(f"Which {kind} do you mean?")


@pytest.mark.parametrize(
    ("text", "previous", "expected"),
    [
        (
            "set the task read dune as due on friday",
            "",
            [("date_goal_task", {"task": "Read Dune", "due_date": "2026-03-06"})],
        ),
        (
            "make the task due friday",
            "is read dune still open",
            [("date_goal_task", {"task": "Read Dune", "due_date": "2026-03-06"})],
        ),
        (
            "push the goal's deadline to june 30",
            "how's the mcat goal",
            [("update_goal", {"goal": "Pass the MCAT", "target_date": "2026-06-30"})],
        ),
    ],
)
def test_a_kind_said_with_its_name_or_just_named_acts_on_it(text, previous, expected):
    assert calls(text, previous) == expected


@pytest.mark.parametrize("text", ["add the martian to that goal", "put chapter 9 under this goal"])
def test_an_addition_to_a_goal_pointed_at_is_never_a_new_goal(text):
    understood = say(text)
    assert understood.calls == []
    assert understood.question.startswith("Which goal do you mean?")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "in my mcat goal add a task go to the testing center on monday",
            [
                (
                    "add_goal_task",
                    {"goal": "Pass the MCAT", "title": "go to the testing center", "due_date": "2026-03-09"},
                )
            ],
        ),
        (
            "to the b+ goal add a task go over quiz 2",
            [("add_goal_task", {"goal": "Get a B+ in Linear Algebra", "title": "go over quiz 2"})],
        ),
        (
            "add a task drive to the library to my reading goal",
            [("add_goal_task", {"goal": "Read 12 books this year", "title": "drive to the library"})],
        ),
        (
            "add a task walk to campus for the mcat goal",
            [("add_goal_task", {"goal": "Pass the MCAT", "title": "walk to campus"})],
        ),
    ],
)
def test_a_goal_placed_by_a_shortened_name_is_the_tasks_goal_whatever_placing_words_the_task_says(text, expected):
    assert calls(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "high priority goal: finish the MCAT psych deck by july 31",
            [("create_goal", {"title": "Finish the MCAT psych deck", "target_date": "2026-07-31", "priority": "HIGH"})],
        ),
        (
            "set a goal to pass the mcat practice test by june 2",
            [("create_goal", {"title": "Pass the mcat practice test", "target_date": "2026-06-02"})],
        ),
        (
            "another goal: redo linear algebra problem set 4 by friday",
            [("create_goal", {"title": "Redo linear algebra problem set 4", "target_date": "2026-03-06"})],
        ),
        (
            "add a low priority goal - reread dune by september 30",
            [("create_goal", {"title": "Reread dune", "target_date": "2026-09-30", "priority": "LOW"})],
        ),
    ],
)
def test_a_goal_said_new_is_created_even_when_its_title_shares_words_with_an_existing_item(text, expected):
    assert calls(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("set my mcat goal to high priority", [("update_goal", {"goal": "Pass the MCAT", "priority": "HIGH"})]),
        (
            "move the reading goal to june 1",
            [("update_goal", {"goal": "Read 12 books this year", "target_date": "2026-06-01"})],
        ),
    ],
)
def test_a_goal_said_as_the_learners_own_is_updated(text, expected):
    assert calls(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "give me a goal get fit with tasks gym 3x, sleep early",
            [("create_goal", {"title": "Get fit", "tasks": ["gym 3x", "sleep early"]})],
        ),
        (
            "i need a goal german b1 exam with steps book exam, do mock tests and review grammar",
            [("create_goal", {"title": "German b1 exam", "tasks": ["book exam", "do mock tests", "review grammar"]})],
        ),
        (
            "make a goal called ace the MCAT with steps buy the book, take a practice test",
            [("create_goal", {"title": "Ace the MCAT", "tasks": ["buy the book", "take a practice test"]})],
        ),
    ],
)
def test_a_goal_titled_without_a_colon_before_its_task_list_is_created_with_its_tasks(text, expected):
    assert calls(text) == expected


@pytest.mark.parametrize("text", ["i want a goal with tasks", "i want a goal"])
def test_a_goal_wanted_with_no_title_writes_nothing(text):
    assert calls(text) == []


@pytest.mark.parametrize("text", ["set the target date to april 24", "change the deadline to next friday"])
def test_a_field_said_of_no_item_is_never_a_new_goal(text):
    assert calls(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "rename the mcat goal to ace the mcat and push the deadline to july 9",
            [("update_goal", {"goal": "Pass the MCAT", "title": "ace the mcat", "target_date": "2026-07-09"})],
        ),
        (
            "make the b+ goal low priority and move the target date to may 20",
            [("update_goal", {"goal": "Get a B+ in Linear Algebra", "priority": "LOW", "target_date": "2026-05-20"})],
        ),
    ],
)
def test_the_date_or_priority_said_right_after_a_change_of_a_goal_is_that_goals(text, expected):
    assert calls(text) == expected


def test_the_priority_after_a_change_of_a_course_is_no_goals():
    assert calls("archive linear algebra and set the priority to high") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "make a goal for that: finish dune by june 30",
            [("create_goal", {"title": "Finish dune", "target_date": "2026-06-30"})],
        ),
        (
            "i need a goal for this - read two novels by august 31",
            [("create_goal", {"title": "Read two novels", "target_date": "2026-08-31"})],
        ),
        (
            "set up a goal for it. get an A in stats by may 30",
            [("create_goal", {"title": "Get an A in stats", "target_date": "2026-05-30"})],
        ),
    ],
)
def test_a_goal_asked_for_it_is_titled_by_what_follows_the_pause(text, expected):
    assert calls(text) == expected


@pytest.mark.parametrize(
    ("text", "previous"), [("make a goal for it", ""), ("make a goal for it", "my orgo midterm is on march 10")]
)
def test_a_goal_only_for_it_asks_what_it_is(text, previous):
    understood = say(text, previous)
    assert understood.calls == []
    assert understood.question == CONTENT_QUESTION


@pytest.mark.parametrize(
    ("text", "tasks"),
    [
        (
            "new goal: run a half marathon. steps: buy shoes, join a club, then sign up for the race",
            ["buy shoes", "join a club", "sign up for the race"],
        ),
        (
            "goal: learn rust, tasks: read the book, do rustlings and then build a cli",
            ["read the book", "do rustlings", "build a cli"],
        ),
    ],
)
def test_a_task_listed_with_then_is_the_next_task(text, tasks):
    assert calls(text)[0][1]["tasks"] == tasks
