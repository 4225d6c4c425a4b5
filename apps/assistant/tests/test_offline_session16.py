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


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        ("B+ goal: add task 'meet w/ tutor', due fri", "title", "meet w/ tutor"),
        ("make a note called lab prep w/ partner saying bring goggles w/ me", "content", "bring goggles w/ me"),
        ("add a task to the mcat goal: read pages 10-20", "title", "read pages 10-20"),
    ],
)
def test_free_text_keeps_the_learners_words_not_the_normalised_ones(text: str, key: str, value: str):
    (call,) = _calls(text)
    assert call[1][key] == value


def test_a_goals_tasks_keep_their_ranges():
    (call,) = _calls("new goal: pass physics by june 1. tasks: ch 1-5, ch 6-9, mock exam")
    assert call[1]["tasks"] == ["ch 1-5", "ch 6-9", "mock exam"]


@pytest.mark.parametrize(
    ("text", "title", "content"),
    [
        (
            "make a note titled photosynthesis basics content light reactions make ATP and NADPH",
            "photosynthesis basics",
            "light reactions make ATP and NADPH",
        ),
        (
            "jot down a note named krebs steps body: acetyl coa enters the cycle",
            "krebs steps",
            "acetyl coa enters the cycle",
        ),
        (
            "please write a note called 'lab safety' \u2014 always wear goggles and gloves",
            "lab safety",
            "always wear goggles and gloves",
        ),
    ],
)
def test_a_notes_title_and_body_markers_split_its_fields(text: str, title: str, content: str):
    ((name, args),) = _calls(text)
    assert (name, args["title"], args["content"]) == ("create_note", title, content)


def test_a_note_named_field_by_field_after_its_course_is_a_new_note():
    ((name, args),) = _calls("note for orgo, title 'chirality', body: a carbon with four different groups")
    assert name == "create_note"
    assert args == {
        "title": "chirality",
        "content": "a carbon with four different groups",
        "course": "Organic Chemistry",
    }


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("add a block every tuesday at 5pm for an hour, call it reading, actually call it deep work", "deep work"),
        (
            "schedule orgo review friday at 3pm and name it chem grind, no wait, name it reaction drills",
            "reaction drills",
        ),
        ("make a new goal to run a 5k by june, title it couch to 5k", "Couch to 5k"),
    ],
)
def test_the_last_naming_after_a_self_correction_wins(text: str, title: str):
    ((_, args),) = _calls(text)
    assert args["title"] == title


def test_two_namings_without_a_correction_name_two_things():
    ((_, args),) = _calls("add a topic called Isomers to the module named Stereochemistry")
    assert args["title"] == "Isomers"


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("set up a daily review at 8pm for 45 min called flashcards. Start from monday.", "2026-03-09T20:00"),
        ("add a chem block every friday at 4pm, begin next week", "2026-03-09T16:00"),
    ],
)
def test_a_trailing_start_from_day_dates_the_new_block_and_is_no_block_itself(text: str, start: str):
    ((name, args),) = _calls(text)
    assert (name, args["start"]) == ("create_schedule_block", start)


@pytest.mark.parametrize(
    "text",
    [
        "wait i accidentally checked off read dune, i'm only halfway, can u undo that",
        "i marked read dune as done by mistake, undo it pls",
    ],
)
def test_a_completion_undone_in_the_same_message_only_reopens(text: str):
    assert _calls(text) == [("reopen_goal_task", {"task": "Read Dune"})]


def test_a_denied_completion_then_undo_still_reopens():
    assert _calls("oops i didn't really finish read dune, undo that") == [("reopen_goal_task", {"task": "Read Dune"})]


@pytest.mark.parametrize(
    ("text", "call"),
    [
        ("goals?", ("list_goals", {})),
        ("finished goals?", ("list_goals", {"status": "COMPLETED"})),
        ("courses atm?", ("get_progress", {})),
    ],
)
def test_a_kind_asked_alone_lists_it(text: str, call: tuple[str, dict]):
    assert _calls(text) == [call]


@pytest.mark.parametrize(
    ("text", "call"),
    [
        (
            "what have i got on thursday, i need to plan around work",
            ("list_schedule", {"start": "2026-03-05", "end": "2026-03-05"}),
        ),
        ("show me my goals, i want to see what's due", ("list_goals", {})),
    ],
)
def test_the_reason_after_a_question_asks_for_nothing(text: str, call: tuple[str, dict]):
    assert _calls(text) == [call]


def test_a_course_outline_keeps_each_modules_topics_in_parentheses():
    ((name, args),) = _calls(
        "make me a course for Intro to Sociology? modules: Theory (Marx, Weber), Methods, and Deviance"
    )
    assert name == "create_course"
    assert args["modules"] == [
        {"title": "Theory", "topics": [{"title": "Marx"}, {"title": "Weber"}]},
        {"title": "Methods"},
        {"title": "Deviance"},
    ]


