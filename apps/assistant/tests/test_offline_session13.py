"""Session 13 mechanisms of the offline understanding, each on phrasings and subjects that are in no labelled set."""

from __future__ import annotations

from typing import Any

import pytest

from apps.assistant.offline.replies import FAREWELL, LUCK
from apps.assistant.providers.base import Message
from apps.assistant.providers.offline import OfflineProvider
from apps.assistant.tests.offline_learner import say


def only(text: str, previous: str = "") -> dict[str, Any]:
    """The one call the message makes, as a dict."""
    (call,) = say(text, previous).calls
    return call.as_dict()


@pytest.mark.parametrize(
    "message",
    [
        "put in a stats block tomorrow at 5pm",
        "book me a stats block tomorrow at 5pm",
        "schedule us a stats block tomorrow at 5pm",
        "i'd love a stats block tomorrow at 5pm",
    ],
)
def test_a_new_blocks_title_drops_the_request_around_it(message):
    """ "put in", "book me", "i'd love": the verb, its particle and its beneficiary are not the block's name."""
    assert only(message)["arguments"]["title"] == "Stats study"


@pytest.mark.parametrize(
    "message",
    [
        "my coach says consistency matters. so set up a daily lin alg block at 7am starting tomorrow, 25 minutes",
        "exams are close. set up a weekly lin alg block on fridays at 7am, 25 minutes",
        "my tutor swears by short reps. set up a daily lin alg block at 6:45am from tomorrow on, 25 minutes",
    ],
)
def test_a_new_block_with_its_length_is_not_a_change_of_an_existing_one(message):
    """ "set up a X block, 25 minutes": an indefinite article names a new block; "so" after a remark starts one."""
    call = only(message)
    assert call["name"] == "create_schedule_block"
    assert call["arguments"]["duration_minutes"] == 25


def answer(text: str) -> str:
    return OfflineProvider._answer([Message(role="system", content="")], text)


@pytest.mark.parametrize(
    "text", ["nite nite, catch you later", "ok bye!", "gotta go, ttyl", "heading to bed, talk tmrw"]
)
def test_a_farewell_gets_a_farewell_and_writes_nothing(text):
    assert answer(text) == FAREWELL
    assert say(text).calls == []


@pytest.mark.parametrize(
    "text", ["the chem final is on friday, wish me luck", "two quizzes tomorrow 😬 fingers crossed", "wish me luck!!"]
)
def test_a_wish_for_luck_gets_luck_and_writes_nothing(text):
    assert answer(text) == LUCK
    assert say(text).calls == []


@pytest.mark.parametrize(
    "text", ["bye, and what's on my schedule tomorrow?", "wish me luck and quiz me on stats", "later tonight i study"]
)
def test_a_farewell_or_luck_that_asks_for_more_is_not_only_a_farewell(text):
    assert answer(text) not in (FAREWELL, LUCK)


@pytest.mark.parametrize("message", ["drop reactions from orgo", "take reactions out of organic chemistry"])
def test_a_removal_from_a_course_never_cancels_the_block_named_after_the_course(message):
    """ "remove X from <course>": X is what goes, the course is where from; the block "Orgo review" is neither."""
    found = say(message)
    assert all(call.name != "cancel_schedule_block" for call in found.calls)


def test_a_removal_from_a_day_still_names_that_occurrence():
    assert only("skip orgo review from this thursday")["arguments"] == {
        "block": "Orgo review",
        "occurrence_date": "2026-03-05",
    }


@pytest.mark.parametrize(
    ("message", "start"),
    [
        ("alright bye, push ml reading to 9:30 tomorrow", "2026-03-05T09:30"),
        ("move ml reading to 9 tomorrow", "2026-03-05T09:00"),
        ("shift spanish practice to 8pm today", "2026-03-04T20:00"),
    ],
)
def test_a_move_to_a_time_today_or_tomorrow_moves_that_days_occurrence(message, start):
    assert only(message)["arguments"] == {
        "block": only(message)["arguments"]["block"],
        "start": start,
        "occurrence_date": start[:10],
    }


def test_a_move_from_tomorrow_on_is_still_the_series():
    assert "occurrence_date" not in only("move ml reading to 9:30 from tomorrow on")["arguments"]


def test_each_of_two_new_blocks_takes_its_course_from_its_own_words():
    first, second = say("book geology monday at 4pm and stats thursday at 3pm").calls
    assert "course" not in first.arguments
    assert second.arguments["course"] == "Probability and Statistics"


