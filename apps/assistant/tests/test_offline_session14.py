"""Session 14 mechanisms of the offline understanding, each on phrasings of my own that are in no labelled set."""

from __future__ import annotations

import re
from typing import Any

import pytest

from apps.assistant.offline.calls import ToolCall
from apps.assistant.tests.offline_learner import say


def only(text: str, previous: str = "") -> dict[str, Any]:
    """The one call the message makes, as a dict."""
    (call,) = say(text, previous).calls
    return call.as_dict()


@pytest.mark.parametrize(
    "text",
    [
        "tick off the MCAT task",
        "mark the orgo topic as finished",
        "the ML topic is done, mark it",
        "delete the spanish topic",
        "set the mcat task due friday",
    ],
)
def test_a_kind_named_by_its_parent_with_several_such_children_asks(text):
    """ "the MCAT task": a goal's name before "task" names one of its tasks; with several, which one is asked."""
    understood = say(text)
    assert understood.calls == []
    assert understood.question


@pytest.mark.parametrize(
    ("text", "name", "argument"),
    [
        ("tick off the books task", "complete_goal_task", {"task": "Read Dune"}),
        ("mark the stereochem topic done", "complete_topic", {"topic": "Enantiomers"}),
        ("mark the elimination topic done", "complete_topic", {"topic": "Elimination Reactions"}),
    ],
)
def test_a_kind_named_by_its_parent_with_one_such_child_is_that_child(text, name, argument):
    """The one task of "Read 12 books this year", the one topic of "Stereochemistry Basics"; a topic keeps its name."""
    call = only(text)
    assert call["name"] == name
    assert argument.items() <= call["arguments"].items()


@pytest.mark.parametrize(
    ("previous", "text", "expected"),
    [
        (
            "summarise one of my notes",
            "the krebs one",
            {"name": "summarize_note", "arguments": {"note": "Krebs cycle"}},
        ),
        (
            "add a task to my goal: book a tutor",
            "the mcat one",
            {"name": "add_goal_task", "arguments": {"goal": "Pass the MCAT", "title": "Book a tutor"}},
        ),
        (
            "please archive a course",
            "the history one",
            {"name": "archive_course", "arguments": {"course": "World History"}},
        ),
    ],
)
def test_the_x_one_answers_which_item_the_previous_request_meant(previous, text, expected):
    """ "the X one" after a request for "a note"/"my goal": that request, for the item X names."""
    (call,) = say(text, previous).calls
    assert call.name == expected["name"]
    assert {k: str(v).casefold() for k, v in expected["arguments"].items()}.items() <= {
        k: str(v).casefold() for k, v in call.arguments.items()
    }.items()


@pytest.mark.parametrize(
    ("previous", "text"),
    [
        ("summarize a note please", "the lecture one"),
        ("can you quiz me on a topic", "the orgo one"),
        ("", "the lecture notes one"),
        ("", "the spanish one"),
    ],
)
def test_the_x_one_naming_several_or_answering_nothing_writes_nothing(previous, text):
    assert say(text, previous).calls == []


@pytest.mark.parametrize(
    "text",
    [
        "wow that's a lot of topics",
        "whoa, so many flashcards",
        "yikes that's a long schedule",
        "damn that's a lot of notes",
        "omg so many tasks",
        "that's a lot of reviewing",
    ],
)
def test_an_exclamation_about_the_learners_things_is_a_remark(text):
    assert say(text).calls == []


def test_an_exclamation_before_a_request_keeps_the_request():
    assert only("wow ok, make flashcards from lecture 5 notes")["name"] == "make_flashcards"


@pytest.mark.parametrize(
    ("previous", "text", "name", "argument"),
    [
        ("quiz me on gradient descent", "now backprop", "quiz_me", {"topic": "Backpropagation"}),
        ("how's my linear algebra going", "and world history?", "get_progress", {"course": "World History"}),
        ("how's my linear algebra going", "what about orgo?", "get_progress", {"course": "Organic Chemistry"}),
        ("summarize my krebs cycle note", "same for lecture 5", "summarize_note", {"note": "Lecture 5 notes"}),
        ("make flashcards from the krebs cycle note", "do the same for lecture 6", "make_flashcards",
         {"note": "Lecture 6 notes"}),
    ],
)  # fmt: skip
def test_the_previous_request_again_for_another_item(previous, text, name, argument):
    """ "now X", "and X?", "what about X", "(do the) same for X": the previous request, for the item X names."""
    call = only(text, previous)
    assert call["name"] == name
    assert argument.items() <= call["arguments"].items()


