"""Session 11 mechanisms of the offline understanding, each on phrasings and subjects that are in no labelled set."""

from __future__ import annotations

import pytest

from apps.assistant.offline.calls import ToolCall
from apps.assistant.offline.items import Item, Known, score
from apps.assistant.offline.understand import understand
from apps.assistant.tests.offline_learner import NOW, say


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("clock me in for world history", ToolCall("start_study_session", {"course": "World History"})),
        ("kick off the timer, doing enantiomers", ToolCall("start_study_session", {"topic": "Enantiomers"})),
        ("pause the stopwatch", ToolCall("stop_study_session", {})),
        ("where am i weakest in stats?", ToolCall("get_insights", {"course": "Probability and Statistics"})),
        ("which course am i falling behind in?", ToolCall("get_insights", {})),
        ("where should I begin this morning?", ToolCall("get_today", {})),
        ("what should i be working on", ToolCall("get_today", {})),
        ("how was my month?", ToolCall("summarize_activity", {"period": "this_month"})),
        (
            "suggest me something to read about bayes theorem",
            ToolCall("recommend_resources", {"topic": "Bayes Theorem"}),
        ),
        (
            "keep in mind that I commute by train on thursdays",
            ToolCall("remember_fact", {"fact": "I commute by train on thursdays"}),
        ),
        (
            "organic chemistry needs a spectroscopy module",
            ToolCall("add_module", {"course": "Organic Chemistry", "title": "spectroscopy"}),
        ),
    ],
)
def test_a_phrasing_of_a_read_or_a_timer_names_its_intent(message, expected):
    """Timers are study sessions; weak spots are insights; where to start is today's plan; how a period went."""
    assert say(message).calls == [expected]


@pytest.mark.parametrize(
    "message", ["I hate this week lol", "how was your day?", "where is the library", "my timer app is broken lol"]
)
def test_the_new_phrasings_leave_small_talk_alone(message):
    assert say(message).calls == []


def test_it_after_a_name_in_the_same_clause_is_that_item():
    """'World history is too easy, bump it to intermediate': "it" is the course the clause just named."""
    assert say("world history is way too easy for me, bump it to intermediate").calls == [
        ToolCall("update_course", {"course": "World History", "difficulty": "INTERMEDIATE"})
    ]
    # a request word of a long title ("set" of "Redo problem set 3") does not name it: "it" is still the course
    (call,) = say("world history is too easy, set it to intermediate").calls
    assert call.arguments == {"course": "World History", "difficulty": "INTERMEDIATE"}


def test_a_remark_naming_nothing_does_not_make_the_request_beside_it_ask():
    """'all good, pause the stopwatch': the remark reads like a completion of nothing; the request still runs."""
    assert say("all finished here, pause the stopwatch").calls == [ToolCall("stop_study_session", {})]
    assert say("finished, thanks").question or not say("finished, thanks").calls  # alone, it still writes nothing


def test_a_real_word_nearly_as_long_as_a_title_word_is_not_its_abbreviation():
    assert score("Reaction Mechanisms", "quantum mechanics") == 0.0
    assert score("Probability and Statistics", "stats") > 0.75  # a short head still abbreviates


@pytest.mark.parametrize(
    ("message", "title", "extra"),
    [
        ("set me up an advanced astrophysics course", "Astrophysics", {"difficulty": "ADVANCED"}),
        ("make a baroque music course, 4 modules", "Baroque music", {"module_count": 4}),
    ],
)
def test_a_course_subject_said_before_the_word_course(message, title, extra):
    (call,) = say(message).calls
    assert call == ToolCall("create_course", {"title": title, **extra})


@pytest.mark.parametrize("message", ["I need a new course", "that course was great lol", "make my course harder"])
def test_no_subject_before_course_creates_nothing(message):
    assert not [c for c in say(message).calls if c.name == "create_course"]


@pytest.mark.parametrize(
    ("message", "arguments"),
    [
        (  # session 18: a course named in lower case is passed on too
            "tick off Plate Tectonics in the geology course my study group shared",
            {"topic": "Plate Tectonics", "course": "geology"},
        ),
        (
            "unmark 'Sonnet Form' in our group's Poetry course, I marked it by accident",
            {"topic": "Sonnet Form", "course": "Poetry", "completed": False},
        ),
        (
            "in the shared Astronomy course please mark Red Giants as done",
            {"topic": "Red Giants", "course": "Astronomy"},
        ),
    ],
)
def test_a_topic_of_a_shared_course_is_named_by_the_learners_words(message, arguments):
    """A shared course's topics are not the learner's items: the topic is the words after the marking verb."""
    assert say(message).calls == [ToolCall("complete_shared_topic", arguments)]


def test_the_courses_of_a_study_group_are_listed():
    assert say("which courses did my study group share?").calls == [ToolCall("list_shared_courses", {})]


@pytest.mark.parametrize(
    "message",
    [
        "my study group finished the renaissance unit, so proud lol",
        "mark vocab done, my study group is so cool",  # the group is a remark, not the course marked
        "I shared my notes with the group and marked everything done",
    ],
)
def test_a_study_group_in_a_remark_marks_no_shared_topic(message):
    assert not [c for c in say(message).calls if c.name == "complete_shared_topic"]


