"""Offline, session 28: classes found failing on measure58 and measure59 (exams with their own title, prep hours said
with the request, a study space's topic, goals asked for before their title, two changes of one item, remarks
before a request), each said here in other words than the examples it was fixed on."""

import pytest

from apps.assistant.offline.exams import NO_DATE_QUESTION
from apps.assistant.tests.offline_learner import calls, say


def test_an_exam_with_its_own_title_covers_the_topics_said_after_its_date():
    assert calls("put in a test named Midterm A on march 20 covering enantiomers and the subjunctive") == [
        (
            "add_exam",
            {"date": "2026-03-20", "topics": ["Enantiomers", "Subjunctive Mood"], "title": "Midterm A"},
        )
    ]


def test_an_exam_with_its_own_title_is_on_the_course_its_title_names():
    assert calls("create an exam titled 'Lin alg checkpoint' for the 12th") == [
        ("add_exam", {"date": "2026-03-12", "courses": ["Linear Algebra"], "title": "Lin alg checkpoint"})
    ]


def test_an_exam_with_its_own_title_and_no_date_is_asked_about():
    understood = say("add an exam called Pop quiz")
    assert understood.calls == []
    assert understood.question == NO_DATE_QUESTION


def test_an_exam_told_for_tmrw_is_added_when_asked():
    assert calls("i've got a world history test tmrw, add it pls") == [
        ("add_exam", {"date": "2026-03-05", "courses": ["World History"]})
    ]


def test_prep_hours_said_with_the_plan_request_are_its_options():
    assert calls("my stats final is on march 30, plan prep for it, mornings at 8 would be ideal")[-1] == (
        "plan_exam_prep",
        {"exam": "Probability and Statistics", "hour": 8},
    )


def test_prep_blocks_asked_for_are_the_prep_plan():
    assert calls("spanish exam is march 25. add it and set up prep blocks, 45 min each at 6pm")[-1] == (
        "plan_exam_prep",
        {"exam": "Spanish for Beginners", "hour": 18, "minutes": 45},
    )


def test_a_cancelled_exam_with_a_laugh_before_the_removal_is_deleted():
    assert calls("the stats exam was cancelled lmao delete it") == [
        ("delete_exam", {"exam": "Probability and Statistics"})
    ]


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("we went over the Marshall Plan in our study group, check it off pls", "Marshall Plan"),
        ("in the chem study space: tick off 'Lewis Structures'", "Lewis Structures"),
    ],
)
def test_a_topic_marked_in_a_study_space_is_the_shared_topic(text, topic):
    assert calls(text) == [("complete_shared_topic", {"topic": topic})]


@pytest.mark.parametrize(
    "text",
    ["i finished enantiomers with my study group, check it off", "tick off enantiomers, i'm in a study group now"],
)
def test_the_learners_own_topic_studied_with_a_group_is_their_own(text):
    assert calls(text) == [("complete_topic", {"topic": "Enantiomers"})]


def test_what_the_learner_did_in_a_group_is_no_topic():
    assert all(name != "complete_shared_topic" for name, _ in calls("tick it off, i did my best in the study group"))


def test_a_goal_asked_for_before_its_title_is_titled_by_what_follows():
    assert calls("pls make a goal for next month: read 4 papers by may 1") == [
        ("create_goal", {"title": "Read 4 papers", "target_date": "2026-05-01"})
    ]


def test_a_day_known_by_name_is_its_next_date():
    assert calls("set a goal to learn 500 words by halloween") == [
        ("create_goal", {"title": "Learn 500 words", "target_date": "2026-10-31"})
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "mark the book goal as in progress and make it low priority",
            ("update_goal", {"goal": "Read 12 books this year", "status": "IN_PROGRESS", "priority": "LOW"}),
        ),
        (
            "make lin alg advanced and update the description to proofs heavy",
            ("update_course", {"course": "Linear Algebra", "difficulty": "ADVANCED", "description": "proofs heavy"}),
        ),
    ],
)
def test_two_changes_of_one_item_are_one_update(text, expected):
    assert calls(text) == [expected]


@pytest.mark.parametrize("text", ["ok start my daily review", "run a review session for whatever is due"])
def test_a_review_asked_for_without_naming_cards_is_the_cards_review(text):
    assert calls(text) == [("start_review", {})]


def test_todays_review_of_one_courses_cards_is_that_courses_review():
    assert calls("begin today's review, only spanish cards") == [("start_review", {"course": "Spanish for Beginners"})]


@pytest.mark.parametrize(
    "text", ["im commuting rn", "i'm walking home", "just wanted to say i'm grateful for this app"]
)
def test_what_the_learner_is_doing_or_feeling_asks_for_nothing(text):
    assert calls(text) == []


