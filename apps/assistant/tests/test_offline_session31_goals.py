"""Offline, session 31 (goals, courses and exams): classes found on the first runs of measure76 and measure77, each
said in other words, of other items and on other dates than the rows they were found on, with near phrasings that
must still do nothing."""

import pytest

from apps.assistant.offline.abstain import MASS_REMOVAL_QUESTION
from apps.assistant.tests.offline_learner import calls, say

# The test learner's now is Wednesday 2026-03-04 10:00 in New York.


@pytest.mark.parametrize(
    ("text", "exam"),
    [
        ("ditch my lin alg midterm, prof called it off", "Linear Algebra"),
        ("nix the world history final pls", "World History"),
        ("trash the orgo test, it's not happening anymore", "Organic Chemistry"),
        ("delete my spanish final", "Spanish for Beginners"),  # "spanish final" is no course-or-block "spanish"
    ],
)
def test_an_exam_named_by_its_course_and_removed_is_the_exam(text, exam):
    assert calls(text) == [("delete_exam", {"exam": exam})]


def test_a_course_removed_with_the_same_verb_is_still_the_course():
    assert calls("scrap the world history course") == [("delete_course", {"course": "World History"})]


@pytest.mark.parametrize(
    ("text", "task"),
    [
        ("finally got through practice test 1!! mark it off", "Finish practice test 1"),
        ("mark amino acids off pls", "Review amino acids"),
        ("redid pset 3 yesterday, mark that off", "Redo problem set 3"),
    ],
)
def test_a_task_marked_off_is_completed(text, task):
    assert calls(text) == [("complete_goal_task", {"task": task})]


def test_marking_off_something_that_is_no_task_or_a_negated_one_completes_nothing():
    assert say("mark saturday off for me").calls == []
    assert not [name for name, _ in calls("dont mark dune off yet") if name == "complete_goal_task"]


@pytest.mark.parametrize(
    ("text", "course"),
    [
        ("delete the entire stats course, not taking it anymore", "Probability and Statistics"),
        ("remove my whole lin alg course", "Linear Algebra"),
        ("finished with world history for good. delete the course", "World History"),
        ("i dropped spanish. get rid of the whole course", "Spanish for Beginners"),
    ],
)
def test_a_whole_course_removed_is_that_course(text, course):
    assert calls(text) == [("delete_course", {"course": course})]


def test_removing_everything_of_a_kind_still_asks():
    assert say("delete my whole schedule").question == MASS_REMOVAL_QUESTION
    assert say("wipe the entire week").question == MASS_REMOVAL_QUESTION


def test_a_bare_course_after_two_courses_named_is_asked_about():
    found = say("delete the course", previous="how am i doing in stats and lin alg")
    assert found.calls == []
    assert found.question
    assert say("thinking of dropping orgo and lin alg, archive it").calls == []


@pytest.mark.parametrize(
    ("text", "course"),
    [
        ("considering dropping stats. archive it pls", "Probability and Statistics"),
        ("kinda thinking about quitting lin alg, archive it for the summer", "Linear Algebra"),
    ],
)
def test_a_course_weighed_then_archived_is_archived(text, course):
    assert calls(text) == [("archive_course", {"course": course})]


def test_the_day_of_a_weighed_clause_is_the_day_of_its_it():
    assert calls("tempted to skip ML reading today, skip it") == [
        ("cancel_schedule_block", {"block": "ML reading", "occurrence_date": "2026-03-04"})
    ]


def test_a_course_only_weighed_is_left_alone():
    assert say("honestly thinking about dropping lin alg").calls == []


@pytest.mark.parametrize(
    ("text", "goal"),
    [
        ("i want to quit the mcat thing, way too much", "Pass the MCAT"),
        ("i want to give up on reading 12 books this year", "Read 12 books this year"),
        ("i wanna abandon the 12 books challenge", "Read 12 books this year"),
    ],
)
def test_a_goal_wished_let_go_is_abandoned(text, goal):
    assert calls(text) == [("update_goal", {"goal": goal, "status": "ABANDONED"})]


def test_a_goal_deleted_is_no_course_deleted_and_a_task_given_up_is_not_done():
    assert say("remove the lin alg goal").calls == []
    assert say("i gave up on read dune").calls == []
    assert say("i want to give up").calls == []


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("update the reading goal from 12 books to 20 books", "Read 20 books this year"),
        ("change my reading goal from 12 to 8, being realistic", "Read 8 books this year"),
        ("rename the reading goal from 12 to 15 books", "Read 15 books this year"),
        ("change the reading goal from 12 books to 15", "Read 15 books this year"),
        ("change my mcat goal from pass to ace", "Ace the MCAT"),
        ("change the lin alg goal from a B+ to an A", "Get an A in Linear Algebra"),
    ],
)
def test_a_goal_changed_from_a_part_of_its_title_keeps_the_rest(text, title):
    [(name, arguments)] = calls(text)
    assert (name, arguments["title"]) == ("update_goal", title)


def test_a_goal_moved_from_month_to_month_is_its_date_not_its_title():
    assert calls("push the mcat goal from may to june") == [
        ("update_goal", {"goal": "Pass the MCAT", "target_date": "2026-06-30"})
    ]


