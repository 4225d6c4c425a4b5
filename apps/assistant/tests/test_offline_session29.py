"""Offline, session 29: classes found failing on measure65 (named days, a block after a question about a few days,
courses added with their title first, prep hours that "work", goals listed by status, progress asked with "hows",
ticks taken back, a change told then asked to be filed, several topics said done, exams titled after their date),
each said here in other words than the examples it was fixed on."""

from datetime import date

import pytest

from apps.assistant.offline.dates import parse_date, parse_window
from apps.assistant.offline.titles import NAMELESS_QUESTION
from apps.assistant.tests.offline_learner import calls, say

TODAY = date(2027, 6, 19)


@pytest.mark.parametrize(
    ("said", "day"),
    [
        ("on fathers day", date(2027, 6, 20)),
        ("mother's day", date(2028, 5, 14)),
        ("over easter", date(2028, 4, 16)),
        ("good friday 2028", date(2028, 4, 14)),
        ("easter monday", date(2028, 4, 17)),
        ("thanksgiving", date(2027, 11, 25)),
        ("labour day", date(2027, 9, 6)),
        ("st. patrick's day", date(2028, 3, 17)),
        ("memorial day", date(2028, 5, 29)),
    ],
)
def test_a_holiday_is_its_next_day(said, day):
    assert parse_date(said, TODAY) == day


def test_a_weekday_said_beside_a_holiday_is_still_the_weekday():
    assert parse_date("friday, it's christmas eve", TODAY) == date(2027, 6, 25)


def test_a_block_on_a_named_day_it_does_not_meet_is_asked_about():
    understood = say("skip spanish practice on good friday")
    assert understood.calls == []
    assert "Spanish practice" in understood.question


def test_a_break_over_several_days_asks_which_day():
    understood = say("cancel ml reading over easter break")
    assert understood.calls == []
    assert "ML reading" in understood.question


def test_a_block_is_cancelled_on_a_holiday():
    assert calls("cancel my spanish practice on memorial day") == [
        ("cancel_schedule_block", {"block": "Spanish practice", "occurrence_date": "2026-05-25"})
    ]


def test_a_window_ending_on_a_bare_day_stays_in_its_month():
    assert parse_window("anything double booked between aug 3 and 9", TODAY) == (date(2027, 8, 3), date(2027, 8, 9))


def test_a_block_changed_after_a_question_about_the_weekend_is_its_occurrence_then():
    assert calls("scrap the linear algebra one, family visiting", previous="anything planned for the weekend?") == [
        ("cancel_schedule_block", {"block": "Linear Algebra problem sets", "occurrence_date": "2026-03-08"})
    ]


def test_a_clock_said_after_a_question_about_one_day_moves_to_that_day():
    assert calls("move the orgo one to 9pm", previous="what do i have on thursday") == [
        (
            "move_schedule_block",
            {"block": "Orgo review", "start": "2026-03-05T21:00", "occurrence_date": "2026-03-05"},
        )
    ]


@pytest.mark.parametrize(
    ("previous", "text"),
    [
        ("what did i have last week", "cancel the orgo review"),
        ("what have i got going on the week after next", "drop the orgo review"),
        ("what's on this week", "cancel the orgo review for the rest of the semester"),
        ("what's on this week", "cancel the orgo review going forward"),
        ("what's on this week", "i dropped orgo, cancel the orgo review"),
    ],
)
def test_days_gone_or_the_series_said_leave_the_whole_block(previous, text):
    assert calls(text, previous=previous) == [("cancel_schedule_block", {"block": "Orgo review"})]


def test_a_clock_already_past_today_still_moves_the_listed_days_occurrence():
    assert calls("push the lin alg one to 9am", previous="what's on this weekend") == [
        (
            "move_schedule_block",
            {"block": "Linear Algebra problem sets", "start": "2026-03-08T09:00", "occurrence_date": "2026-03-08"},
        )
    ]


def test_a_question_naming_no_day_leaves_the_series_to_move():
    assert calls("move it to saturday 11am", previous="when is my orgo review?") == [
        ("move_schedule_block", {"block": "Orgo review", "start": "2026-03-07T11:00"})
    ]


def test_that_one_after_a_session_asked_about_is_the_block():
    assert calls("bump that one to 8pm", previous="when's my next orgo session?") == [  # its next one (session 31)
        ("move_schedule_block", {"block": "Orgo review", "start": "2026-03-05T20:00", "occurrence_date": "2026-03-05"})
    ]