def test_a_remark_before_a_request_adds_nothing_to_it():
    assert calls("still up, list the cards due") == [("list_due_cards", {})]


def test_goals_asked_with_can_i_see_are_listed():
    assert calls("can i see my active goals") == [("list_goals", {})]


def test_a_name_followed_by_its_kind_is_of_that_kind():
    """ "ML" is a word of a block's title too; "course" after it says which."""
    assert calls("how's the ML course looking") == [("get_progress", {"course": "Intro to Machine Learning"})]


def test_what_to_work_on_in_a_course_is_its_insights():
    assert calls("what do i need to work on in lin alg") == [("get_insights", {"course": "Linear Algebra"})]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "i did enantiomers and the subjunctive yesterday, mark them both done",
            [("complete_topic", {"topic": "Enantiomers"}), ("complete_topic", {"topic": "Subjunctive Mood"})],
        ),
        (
            "finished redo problem set 3 and read dune, tick those off",
            [("complete_goal_task", {"task": "Redo problem set 3"}), ("complete_goal_task", {"task": "Read Dune"})],
        ),
    ],
)
def test_them_after_a_clause_naming_several_items_is_each_of_them(text, expected):
    assert calls(text) == expected


@pytest.mark.parametrize("text", ["can you put in my orgo final pls", "add the lin alg midterm to my calendar"])
def test_an_exam_asked_to_be_added_without_its_date_is_asked_about(text):
    understood = say(text)
    assert understood.calls == []
    assert understood.question == NO_DATE_QUESTION


@pytest.mark.parametrize(
    ("previous", "text", "expected"),
    [
        (
            "when are my exams?",
            "move the stats one to may 3",
            ("update_exam", {"exam": "Probability and Statistics", "date": "2026-05-03"}),
        ),
        (
            "list my exams",
            "delete the orgo one, i dropped the summer section",
            ("delete_exam", {"exam": "Organic Chemistry"}),
        ),
    ],
)
def test_the_one_named_after_a_list_of_exams_is_that_exam(previous, text, expected):
    assert calls(text, previous) == [expected]


def test_looking_through_the_material_for_what_was_said_searches_its_subject():
    assert calls("could u look thru the stats handout for where they explain variance") == [
        ("search_materials", {"query": "variance"})
    ]


@pytest.mark.parametrize(
    ("text", "day", "title"),
    [
        ("add an exam called Orgo Quiz 2 next friday", "2026-03-06", "Orgo Quiz 2"),
        ('add a test titled "Orgo Quiz 2" march 10', "2026-03-10", "Orgo Quiz 2"),
        ("could you add an exam called orgo quiz on the 20th?", "2026-03-20", "orgo quiz"),
    ],
)
def test_an_exam_titles_date_is_found_wherever_it_follows_the_title(text, day, title):
    assert calls(text) == [("add_exam", {"date": day, "courses": ["Organic Chemistry"], "title": title})]


def test_a_titled_exam_beside_another_request_keeps_the_other_request():
    assert calls("add a test called Orgo Quiz 2 on march 10 and then delete the spanish block")[1:] == [
        ("cancel_schedule_block", {"block": "Spanish practice"})
    ]


def test_when_the_learner_is_busy_is_no_prep_hour():
    assert calls("my stats final is on march 30, plan prep for it, i work at 8")[-1] == (
        "plan_exam_prep",
        {"exam": "Probability and Statistics"},
    )


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("set a goal to read 3 books by xmas eve", "2026-12-24"),
        ("set a goal to read 3 books by christmas 2027", "2027-12-25"),
        ("set a goal to read 3 books by new year\u2019s eve", "2026-12-31"),
    ],
)
def test_a_named_day_with_its_variants(text, day):
    assert calls(text) == [("create_goal", {"title": "Read 3 books", "target_date": day})]


def test_them_for_a_removal_is_not_read_as_each_item():
    """Only marking done is taken for each item: a removal of "them" is not widened to several items."""
    assert [name for name, _ in calls("i did enantiomers and the subjunctive, delete them")] != [
        "remove_topic",
        "remove_topic",
    ]


def test_and_change_inside_a_new_name_is_no_second_change():
    assert calls("create a note called Climate and Change") == [("create_note", {"title": "Climate and Change"})]


@pytest.mark.parametrize(
    "text",
    ["i'm asking you to add a task read chapter 3 to the mcat goal", "just wanted to tell you i'm done with read dune"],
)
def test_a_request_or_log_told_as_what_one_is_doing_is_still_read(text):
    assert calls(text) != []


