"""Session 18's review of the offline rules: effort is no item, titles keep their words, a removal's condition."""

import pytest

from apps.assistant.offline.world import KEEP_WHILE_REMOVING_QUESTION
from apps.assistant.tests.offline_learner import say


@pytest.mark.parametrize(
    "text",
    [
        "put more effort into my reading goal",
        "put some energy into the mcat goal lol",
        "i put a lot of work in neural networks",
        "stick with it in grammar",
        "add another hour in grammar",
    ],
)
def test_effort_time_or_a_pronoun_put_into_a_goal_or_module_creates_nothing(text):
    assert say(text).calls == []


def test_a_task_or_topic_placed_in_other_words_is_still_added():
    assert [(c.name, c.arguments["title"]) for c in say("put read dune under my reading goal").calls] == [
        ("add_goal_task", "read dune")
    ]
    assert [(c.name, c.arguments["title"]) for c in say("add diastereomers under stereochem in orgo").calls] == [
        ("add_topic", "diastereomers")
    ]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("add a task to the mcat goal: item response theory review", "item response theory review"),
        ("add a task to the mcat goal: step functions practice", "step functions practice"),
        ("add a task to the mcat goal: task analysis worksheet", "task analysis worksheet"),
        ("add a task to my mcat goal: to-do list cleanup", "to-do list cleanup"),
        ("mcat goal: new task memorize hormone chart", "memorize hormone chart"),
    ],
)
def test_a_task_title_beginning_with_a_kind_word_keeps_it_unless_said_as_new(text, title):
    assert [call.arguments.get("title") for call in say(text).calls] == [title]


def test_a_fact_ending_in_a_name_keeps_the_name():
    assert [c.arguments for c in say("remember that my sister is called Lol").calls] == [
        {"fact": "my sister is called Lol"}
    ]


@pytest.mark.parametrize(
    "text",
    [
        "delete my spanish course, but i want to keep my progress",
        "delete orgo but i want to keep my notes",
        "remove the cold war topic, i dont want to lose my notes though",
    ],
)
def test_a_removal_that_wants_its_data_kept_asks_first(text):
    understood = say(text)
    assert (understood.calls, understood.question) == ([], KEEP_WHILE_REMOVING_QUESTION)


def test_a_plain_removal_and_a_keeping_wish_after_an_archive_are_unchanged():
    assert [c.name for c in say("delete my spanish course").calls] == ["delete_course"]
    hidden = "hide the spanish course for now, im pausing it over summer but want to keep my progress"
    assert [c.name for c in say(hidden).calls] == ["archive_course"]


@pytest.mark.parametrize(
    "text",
    [
        "i need to study more for the exam sometime next week",
        "gotta study orgo tomorrow",
        "i should do some stats studying this weekend",
    ],
)
def test_study_placed_at_a_later_time_starts_no_timer(text):
    understood = say(text)
    assert [c.name for c in understood.calls if c.name == "start_study_session"] == []


def test_a_timer_asked_for_now_still_starts_whatever_else_is_said():
    calls = say("start a study session for orgo now, my exam is next week").calls
    assert [c.name for c in calls] == ["start_study_session"]
