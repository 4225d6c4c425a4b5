"""Offline, session 25: classes from measure50-53's first runs and the review's wrong writes, each said here in
other words than the examples they were fixed on."""

from datetime import datetime

import pytest

from apps.assistant.tests.offline_learner import calls


@pytest.mark.parametrize(
    ("text", "hour"), [("stats drills weekday mornings at 6", 6), ("add essay work weekday evenings at 8", 20)]
)
def test_a_time_of_day_said_in_the_plural_sets_the_half_of_the_day(text, hour):
    (found,) = calls(text)
    assert found[0] == "create_schedule_block"
    assert datetime.fromisoformat(found[1]["start"]).hour == hour


@pytest.mark.parametrize(
    ("text", "title", "rule"),
    [
        ("schedule flashcard reps at 7:15am every weekday", "Flashcard reps", "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR"),
        ("could you schedule vocab drills every thursday at 5pm", "Vocab drills", "FREQ=WEEKLY;BYDAY=TH"),
    ],
)
def test_schedule_with_a_clock_books_a_block(text, title, rule):
    (found,) = calls(text)
    assert found[0] == "create_schedule_block"
    assert (found[1]["title"], found[1]["recurrence_rule"]) == (title, rule)


@pytest.mark.parametrize(
    "text",
    [
        "i have seminar thursdays at 2",
        "we meet every friday at 6",
        "haha every monday at 9 again",
        "my mom every sunday at 5",
    ],
)
def test_a_sentence_about_a_recurring_time_books_nothing(text):
    assert calls(text) == []


def test_a_question_whether_tonights_occurrence_can_move_moves_it():
    (found,) = calls("could the ml reading tonight be at 9 instead?")
    assert found[0] == "move_schedule_block"
    assert found[1]["block"] == "ML reading"
    assert found[1]["start"].endswith("T21:00")


def test_an_exam_said_cancelled_then_deleted_is_deleted_once():
    assert calls("the lin alg exam was called off!! remove it") == [("delete_exam", {"exam": "Linear Algebra"})]


def test_a_trailing_aside_does_not_hide_the_exam_to_file():
    (found,) = calls("my stats final is on june 2 fyi, put it in")
    assert found == (
        "add_exam",
        {"date": "2026-06-02", "courses": ["Probability and Statistics"], "title": "Probability and Statistics final"},
    )


@pytest.mark.parametrize(
    ("text", "arguments"),
    [("list every exam, the past ones too", {"include_past": True}), ("which exams have i got", {})],
)
def test_past_exams_are_listed_when_asked_for(text, arguments):
    assert calls(text) == [("list_exams", arguments)]


def test_a_prep_plan_for_an_exam_named_without_my():
    assert calls("plan out revision for stats final please") == [
        ("plan_exam_prep", {"exam": "Probability and Statistics"})
    ]


def test_rename_into_gives_the_new_title():
    assert calls("rename Vector Spaces into Spaces and Subspaces") == [
        ("rename_module", {"module": "Vector Spaces", "title": "Spaces and Subspaces"})
    ]


def test_a_day_before_its_month_places_a_bare_hour():
    (found,) = calls("book orgo drills on 20 of march at 9 o'clock")
    assert found[0] == "create_schedule_block"
    assert found[1]["start"] == "2026-03-20T09:00"


def test_a_lead_time_said_before_the_request_is_its_reminder():
    (found,) = calls("remind me 20 minutes before, book vocab drills friday 5pm")
    assert found[0] == "create_schedule_block"
    assert (found[1]["title"], found[1]["reminder_minutes"]) == ("Vocab drills", 20)


def test_why_told_after_a_removal_removes_nothing_else():
    assert calls("archive machine learning, i switched majors") == [
        ("archive_course", {"course": "Intro to Machine Learning"})
    ]


@pytest.mark.parametrize("text", ["which lin alg bits do i keep forgetting", "what do i always mix up in stats"])
def test_what_the_learner_keeps_forgetting_is_asked_of_the_insights(text):
    assert [name for name, _ in calls(text)] == ["get_insights"]


@pytest.mark.parametrize("text", ["gonna grab lunch brb", "grab me a coffee while you're at it lol"])
def test_an_everyday_word_sharing_a_titles_first_letters_names_nothing(text):
    assert calls(text) == []


def test_a_misspelt_doing_still_asks_the_progress():
    assert calls("how am i doin with lin alg") == [("get_progress", {"course": "Linear Algebra"})]


def test_why_told_after_a_removal_with_it_removes_nothing_else():
    assert calls("remove the machine learning course for good, i quit it") == [
        ("delete_course", {"course": "Intro to Machine Learning"})
    ]


def test_one_note_is_a_note_with_its_clock_in_the_content():
    (found,) = calls("write one note titled lab meeting: now thursday 2pm in room 4")
    assert found == ("create_note", {"title": "lab meeting", "content": "now thursday 2pm in room 4"})


def test_a_plan_asked_for_me_with_a_continental_clock():
    assert calls("could you make for me a revision plan for the linear algebra exam, 60 minutes at 18h") == [
        ("plan_exam_prep", {"exam": "Linear Algebra", "hour": 18, "minutes": 60})
    ]


def test_what_to_get_done_today_is_the_days_plan():
    assert calls("what do i have to get done today after work") == [("get_today", {})]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("im giving up on the 12 books goal lmao so over it", "update_goal"),
        ("book kanji drills tomorrow 7 to 8am haha", "create_schedule_block"),
    ],
)
def test_a_laugh_closing_the_request_hides_nothing(text, name):
    assert [found for found, _ in calls(text)] == [name]


@pytest.mark.parametrize(
    "text",
    [
        "yesterday i talked to my professor for the first time!! so proud",
        "this morning i practised orgo for 2 hours",
        "honestly its fine now haha",
        "the weather has been awful all week lol",
    ],
)
def test_a_day_told_then_what_the_learner_did_or_a_laughing_remark_writes_nothing(text):
    assert calls(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "surely not fridays at 6",
        "schedule at 6 tonight?",
        "delete the stats course lol jk",
        "my lin alg exam got cancelled tbh, not sure",
        "remind me 10 minutes before, i never remember",
        "make one goal instead of two",
        "change the vector spaces module into two modules",
        "ok, i quit the machine learning course",
        "book orgo at 8 maybe",
    ],
)
def test_what_the_sessions_review_found_writes_nothing(text):
    assert [name for name, _ in calls(text) if name not in ("list_schedule", "get_today")] == []
