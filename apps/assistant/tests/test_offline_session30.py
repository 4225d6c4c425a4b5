"""Offline, session 30: classes left open at session 29's end (a goal named by "goal" is the "it" of a reply, an
exam "scheduled", a time only accepted, a remark about the learner before a prep plan), each said in other words
than the examples they were found on."""

import pytest

from apps.assistant.offline.titles import NAMELESS_QUESTION
from apps.assistant.tests.offline_learner import calls, say


def test_it_after_a_message_about_a_goal_is_the_goal_not_the_course_of_its_name():
    previous = "how's my lin alg goal looking"
    [(name, arguments)] = calls("put 'redo midterm problems' on it, due june 2", previous=previous)
    assert (name, arguments["goal"], arguments["title"].lower(), arguments["due_date"]) == (
        "add_goal_task",
        "Get a B+ in Linear Algebra",
        "redo midterm problems",
        "2026-06-02",
    )


def test_a_topic_on_a_subject_is_still_added_to_the_course():
    assert calls("add a topic on eigenvectors to lin alg") == [
        ("add_topic", {"course": "Linear Algebra", "title": "eigenvectors"})
    ]


def test_it_after_a_message_about_a_course_stays_the_course():
    assert calls("add a topic called eigenvalues to it", previous="how far along am i in lin alg") == [
        ("add_topic", {"course": "Linear Algebra", "title": "eigenvalues"})
    ]


def test_an_exam_scheduled_is_added():
    assert calls("can you schedule a test for world history on may 11") == [
        ("add_exam", {"date": "2026-05-11", "courses": ["World History"]})
    ]


def test_a_block_scheduled_before_an_exam_is_no_exam():
    assert not [name for name, _ in calls("schedule a review session before my orgo midterm") if "exam" in name]


def test_a_time_only_accepted_writes_nothing():
    for said in ("8:30 works", "10am works for me", "ok that works"):
        assert say(said).calls == [], said


def test_a_remark_about_the_learner_before_a_prep_plan_keeps_the_plan():
    assert calls("i have practice till 6, can u build me a revision schedule before my world history final") == [
        ("plan_exam_prep", {"exam": "World History"})
    ]


def test_the_hour_told_at_the_start_is_no_time_to_book():
    # the learner is in New York at 10:00
    assert say("10am and i'm still stuck on eigenvalues lol").calls == []
    assert say("10:15am... cant focus").calls == []


def test_an_hour_later_today_still_books_a_block():
    assert calls("3pm, an hour of orgo")[0][1]["start"] == "2026-03-04T15:00"


def test_the_hour_told_before_a_request_keeps_the_request():
    assert calls("9:50am, add a task 'read ch 4' to my mcat goal") == [
        ("add_goal_task", {"goal": "Pass the MCAT", "title": "Read ch 4"})
    ]


def test_a_field_of_an_unknown_course_set_to_a_date_makes_no_block():
    assert [name for name, _ in calls("set my physics course deadline to jan 9")] == []


def test_a_new_goal_with_only_its_date_asks_what_it_is():
    for said in ("can you make me a new goal, due end of june", "create a goal by next friday"):
        understood = say(said)
        assert understood.calls == [], said
        assert understood.question == NAMELESS_QUESTION, said


def test_a_goal_target_said_after_a_comma_is_its_date():
    assert calls("new goal for this semester: finish 3 mock exams, target april 30") == [
        ("create_goal", {"title": "Finish 3 mock exams", "target_date": "2026-04-30"})
    ]


def test_a_target_in_a_goal_title_stays_in_it():
    assert calls("set a goal to reach my target score by may")[0][1]["title"] == "Reach my target score"


def test_being_stuck_on_a_topic_completes_nothing():
    for said in ("still stuck on linear independence", "i can't wrap my head around bayes"):
        assert say(said).calls == [], said


def test_which_cards_wait_is_a_listing():
    assert calls("which flashcards do i still need to go through") == [("list_due_cards", {})]


def test_going_over_a_course_s_cards_starts_its_review():
    assert calls("let's run through my ML cards") == [("start_review", {"course": "Intro to Machine Learning"})]


def test_a_recommendation_of_something_good():
    assert calls("can u suggest something decent to read on bayes") == [
        ("recommend_resources", {"topic": "Bayes Theorem"})
    ]


def test_a_need_said_after_a_request_is_why_it_is_asked():
    assert calls("list the goals i finished, i could use some motivation") == [("list_goals", {"status": "COMPLETED"})]


