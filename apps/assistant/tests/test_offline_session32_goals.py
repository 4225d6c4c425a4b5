"""Offline, session 32 (goals, courses, exams): classes found on measure82-84's first runs, each said in other words
than the rows they were found on."""

import pytest

from apps.assistant.offline.items import Known
from apps.assistant.offline.titles import NAMELESS_QUESTION
from apps.assistant.offline.understand import understand
from apps.assistant.tests.offline_learner import NOW, calls, say


def test_an_exam_on_topics_listed_with_commas_covers_each():
    assert calls("put in a test may 12 on eigenvalues, linear independence and bayes") == [
        (
            "add_exam",
            {"date": "2026-05-12", "topics": ["Eigenvalues and Eigenvectors", "Linear Independence", "Bayes Theorem"]},
        )
    ]


def test_an_exam_on_a_listed_thing_that_is_no_topic_asks_which_course():
    understood = say("add a test on may 9 on eigenvalues, vector spaces and matrices")
    assert understood.calls == []
    assert understood.question.startswith("Which of your courses is the exam on?")


def test_an_exam_named_after_a_colon_keeps_its_own_title():
    assert calls("add a test: lin alg quiz 2 on may 5 covering eigenvalues and linear independence") == [
        (
            "add_exam",
            {
                "date": "2026-05-05",
                "topics": ["Eigenvalues and Eigenvectors", "Linear Independence"],
                "title": "lin alg quiz 2",
            },
        )
    ]


def test_an_exam_after_a_colon_naming_only_its_course_stays_on_the_course():
    assert calls("add exam: world history on april 21") == [
        ("add_exam", {"date": "2026-04-21", "courses": ["World History"]})
    ]


@pytest.mark.parametrize(
    "said",
    [
        "oops i checked off finish practice test 1 by accident",
        "i marked read dune done by mistake",
        "ticked off redo problem set 3 accidentally, still need to do it",
    ],
)
def test_a_task_ticked_by_mistake_is_reopened(said):
    [(name, arguments)] = calls(said)
    assert name == "reopen_goal_task", said
    assert arguments["task"] in {"Finish practice test 1", "Read Dune", "Redo problem set 3"}


def test_a_slip_that_ticks_nothing_off_writes_nothing():
    assert say("i accidentally checked my phone during the lecture lol").calls == []


def test_it_after_a_goal_named_by_a_request_word_and_its_kind_is_the_goal():
    previous = "how's my reading goal going"
    assert calls("put 'Read Klara and the Sun' on it, due nov 3", previous=previous) == [
        (
            "add_goal_task",
            {"goal": "Read 12 books this year", "title": "Read Klara and the Sun", "due_date": "2026-11-03"},
        )
    ]


def test_a_topic_added_without_its_verb_goes_in_the_module_just_made():
    assert calls("create a module 'Proofs' in lin alg, and then a topic 'Induction' under it") == [
        ("add_module", {"course": "Linear Algebra", "title": "Proofs"}),
        ("add_topic", {"course": "Linear Algebra", "title": "Induction", "module": "Proofs"}),
    ]


def test_a_topic_in_it_goes_in_the_module_just_made_though_its_course_is_named_whole():
    assert calls("add a module called Ethics to world history and a topic called Colonialism in it") == [
        ("add_module", {"course": "World History", "title": "Ethics"}),
        ("add_topic", {"course": "World History", "title": "Colonialism", "module": "Ethics"}),
    ]


def test_a_new_topic_whose_name_echoes_the_new_module_still_goes_in_it():
    assert calls("add module Optimisers to the ML course and add topic Optimiser zoo to it") == [
        ("add_module", {"course": "Intro to Machine Learning", "title": "Optimisers"}),
        ("add_topic", {"course": "Intro to Machine Learning", "title": "Optimiser zoo", "module": "Optimisers"}),
    ]


@pytest.mark.parametrize("said", ["how are my goals looking", "how do my goals look", "what do my goals look like rn?"])
def test_how_the_goals_look_lists_them(said):
    assert calls(said) == [("list_goals", {})], said


def test_how_the_courses_look_is_their_progress():
    assert calls("how are my courses looking") == [("get_progress", {})]


def test_a_new_course_to_be_done_by_a_date_gets_it_as_its_target():
    assert calls("create a course on game theory, advanced, i'd like to be finished before aug 3") == [
        ("create_course", {"title": "Game theory", "difficulty": "ADVANCED", "target_date": "2026-08-03"})
    ]