@pytest.mark.parametrize(
    ("previous", "text", "day"),
    [
        ("skip orgo review tomorrow", "same for friday", "2026-03-06"),
        ("cancel spanish practice today", "and monday?", "2026-03-09"),
    ],
)
def test_the_previous_cancellation_again_for_another_day(previous, text, day):
    call = only(text, previous)
    assert call["name"] == "cancel_schedule_block"
    assert call["arguments"]["occurrence_date"] == day


@pytest.mark.parametrize(
    ("previous", "text"),
    [
        ("quiz me on gradient descent", "now i'm tired"),
        ("mark backprop done", "and now?"),
        ("how's my linear algebra going", "now what"),
    ],
)
def test_a_reply_that_names_nothing_is_no_follow_up(previous, text):
    assert [c for c in say(text, previous).calls if c.name not in ("get_today", "list_schedule")] == []


@pytest.mark.parametrize(
    ("text", "course"),
    [
        ("put a 40 min backprop drill tomorrow at 9am", "Intro to Machine Learning"),
        ("book an hour on enantiomers friday at 4pm", "Organic Chemistry"),
        ("schedule subjunctive practice monday 6pm", "Spanish for Beginners"),
        ("at 3pm on friday a 20 minute normal distribution workout", "Probability and Statistics"),
    ],
)
def test_a_new_block_on_a_topic_belongs_to_the_topics_course(text, course):
    """A block named after one of the learner's topics (or modules) is linked to that topic's course."""
    call = only(text)
    assert call["name"] == "create_schedule_block"
    assert call["arguments"].get("course") == course


def test_a_new_block_on_no_topic_gets_no_course():
    assert "course" not in only("schedule a 30 min walk tomorrow at 5pm")["arguments"]


@pytest.mark.parametrize(
    ("text", "start", "minutes"),
    [
        ("schedule orgo on friday at like four in the afternoon", "2026-03-06T16:00", 60),
        ("spanish block thursday at around 7pm for like an hour", "2026-03-05T19:00", 60),
        ("book stats tomorrow at maybe 9 in the morning for like 45 minutes", "2026-03-05T09:00", 45),
        ("linear algebra block tomorrow at 5ish", "2026-03-05T17:00", 60),
        ("plan a stats session thursday 17h", "2026-03-05T17:00", 60),
        ("orgo revision friday 18h30 for 40 min", "2026-03-06T18:30", 40),
    ],
)
def test_a_hedged_or_continental_clock_is_the_clock(text, start, minutes):
    """ "at like four", "at maybe 9", "5ish", "thursday 17h": a clock said loosely or the continental way."""
    call = only(text)
    assert call["name"] == "create_schedule_block"
    assert (call["arguments"]["start"], call["arguments"]["duration_minutes"]) == (start, minutes)
    assert not re.search(r"\b(?:like|maybe|around|ish|17h)\b", call["arguments"]["title"], re.I)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("schedule a chem lab prep on friday at 2pm, remind me the day before", 1440),
        ("book a stats mock exam on the 20th at 9am and remind me a day before", 1440),
        ("history essay block monday at 4pm, remind me the night before", 1440),
        ("orgo final prep on the 25th at 10am, remind me a week before", 10080),
    ],
)
def test_a_reminder_a_day_or_week_ahead(text, minutes):
    call = only(text)
    assert call["arguments"]["reminder_minutes"] == minutes
    assert "before" not in call["arguments"]["title"].lower()


def test_a_hedged_distance_in_a_remark_is_no_date():
    """ "in like two months" in a worry stays a remark: only a clock or an amount after at/for/by/from is unhedged."""
    assert say("my stats exam is in like three weeks and im kinda scared").calls == []


@pytest.mark.parametrize(
    ("text", "arguments"),
    [
        ("set the stats target date to june 3", {"course": "Probability and Statistics", "target_date": "2026-06-03"}),
        ("move the spanish target date to may 1", {"course": "Spanish for Beginners", "target_date": "2026-05-01"}),
        (
            "update the description of linear algebra to: MATH 221, spring",
            {"course": "Linear Algebra", "description": "MATH 221, spring"},
        ),
        (
            "set the ML course description to notes from the online class",
            {"course": "Intro to Machine Learning", "description": "notes from the online class"},
        ),
        (
            "change the orgo description: premed requirement",
            {"course": "Organic Chemistry", "description": "premed requirement"},
        ),
    ],
)  # fmt: skip
def test_a_courses_attribute_named_with_the_course_updates_the_course(text, arguments):
    """A target date or description belongs to a course, never to a block that shares a word with it ("orgo")."""
    call = only(text)
    assert call["name"] == "update_course"
    assert call["arguments"] == arguments