def test_which_goals_the_learner_has_is_a_listing():
    assert calls("which goals do i have going rn") == [("list_goals", {})]


def test_a_timer_takes_the_course_said_beside_it():
    assert calls("world history now, start the clock") == [("start_study_session", {"course": "World History"})]


def test_a_timer_on_a_course_takes_the_topic_said_after():
    assert calls("start a study timer for stats, working on bayes") == [
        ("start_study_session", {"course": "Probability and Statistics", "topic": "Bayes Theorem"})
    ]


@pytest.mark.parametrize(
    ("said", "period"),
    [
        ("how's my study time looking this week", "this_week"),
        ("haha what did i actually study today", "today"),
        ("how has this month been", "this_month"),
    ],
)
def test_what_the_learner_did_asked_in_other_words(said, period):
    assert calls(said) == [("summarize_activity", {"period": period})]


def test_still_at_a_topic_is_not_done():
    assert say("midnight and still working on gradient descent").calls == []
    understood = say("finished linear independence, still on bayes")
    assert ("complete_topic", {"topic": "Bayes Theorem"}) not in [(c.name, c.arguments) for c in understood.calls]


def test_a_timer_on_a_subject_the_learner_does_not_have_asks_which():
    understood = say("start timing my biology homework")
    assert understood.calls == []
    understood = say("begin a timer for astronomy")
    assert understood.calls == []
    assert "Organic Chemistry" in understood.question


# The review's findings, each said in other words.


def test_pausing_the_timer_before_a_day_skips_no_block():
    assert calls("pause my timer, orgo review tmrw") == [("stop_study_session", {})]


def test_still_at_it_only_keeps_what_is_still_on():
    assert calls("wrapped up cold war, still at it with bayes") == [("complete_topic", {"topic": "Cold War"})]
    assert calls("mark gradient descent done, still on a roll") == [("complete_topic", {"topic": "Gradient Descent"})]


def test_a_request_after_a_greeting_is_no_need_to_drop():
    assert calls("hey, i need a summary of lecture 6") == [("summarize_note", {"note": "Lecture 6 notes"})]


def test_a_timer_for_a_length_has_no_subject():
    assert calls("begin a timer for 40 mins") == [("start_study_session", {})]


def test_study_time_to_book_is_no_summary():
    assert "summarize_activity" not in [name for name, _ in calls("schedule study time every friday at 4pm")]


def test_the_hour_before_a_day_is_when_to_book():
    assert calls("10am, tomorrow: spanish vocab drill")[0][1]["start"] == "2026-03-05T10:00"


def test_a_goal_with_its_date_first_keeps_its_title():
    assert calls("new goal due july 9 - finish the orgo workbook") == [
        ("create_goal", {"title": "Finish the orgo workbook", "target_date": "2026-07-09"})
    ]


def test_whether_a_change_is_needed_asked_changes_nothing():
    assert say("the lecture 6 notes, should i even delete them").calls == []


def test_a_clash_given_as_the_reason_keeps_the_move():
    assert calls("push ml reading to friday, thursday is double booked")[0][0] == "move_schedule_block"


def test_a_corrected_clock_moves_nothing_to_the_first_time():
    assert say("move spanish practice to 6, actually 7").calls == []


def test_blocks_cancelled_together_on_a_day_one_does_not_meet_asks():
    assert say("skip orgo review and ml reading on monday").calls == []


def test_a_change_from_now_on_after_a_day_is_the_whole_block():
    assert calls("orgo review this morning went ok, make it 45 min going forward") == [
        ("move_schedule_block", {"block": "Orgo review", "duration_minutes": 45})
    ]


def test_a_goal_s_title_changed_by_its_field():
    assert calls("change the name of the lin alg goal to get an A- in lin alg") == [
        ("update_goal", {"goal": "Get a B+ in Linear Algebra", "title": "get an A- in lin alg"})
    ]


def test_a_move_of_the_x_thing_naming_two_kinds_asks_which():
    understood = say("push the problem set stuff to sunday")
    assert understood.calls == []
    assert "Linear Algebra problem sets" in understood.question
    assert "Redo problem set 3" in understood.question


def test_a_block_titled_by_its_day_alone_asks_what_it_is():
    understood = say("add a block on the 14th pls")
    assert understood.calls == []
    assert understood.question == NAMELESS_QUESTION
