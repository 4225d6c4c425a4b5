"""Offline, session 30: exam classes found failing on fresh sets (a prep plan's hour and block length said with "w",
a prep plan asked with the exam named before "prep", an exam whose subject starts like a date word, a titled exam
with "covers", an exam put "in the app", a change or removal after a message naming the exam by its teacher or with
an ordinal date, past exams asked "incl." the ones taken, a trailing remark starting with a noun that is also a
verb), each said here in other words than the examples it was fixed on."""

import pytest

from apps.assistant.offline.narrative import without_narrative
from apps.assistant.tests.offline_learner import KNOWN, calls, say


def test_prep_options_said_with_w_are_kept_beside_an_added_exam():
    assert calls("my stats exam is on june 8, add it and plan prep w 60 min sessions at 6pm") == [
        ("add_exam", {"date": "2026-06-08", "courses": ["Probability and Statistics"]}),
        ("plan_exam_prep", {"exam": "Probability and Statistics", "hour": 18, "minutes": 60}),
    ]


@pytest.mark.parametrize(
    ("said", "options"),
    [
        ("plan my history final revision, 2 hour blocks in the evenings", {"hour": 19, "minutes": 120}),
        ("plan out the spanish midterm prep, evenings at 8 would be ideal", {"hour": 20}),
        ("plan my studying for the world history final, 45 min sessions at 9am", {"hour": 9, "minutes": 45}),
        ("plan my study for the history exam, afternoons at 3 work best", {"hour": 15}),
    ],
)
def test_a_prep_plan_asked_with_its_options_is_a_plan_not_a_block(said, options):
    exam = "Spanish for Beginners" if "spanish" in said else "World History"
    assert calls(said) == [("plan_exam_prep", {"exam": exam, **options})]


def test_a_subject_word_starting_like_a_date_word_is_no_date():
    # "independence" starts like "in": the date is the one said after the subject
    assert calls("there's a test about eigenvalues and linear independence on may 2") == [
        ("add_exam", {"date": "2026-05-02", "topics": ["Eigenvalues and Eigenvectors", "Linear Independence"]})
    ]


@pytest.mark.parametrize(
    "said",
    [
        "create a test titled stats quiz 3 on june 2, covers the normal distribution",
        "add an exam named stats quiz 3 for june 2 which covers the normal distribution",
    ],
)
def test_a_titled_exam_says_what_it_covers_with_covers(said):
    assert calls(said) == [
        ("add_exam", {"date": "2026-06-02", "topics": ["Normal Distribution"], "title": "stats quiz 3"})
    ]


def test_a_titled_exam_with_a_detail_it_has_no_field_for_is_still_the_exam():
    assert calls("add an exam called history final on june 5, it's in the main hall") == [
        ("add_exam", {"date": "2026-06-05", "courses": ["World History"], "title": "history final"})
    ]


@pytest.mark.parametrize(
    "said",
    ["put my spanish exam on may 21 in the app please", "log the spanish exam on may 21 to my calendar"],
)
def test_an_exam_put_in_the_app_is_added(said):
    assert calls(said) == [("add_exam", {"date": "2026-05-21", "courses": ["Spanish for Beginners"]})]


def test_an_exam_moved_to_an_ordinal_date_after_a_question_about_it_is_updated():
    # "22nd" without its digits is no "Read Dune"
    assert calls("they moved it to april 22nd, pls update it", "when is my stats exam?") == [
        ("update_exam", {"exam": "Probability and Statistics", "date": "2026-04-22"})
    ]


def test_an_exam_said_bare_is_on_the_course_its_teacher_was_named_by():
    previous = "my spanish teacher said something about the exam"
    assert calls("it was called off, remove it", previous) == [("delete_exam", {"exam": "Spanish for Beginners"})]
    assert calls("they pushed it to may 12, change it", previous) == [
        ("update_exam", {"exam": "Spanish for Beginners", "date": "2026-05-12"})
    ]


def test_an_exam_said_bare_with_no_course_named_is_asked_about():
    understood = say("it was called off, remove it", "the teacher said something about the exam")
    assert understood.calls == []
    assert understood.question


@pytest.mark.parametrize(
    "said", ["show me every exam incl. those i took already", "what exams do i have, even the ones i sat last term"]
)
def test_past_exams_asked_for_are_listed(said):
    assert calls(said) == [("list_exams", {"include_past": True})]


def test_an_abbreviation_dot_ends_no_sentence():
    said = "show my exams incl. the ones i took"  # "the ones i took" is no story told beside a request
    assert without_narrative(said, KNOWN) == said


def test_a_remark_opening_with_a_noun_that_is_also_a_verb_asks_nothing():
    assert calls("make the reading goal high priority, review week is almost here") == [
        ("update_goal", {"goal": "Read 12 books this year", "priority": "HIGH"})
    ]
    assert calls("move spanish practice to 7pm, test season is starting") == [
        ("move_schedule_block", {"block": "Spanish practice", "start": "2026-03-04T19:00"})
    ]


@pytest.mark.parametrize("said", ["test day is almost here", "review session was great today"])
def test_a_noun_compound_said_to_be_something_is_chat(said):
    assert calls(said) == []