def test_small_argument_conventions():
    """A query drops its article; "N of my cards" is a limit; a reminder "and" joined keeps its lead time."""
    (search,) = say("where did i put my notes about the treaty of westphalia").calls
    assert search.arguments["query"].lower() == "treaty of westphalia"
    assert say("list 7 of my due cards").calls == [ToolCall("list_due_cards", {"limit": 7})]
    (block,) = say("book 2 hrs of cello on friday at 5pm and remind me half an hour before").calls
    assert (block.arguments["duration_minutes"], block.arguments["reminder_minutes"]) == (120, 30)


def test_a_second_question_after_a_question_mark_and_and():
    calls = say("how was my week? and whats due in my flashcards").calls
    assert [c.name for c in calls] == ["summarize_activity", "list_due_cards"]


def test_a_check_mark_says_done_but_stays_in_saved_text():
    assert say("enantiomers ✔️").calls == [ToolCall("complete_topic", {"topic": "Enantiomers"})]
    (note,) = say("new note: packing list ✅ passport").calls
    assert note.name == "create_note"
    assert "✅" in note.arguments["content"]


def test_you_can_forget_is_a_request():
    (call,) = say("u can forget the bit about my tuesday violin lessons").calls
    assert call.name == "forget_fact"
    assert "violin" in call.arguments["fact"]


def test_a_blocks_new_time_or_length_said_with_be():
    """'X should only be 30 min', 'could X be at noon instead?': a change of the named block, asked as a wish."""
    assert say("could my spanish practice be an hour long?").calls == [
        ToolCall("move_schedule_block", {"block": "Spanish practice", "duration_minutes": 60})
    ]
    (move,) = say("could thursday's orgo review be at 7pm instead?").calls
    assert move.arguments == {"block": "Orgo review", "start": "2026-03-05T19:00", "occurrence_date": "2026-03-05"}


@pytest.mark.parametrize(
    "message", ["the exam should be at 9", "spanish practice should be fun lol", "could it be 5pm already?"]
)
def test_be_without_a_named_block_moves_nothing(message):
    assert not [c for c in say(message).calls if c.name == "move_schedule_block"]


def test_a_new_block_is_linked_to_the_goal_it_names_or_whose_task_it_names():
    assert say("book a flashcards slot for my MCAT goal on friday 9-10am").calls == [
        ToolCall(
            "create_schedule_block",
            {"title": "Flashcards", "start": "2026-03-06T09:00", "duration_minutes": 60, "goal": "Pass the MCAT"},
        )
    ]
    (block,) = say("45 min of amino acids friday at 3pm").calls
    assert block.arguments["goal"] == "Pass the MCAT"  # "Review amino acids" is a task of that goal


def test_an_hour_range_is_no_move_of_a_block_named_by_one_word():
    """'reading ... sunday 8-9pm' names "ML reading" by one word; "from 8 to 9" is a range, not a move "to"."""
    (block,) = say("reading hour for my 12 books goal sunday 8-9pm 📚").calls
    assert block.name == "create_schedule_block"
    assert (block.arguments["title"], block.arguments["goal"]) == ("Reading hour", "Read 12 books this year")


def test_an_addition_goes_to_the_item_named_by_more_of_its_title():
    """'add X to marine biology': the course named wholly, not the goal that merely contains its words."""
    known = Known(
        [
            Item("course", "Marine Biology"),
            Item("goal", "Ace my Marine Biology finals"),
            Item("task", "Print old exams", "Ace my Marine Biology finals"),
        ]
    )
    result = understand("add 'Coral Reefs' to marine biology", now=NOW, timezone="UTC", known=known)
    assert result.calls == [ToolCall("add_topic", {"course": "Marine Biology", "title": "Coral Reefs"})]


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            "change the enantiomers topic to Chirality",
            ToolCall("rename_topic", {"topic": "Enantiomers", "title": "Chirality"}),
        ),
        (
            "the grammar module should be renamed to Verbs and Tenses",
            ToolCall("rename_module", {"module": "Grammar", "title": "Verbs and Tenses"}),
        ),
    ],
)
def test_a_rename_said_with_change_or_should_be_called(message, expected):
    assert say(message).calls == [expected]


def test_should_be_called_of_nothing_the_learner_has_renames_nothing():
    assert say("my dog should be called rex lol").calls == []


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("file cold war under modern era", [ToolCall("move_topic", {"topic": "Cold War", "module": "Modern Era"})]),
        (
            "add a Kinetics module to orgo and move enantiomers into it",
            [
                ToolCall("add_module", {"course": "Organic Chemistry", "title": "Kinetics"}),
                ToolCall("move_topic", {"topic": "Enantiomers", "module": "Kinetics"}),
            ],
        ),
    ],
)
def test_a_topic_moved_under_or_into_a_module(message, expected):
    """'into it' after a module was added is that new module."""
    assert say(message).calls == expected


