"""Offline, session 27: read phrasings and a sequel's course found failing on measure56, each class said here in
other words than the examples it was fixed on."""

import pytest

from apps.assistant.tests.offline_learner import calls


@pytest.mark.parametrize(
    "text",
    [
        "which goals do i still have open?",
        "what goals are still pending",
        "which of my goals are unfinished",
        "which goals i have left",
    ],
)
def test_open_goals_asked_after_the_kind_lists_the_open_goals(text):
    assert calls(text) == [("list_goals", {})]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("anything on friday?", "2026-03-06"),
        ("is there anything planned for tomorrow", "2026-03-05"),
        ("got anything on sat at all?", "2026-03-07"),
    ],
)
def test_anything_on_a_day_lists_that_days_schedule(text, day):
    assert calls(text) == [("list_schedule", {"start": day, "end": day})]


def test_anything_on_a_day_about_a_subject_is_no_schedule_question():
    assert all(name != "list_schedule" for name, _ in calls("anything on monday about enzymes in my slides?"))


@pytest.mark.parametrize("text", ["how many hours i studied this week?", "how much time ive spent studying this week"])
def test_time_studied_asked_in_statement_order_is_the_weeks_summary(text):
    assert calls(text) == [("summarize_activity", {"period": "this_week"})]


def test_hours_one_has_to_study_are_no_summary():
    assert all(name != "summarize_activity" for name, _ in calls("how many hours i have to study for the mcat"))


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("make a new course organic chemistry II, intermediate level", "Organic chemistry II"),
        ("create a course for Organic Chemistry 3, beginner level", "Organic Chemistry 3"),
    ],
)
def test_a_numbered_sequel_of_a_course_is_a_new_course(text, title):
    [(name, arguments)] = calls(text)
    assert name == "create_course"
    assert arguments["title"].casefold() == title.casefold()


def test_the_course_itself_with_an_amount_is_still_the_course():
    [(name, arguments)] = calls("set organic chemistry to advanced level")
    assert (name, arguments["course"]) == ("update_course", "Organic Chemistry")


@pytest.mark.parametrize(
    ("previous", "text"),
    [
        ("how are organic chemistry and world history going", "delete it"),
        ("show my progress in orgo and spanish", "archive that one pls"),
    ],
)
def test_it_after_two_items_of_a_kind_named_before_changes_nothing(previous, text):
    assert calls(text, previous) == []


def test_it_after_one_item_named_before_is_that_item():
    assert calls("archive it", "how is organic chemistry going") == [
        ("archive_course", {"course": "Organic Chemistry"})
    ]
