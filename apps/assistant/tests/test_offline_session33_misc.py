"""Offline, session 33 (misc): a fact of the learner's own headed as a note and asked to be remembered, activity
summaries asked as "how'd i do", "r" texted for "are", a timer switched on then ended, past doings told as news,
shared topics told done or undone, a report's course told in a remark before it, and a search for what someone said
about an assessment; each said in other words than the rows they were found on."""

import pytest

from apps.assistant.tests.offline_learner import calls


def test_a_note_to_self_about_the_learner_asked_to_be_remembered_is_a_fact():
    [(name, arguments)] = calls("nts: i focus way better after a run. keep that in mind")
    assert (name, arguments["fact"]) == ("remember_fact", "i focus way better after a run")


def test_a_note_to_self_about_a_subject_stays_a_note():
    assert [name for name, _ in calls("note to self: mitochondria make atp. remember that")] == ["create_note"]
    assert [name for name, _ in calls("note to self: i focus better after a run")] == ["create_note"]


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("how did i do this week overall", "this_week"),
        ("how'd i do so far today?", "today"),
        ("sum up my week for me", "this_week"),
        ("recap this month pls", "this_month"),
    ],
)
def test_how_a_period_went_is_an_activity_summary(text, period):
    assert calls(text) == [("summarize_activity", {"period": period})]


def test_the_days_plan_and_a_notes_summary_are_not_an_activity_summary():
    assert calls("what have i got on today") == [("get_today", {})]
    assert calls("summarize my week 3 vocab note") == [("summarize_note", {"note": "Spanish vocab week 3"})]
    assert calls("how did i do on the practice test") == []  # a test's result, not the learner's activity


def test_a_timer_ended_after_the_learner_finishes_then_asks_how_the_day_went():
    assert calls("alright im finished, end the session. how'd i do today?") == [
        ("stop_study_session", {}),
        ("summarize_activity", {"period": "today"}),
    ]


def test_r_texted_for_are_asks_as_are():
    assert calls("when r my midterms") == [("list_exams", {})]
    assert [name for name, _ in calls("r there any flashcards due")] == ["list_due_cards"]


def test_a_timer_switched_on_is_ended_by_a_bare_done():
    assert calls("ok finished, end it 🥱", previous="put the timer on for eigenvalues") == [("stop_study_session", {})]


def test_a_reply_after_a_timer_switched_on_still_marks_a_topic():
    assert calls("mark it done", previous="timer on for gradient descent pls") == [
        ("complete_topic", {"topic": "Gradient Descent"})
    ]


@pytest.mark.parametrize(
    "text",
    [
        "got an 88 on the orgo midterm!!! 🥳",
        "finally submitted my history essay 😭🎉",
        "sunday morning and im at the lab. someone save me",
    ],
)
def test_news_and_pleas_ask_for_nothing(text):
    assert calls(text) == []


def test_a_study_log_and_real_reads_still_act():
    assert calls("finished the cold war unit") == [("complete_topic", {"topic": "Cold War"})]
    assert calls("got any resource recs") == [("recommend_resources", {})]
    assert [name for name, _ in calls("finished my essay, what's next today")] == ["get_today"]


def test_a_shared_topic_told_done_then_checked_off_is_the_shared_one():
    assert calls("completed Recursion in the algorithms course we share, tick it off") == [
        ("complete_shared_topic", {"topic": "Recursion", "course": "algorithms"})
    ]


def test_a_shared_topic_undone_is_marked_not_done():
    assert calls("undo Cell Cycle in the shared bio course, misclicked") == [
        ("complete_shared_topic", {"topic": "Cell Cycle", "course": "bio", "completed": False})
    ]


def test_the_kind_said_after_a_shared_topic_is_no_part_of_its_title():
    assert calls("in our group's chemistry course mark the Titration topic done") == [
        ("complete_shared_topic", {"topic": "Titration", "course": "chemistry"})
    ]


def test_the_learners_own_topic_finished_in_a_group_stays_theirs():
    assert calls("i finished enantiomers in my study group, check it off") == [
        ("complete_topic", {"topic": "Enantiomers"})
    ]


def test_a_report_takes_the_course_told_in_the_remark_before_it():
    assert calls("spanish grammar keeps tripping me up, where am i weakest") == [
        ("get_insights", {"course": "Spanish for Beginners"})
    ]
    assert calls("honestly stats is destroying me, how am i doing") == [
        ("get_progress", {"course": "Probability and Statistics"})
    ]


def test_a_report_after_an_act_on_a_course_takes_no_course_from_it():
    assert calls("mark backprop done, how am i doing") == [
        ("complete_topic", {"topic": "Backpropagation"}),
        ("get_progress", {}),
    ]


def test_what_was_said_about_an_assessment_is_searched_as_asked():
    assert calls("look through my slides for what the lecturer said about the midterm") == [
        ("search_materials", {"query": "what the lecturer said about the midterm"})
    ]


def test_what_was_said_about_a_subject_is_searched_by_the_subject():
    assert calls("check my readings for what the prof said about the truman doctrine") == [
        ("search_materials", {"query": "truman doctrine"})
    ]


def test_a_report_asked_over_everything_takes_no_course_from_the_remark():
    assert calls("dropped world history lol, how am i doing overall") == [("get_progress", {})]