@pytest.mark.parametrize(
    ("text", "course"),
    [
        ("start reviewing my stats cards", "Probability and Statistics"),
        ("begin reviewing the spanish flashcards", "Spanish for Beginners"),
        ("review time, orgo only", "Organic Chemistry"),
        ("flashcard time! linear algebra please", "Linear Algebra"),
    ],
)
def test_reviewing_a_courses_cards_starts_a_review_of_that_course(text, course):
    """ "start reviewing my X cards", "review time, X only": a review of the course's cards, not a listing."""
    assert only(text) == {"name": "start_review", "arguments": {"course": course}}


@pytest.mark.parametrize("text", ["what cards am I reviewing today?", "which flashcards should i be reviewing"])
def test_asking_which_cards_to_review_lists_them(text):
    assert only(text)["name"] == "list_due_cards"


def test_a_past_review_is_a_remark():
    assert say("i was reviewing my orgo cards all night lol").calls == []


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("book a reading block for friday at 4pm under my books goal", "Reading"),
        ("put a practice exam on saturday at 9am towards my mcat goal", "Practice exam"),
        ("Could you schedule a Linear Algebra review next Tuesday at 15:00? I would like a reminder 30 minutes before.",
         "Linear Algebra review"),
        ("schedule a history essay session thursday at 6pm. i want a reminder 10 min before", "History essay session"),
    ],
)  # fmt: skip
def test_a_new_blocks_title_ends_at_its_sentence_and_before_its_goal(text, title):
    """The title of a new block never runs past its sentence's end nor keeps "under/towards my X goal" (its link)."""
    call = only(text)
    assert call["name"] == "create_schedule_block"
    assert call["arguments"]["title"] == title


@pytest.mark.parametrize(
    "text",
    ["which goals have i really finished?", "what goals did i actually achieve", "show my goals i've finally hit"],
)
def test_goals_done_with_an_adverb_list_the_completed_goals(text):
    assert only(text) == {"name": "list_goals", "arguments": {"status": "COMPLETED"}}


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("what have i got done this week", "this_week"),
        ("what have i actually accomplished this month?", "this_month"),
        ("what've I gotten done today", "today"),
    ],
)
def test_what_the_learner_got_done_is_their_activity(text, period):
    assert only(text) == {"name": "summarize_activity", "arguments": {"period": period}}


@pytest.mark.parametrize("text", ["who built you?", "who created you lol", "who programmed u", "who made this app?"])
def test_who_made_the_assistant_is_small_talk(text):
    assert say(text).calls == []


@pytest.mark.parametrize(
    ("text", "task"),
    [
        ("read dune isnt finished, i only read half. untick it", "Read Dune"),
        ("hmm redo problem set 3 isn't done yet, i lost my work. uncheck it please", "Redo problem set 3"),
    ],
)
def test_a_request_sentence_after_a_remark_is_a_request(text, task):
    """ "X isn't done, i only did half. unmark it": the last sentence asks, whatever the remark before it."""
    assert only(text) == {"name": "reopen_goal_task", "arguments": {"task": task}}


def test_a_remark_in_two_sentences_asks_nothing():
    assert say("practice test 1 isnt done. i only did half").calls == []


@pytest.mark.parametrize(
    "text",
    [
        "cancel everything tomorrow, im sick",
        "delete all my notes",
        "wipe my whole schedule next week",
        "clear out all my blocks on friday pls",
        "nuke everything on my calendar this weekend",
    ],
)
def test_removing_everything_at_once_asks_first(text):
    """A removal of everything or a whole kind at once is never guessed: it asks, and nothing is read or written."""
    understood = say(text)
    assert understood.calls == []
    assert understood.question


def test_removing_one_named_block_still_removes_it():
    assert only("cancel ML reading tomorrow")["name"] == "cancel_schedule_block"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("timer on for spanish, subjunctive",  # session 16: the course named beside its topic is kept too
         {"name": "start_study_session",
          "arguments": {"course": "Spanish for Beginners", "topic": "Subjunctive Mood"}}),
        ("clock on - stats", {"name": "start_study_session", "arguments": {"course": "Probability and Statistics"}}),
        ("timer off pls", {"name": "stop_study_session", "arguments": {}}),
    ],
)  # fmt: skip
def test_a_terse_timer_switch_is_a_request(text, expected):
    """ "timer on for X", "clock on - X": a switch said tersely starts (or stops) the timer."""
    assert only(text) == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("goal - run a 10k before summer. high priority haha", "create_goal"),
        ("goal: learn 500 kanji lol", "create_goal"),
        ("new goal: read 20 papers this term lmao", "create_goal"),
    ],
)
def test_a_kind_headed_entry_is_a_request_whatever_its_tone(text, name):
    """ "goal: X", "goal - X" name what to make; laughter after it is tone, not a remark instead of a request."""
    assert only(text)["name"] == name


