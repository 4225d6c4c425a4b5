"""Session 18: general mechanisms from measure20's failures (chatter in free text, spurious calls, goal steps,
missing phrasings, dates and blocks)."""

from __future__ import annotations

from typing import Any

from .offline_learner import say


def _calls(text: str, previous: str = "") -> list[tuple[str, dict[str, Any]]]:
    return [(call.name, call.arguments) for call in say(text, previous).calls]


def _one(text: str, previous: str = "") -> tuple[str, dict[str, Any]]:
    (call,) = _calls(text, previous)
    return call


def test_a_request_tail_is_no_part_of_a_block_title():
    name, args = _one("chem lab prep friday 2-4 put it in pls")
    assert (name, args["title"].casefold()) == ("create_schedule_block", "chem lab prep")


def test_the_kind_said_before_a_task_is_no_part_of_its_title():
    name, args = _one("add a new task review glycolysis to the mcat goal")
    assert (name, args["title"]) == ("add_goal_task", "review glycolysis")


def test_why_a_fact_no_longer_holds_is_not_forgotten_with_it():
    assert _one("forget that i live on campus, i moved out haha") == ("forget_fact", {"fact": "i live on campus"})


def test_what_a_fact_asks_of_the_assistant_stays_in_it():
    name, args = _one("remember i'm dyslexic, so keep explanations short")
    assert (name, args["fact"]) == ("remember_fact", "i'm dyslexic, so keep explanations short")


def test_with_after_a_quoted_note_title_leads_its_content():
    name, args = _one("make a note 'enzyme kinetics' with vmax, km, lineweaver-burk")
    assert (name, args["title"], args["content"]) == (
        "create_note",
        "enzyme kinetics",
        "vmax, km, lineweaver-burk",
    )


def test_a_wish_to_keep_ones_data_asks_for_no_read():
    assert _calls("archive orgo, but i dont want to lose my notes") == [
        ("archive_course", {"course": "Organic Chemistry"})
    ]


def test_a_question_of_the_world_calls_no_tool():
    assert _calls("who wrote the communist manifesto") == []
    assert _calls("when did the roman empire fall") == []


def test_a_question_asking_for_reassurance_calls_no_tool():
    assert _calls("is it ok to feel lost in the first month of uni") == []


def test_a_question_in_the_first_person_stays_a_read():
    assert _calls("did i keep my streak alive today?") == [("get_streak", {})]


def test_steps_listed_after_a_deadline_sentence_are_the_goals_tasks():
    name, args = _one("i want to run a 10k by june 1. the steps would be buy shoes, run 3x a week, sign up")
    assert (name, args["tasks"]) == ("create_goal", ["buy shoes", "run 3x a week", "sign up"])


def test_a_task_put_under_a_goal_is_added_to_it():
    assert _one("put memorize amino acids under the mcat goal") == (
        "add_goal_task",
        {"goal": "Pass the MCAT", "title": "memorize amino acids"},
    )


def test_the_next_of_what_a_goal_counts_is_added_to_it():
    name, args = _one("add read foundation as my next book")
    assert (name, args["goal"], args["title"]) == ("add_goal_task", "Read 12 books this year", "read foundation")


def test_two_topics_named_equally_well_are_both_completed():
    assert [args["topic"] for _, args in _calls("finished linear independence and bayes theorem")] == [
        "Linear Independence",
        "Bayes Theorem",
    ]


def test_a_topic_said_done_with_a_copula_is_a_log():
    assert _calls("linear independence is done") == [("complete_topic", {"topic": "Linear Independence"})]


def test_something_else_said_done_writes_nothing():
    assert _calls("the semester is finally done") == []


def test_giving_up_on_a_goal_abandons_it():
    assert _calls("im giving up on the 12 books thing tbh") == [
        ("update_goal", {"goal": "Read 12 books this year", "status": "ABANDONED"})
    ]


def test_a_tone_word_trailing_a_log_leaves_it_a_log():
    assert _calls("finished backprop tbh") == [("complete_topic", {"topic": "Backpropagation"})]