def test_a_goal_asked_for_with_no_aim_after_the_pause_is_asked_about():
    understood = say("set a goal for this semester: not sure yet, any ideas?")
    assert understood.calls == []
    assert understood.question


@pytest.mark.parametrize(
    "text", ["add a to-do to my goal - reread chapter 2", "add a task: finish the lab report by friday"]
)
def test_a_task_for_no_goal_named_asks_which_goal_and_writes_nothing(text):
    understood = say(text)
    assert understood.calls == []
    assert understood.question.startswith("Which goal")


def test_a_task_after_a_message_naming_the_goal_goes_to_that_goal():
    assert calls("add a task: do past papers by may 10", previous="how is my mcat goal going") == [
        ("add_goal_task", {"goal": "Pass the MCAT", "title": "do past papers", "due_date": "2026-05-10"})
    ]


def test_an_exams_new_title_said_after_its_move_is_one_update_of_the_exam():
    assert calls("the stats final moved to march 25, also rename it to Final B") == [
        ("update_exam", {"exam": "Probability and Statistics", "date": "2026-03-25", "title": "Final B"})
    ]


def test_a_corrected_exam_date_asked_to_be_fixed_updates_the_exam():
    assert calls("actually its june 11, can you fix that", previous="add a world history exam on june 10") == [
        ("update_exam", {"exam": "World History", "date": "2026-06-11"})
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fire a few questions at me about enantiomers", [("quiz_me", {"topic": "Enantiomers"})]),
        ("show me everything i studied this week", [("summarize_activity", {"period": "this_week"})]),
        ("how am i doing with my goals", [("list_goals", {})]),
        ("which exams do i have coming up", [("list_exams", {})]),
        (
            "take the spanish final off my calendar, they cancelled it",
            [("delete_exam", {"exam": "Spanish for Beginners"})],
        ),
        (
            "i've got a test on march 20 on eigenvalues and linear independence",
            [
                (
                    "add_exam",
                    {"date": "2026-03-20", "topics": ["Eigenvalues and Eigenvectors", "Linear Independence"]},
                )
            ],
        ),
        (
            "make the reading goal high priority and move the target to june 1",
            [("update_goal", {"goal": "Read 12 books this year", "priority": "HIGH", "target_date": "2026-06-01"})],
        ),
    ],
)
def test_measure60_to_62_classes_in_other_words(text, expected):
    assert calls(text) == expected


def test_an_exam_asked_for_a_course_without_its_date_is_asked_about():
    understood = say("could you add an exam for lin alg")
    assert understood.calls == []
    assert understood.question == NO_DATE_QUESTION


def test_a_block_meeting_on_several_days_moved_to_one_day_asks_which_occurrence():
    understood = say("can you move spanish practice to thursday")
    assert understood.calls == []
    assert understood.question == (
        "“Spanish practice” meets on Mondays and Wednesdays: move the Monday or the Wednesday one, or every one?"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("move every spanish session to thursday", {"block": "Spanish practice", "start": "2026-03-05T19:00"}),
        ("move spanish practice to thursday at 6", {"block": "Spanish practice", "start": "2026-03-05T18:00"}),
        ("move orgo review to friday", {"block": "Orgo review", "start": "2026-03-06T18:00"}),
    ],
)
def test_every_occurrence_or_a_one_day_block_moves_without_asking(text, expected):
    assert calls(text) == [("move_schedule_block", expected)]


@pytest.mark.parametrize("text", ["thx!! you honestly saved my semester", "u rock, seriously"])
def test_praise_of_the_assistant_asks_for_nothing(text):
    assert calls(text) == []


def test_a_request_after_praise_is_still_read():
    assert calls("thanks, you rock. now mark gradient descent done") == [
        ("complete_topic", {"topic": "Gradient Descent"})
    ]


@pytest.mark.parametrize("text", ["call it a night lol", "haha i'd call it a disaster"])
def test_an_idiom_with_call_it_after_an_exam_renames_nothing(text):
    assert calls(text, previous="add my stats final on march 20") == []


def test_an_exams_date_said_before_its_course_is_read():
    assert calls("add a midterm on friday for lin alg") == [
        ("add_exam", {"date": "2026-03-06", "courses": ["Linear Algebra"], "title": "Linear Algebra midterm"})
    ]


@pytest.mark.parametrize("text", ["move spanish to friday at noon", "move spanish to friday evening"])
def test_a_time_said_with_the_new_day_moves_the_block_without_asking(text):
    [(name, arguments)] = calls(text)
    assert (name, arguments["block"]) == ("move_schedule_block", "Spanish practice")
