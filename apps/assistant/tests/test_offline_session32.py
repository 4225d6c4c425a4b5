"""Offline reading, session 32: several exams told with their dates in one message, and a list of items to
remove that the whole of it names ambiguously."""

import pytest

from apps.assistant.tests.offline_learner import calls, say


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


@pytest.mark.parametrize(
    "said",
    [
        "ugh my alarm didnt go off, got up at 11am",
        "the neighbours were loud, slept at 3am 😩",
    ],
)
def test_a_time_told_as_when_something_happened_books_nothing(said):
    assert calls(said) == []


def test_lateness_told_before_a_move_books_nothing_and_moves_that_days_block():
    assert calls("running a bit late to spanish practice today, push it to 8pm") == [
        (
            "move_schedule_block",
            {"block": "Spanish practice", "start": "2026-03-04T20:00", "occurrence_date": "2026-03-04"},
        )
    ]


@pytest.mark.parametrize("said", ["the amino acids review", "the practice test 1 task", "the backprop topic"])
def test_an_item_named_alone_is_not_marked_done(said):
    assert calls(said) == []


@pytest.mark.parametrize(
    ("said", "done"),
    [
        ("finished the amino acids review last night", "complete_goal_task"),
        ("gradient descent ✅", "complete_topic"),
    ],
)
def test_a_doing_told_still_marks_the_item_done(said, done):
    assert [name for name, _ in calls(said)] == [done]


def test_checking_one_task_and_unchecking_another_are_two_requests():
    assert calls("tick off review amino acids and untick finish practice test 1, wrong one") == [
        ("complete_goal_task", {"task": "Review amino acids"}),
        ("reopen_goal_task", {"task": "Finish practice test 1"}),
    ]


def test_an_exam_to_file_and_a_question_beside_it_are_both_read():
    assert calls("lin alg final june 2, pls add it. and how many cards are due?") == [
        ("add_exam", {"date": "2026-06-02", "courses": ["Linear Algebra"], "title": "Linear Algebra final"}),
        ("list_due_cards", {}),
    ]


def test_a_question_after_an_exam_is_told_is_not_read_beside_it():
    assert calls("my lin alg final is june 2, how do i even prepare") == []


def test_an_exam_filed_without_a_pause_before_the_ask():
    assert calls("i have a stats midterm on april 9 could you add it") == [
        (
            "add_exam",
            {
                "date": "2026-04-09",
                "courses": ["Probability and Statistics"],
                "title": "Probability and Statistics midterm",
            },
        )
    ]


def test_what_an_exam_covers_said_after_its_date_scopes_it_to_those_topics():
    assert calls("put in my orgo exam on april 20, it will cover enantiomers and elimination reactions") == [
        ("add_exam", {"date": "2026-04-20", "topics": ["Enantiomers", "Elimination Reactions"]})
    ]


@pytest.mark.parametrize("said", ["anything coming up test-wise?", "what's next exam wise"])
def test_exams_asked_for_as_exam_wise_are_listed(said):
    assert calls(said) == [("list_exams", {})]


def test_behind_on_anything_asks_for_insights():
    assert calls("am i behind with anything?") == [("get_insights", {})]


def test_timing_a_course_now_starts_a_session_on_it():
    assert calls("timing lin alg from now") == [("start_study_session", {"course": "Linear Algebra"})]


def test_a_course_said_shortened_names_no_topic_of_it_for_the_session():
    assert calls("start a study session for lin alg") == [("start_study_session", {"course": "Linear Algebra"})]


def test_a_wish_to_learn_gives_the_course_asked_for_next_its_subject_and_asks_nothing_else():
    assert calls("i'd like to learn Mandarin. can you set up an intermediate course for it") == [
        ("create_course", {"title": "Mandarin", "difficulty": "INTERMEDIATE"})
    ]


def test_a_level_alone_is_no_course_title():
    assert calls("make me an advanced course with 4 modules") == []


def test_remembering_that_instead_keeps_the_fact_just_told_and_writes_no_note():
    assert calls("i study best at night, keep that in mind too") == [
        ("remember_fact", {"fact": "i study best at night"})
    ]


def test_a_course_called_something_for_me_is_titled_without_for_me():
    assert calls("create a course called Astrophysics for me, advanced") == [
        ("create_course", {"title": "Astrophysics", "difficulty": "ADVANCED"})
    ]


def test_a_course_named_card_review_starts_a_review_of_it():
    assert calls("begin my spanish flashcards review") == [("start_review", {"course": "Spanish for Beginners"})]


def test_a_request_after_an_aside_and_a_dash_is_read():
    assert calls("off to the gym but before i forget - make a note called 'lab': bring goggles") == [
        ("create_note", {"title": "lab", "content": "bring goggles"})
    ]


def test_a_rename_of_the_x_one_naming_several_kinds_asks_which():
    found = say("rename the orgo one to Orgo II")
    assert found.calls == []
    assert "Organic Chemistry" in found.question
    assert "Orgo review" in found.question