@pytest.mark.parametrize(
    ("message", "title", "course"),
    [
        ("write a note called Enzyme kinetics for biology", "Enzyme kinetics", None),
        ("make a note named Vector tricks for my lin alg class", "Vector tricks", "Linear Algebra"),
        ("create a note titled Field trip packing list for the museum", "Field trip packing list for the museum", None),
    ],
)
def test_a_note_titles_trailing_subject_is_its_course_not_its_title(message, title, course):
    arguments = only(message)["arguments"]
    assert arguments["title"] == title
    assert arguments.get("course") == course


@pytest.mark.parametrize(
    ("message", "count"),
    [
        ("make cards from the eigenvalues topic, like 18 of them", 18),
        ("make forty flashcards for world history", 40),
        ("make 7 card on bayes theorem", 7),
        ("flashcards for the cold war please, just 9", 9),
    ],
)
def test_how_many_cards_is_read_however_it_is_said(message, count):
    assert only(message)["arguments"]["max_cards"] == count


def test_a_due_cards_limit_said_with_a_capital_is_still_a_limit():
    assert only("what cards are due today? Just 4 please.")["arguments"] == {"limit": 4}


@pytest.mark.parametrize(
    ("message", "length"),
    [
        ("move ml reading to 9 tomorrow and make it 40 minutes", 40),
        ("push this sunday's lin alg problem sets to noon n only 50 mins", 50),
        ("shift tomorrow's orgo review to 7pm, just an hour and a half", 90),
    ],
)
def test_a_move_that_also_says_a_new_length_changes_both(message, length):
    arguments = only(message)["arguments"]
    assert arguments["duration_minutes"] == length
    assert "start" in arguments


@pytest.mark.parametrize(
    "message",
    [
        "could you deal with my world history stuff",
        "pls take care of the orgo things",
        "sort my lin alg problem sets out",
        "can you do something about the mcat goal",
    ],
)
def test_a_vague_ask_that_says_no_act_writes_nothing(message):
    assert say(message).calls == []


def test_a_vague_word_beside_a_said_act_still_acts():
    assert only("deal with it later, just cancel tomorrow's ml reading")["name"] == "cancel_schedule_block"


@pytest.mark.parametrize(
    "message",
    [
        "I've been staring at redo problem set 3 for an hour",
        "man i've been stuck on practice test 1 all day",
        "i have been reviewing amino acids all morning and my eyes hurt",
    ],
)
def test_what_the_learner_has_been_doing_is_a_report_not_a_completion(message):
    assert say(message).calls == []


def test_a_request_after_what_the_learner_has_been_doing_is_still_a_request():
    found = say("I've been putting this off for weeks. Can we set a goal to finish Dune by june 1")
    assert [call.name for call in found.calls] == ["create_goal"]


@pytest.mark.parametrize(
    ("message", "period"),
    [
        ("how many hours did i put in today", "today"),
        ("How much time have I studied this month?", "this_month"),
        ("how many hrs have i spent on it last week", "last_week"),
        ("ok how much this week?", "this_week"),
    ],
)
def test_how_much_the_learner_studied_is_their_activity(message, period):
    assert only(message) == {"name": "summarize_activity", "arguments": {"period": period}}


@pytest.mark.parametrize(
    "message", ["done for today. end it please", "finished! stop it now", "I'm done. can you stop it"]
)
def test_done_with_no_object_then_stop_it_stops_the_timer(message):
    assert only(message) == {"name": "stop_study_session", "arguments": {}}


@pytest.mark.parametrize(
    "message",
    [
        "new goal: pass the geology midterm by may 3. tasks: redo the labs, read chapter 9, take a practice quiz",
        "set a goal to pass the geology midterm by may 3, steps are redo the labs, read chapter 9, build a rock chart",
        "I'd like a new goal: pass the geology midterm by may 3. The tasks are: redo the labs, read chapter 9, and "
        "make a summary sheet.",
    ],
)
def test_a_goals_task_list_runs_to_the_sentences_end(message):
    """A list item that starts with a request verb ("take a quiz", "build", "make") is a task, not a request."""
    (call,) = say(message).calls
    assert call.name == "create_goal"
    assert len(call.arguments["tasks"]) == 3
    assert call.arguments["tasks"][0] == "redo the labs"


def test_a_request_after_the_task_lists_sentence_is_still_a_request():
    found = say(
        "new goal: pass geology by may 3, tasks: redo the labs and read chapter 9. then schedule geology at 5pm"
    )
    assert [call.name for call in found.calls] == ["create_goal", "create_schedule_block"]