@pytest.mark.parametrize(
    "text",
    [
        "add a 30 min course review block tomorrow at 3pm",
        "add an hour of course review tomorrow at 5pm",
        "add a reminder about course registration",
        "add a 2 hour course review",
    ],
)
def test_a_length_or_another_kind_before_course_makes_no_course(text):
    assert all(name != "create_course" for name, _ in calls(text))


def test_a_course_added_with_its_title_first_is_made():
    assert calls("add a Roman History course pls, advanced level") == [
        ("create_course", {"title": "Roman History", "difficulty": "ADVANCED"})
    ]


def test_a_course_titled_with_of_keeps_its_target():
    assert calls("add a history of art course pls, i want to be done with it by may 20") == [
        ("create_course", {"title": "History of art", "target_date": "2026-05-20"})
    ]


def test_a_new_thing_titled_only_by_what_is_done_to_it_asks_its_name():
    understood = say("create a new course, i want to finish it by august")
    assert understood.calls == []
    assert understood.question == NAMELESS_QUESTION


def test_prep_hours_that_work_are_the_plans_options():
    assert calls("make me a study plan for the stats final, 9am works, 2 hours a day") == [
        ("plan_exam_prep", {"exam": "Probability and Statistics", "hour": 9, "minutes": 120})
    ]


def test_goals_shown_by_status_are_listed_not_changed():
    assert calls("let me see the goals i dropped") == [("list_goals", {"status": "ABANDONED"})]
    assert calls("can i see the goals i abandoned this year") == [("list_goals", {"status": "ABANDONED"})]


def test_progress_asked_with_hows_and_a_second_question_after_a_comma():
    assert calls("hows lin alg going") == [("get_progress", {"course": "Linear Algebra"})]
    assert calls("how's orgo going, plus any videos on enantiomers") == [
        ("get_progress", {"course": "Organic Chemistry"}),
        ("recommend_resources", {"topic": "Enantiomers"}),
    ]


def test_weak_spots_asked_with_the_course_before_the_question():
    assert calls("which orgo stuff am i weakest at") == [("get_insights", {"course": "Organic Chemistry"})]


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("schedule orgo study tomorrow 3pm - 90 min", 90),
        ("block tomorrow 3pm-45 mins for stats", 45),
        ("schedule orgo study tomorrow 3pm - 2 hours", 120),
        ("schedule bayes review tomorrow 9pm-1", 240),
    ],
)
def test_a_length_after_a_clock_is_no_range_and_an_evening_range_runs_past_midnight(text, minutes):
    [(name, args)] = calls(text)
    assert name == "create_schedule_block"
    assert args["duration_minutes"] == minutes


def test_a_clock_range_with_the_end_bare_takes_the_starts_half_of_the_day():
    assert calls("block off friday 1pm-3 for the essay") == [
        ("create_schedule_block", {"title": "Essay", "start": "2026-03-06T13:00", "duration_minutes": 120})
    ]


def test_a_class_told_moved_then_its_block_asked_is_no_course_change():
    assert all(
        name != "update_course" for name, _ in calls("my spanish class got moved to thursday, can u update the block")
    )


def test_a_told_change_ends_at_and():
    assert calls("the mcat got pushed to sept 11 and my orgo exam to may 3, update the goal")[:1] == [
        ("update_goal", {"goal": "Pass the MCAT", "target_date": "2026-09-11"})
    ]


def test_a_change_told_then_asked_to_be_filed_is_made():
    assert calls("the MCAT was moved to oct 2, could you update the goal pls") == [
        ("update_goal", {"goal": "Pass the MCAT", "target_date": "2026-10-02"})
    ]


def test_material_asked_about_with_anything_in():
    assert calls("anything in my lecture slides about eigenvectors?") == [
        ("search_materials", {"query": "eigenvectors"})
    ]


@pytest.mark.parametrize(
    "text", ["undo the rename of the read dune task", "undo the practice test task, i added it by mistake"]
)
def test_undoing_something_else_of_a_task_does_not_reopen_it(text):
    assert all(name != "reopen_goal_task" for name, _ in calls(text))


