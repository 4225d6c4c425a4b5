"""Offline, session 31: classes found on measure76-79's first runs and left open at session 30's end, each said
in other words than the examples they were found on."""

import pytest

from apps.assistant.offline.abstain import READ_ONLY
from apps.assistant.offline.titles import NAMELESS_QUESTION
from apps.assistant.tests.offline_learner import calls, say


@pytest.mark.parametrize(
    ("said", "block", "day"),
    [
        ("gonna have to miss spanish practice next monday", "Spanish practice", "2026-03-09"),
        ("i'll probably miss the orgo review tmrw, cancel that one", "Orgo review", "2026-03-05"),
        ("heads up i will miss ml reading on friday", "ML reading", "2026-03-06"),
    ],
)
def test_a_block_the_learner_will_miss_is_skipped_that_day(said, block, day):
    assert calls(said) == [("cancel_schedule_block", {"block": block, "occurrence_date": day})]


@pytest.mark.parametrize("said", ["i missed spanish practice on monday", "i really miss orgo review tbh"])
def test_a_miss_past_or_longed_for_writes_nothing(said):
    assert calls(said) == []


@pytest.mark.parametrize("said", ["rename the orgo thing to 'Orgo II'", "pls retitle my spanish stuff to Spanish A2"])
def test_a_rename_of_a_thing_naming_items_of_several_kinds_asks_which(said):
    understanding = say(said)
    assert (understanding.calls, "Which do you mean" in understanding.question) == ([], True)


def test_a_rename_of_a_thing_naming_one_item_renames_it():
    assert calls("change the name of my stats stuff to statistics 101") == [
        ("update_course", {"course": "Probability and Statistics", "title": "statistics 101"})
    ]


@pytest.mark.parametrize("said", ["march already?? where did winter go", "finals week already? how did that happen"])
def test_a_message_that_only_asks_in_every_sentence_writes_nothing(said):
    assert [call.name for call in say(said).calls if call.name not in READ_ONLY] == []


@pytest.mark.parametrize(
    "said", ["wait is it thursday? what's on today", "was it already friday? what do i have today"]
)
def test_the_day_asked_is_no_item_to_name(said):
    assert calls(said) == [("get_today", {})]


@pytest.mark.parametrize("said", ["is it friday??", "hold on is it really june already", "how did that even happen"])
def test_the_day_asked_alone_or_a_rhetorical_how_reads_nothing(said):
    assert calls(said) == []


def test_a_pronoun_still_needs_its_item():
    assert "“it”" in say("is it due on friday?").question


def test_a_prep_plan_until_then_is_for_the_exam_just_told():
    previous = "my orgo final is on april 20"
    assert calls("could you plan out my studying till then, 30 min at 7pm", previous=previous) == [
        ("plan_exam_prep", {"exam": "Organic Chemistry", "hour": 19, "minutes": 30})
    ]


def test_a_cancel_after_an_opener_and_before_a_reason_still_cancels():
    assert calls("ok cancel orgo review tomorrow, im wiped") == [
        ("cancel_schedule_block", {"block": "Orgo review", "occurrence_date": "2026-03-05"})
    ]


@pytest.mark.parametrize(
    ("said", "block", "day"),
    [
        ("skip the ML reading just this once", "ML reading", "2026-03-05"),  # 08:00 daily, now 10:00: tomorrow's
        ("cancel spanish practice this one time", "Spanish practice", "2026-03-04"),  # 19:00 today, still to come
    ],
)
def test_one_occurrence_said_without_its_day_is_the_next_one(said, block, day):
    assert calls(said) == [("cancel_schedule_block", {"block": block, "occurrence_date": day})]


def test_a_cancel_of_it_after_a_question_about_one_day_is_that_days():
    assert calls("cancel it then", previous="is orgo review still happening tomorrow?") == [
        ("cancel_schedule_block", {"block": "Orgo review", "occurrence_date": "2026-03-05"})
    ]


def test_a_cancel_of_it_for_good_stays_the_whole_block():
    assert calls("cancel it for good", previous="is orgo review still happening tomorrow?") == [
        ("cancel_schedule_block", {"block": "Orgo review"})
    ]