def test_a_quoted_description_said_first_describes_the_course_and_books_nothing():
    assert calls("use 'Tue/Thu 10am, room 12' as the description for world history") == [
        ("update_course", {"course": "World History", "description": "Tue/Thu 10am, room 12"})
    ]


def test_a_remark_after_a_new_name_is_no_part_of_it():
    assert calls("rename gradient descent to Gradient Descent 101, the current name is too vague") == [
        ("rename_topic", {"topic": "Gradient Descent", "title": "Gradient Descent 101"})
    ]


def test_a_named_test_filed_as_an_exam_keeps_its_name_and_what_it_covers():
    assert calls("log the GRE as an exam on oct 3, it covers lin alg and stats") == [
        (
            "add_exam",
            {"date": "2026-10-03", "courses": ["Linear Algebra", "Probability and Statistics"], "title": "GRE"},
        )
    ]


def test_daily_study_leading_up_to_the_exam_just_told_is_its_prep_plan():
    assert calls("and book daily revision leading up to it, 7pm", previous="my world history final is may 5") == [
        ("plan_exam_prep", {"exam": "World History", "hour": 19})
    ]


@pytest.mark.parametrize("said", ["ur a lifesaver fr", "that was so helpful fr fr"])
def test_fr_is_for_real_never_friday(said):
    assert calls(said) == []


def test_it_after_two_new_items_of_one_kind_asks_which():
    found = say("scrap it actually", previous="book orgo drills at 4pm and spanish listening at 6pm on friday")
    assert found.calls == []
    assert "Orgo drills" in found.question
    assert "Spanish listening" in found.question


def test_it_after_one_new_item_is_that_item():
    assert calls("tag it mcat", previous="make a note called amino acid list: 20 of them") == [
        ("tag_note", {"note": "amino acid list", "add": ["mcat"]})
    ]


def test_register_asks_for_the_item_marked_done():
    assert calls("ive completed backprop, please register it") == [("complete_topic", {"topic": "Backpropagation"})]


def test_a_second_question_on_the_plan_with_no_days_of_its_own_asks_of_the_first_ones_days():
    assert calls("what do i have on thu and fri? and do any of them clash") == [
        ("list_schedule", {"start": "2026-03-05", "end": "2026-03-06"}),
        ("find_schedule_conflicts", {"start": "2026-03-05", "end": "2026-03-06"}),
    ]


def test_a_topic_moved_to_an_unknown_place_is_never_marked_done():
    assert calls("shift bayes theorem into inference") == []


def test_in_there_after_a_new_module_is_that_module():
    assert calls("thanks! now put linear independence in there", previous="add a module called Proofs to lin alg") == [
        ("move_topic", {"topic": "Linear Independence", "module": "Proofs"})
    ]


def test_a_move_to_a_time_left_unsaid_asks_the_time():
    found = say("can you shift orgo review to some other time on thursday")
    assert found.calls == []
    assert found.question


def test_being_up_at_an_hour_books_nothing():
    assert calls("still up at 2am finishing the lab report 💀") == []


def test_a_day_missed_then_moved_to_another_day_moves_that_days_meeting():
    assert calls("skipped spanish practice today, could you move it to thursday at 6pm") == [
        (
            "move_schedule_block",
            {"block": "Spanish practice", "start": "2026-03-05T18:00", "occurrence_date": "2026-03-04"},
        )
    ]


def test_courses_listed_for_archiving_are_each_archived():
    assert calls("semester's over, archive world history and spanish") == [
        ("archive_course", {"course": "World History"}),
        ("archive_course", {"course": "Spanish for Beginners"}),
    ]


def test_an_interjection_before_asking_to_update_an_exam_date():
    assert calls("the orgo final got pushed to may 2 smh, can u update it") == [
        ("update_exam", {"exam": "Organic Chemistry", "date": "2026-05-02"})
    ]


def test_a_move_asked_for_a_week_with_no_time_is_never_a_new_note():
    assert calls("could u move orgo review next week? my lab got rescheduled") == []


@pytest.mark.parametrize(
    ("said", "start"),
    [("push orgo review back an hour", "2026-03-05T19:00"), ("move ML reading an hour later", "2026-03-05T09:00")],
)
def test_a_shift_by_a_span_moves_the_next_meeting_from_its_own_time_and_keeps_its_length(said, start):
    ((name, arguments),) = calls(said)
    assert name == "move_schedule_block"
    assert arguments["start"] == start
    assert "duration_minutes" not in arguments


def test_a_shift_of_the_meeting_said_moves_that_meeting():
    assert calls("make spanish practice on monday one hour later") == [
        (
            "move_schedule_block",
            {"block": "Spanish practice", "occurrence_date": "2026-03-09", "start": "2026-03-09T20:00"},
        )
    ]


def test_a_shift_of_one_meeting_by_a_span_changes_nothing():
    assert calls("move spanish practice 30 min earlier tomorrow") == []