@pytest.mark.parametrize(
    "text", ["take the tick off review amino acids, misclicked", "undo checking off review amino acids"]
)
def test_a_tick_taken_back_reopens_the_task(text):
    assert calls(text) == [("reopen_goal_task", {"task": "Review amino acids"})]


def test_several_topics_said_done_are_each_completed():
    assert calls("I'm done with enantiomers and SN1/SN2, tick both") == [
        ("complete_topic", {"topic": "Enantiomers"}),
        ("complete_topic", {"topic": "SN1 and SN2 Reactions"}),
    ]


@pytest.mark.parametrize(
    "text", ["i finished enantiomers and i'm starting sn1/sn2", "i'm done with enantiomers and need to start sn1/sn2"]
)
def test_a_topic_listed_as_still_to_do_is_not_completed(text):
    assert calls(text) == [("complete_topic", {"topic": "Enantiomers"})]


@pytest.mark.parametrize(
    "text",
    [
        "am i done with gradient descent and backprop?",
        "when will i be done with enantiomers and elimination reactions",
        "my friend already finished gradient descent and backprop",
        "i wish i was done with gradient descent and backprop",
        "done with gradient descent and most of backprop",
    ],
)
def test_a_list_asked_about_wished_for_or_partly_done_completes_nothing(text):
    assert calls(text) == []


def test_a_list_said_done_with_its_course_and_a_remark_completes_each():
    expected = [
        ("complete_topic", {"topic": "Gradient Descent", "course": "Intro to Machine Learning"}),
        ("complete_topic", {"topic": "Backpropagation", "course": "Intro to Machine Learning"}),
    ]
    assert calls("finished gradient descent and backprop for machine learning") == expected
    assert calls("done with gradient descent and backprop, feeling good about ml now") == expected


def test_an_exam_titled_after_its_date_is_added_with_that_title():
    assert calls("put in my orgo final on april 30, name it Orgo Boss Fight") == [
        ("add_exam", {"date": "2026-04-30", "courses": ["Organic Chemistry"], "title": "Orgo Boss Fight"})
    ]


def test_calling_it_a_day_titles_nothing_and_keeps_the_request():
    assert calls("my orgo final is april 30, call it a day") == [
        ("add_exam", {"date": "2026-04-30", "courses": ["Organic Chemistry"], "title": "Organic Chemistry final"})
    ]
    assert calls("ok call it a day, mark backprop done") == [("complete_topic", {"topic": "Backpropagation"})]


def test_a_title_said_after_a_change_of_an_existing_exam_is_kept():
    assert calls("move my stats exam to may 2 and call it stats final") == [
        ("update_exam", {"exam": "Probability and Statistics", "date": "2026-05-02", "title": "stats final"})
    ]


@pytest.mark.parametrize(
    "text", ["my orgo final is april 30, call it off", "my orgo final is april 30, call it whatever"]
)
def test_call_it_as_an_idiom_titles_nothing(text):
    understood = say(text)
    assert understood.calls == []
    assert understood.question == NAMELESS_QUESTION


# Found on measure67 (the first run's writes on ambiguous messages).


def test_one_day_said_with_the_day_or_as_someday_asks_nothing():
    assert calls("cancel ml reading for one day, tomorrow") == [
        ("cancel_schedule_block", {"block": "ML reading", "occurrence_date": "2026-03-05"})
    ]
    assert say("cancel the orgo review, i'll make it up one day").question == ""


def test_a_block_skipped_on_one_day_left_unsaid_asks_which_day():
    understood = say("skip orgo review some day next week, swamped")
    assert understood.calls == []
    assert "Orgo review" in understood.question


def test_a_topic_named_only_by_its_course_asks_which_of_its_topics():
    understood = say("finished the lin alg topic, tick it off")
    assert understood.calls == []
    assert "Linear Independence" in understood.question
    assert "Eigenvalues and Eigenvectors" in understood.question


# Found on measure67 (tuned on after its first run).


def test_revision_planned_for_the_exam_just_told_is_its_prep_plan():
    assert calls(
        "ok plan out the revision for it, 45 min each evening at 8pm", previous="add the stats final on june 2"
    ) == [("plan_exam_prep", {"exam": "Probability and Statistics", "hour": 20, "minutes": 45})]


def test_a_tag_swapped_onto_it_is_one_tag_change():
    assert calls("remove the bio tag from the krebs cycle note and stick chem on it instead") == [
        ("tag_note", {"note": "Krebs cycle", "remove": ["bio"], "add": ["chem"]})
    ]