def test_a_remark_about_an_item_after_a_removal_removes_nothing():
    assert _calls("and spanish is next tbh", previous="delete the orgo course") == []


def test_a_marker_in_a_remark_leaves_it_a_remark():
    assert _calls("orgo is killing me lol") == []


def test_a_lower_case_title_set_off_after_a_new_course_is_its_title():
    name, args = _one("add a new course intro psych, beginner level")
    assert (name, args["title"].casefold(), args["difficulty"]) == ("create_course", "intro psych", "BEGINNER")


def test_a_question_next_to_a_remark_is_read_alone():
    assert _calls("got any good resources for my classes? the textbooks are so dry") == [("recommend_resources", {})]


def test_a_new_topic_under_a_module_named_loosely_is_added_there():
    name, args = _one("put eigenvalues under vector spaces")
    assert (name, args["module"], args["title"]) == ("add_topic", "Vector Spaces", "eigenvalues")


def test_one_of_the_learners_topics_put_under_a_module_is_moved():
    assert _one("put elimination reactions under stereochemistry basics")[0] == "move_topic"


def test_w_before_a_tag_is_with():
    name, args = _one("tag the sn1 vs sn2 cheat sheet w exam1")
    assert (name, args["add"]) == ("tag_note", ["exam1"])


def test_a_contrast_with_the_current_value_says_only_the_new_one():
    assert _calls("orgo should be advanced difficulty not whatever it is now") == [
        ("update_course", {"course": "Organic Chemistry", "difficulty": "ADVANCED"})
    ]


def test_a_shared_course_named_in_lower_case_is_passed_on():
    name, args = _one("in the shared cell bio course mark mitosis done for me")
    assert (name, args.get("course")) == ("complete_shared_topic", "cell bio")


def test_a_misspelled_possessive_weekday_is_the_weekday():
    name, args = _one("move thrusday's orgo review to 8pm")
    assert (name, args.get("occurrence_date")) == ("move_schedule_block", "2026-03-05")


def test_the_day_a_block_leaves_is_the_occurrence_moved():
    name, args = _one("move orgo review to friday 6pm instead of thursday")
    assert (name, args["occurrence_date"], args["start"]) == ("move_schedule_block", "2026-03-05", "2026-03-06T18:00")


def test_same_thing_and_a_day_repeats_the_block_that_day():
    name, args = _one("same thing sunday", previous="schedule spanish review friday at 5pm")
    assert (name, args["start"]) == ("create_schedule_block", "2026-03-08T17:00")


def test_the_day_after_is_next_to_the_day_asked_before():
    assert _calls("and the day after?", previous="whats on my calendar tomorrow") == [
        ("list_schedule", {"start": "2026-03-06", "end": "2026-03-06"})
    ]


def test_a_bare_due_date_after_a_new_task_dates_it():
    assert _calls("due end of april", previous="add read the hobbit to my reading goal") == [
        ("date_goal_task", {"task": "read the hobbit", "due_date": "2026-04-30"})
    ]


def test_a_timed_addition_for_a_goal_is_a_block_linked_to_it():
    name, args = _one("add office hours prep fri at 1pm for 30 min, its for my lin alg B+ goal")
    assert (name, args["start"], args["goal"]) == (
        "create_schedule_block",
        "2026-03-06T13:00",
        "Get a B+ in Linear Algebra",
    )


def test_a_block_for_a_goal_made_in_the_same_message_is_linked_to_it():
    calls = _calls("new goal: finish calc 2 review by feb 1. and schedule an hour for it every tuesday at 5pm")
    assert [(name, args.get("goal"), args["title"]) for name, args in calls] == [
        ("create_goal", None, "Finish calc 2 review"),
        ("create_schedule_block", "Finish calc 2 review", "calc 2 review"),
    ]


def test_one_put_instead_of_a_cancelled_block_is_another_of_it():
    calls = _calls("cancel orgo review this thursday and put one on saturday at 11 instead")
    assert [(name, args.get("title")) for name, args in calls] == [
        ("cancel_schedule_block", None),
        ("create_schedule_block", "Orgo review"),
    ]