def test_a_loosely_named_course_counts_when_its_kind_is_said():
    assert say("hows the histroy course looking progress-wise").calls == [
        ToolCall("get_progress", {"course": "World History"})
    ]


def test_a_named_occurrence_that_will_not_happen_is_cancelled():
    """'no X on <day>, <reason>': a proposal to cancel that occurrence (destructive tools stay proposals)."""
    assert say("no spanish practice on monday, the tutor is sick").calls == [
        ToolCall("cancel_schedule_block", {"block": "Spanish practice", "occurrence_date": "2026-03-09"})
    ]
    assert not [c for c in say("no homework tonight").calls if c.name == "cancel_schedule_block"]


def test_a_goal_asked_for_by_wanting_one_without_its_remarks():
    (goal,) = say("I'd like a medium-priority goal to learn the ukulele, nothing serious, just for fun").calls
    assert goal == ToolCall("create_goal", {"title": "Learn the ukulele", "priority": "MEDIUM"})
    (dated,) = say("I want a goal to run a 10k by october").calls
    assert dated.arguments == {"title": "Run a 10k", "target_date": "2026-10-31"}


def test_an_irregular_past_names_the_verb_that_starts_a_task():
    """'rewrote X' names a task "Rewrite X"; "pset" is a problem set."""
    known = Known([Item("goal", "Pass chemistry"), Item("task", "Rewrite the lab report", "Pass chemistry")])
    result = understand("rewrote the lab report finally", now=NOW, timezone="UTC", known=known)
    assert result.calls == [ToolCall("complete_goal_task", {"task": "Rewrite the lab report"})]
    assert say("redid pset 3").calls == [ToolCall("complete_goal_task", {"task": "Redo problem set 3"})]


def test_you_can_after_a_statement_is_a_request():
    (call,) = say("went over amino acids again yesterday, you can check it off").calls
    assert call == ToolCall("complete_goal_task", {"task": "Review amino acids"})


def test_a_run_of_emoji_ends_a_request_and_a_goal_status_is_set():
    calls = say("read dune 📚✨ also put the MCAT goal as in progress").calls
    assert calls == [
        ToolCall("complete_goal_task", {"task": "Read Dune"}),
        ToolCall("update_goal", {"goal": "Pass the MCAT", "status": "IN_PROGRESS"}),
    ]


@pytest.mark.parametrize(
    ("message", "title"),
    [
        ("I'm taking astronomy in the fall. Could you make a course for it? 5 modules", "astronomy"),
        ("i want to start learning welsh from scratch, can you set up a course for it", "welsh"),
    ],
)
def test_a_course_for_it_is_the_subject_the_learner_says_they_learn(message, title):
    (call,) = say(message).calls
    assert call.name == "create_course"
    assert call.arguments["title"].lower() == title


def test_a_block_links_no_goal_by_a_number_a_clock_or_a_course_name_inside_it():
    """ "linear algebra" is the course, not "Get a B+ in Linear Algebra"; "3" is no "Redo problem set 3"; "pm" no
    initials of "Pass the MCAT"."""
    for message in ("linear algebra sat 10-12", "pottery sun 3-5pm", "study kanji every tue at 8pm"):
        (block,) = say(message).calls
        assert "goal" not in block.arguments


def test_a_new_tasks_title_gives_its_day_and_a_quoted_title_its_words():
    (task,) = say("add a task to the MCAT goal: call the testing centre on monday").calls
    assert task == ToolCall(
        "add_goal_task", {"goal": "Pass the MCAT", "title": "call the testing centre", "due_date": "2026-03-09"}
    )
    (goal,) = say('rename my MCAT goal to "Pass the MCAT in June", the spring date is full').calls
    assert goal.arguments == {"goal": "Pass the MCAT", "title": "Pass the MCAT in June"}


def test_a_timer_takes_the_subject_another_clause_names():
    assert say("ugh world history again, start the timer").calls == [
        ToolCall("start_study_session", {"course": "World History"})
    ]
    assert say("start the timer").calls == [ToolCall("start_study_session", {})]  # "start" names no "statistics"


def test_a_listed_one_word_topic_named_by_its_abbreviation_is_completed_too():
    known = Known(
        [
            Item("course", "Biology"),
            Item("topic", "Photosynthesis", "Biology", "Plants"),
            Item("topic", "Cell Respiration", "Biology", "Plants"),
        ]
    )
    result = understand("finished cell respiration and photosynth today", now=NOW, timezone="UTC", known=known)
    assert result.calls == [
        ToolCall("complete_topic", {"topic": "Cell Respiration"}),
        ToolCall("complete_topic", {"topic": "Photosynthesis"}),
    ]


def test_a_clause_led_by_a_booking_verb_with_a_clock_is_a_new_block():
    """'block tue + thu ... every week, starting next week': the window words do not make it a read."""
    calls = say("block mon + wed 6 to 7:30am for cello every week, starting next week").calls
    assert [c.name for c in calls] == ["create_schedule_block"]
    assert calls[0].arguments["recurrence_rule"] == "FREQ=WEEKLY;BYDAY=MO,WE"
    assert calls[0].arguments["start"] == "2026-03-09T06:00"