def test_a_goal_only_to_be_done_asks_what_it_is():
    understood = say("i want to be done by june 15")
    assert understood.calls == []
    assert understood.question == NAMELESS_QUESTION


def test_a_new_course_titled_after_a_comma():
    assert calls("make a new course, intro to film, advanced") == [
        ("create_course", {"title": "Intro to film", "difficulty": "ADVANCED"})
    ]
    assert calls("add a course, Sailing") == [("create_course", {"title": "Sailing"})]


def test_a_new_course_with_no_title_after_the_comma_makes_none():
    assert say("create a new course, please").calls == []


@pytest.mark.parametrize(
    ("said", "goal"),
    [
        ("passed the mcat 🥳 this goal is complete", "Pass the MCAT"),
        ("finally got that b+ in linear algebra!! that goal is done", "Get a B+ in Linear Algebra"),
        ("my mcat goal is complete", "Pass the MCAT"),
    ],
)
def test_a_goal_said_done_is_completed(said, goal):
    assert calls(said) == [("update_goal", {"goal": goal, "status": "COMPLETED"})], said


@pytest.mark.parametrize("said", ["got my b+ in lin alg, that goal was tough", "is the reading goal done?"])
def test_a_goal_remarked_on_or_asked_about_is_not_completed(said):
    assert say(said).calls == [], said


@pytest.mark.parametrize(
    ("said", "course", "title"),
    [
        ("rename the intro to machine learning course to ML Basics", "Intro to Machine Learning", "ML Basics"),
        ("rename intro to ML to 'Machine Learning 101'", "Intro to Machine Learning", "Machine Learning 101"),
        ("rename lin alg to Intro to Linear Algebra", "Linear Algebra", "Intro to Linear Algebra"),
    ],
)
def test_a_renamed_course_whose_name_holds_to_keeps_its_whole_name(said, course, title):
    assert calls(said) == [("update_course", {"course": course, "title": title})], said


def test_a_renamed_module_whose_name_holds_to_keeps_its_whole_name():
    known = Known.from_dict(
        {"courses": [{"title": "Physics", "modules": [{"title": "Intro to Optics", "topics": ["Lenses"]}]}]}
    )
    understood = understand(
        "rename the intro to optics module to Light", now=NOW, timezone="America/New_York", known=known
    )
    assert [(c.name, c.arguments) for c in understood.calls] == [
        ("rename_module", {"module": "Intro to Optics", "title": "Light"})
    ]


@pytest.mark.parametrize(
    ("said", "exam", "options"),
    [
        ("fill up my schedule with revision sessions before my stats final", "Probability and Statistics", {}),
        ("make a revision plan for world history, at 7pm, 90 mins each", "World History", {"hour": 19, "minutes": 90}),
    ],
)
def test_a_prep_plan_asked_in_other_words(said, exam, options):
    assert calls(said) == [("plan_exam_prep", {"exam": exam, **options})], said


def test_a_prep_plan_for_no_course_of_the_learners_is_no_plan():
    assert calls("make a prep plan for my cooking class") == []


def test_a_calendar_filled_with_nothing_for_an_exam_is_no_plan():
    assert calls("fill my calendar with study") == []


def test_a_goal_changed_then_a_task_of_it_dated_are_both_done():
    assert calls("make the reading goal top priority and read dune has to be finished by sunday") == [
        ("update_goal", {"goal": "Read 12 books this year", "priority": "HIGH"}),
        ("date_goal_task", {"task": "Read Dune", "due_date": "2026-03-08"}),
    ]


def test_a_topic_moved_into_a_module_named_by_its_abbreviation():
    assert calls("shift sn1/sn2 reactions into stereochem basics") == [
        ("move_topic", {"topic": "SN1 and SN2 Reactions", "module": "Stereochemistry Basics"})
    ]


@pytest.mark.parametrize("said", ["spanish is on hold for a while, archive it", "pausing world history. archive it"])
def test_it_archived_is_the_course_told_of(said):
    [(name, arguments)] = calls(said)
    assert name == "archive_course", said
    assert arguments["course"] in {"Spanish for Beginners", "World History"}


def test_weak_spots_and_overdue_things_asked_beside_how_it_goes_are_insights():
    assert calls("how's everything going, any weak areas or overdue tasks?") == [("get_insights", {})]


def test_how_it_goes_alone_stays_progress():
    assert calls("how am i doing overall?") == [("get_progress", {})]