@pytest.mark.parametrize(
    ("said", "previous"),
    [("rename the spanish practice to spanish convo", ""), ("rename it to chem drills", "is orgo review on thursday?")],
)
def test_a_rename_of_a_block_renames_no_course(said, previous):
    understanding = say(said, previous)
    assert (understanding.calls, "is your block" in understanding.question) == ([], True)


def test_a_summary_of_a_period_is_what_was_done_then():
    assert calls("can i get a rundown of last week") == [("summarize_activity", {"period": "last_week"})]


def test_a_summary_of_a_weeks_schedule_is_no_activity_summary():
    assert [name for name, _ in calls("overview of this week's calendar")] != ["summarize_activity"]


@pytest.mark.parametrize("said", ["alright that's all for tonight, gn", "thats it for the week, cya"])
def test_a_sign_off_for_a_period_reads_nothing(said):
    assert calls(said) == []


@pytest.mark.parametrize("said", ["book me a review session for friday", "could you schedule another study slot tmrw"])
def test_a_new_block_asked_by_its_kind_without_a_time_asks_when(said):
    understanding = say(said)
    assert (understanding.calls, "time" in understanding.question.lower()) == ([], True)


def test_starting_on_a_course_now_starts_its_timer():
    assert calls("ok starting spanish now, track it pls") == [
        ("start_study_session", {"course": "Spanish for Beginners"})
    ]


@pytest.mark.parametrize(
    ("said", "goal", "title"),
    [
        ("mcat goal: add khan academy videos as a task", "Pass the MCAT", "khan academy videos"),
        ("reading goal: add a task, the hobbit", "Read 12 books this year", "the hobbit"),
    ],
)
def test_the_asking_around_a_new_task_is_no_part_of_its_title(said, goal, title):
    assert calls(said) == [("add_goal_task", {"goal": goal, "title": title})]


def test_the_course_said_before_progress_is_the_course_read():
    assert calls("what's my spanish progress looking like") == [("get_progress", {"course": "Spanish for Beginners"})]


def test_a_topic_added_under_a_course_is_added_to_the_course():
    assert calls("add 'matrix rank' as a topic under lin alg") == [
        ("add_topic", {"course": "Linear Algebra", "title": "matrix rank"})
    ]


def test_the_x_one_after_an_opener_still_points_into_the_listing():
    assert calls("oh and the orgo one got pushed to may 2, update it", previous="list my exams") == [
        ("update_exam", {"exam": "Organic Chemistry", "date": "2026-05-02"})
    ]


@pytest.mark.parametrize(
    ("said", "block", "start"),
    [
        ("ML reading should be at 6am from now on", "ML reading", "2026-03-05T06:00"),  # 6am today is gone
        ("orgo review at 9pm going forward", "Orgo review", "2026-03-05T21:00"),  # meets on thursdays
    ],
)
def test_a_whole_block_moved_to_a_new_time_starts_at_its_next_meeting(said, block, start):
    assert calls(said) == [("move_schedule_block", {"block": block, "start": start})]


def test_a_blocks_own_title_with_a_time_moves_it_rather_than_booking_a_copy():
    assert calls("spanish practice at 8pm tonight") == [
        (
            "move_schedule_block",
            {"block": "Spanish practice", "start": "2026-03-04T20:00", "occurrence_date": "2026-03-04"},
        )
    ]


def test_the_day_after_a_day_said_is_listed_with_it():
    assert calls("cancel ML reading thursday and the day after that") == [
        ("cancel_schedule_block", {"block": "ML reading", "occurrence_date": "2026-03-05"}),
        ("cancel_schedule_block", {"block": "ML reading", "occurrence_date": "2026-03-06"}),
    ]


def test_it_done_after_a_goals_tasks_were_asked_about_asks_which_task():
    understanding = say("cross it off", "what tasks do i still have for the mcat?")
    assert (understanding.calls, "Finish practice test 1" in understanding.question) == ([], True)


def test_it_done_after_a_goal_itself_was_asked_about_is_the_goal():
    assert calls("mark it done", previous="how is my mcat goal going") == [
        ("update_goal", {"goal": "Pass the MCAT", "status": "COMPLETED"})
    ]


def test_a_request_no_tool_does_beside_one_it_does_keeps_the_app_part():
    assert calls("make a note called krebs recap: citrate first. oh and could you text my lab partner the pdf") == [
        ("create_note", {"title": "krebs recap", "content": "citrate first"})
    ]