@pytest.mark.parametrize(
    ("message", "start"),
    [
        ("push tomorrow's orgo review to 7:15, my lab runs late", "2026-03-05T19:15"),
        ("could we move spanish practice tonight to 8:45", "2026-03-04T20:45"),
        ("move tomorrow's orgo review to 8:30am", "2026-03-05T08:30"),
        ("move tomorrow's ml reading to 7:40", "2026-03-05T07:40"),
    ],
)
def test_a_bare_clock_keeps_the_moved_blocks_half_of_the_day(message, start):
    """The evening review "to 7:15" is 19:15; "8:30am" stays morning; a morning block stays in the morning."""
    assert only(message)["arguments"]["start"] == start


def test_a_continental_clock_is_a_time_not_a_length():
    arguments = only("move tomorrow's spanish practice to 21h")["arguments"]
    assert arguments["start"] == "2026-03-05T21:00"
    assert "duration_minutes" not in arguments


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            "World History turned out to be really hard. Please change the difficulty to advanced.",
            {"course": "World History", "difficulty": "ADVANCED"},
        ),
        (
            "the stats course is moving faster than planned. please change the level to intermediate",
            {"course": "Probability and Statistics", "difficulty": "INTERMEDIATE"},
        ),
    ],
)
def test_the_attribute_changed_is_the_one_of_the_course_the_remark_named(message, expected):
    call = only(message)
    assert call["name"] == "update_course"
    assert {k: str(v).upper() for k, v in call["arguments"].items()} == {k: v.upper() for k, v in expected.items()}


@pytest.mark.parametrize(
    "message",
    ["please set the priority of my lin alg goal to low", "could you change the priority for the B+ goal to low"],
)
def test_the_priority_of_a_named_goal_set_to_a_level(message):
    assert only(message) == {
        "name": "update_goal",
        "arguments": {"goal": "Get a B+ in Linear Algebra", "priority": "LOW"},
    }


@pytest.mark.parametrize(
    ("message", "title", "content"),
    [
        (
            "new note for lin alg, name it Rank rules: rank equals the number of pivots",
            "Rank rules",
            "rank equals the number of pivots",
        ),
        ("make a note 'Cold War dates' for world history: 1947 to 1991", "Cold War dates", "1947 to 1991"),
        (
            "create a note 'Ser vs estar' with: ser is permanent, estar is a state. for the spanish course",
            "Ser vs estar",
            "ser is permanent, estar is a state",
        ),
        (
            "new note called bayes basics w the content: posterior is prior times likelihood",
            "bayes basics",
            "posterior is prior times likelihood",
        ),
        (
            "new note called eigen intuition and the content is basically directions that only stretch",
            "eigen intuition",
            "directions that only stretch",
        ),
    ],
)
def test_a_notes_title_and_content_however_they_are_marked(message, title, content):
    arguments = only(message)["arguments"]
    assert (arguments["title"], arguments["content"]) == (title, content)


@pytest.mark.parametrize(
    ("previous", "message", "expected"),
    [
        (
            "how's my progress in spanish",
            "and for stats too",
            {"name": "get_progress", "arguments": {"course": "Probability and Statistics"}},
        ),
        (
            "summarize the krebs cycle note",
            "Lecture 6 as well, thanks.",
            {"name": "summarize_note", "arguments": {"note": "Lecture 6 notes"}},
        ),
        (
            "skip ml reading on friday",
            "and sunday's lin alg problem sets too, family dinner",
            {
                "name": "cancel_schedule_block",
                "arguments": {"block": "Linear Algebra problem sets", "occurrence_date": "2026-03-08"},
            },
        ),
        (
            "quiz me on bayes theorem",
            "again but with the normal distribution one",
            {"name": "quiz_me", "arguments": {"topic": "Normal Distribution"}},
        ),
    ],
)
def test_the_previous_request_again_for_another_item(previous, message, expected):
    """Reads too; a remark or "please" after "too" is no part of the item; the new item's own day; "again with X"."""
    assert only(message, previous) == expected


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("gonna study the cold war now. Please start the timer.", {"topic": "Cold War"}),
        ("spanish for beginners time. can you start a session", {"course": "Spanish for Beginners"}),
    ],
)
def test_a_subjectless_timer_is_for_what_the_sentence_before_names(message, expected):
    assert only(message) == {"name": "start_study_session", "arguments": expected}


@pytest.mark.parametrize(
    ("message", "course"),
    [("run my orgo cards", "Organic Chemistry"), ("ok start the lin alg flashcards for me", "Linear Algebra")],
)
def test_running_the_cards_one_has_is_a_review_not_new_cards(message, course):
    assert only(message) == {"name": "start_review", "arguments": {"course": course}}


def test_cards_made_from_a_source_are_still_new_cards():
    assert only("start my cards from the lecture 5 notes")["name"] == "make_flashcards"