@pytest.mark.parametrize(
    ("text", "title", "tasks"),
    [
        ("new goal: 'Learn French', first task 'Buy a textbook'", "Learn French", ["Buy a textbook"]),
        ("new goal: Run a 10k, first step: buy running shoes", "Run a 10k", ["buy running shoes"]),
        ("set a goal 'Finish thesis' and the first task is 'Write outline'", "Finish thesis", ["Write outline"]),
    ],
)
def test_a_new_goals_first_task_is_a_task_not_part_of_its_title(text, title, tasks):
    [(name, arguments)] = calls(text)
    assert (name, arguments["title"], arguments["tasks"]) == ("create_goal", title, tasks)


def test_a_goal_about_a_first_task_keeps_it_in_its_title():
    [(name, arguments)] = calls("set a goal to finish the first task list")
    assert (name, arguments["title"], arguments.get("tasks")) == ("create_goal", "Finish the first task list", None)


@pytest.mark.parametrize(
    ("text", "arguments"),
    [
        (
            "set my spanish course to beginner, deadline june 30",
            {"course": "Spanish for Beginners", "difficulty": "BEGINNER", "target_date": "2026-06-30"},
        ),
        (
            "bump lin alg to intermediate and the target date to end of may",
            {"course": "Linear Algebra", "difficulty": "INTERMEDIATE", "target_date": "2026-05-31"},
        ),
    ],
)
def test_a_course_level_and_date_set_together_keep_both(text, arguments):
    assert calls(text) == [("update_course", arguments)]


def test_a_deadline_only_remarked_on_is_no_date():
    assert calls("set my ML course to advanced, the exam deadline is scary") == [
        ("update_course", {"course": "Intro to Machine Learning", "difficulty": "ADVANCED"})
    ]


@pytest.mark.parametrize(
    ("text", "task", "day"),
    [
        ("push the practice test 1 task to friday", "Finish practice test 1", "2026-03-06"),
        ("move the dune task to the 15th", "Read Dune", "2026-03-15"),
        ("postpone the pset 3 task to next monday", "Redo problem set 3", "2026-03-09"),
    ],
)
def test_a_task_moved_to_a_day_is_due_that_day(text, task, day):
    assert calls(text) == [("date_goal_task", {"task": task, "due_date": day})]


def test_a_task_put_off_without_a_day_is_never_completed():
    for said in ("move the dune task to later", "postpone the amino acids task"):
        assert say(said).calls == [], said


def test_a_block_moved_is_still_the_block():
    assert calls("move orgo review to friday") == [
        ("move_schedule_block", {"block": "Orgo review", "start": "2026-03-06T18:00"})
    ]


@pytest.mark.parametrize(
    ("text", "course"),
    [
        ("ive got a lin alg exam may 15", "Linear Algebra"),
        ("ive got a world history exam may 15, put it in", "World History"),
    ],
)
def test_an_exam_told_with_ive_got_is_added(text, course):
    assert calls(text) == [("add_exam", {"date": "2026-05-15", "courses": [course]})]


def test_an_exam_only_told_with_ive_got_adds_nothing():
    assert say("ive got an exam lol").calls == []


@pytest.mark.parametrize(
    "text",
    ["which goals havent i started", "which goals haven't i touched yet", "which goals have i not even begun"],
)
def test_goals_not_started_are_listed_by_status(text):
    assert calls(text) == [("list_goals", {"status": "NOT_STARTED"})]


def test_goals_asked_without_a_status_list_them_all():
    assert calls("what goals do i have") == [("list_goals", {})]


def test_an_exam_told_without_a_verb_before_a_request_asks_nothing_more():
    assert calls("midterms next week, set a goal 'Ace midterms' by march 20") == [
        ("create_goal", {"title": "Ace midterms", "target_date": "2026-03-20"})
    ]


def test_an_exam_told_without_a_verb_before_a_request_with_no_day_of_its_own_is_read_with_it():
    # "exam tomorrow, cancel orgo review": tomorrow may be the cancellation's day, so the series is never cancelled
    assert ("cancel_schedule_block", {"block": "Orgo review"}) not in calls("exam tomorrow, cancel orgo review")


def test_an_exam_told_without_a_verb_and_nothing_asked_still_asks_which_course():
    found = say("finals in 3 weeks")
    assert found.calls == []
    assert found.question


@pytest.mark.parametrize(
    ("text", "options"),
    [
        ("make me a study plan for my stats final, 1hr blocks at 7pm", {"hour": 19, "minutes": 60}),
        ("build me a revision schedule for the lin alg exam, 2hrs each at 8am", {"hour": 8, "minutes": 120}),
    ],
)
def test_a_prep_plans_block_length_in_hours_written_short(text, options):
    [(name, arguments)] = calls(text)
    assert (name, {k: arguments.get(k) for k in options}) == ("plan_exam_prep", options)


def test_a_length_only_remarked_on_is_no_option_of_the_plan():
    assert not [
        args
        for name, args in calls("make me a study plan for my stats final, 2hrs is too long for me")
        if args.get("minutes") == 120
    ]