def test_tests_coming_up_are_the_exams():
    assert calls("any quizzes coming up soon?") == [("list_exams", {})]


def test_a_task_undone_by_name_is_reopened():
    assert calls("undo the amino acids task, not actually done") == [
        ("reopen_goal_task", {"task": "Review amino acids"})
    ]


def test_a_short_key_word_with_two_letters_swapped_is_read():
    assert calls("hwat are my goals") == [("list_goals", {})]


def test_a_rough_count_of_due_cards_is_their_limit():
    assert calls("which cards are due? show me around 15") == [("list_due_cards", {"limit": 15})]


def test_progress_and_weak_spots_asked_together_are_both_read():
    assert calls("how's orgo going and where do i struggle in it") == [
        ("get_progress", {"course": "Organic Chemistry"}),
        ("get_insights", {"course": "Organic Chemistry"}),
    ]


def test_this_evening_is_todays_occurrence():
    assert calls("skip spanish practice this evening, too tired") == [
        ("cancel_schedule_block", {"block": "Spanish practice", "occurrence_date": "2026-03-04"})
    ]


def test_a_day_and_a_weekday_listed_together_are_one_window():
    assert calls("what's on today and friday") == [("list_schedule", {"start": "2026-03-04", "end": "2026-03-06"})]


def test_an_exam_told_with_theres_unapostrophed_is_added():
    assert calls("theres a final for lin alg on may 9") == [
        ("add_exam", {"date": "2026-05-09", "courses": ["Linear Algebra"], "title": "Linear Algebra final"})
    ]


def test_a_request_after_a_topic_said_done_is_not_another_completion():
    assert calls("tick off enantiomers and then give me some questions on sn1/sn2") == [
        ("complete_topic", {"topic": "Enantiomers"}),
        ("quiz_me", {"topic": "SN1 and SN2 Reactions"}),
    ]


# Found on measure68 and measure69 (tuned on after their first runs).


def test_a_bare_removal_by_a_name_of_two_kinds_asks_which():
    understood = say("delete spanish pls")
    assert understood.calls == []
    assert "Spanish for Beginners" in understood.question
    assert "Spanish practice" in understood.question
    assert calls("cancel orgo review") == [("cancel_schedule_block", {"block": "Orgo review"})]


def test_a_remark_ending_in_study_wise_starts_no_session():
    assert calls("how did this week go, study-wise") == [("summarize_activity", {"period": "this_week"})]


def test_a_date_said_next_years_gets_its_year():
    assert calls("push the mcat goal to may 2 next year") == [
        ("update_goal", {"goal": "Pass the MCAT", "target_date": "2027-05-02"})
    ]


def test_an_exam_put_on_a_date_for_a_course_is_added():
    assert calls("put an exam on may 5 for lin alg") == [
        ("add_exam", {"date": "2026-05-05", "courses": ["Linear Algebra"]})
    ]


def test_an_exam_added_with_its_date_then_topics_covers_them():
    assert calls("add a test july 2 on enantiomers and sn1/sn2") == [
        ("add_exam", {"date": "2026-07-02", "topics": ["Enantiomers", "SN1 and SN2 Reactions"]})
    ]


def test_done_after_a_timed_start_stops_the_timer():
    assert calls("done, stop it", previous="starting backprop now, time me") == [("stop_study_session", {})]


def test_topics_joined_by_a_plus_are_each_completed():
    assert calls("done with backprop + gradient descent") == [
        ("complete_topic", {"topic": "Backpropagation"}),
        ("complete_topic", {"topic": "Gradient Descent"}),
    ]


def test_the_hour_told_before_a_request_is_no_block():
    assert calls("its 2am and im wired. start timing me on enantiomers") == [
        ("start_study_session", {"topic": "Enantiomers"})
    ]


def test_a_goal_put_as_in_progress_is_its_status():
    assert calls("the mcat goal - set the deadline to oct 1 and put it as in progress") == [
        ("update_goal", {"goal": "Pass the MCAT", "target_date": "2026-10-01", "status": "IN_PROGRESS"})
    ]


def test_a_new_years_goal_is_a_new_goal():
    assert calls("new years resolution goal: run a marathon, target dec 31")[0][0] == "create_goal"