def test_a_goal_talked_about_is_no_entry():
    assert say("my goal is impossible lol").calls == []


@pytest.mark.parametrize(
    ("text", "name", "arguments"),
    [
        ("books goal: add a task finish the hobbit", "add_goal_task",
         {"goal": "Read 12 books this year", "title": "finish the hobbit"}),
        ("mcat: add a task book the test center, due the 20th", "add_goal_task",
         {"goal": "Pass the MCAT", "title": "book the test center", "due_date": "2026-03-20"}),
        ("ML: add a topic transformers", "add_topic", {"course": "Intro to Machine Learning", "title": "transformers"}),
    ],
)  # fmt: skip
def test_a_head_naming_the_parent_of_a_new_item_is_where_it_goes(text, name, arguments):
    """ "<goal>: add a task T": the head says where the new task goes; T alone is its title."""
    call = only(text)
    assert call["name"] == name
    assert {k: str(v).casefold() for k, v in call["arguments"].items()} == {
        k: v.casefold() for k, v in arguments.items()
    }


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("rename Normal Distribution to Gaussian Distribution, it sounds fancier", "Gaussian Distribution"),
        ("rename the grammar module to Spanish Grammar, because it is only spanish", "Spanish Grammar"),
        ("rename backprop to Backpropagation Algorithm, thanks", "Backpropagation Algorithm"),
        ("rename cold war to Cold War, 1947-1991", "Cold War, 1947-1991"),
    ],
)
def test_a_new_name_ends_before_a_remark_after_a_comma(text, title):
    """ "rename X to Y, it bugs me": the remark after the comma is no part of the name; a dated name keeps its comma."""
    assert only(text)["arguments"]["title"] == title


@pytest.mark.parametrize(
    "text",
    [
        "tomorrow at noon I want a short normal distribution session",
        "friday 3pm i want a quick enantiomers session",
        "on monday at 6pm i'd like a stats session",
    ],
)
def test_wanting_a_new_session_at_a_time_is_a_new_block(text):
    """ "<when> I want a <X> session": wanting one more, with nothing cancelled, makes a block."""
    assert only(text)["name"] == "create_schedule_block"


def test_not_wanting_a_named_block_still_cancels_it():
    assert only("i can't do orgo review tomorrow, cancel it")["name"] == "cancel_schedule_block"


@pytest.mark.parametrize(
    "text",
    [
        "daily 8pm flashcards 15 min",
        "weekends 10am card review 30 min",
        "every weekday at 7am flashcards for 20 min",
        "mon wed fri 6pm quiz on spanish verbs, 25 min",
    ],
)
def test_a_recurring_time_for_an_activity_is_a_block(text):
    """ "weekdays 7am flashcards 20 min": an activity at a recurring time is a block for later, not one to start now."""
    call = only(text)
    assert call["name"] == "create_schedule_block"
    assert "recurrence_rule" in call["arguments"]


@pytest.mark.parametrize(
    ("text", "previous"),
    [
        ("and spanish is next lol", "delete the orgo course"),
        ("and history was my favourite", "archive the world history course"),
        ("and linear algebra is going great", "mark eigenvalues done"),
        ("the timer on my phone is broken", ""),
        ("review time was brutal today", ""),
        ("lol that was a good one", ""),
        ("the mcat one", "add a goal"),
    ],
)
def test_review_a_remark_after_a_request_or_about_a_timer_writes_nothing(text, previous):
    assert say(text, previous).calls == []


@pytest.mark.parametrize(
    ("text", "previous"),
    [("and spanish?", "delete the orgo course"), ("what about the mcat goal?", "abandon my books goal")],
)
def test_review_a_question_after_a_write_asks_before_doing_it_again(text, previous):
    understood = say(text, previous)
    assert understood.calls == []
    assert understood.question.startswith("Do you want me to do the same for")


@pytest.mark.parametrize(
    "text", ["delete the books task", "move the books task to friday", "delete the history module"]
)
def test_review_a_removal_or_move_never_acts_on_a_child_it_only_inferred(text):
    understood = say(text)
    assert understood.calls == []
    assert understood.question


def test_review_a_question_after_a_read_and_an_answer_to_a_read_still_act():
    assert say("and spanish?", "how far am i in orgo").calls == [
        ToolCall("get_progress", {"course": "Spanish for Beginners"})
    ]
    assert say("the krebs one please", "can you summarize a note for me").calls == [
        ToolCall("summarize_note", {"note": "Krebs cycle"})
    ]
