"""Offline, session 21: general mechanisms read from the failures of measure28 (a two-part title said short, a known
title quoted beside a new one, "there" after a module just made)."""

import pytest

from apps.assistant.tests.offline_learner import calls, say


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("put a topic called Markov Chains into probab + statistics", "Markov Chains"),
        ("add random walks to prob n stats", "random walks"),
        ("add random walks to probability and statistics", "random walks"),
    ],
)
def test_a_two_part_title_said_short_or_whole_names_the_course(text, title):
    assert calls(text) == [("add_topic", {"course": "Probability and Statistics", "title": title})]


def test_a_short_two_part_title_is_not_split_into_two_requests_and_new_titles_keep_the_learners_words():
    assert calls("schedule a weekly block Markov drills, saturdays at 11am, for prob & stats") == [
        (
            "create_schedule_block",
            {
                "title": "Markov drills",
                "start": "2026-03-07T11:00",
                "duration_minutes": 60,
                "recurrence_rule": "FREQ=WEEKLY;BYDAY=SA",
                "course": "Probability and Statistics",
            },
        )
    ]
    assert calls("block off 3-5 tomorrow for prob and stats")[0][1]["title"] == "prob and stats"


def test_words_that_only_look_short_for_a_title_name_nothing():
    assert ("add_topic", {"course": "Probability and Statistics", "title": "pens"}) not in calls(
        "add pens and paper to my shopping list"
    )


def test_there_after_a_module_just_made_is_that_module_however_fully_its_course_is_said():
    assert calls(
        "create a module 'Inference' in probability and statistics and move the normal distribution there"
    ) == [
        ("add_module", {"course": "Probability and Statistics", "title": "Inference"}),
        ("move_topic", {"topic": "Normal Distribution", "module": "Inference"}),
    ]


@pytest.mark.parametrize(
    ("text", "arguments"),
    [
        ("add course Calculus 2", {"title": "Calculus 2"}),
        ("make a course astronomy basics by june 30", {"title": "Astronomy basics", "target_date": "2026-06-30"}),
        (
            "create a course marine biology, intermediate, i'd like to be done with it by may 20",
            {"title": "Marine biology", "difficulty": "INTERMEDIATE", "target_date": "2026-05-20"},
        ),
        (
            "set up a course game theory, i need to finish it by april 10",
            {"title": "Game theory", "target_date": "2026-04-10"},
        ),
    ],
)
def test_a_new_course_with_its_level_and_the_date_to_be_done_with_it(text, arguments):
    assert calls(text) == [("create_course", arguments)]


@pytest.mark.parametrize(
    "text", ["got half an hour before my bus, what should i do", "i've got 45 mins free atm. what can i work on?"]
)
def test_time_at_hand_then_what_to_do_with_it_is_the_days_plan(text):
    assert calls(text) == [("get_today", {})]


def test_what_to_study_next_with_no_time_at_hand_is_still_the_insights():
    assert calls("what should i study next") == [("get_insights", {})]


@pytest.mark.parametrize("text", ["i have complete the enantiomers topic", "i have finished enantiomers already"])
def test_a_perfect_tense_written_with_the_base_verb_or_in_full_logs_the_completion(text):
    assert calls(text) == [("complete_topic", {"topic": "Enantiomers"})]


@pytest.mark.parametrize(
    "text",
    [
        "i have to finish enantiomers",
        "i still need to complete enantiomers",
        "i'm gonna finish enantiomers",
        "i'll finish enantiomers tomorrow",
    ],
)
def test_what_is_still_to_be_finished_is_no_completion(text):
    assert "complete_topic" not in [name for name, _ in calls(text)]


@pytest.mark.parametrize("text", ["i just finish enantiomers", "i finally complete enantiomers"])
def test_a_completion_said_with_the_base_verb_and_an_adverb_is_still_logged(text):
    assert calls(text) == [("complete_topic", {"topic": "Enantiomers"})]


def test_a_material_search_about_them_searches_the_previous_subject_or_asks_what():
    assert calls("and what do my handouts say about them", previous="find my notes on the krebs cycle") == [
        ("search_materials", {"query": "krebs cycle"})
    ]
    found = say("what do my slides say about it")
    assert found.calls == []
    assert found.question == "What should I look for in your materials?"


def test_a_block_moved_or_skipped_this_week_is_its_one_occurrence_left_this_week():
    # Wednesday 4 March 2026: the Thursday block meets once more this week, on the 5th
    assert calls("skip orgo review just this week") == [
        ("cancel_schedule_block", {"block": "Orgo review", "occurrence_date": "2026-03-05"})
    ]
    assert calls("push orgo review this week to saturday 10am")[0][1]["occurrence_date"] == "2026-03-05"


def test_a_daily_block_this_week_names_no_one_occurrence_and_asks_which_day():
    # Session 33: no longer a proposal to delete the whole series, which a week off does not mean.
    found = say("cancel ml reading this week")
    assert (found.calls, found.question) == ([], "“ML reading” meets 5 times this week: which day do you mean?")


@pytest.mark.parametrize("text", ["how am i doing in astrophysics", "what's my progress in marine biology"])
def test_progress_in_a_course_the_learner_does_not_have_asks_which(text):
    found = say(text)
    assert found.calls == []
    assert found.question.startswith("Which course do you mean? Yours are:")


def test_a_plan_starting_in_some_hours_for_a_length_is_a_block_at_that_clock():
    # Wednesday 4 March 2026, 10:00 in New York
    assert calls("in 3 hours i wanna do enantiomer drills for like 50 min") == [
        (
            "create_schedule_block",
            {
                "title": "Enantiomer drills",
                "start": "2026-03-04T13:00",
                "duration_minutes": 50,
                "course": "Organic Chemistry",
            },
        )
    ]


@pytest.mark.parametrize("text", ["remind me in 2 hours to stretch for 5 min", "set a timer in 10 minutes for 25 min"])
def test_an_offset_that_is_a_reminder_or_a_timer_is_no_block_start(text):
    assert not any(arguments.get("start") == "2026-03-04T12:00" for _, arguments in calls(text))


def test_a_wish_with_needs_to_be_moves_the_block():
    assert calls("orgo review on thursday needs to be at 8pm, just this week") == [
        ("move_schedule_block", {"block": "Orgo review", "start": "2026-03-05T20:00", "occurrence_date": "2026-03-05"})
    ]


def test_an_offset_too_far_to_be_a_start_is_left_as_said():
    assert all(
        "start" not in arguments for _, arguments in calls("in 99999999999999 hours i wanna study bayes for 40 min")
    )