def test_quoted_modules_with_topics_make_an_outline():
    ((_, args),) = _calls(
        "build a course 'Macro' with a module 'Money and Banking' (topics: Interest Rates, Inflation) "
        "and a module 'Trade' (Tariffs, Exchange Rates)"
    )
    assert args["title"] == "Macro"
    assert [module["title"] for module in args["modules"]] == ["Money and Banking", "Trade"]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("new course: Law and Society, beginner, 4 modules", "Law and Society"),
        ("course: Crime and Punishment for beginners", "Crime and Punishment"),
        ("new course: Python for Data Analysis, intermediate", "Python for Data Analysis"),
    ],
)
def test_a_course_title_after_a_colon_keeps_its_and(text: str, title: str):
    ((name, args),) = _calls(text)
    assert (name, args["title"]) == ("create_course", title)


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("add Astronomy as a new course, done by april 30", {"title": "Astronomy", "target_date": "2026-04-30"}),
        ("could you make Marine Biology as a course for me", {"title": "Marine Biology"}),
    ],
)
def test_a_subject_set_up_as_a_course_is_a_new_course(text: str, args: dict):
    assert _calls(text) == [("create_course", args)]


@pytest.mark.parametrize(
    "text",
    [
        "orgo: add module 'Aromatics', and add a topic 'Benzene' to it",
        "add a module Aromatics to orgo and put Benzene in it",
        "orgo: add module 'Aromatics', put 'Benzene' in it",
    ],
)
def test_a_topic_put_in_a_module_just_added_goes_into_it(text: str):
    assert _calls(text) == [
        ("add_module", {"course": "Organic Chemistry", "title": "Aromatics"}),
        ("add_topic", {"course": "Organic Chemistry", "title": "Benzene", "module": "Aromatics"}),
    ]


@pytest.mark.parametrize(
    ("text", "done", "started"),
    [
        ("done with enantiomers. starting elimination reactions now, time it", "Enantiomers", "Elimination Reactions"),
        ("finished the subjunctive! now starting preterite vs imperfect", "Subjunctive Mood", "Preterite vs Imperfect"),
    ],
)
def test_a_new_sentence_starting_a_topic_is_a_second_request(text: str, done: str, started: str):
    assert _calls(text) == [("complete_topic", {"topic": done}), ("start_study_session", {"topic": started})]


@pytest.mark.parametrize("text", ["my week + any conflicts?", "next week's schedule + any overlaps?"])
def test_a_plus_joins_a_schedule_read_and_a_conflict_check(text: str):
    names = [name for name, _ in _calls(text)]
    assert names == ["list_schedule", "find_schedule_conflicts"]


@pytest.mark.parametrize("text", ["put orgo at 8", "add a chem block at 5", "book a history session at 3 for an hour"])
def test_a_new_block_at_a_bare_hour_on_no_day_asks(text: str):
    found = say(text)
    assert not found.calls
    assert found.question


@pytest.mark.parametrize(
    "text",
    ["schedule spanish at 7 tomorrow", "schedule spanish at 7pm", "schedule spanish every monday at 7"],
)
def test_a_bare_hour_with_a_day_or_a_half_is_still_placed(text: str):
    ((name, _),) = _calls(text)
    assert name == "create_schedule_block"


@pytest.mark.parametrize(
    ("text", "call"),
    [
        (
            "orgo review feels too short, make it an hour and a half",
            ("move_schedule_block", {"block": "Orgo review", "duration_minutes": 90}),
        ),
        (
            "ml reading has been too long lately, could you make it 30 min",
            ("move_schedule_block", {"block": "ML reading", "duration_minutes": 30}),
        ),
    ],
)
def test_a_block_found_too_short_or_long_gets_the_new_length(text: str, call: tuple[str, dict]):
    assert _calls(text) == [call]


@pytest.mark.parametrize(
    ("text", "args"),
    [
        (
            "In the note Krebs cycle, remove the tag bio and add the tags biochem and exam",
            {"note": "Krebs cycle", "remove": ["bio"], "add": ["biochem", "exam"]},
        ),
        (
            "in the note lecture 6 notes: take away the tag draft and put the tags final and exam",
            {"note": "Lecture 6 notes", "remove": ["draft"], "add": ["final", "exam"]},
        ),
    ],
)
def test_tag_changes_after_the_note_named_first_retag_it_and_create_nothing(text: str, args: dict):
    assert _calls(text) == [("tag_note", args)]


@pytest.mark.parametrize(
    ("text", "args"),
    [
        (
            "orgo > stereochemistry basics: add 'Meso Compounds'",
            {"course": "Organic Chemistry", "title": "Meso Compounds", "module": "Stereochemistry Basics"},
        ),
        (
            "spanish > grammar: add por vs para",
            {"course": "Spanish for Beginners", "title": "por vs para", "module": "Grammar"},
        ),
    ],
)
def test_a_course_module_path_adds_a_topic_into_that_module(text: str, args: dict):
    assert _calls(text) == [("add_topic", args)]


def test_a_timer_on_a_topic_takes_the_course_the_message_also_names():
    assert _calls("starting spanish now, subjunctive mood. track my time") == [
        ("start_study_session", {"course": "Spanish for Beginners", "topic": "Subjunctive Mood"})
    ]


def test_a_timer_on_a_topic_alone_names_no_course():
    assert _calls("start a session on linear independence") == [
        ("start_study_session", {"topic": "Linear Independence"})
    ]
