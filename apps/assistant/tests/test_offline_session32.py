"""Offline reading, session 32: several exams told with their dates in one message, and a list of items to
remove that the whole of it names ambiguously."""

import pytest

from apps.assistant.tests.offline_learner import calls


@pytest.mark.parametrize(
    "said",
    [
        "put in my orgo midterm on may 4 and my stats exam on may 11",
        "orgo midterm may 4, stats exam may 11 - add both pls",
        "exam season: orgo midterm may 4; prob & stats exam may 11",
    ],
)
def test_exams_told_one_after_another_are_each_added_on_their_own_date(said):
    assert [(name, args["courses"], args["date"]) for name, args in calls(said)] == [
        ("add_exam", ["Organic Chemistry"], "2026-05-04"),
        ("add_exam", ["Probability and Statistics"], "2026-05-11"),
    ]


def test_each_exam_of_a_run_keeps_its_own_kind_in_its_title():
    assert [args.get("title") for _, args in calls("i've got my lin alg final june 2 and an ml exam june 6")] == [
        "Linear Algebra final",
        None,
    ]


@pytest.mark.parametrize(
    "said",
    [
        "orgo exam may 4 and stats hw due may 11",  # homework is no exam
        "my roommate's orgo exam is may 4 and my stats exam may 11",  # someone else's
    ],
)
def test_a_run_with_an_item_that_is_no_exam_of_the_learners_adds_nothing(said):
    assert not [name for name, _ in calls(said) if name == "add_exam"]


@pytest.mark.parametrize(
    "said",
    [
        "trash lecture 6 notes and lecture 5 notes",
        "pls remove the lecture 5 notes + the lecture 6 notes, i rewrote them",
    ],
)
def test_notes_listed_for_removal_are_each_removed_though_the_whole_names_both(said):
    assert sorted(args["note"] for _, args in calls(said)) == ["Lecture 5 notes", "Lecture 6 notes"]


def test_a_name_shared_by_two_notes_still_asks_which():
    assert calls("delete my lecture notes") == []