def test_a_message_to_send_is_nothing_the_app_does():
    assert calls("could you email my prof about the extension") == []


def test_a_reminder_to_reach_a_person_is_a_block_at_that_time():
    assert calls("remind me to call my dad at 7pm") == [
        (
            "create_schedule_block",
            {"title": "Call my dad", "start": "2026-03-04T19:00", "duration_minutes": 60, "reminder_minutes": 15},
        )
    ]


def test_what_the_learner_will_do_with_another_item_is_no_part_of_a_removal():
    assert calls("remove the lecture 5 notes and i'll rewrite the krebs one") == [
        ("delete_note", {"note": "Lecture 5 notes"})
    ]


def test_a_wish_to_drop_a_thing_naming_items_of_several_kinds_asks_which():
    understanding = say("i want to drop the spanish thing")
    assert (understanding.calls, "Which do you mean" in understanding.question) == ([], True)


@pytest.mark.parametrize("said", ["add a block tomorrow at 4", "put a slot in for friday 3pm"])
def test_a_block_with_nothing_said_of_what_it_is_for_asks(said):
    understanding = say(said)
    assert (understanding.calls, understanding.question) == ([], NAMELESS_QUESTION)


def test_a_study_block_without_a_subject_is_still_booked():
    assert [name for name, _ in calls("book a study session friday at 5pm")] == ["create_schedule_block"]


def test_a_move_that_says_only_when_the_learner_cannot_asks_when():
    understanding = say("move ML reading pls, can't do the morning")
    assert (understanding.calls, bool(understanding.question)) == ([], True)


def test_a_move_of_a_weekly_block_said_only_by_the_day_it_cannot_be_moves_nothing():
    assert calls("could you move orgo review? cant make it thursday") == []


def test_a_move_with_its_new_time_beside_what_the_learner_cannot_make_moves():
    assert calls("move spanish practice to 8, cant make it at 7") == [
        ("move_schedule_block", {"block": "Spanish practice", "start": "2026-03-04T20:00"})
    ]


def test_a_removal_told_as_a_statement_proposes_nothing_beside_the_request():
    assert calls("i'm dropping lin alg, can you archive it") == [("archive_course", {"course": "Linear Algebra"})]


@pytest.mark.parametrize("said", ["running behind, move ML reading to 9am tomorrow", "so tired today"])
def test_a_state_told_is_no_goal(said):
    assert "create_goal" not in [name for name, _ in calls(said)]


def test_a_quoted_new_title_holding_a_blocks_title_is_no_move_of_that_block():
    assert "move_schedule_block" not in [name for name, _ in calls("'ml reading club' on fridays at 6pm")]


def test_a_remark_about_a_block_at_its_time_moves_nothing():
    assert calls("orgo review thursdays at 6 is lowkey the best part of my week") == []


def test_a_yes_before_a_request_keeps_it_a_request():
    assert calls("yep cancel it this week", previous="orgo review is still on thursday right?") == [
        ("cancel_schedule_block", {"block": "Orgo review", "occurrence_date": "2026-03-05"})
    ]


@pytest.mark.parametrize(
    "said", ["add a midterm on the 30th, it covers eigenvalues", "put the review amino acids one on aug 2"]
)
def test_no_block_is_booked_at_a_time_nobody_said(said):
    assert "create_schedule_block" not in [name for name, _ in calls(said)]


@pytest.mark.parametrize(
    ("said", "name"),
    [
        ("Kindly remove the Enantiomers topic, our lecturer cut it.", "remove_topic"),
        ("nvm just delete the krebs note, dont need it anymore", "delete_note"),
    ],
)
def test_a_removal_asked_without_an_imperative_form_is_still_proposed(said, name):
    assert [call for call, _ in calls(said)] == [name]


def test_a_clock_said_as_a_range_is_a_clock_said():
    assert [name for name, _ in calls("block 9-11 tomorrow for my history essay")] == ["create_schedule_block"]


def test_keeping_ones_progress_is_no_progress_report():
    assert calls("hide the lin alg course for now but keep my progress") == [
        ("archive_course", {"course": "Linear Algebra"})
    ]


def test_a_block_for_flashcards_of_a_course_is_booked():
    said = "i should do orgo flashcards daily. put a 20 min slot at 7am every day"
    assert [name for name, _ in calls(said)] == ["create_schedule_block"]
