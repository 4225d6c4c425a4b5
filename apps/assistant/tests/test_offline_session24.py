"""Offline, session 24: classes left after session 23's blind sets (the day's plan asked loosely, what the notes
say, one day's occurrence of a block just named, several exams in one list, a goal list asked "which of my goals",
how many due cards), each said here in other words than the sets'."""

from datetime import date

import pytest

from apps.assistant.tests.offline_learner import NOW, calls, say


@pytest.mark.parametrize(
    "text",
    ["alright what now", "okay whats next", "what's next for today?", "what now, got an hour free", "whats next rn"],
)
def test_the_days_next_item_asked_loosely_is_todays_plan(text):
    assert calls(text) == [("get_today", {})]


def test_whats_next_week_is_no_days_plan():
    assert ("get_today", {}) not in calls("ok what's next week looking like")


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("what do my notes say about glycolysis", "glycolysis"),
        ("can you check what my notes said about eigenvalues?", "eigenvalues"),
        ("whats in my notes on the french revolution", "french revolution"),
    ],
)
def test_what_the_notes_say_searches_the_notes_for_the_subject(text, query):
    assert calls(text) == [("search_notes", {"query": query})]


def test_what_the_slides_say_searches_the_materials():
    assert calls("what do my slides say about glycolysis")[0][0] == "search_materials"


def test_one_days_occurrence_of_the_block_just_named():
    assert calls("orgo review isnt happening today, so cancel todays one") == [
        ("cancel_schedule_block", {"block": "Orgo review", "occurrence_date": NOW.date().isoformat()})
    ]


def test_the_one_on_a_day_after_a_block_named_before():
    found = calls("no wait, cancel the one on thursday", "move ml reading to 9pm")
    assert [(name, args["block"]) for name, args in found] == [("cancel_schedule_block", "ML reading")]
    assert date.fromisoformat(found[0][1]["occurrence_date"]).weekday() == 3


def test_todays_one_with_no_block_named_asks_which():
    assert calls("cancel todays one") == []
    assert "Which block" in say("cancel todays one").question


def test_several_exams_in_one_list_each_added():
    found = calls("please put in my midterms: lin alg april 12 and orgo april 15")
    assert [(name, args["courses"], args["title"]) for name, args in found] == [
        ("add_exam", ["Linear Algebra"], "Linear Algebra midterm"),
        ("add_exam", ["Organic Chemistry"], "Organic Chemistry midterm"),
    ]
    assert [args["date"][5:] for _, args in found] == ["04-12", "04-15"]


def test_an_item_of_the_list_saying_its_own_kind_keeps_it():
    found = calls("i've got 2 exams: stats final on may 2 and spanish midterm on may 6")
    assert [args["title"] for _, args in found] == ["Probability and Statistics final", "Spanish for Beginners midterm"]


def test_a_list_with_an_item_that_is_no_course_asks_which_course():
    understood = say("add my exams: stats may 2, pottery may 6")
    assert understood.calls == []
    assert "pottery" in understood.question
    assert "Organic Chemistry" in understood.question


def test_which_of_my_goals_did_i_reach_lists_completed_goals():
    assert calls("which of my goals did i already reach") == [("list_goals", {"status": "COMPLETED"})]


def test_how_many_due_cards_told_after_the_ask():
    assert calls("any cards due? just show me 15") == [("list_due_cards", {"limit": 15})]


def test_a_shared_topic_set_back_to_not_done():
    assert calls("set Cell Respiration back to unfinished in the shared course from my study group") == [
        ("complete_shared_topic", {"topic": "Cell Respiration", "completed": False})
    ]


def test_the_verb_set_names_no_problem_set_task():
    understood = say("set pottery back to not done")
    assert understood.calls == []
    assert "Which task" in understood.question


def test_a_daily_timed_drill_for_a_goal_is_a_block_not_a_task():
    found = calls("add daily 30min eigenvalue drills at 9pm starting tomorrow, its for my lin alg goal")
    assert [(name, args.get("goal"), args.get("recurrence_rule")) for name, args in found] == [
        ("create_schedule_block", "Get a B+ in Linear Algebra", "FREQ=DAILY")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "quiz me on spanish every monday at 6pm",
        "review my cards on saturday at 10am",
        "start a study session for stats tomorrow at 4pm",
    ],
)
def test_an_activity_set_at_a_later_clock_time_is_a_block(text):
    assert [name for name, _ in calls(text)] == ["create_schedule_block"]


def test_an_activity_with_no_later_time_still_starts_now():
    assert calls("start a session for stats") == [("start_study_session", {"course": "Probability and Statistics"})]


def test_a_plan_told_cancels_nothing():
    found = calls("i'll be doing a session for stats on friday at 4pm")
    assert all(name != "cancel_schedule_block" for name, _ in found)


@pytest.mark.parametrize("text", ["so tired, been at it since 7am", "im wiped, studied all day"])
def test_tiredness_told_stops_no_timer(text):
    assert calls(text) == []


def test_stop_it_after_starting_a_session_stops_it():
    assert calls("ok stop it, my phone rang", "start a session for stats") == [("stop_study_session", {})]


def test_timer_on_starts_a_session():
    assert calls("timer on for stats") == [("start_study_session", {"course": "Probability and Statistics"})]


def test_a_blocks_lead_is_no_part_of_its_title():
    found = calls("new weekly block: spanish reading tue 5pm")
    assert found[0][1]["title"] == "Spanish reading"


def test_the_course_a_block_is_for_is_its_link_not_its_title():
    found = calls("set up eigenvalue drills friday 6pm for my lin alg course")
    assert (found[0][1]["title"], found[0][1]["course"]) == ("Eigenvalue drills", "Linear Algebra")


def test_a_weekday_of_next_week_is_in_next_week():
    found = calls("block 2 hours for stats thursday next week at 3pm")
    assert found[0][1]["start"] == "2026-03-12T15:00"


def test_a_day_of_the_month_said_without_its_ordinal():
    found = calls("put a session of spanish vocab on the 20 at 5pm")
    assert (found[0][1]["title"], found[0][1]["start"]) == ("Spanish vocab", "2026-03-20T17:00")


def test_a_range_of_two_dates_without_from():
    assert calls("what's on my calendar for april 2 to april 9") == [
        ("list_schedule", {"start": "2026-04-02", "end": "2026-04-09"})
    ]


def test_a_question_after_a_statement_without_a_question_mark_reads_todays_plan():
    assert calls("got 3 hours before my shift what should i study") == [("get_today", {})]


def test_the_old_clock_after_not_leaves_the_new_one():
    assert calls("no make it 6 not 5", "add a spanish vocab block friday 5pm") == [
        ("move_schedule_block", {"block": "Spanish vocab", "start": "2026-03-06T18:00"})
    ]


def test_a_not_that_is_no_old_clock_still_asks():
    understood = say("make it 6 not 9", "add a spanish vocab block friday 5pm")
    assert understood.calls == []
    assert understood.question


@pytest.mark.parametrize("text", ["just finished my midterm!! think it went fine", "finished the book lol, so good"])
def test_something_finished_stops_no_timer(text):
    assert ("stop_study_session", {}) not in calls(text)


def test_a_cheer_after_a_finished_topic():
    assert calls("finished eigenvalues finally yay") == [("complete_topic", {"topic": "Eigenvalues and Eigenvectors"})]


def test_take_a_topic_off_the_list_removes_it():
    assert calls("take bayes theorem off my topics, not on the exam") == [("remove_topic", {"topic": "Bayes Theorem"})]


def test_a_notes_search_ends_before_anywhere():
    assert calls("did i write notes on glycolysis anywhere??") == [("search_notes", {"query": "glycolysis"})]


def test_a_material_question_asked_wheres():
    assert calls("in my lecture slides where's the proof of the rank theorem") == [
        ("search_materials", {"query": "proof of the rank theorem"})
    ]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("weekday evenings 8pm spanish listening", "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR"),
        ("thursday mornings 7am stats review", "FREQ=WEEKLY;BYDAY=TH"),
    ],
)
def test_a_part_of_the_day_made_plural_recurs(text, rule):
    found = calls(text)
    assert [(name, args["recurrence_rule"]) for name, args in found] == [("create_schedule_block", rule)]


def test_a_subject_and_a_time_are_no_fact_to_remember():
    assert [name for name, _ in calls("spanish vocab tuesday mornings at 8")] == ["create_schedule_block"]


def test_the_verb_set_names_no_task_for_a_deadline():
    understood = say("set the due date to monday")
    assert understood.calls == []
    assert "Which task" in understood.question


def test_a_new_goal_sharing_only_get_with_a_goal_changes_no_goal():
    found = calls("i want to get a 1st in spanish this year, high priority, deadline june 1")
    assert all(name != "update_goal" for name, _ in found)


def test_a_level_left_behind_sets_no_level():
    assert calls("archive linear algebra, i finished the advanced level") == [
        ("archive_course", {"course": "Linear Algebra"})
    ]


@pytest.mark.parametrize("text", ["orgo review friday only 45 min pls", "spanish practice tmrw just 20 min, busy day"])
def test_one_days_occurrence_given_only_a_new_length(text):
    (found,) = calls(text)
    assert (found[0], found[1]["duration_minutes"] < 60, "occurrence_date" in found[1]) == (
        "move_schedule_block",
        True,
        True,
    )


def test_the_slides_searched_after_the_notes_for_the_same_subject():
    assert calls("search my notes for glycolysis then check the lecture slides too") == [
        ("search_notes", {"query": "glycolysis"}),
        ("search_materials", {"query": "glycolysis"}),
    ]


def test_an_exam_added_with_its_date_after_its():
    assert calls("add my spanish exam its next tuesday")[0][1]["courses"] == ["Spanish for Beginners"]


def test_one_exam_covering_two_courses():
    found = calls("i have one exam covering both orgo and stats on may 20, add it")
    assert found[0][1]["courses"] == ["Organic Chemistry", "Probability and Statistics"]


def test_an_exam_of_no_course_is_asked_about():
    understood = say("delete my pottery exam")
    assert understood.calls == []
    assert "pottery" in understood.question


def test_a_notes_dashed_title_ends_at_the_first_dash():
    assert calls("new note: rank - dim of column space - same as row space")[0][1]["title"] == "rank"


def test_a_note_for_a_course_with_a_dash_and_a_colon():
    assert calls("note for orgo - e2 rule: strong base, anti-periplanar") == [
        (
            "create_note",
            {"title": "e2 rule", "content": "strong base, anti-periplanar", "course": "Organic Chemistry"},
        )
    ]


def test_i_do_is_no_part_of_a_blocks_title():
    assert calls("every sunday at 10am i do spanish podcasts, add that")[0][1]["title"] == "Spanish podcasts"


@pytest.mark.parametrize(
    "text", ["whats the best time to eat before an exam", "whats better for focus, lofi or silence?"]
)
def test_advice_about_the_world_reads_nothing(text):
    assert calls(text) == []


def test_put_in_my_calendar_after_a_block_lists_nothing():
    found = calls("study krebs cycle tomorrow 8am for an hour and a half, put in my calendar")
    assert [name for name, _ in found] == ["create_schedule_block"]


def test_a_study_group_keeps_study_in_its_title():
    assert calls("add a study group on fridays at 4pm")[0][1]["title"] == "Study group"


@pytest.mark.parametrize(
    "text",
    ["take 15 min off the spanish practice", "take my mind off the stats final pls", "take a day off the ML reading"],
)
def test_taking_time_off_a_block_removes_nothing(text):
    assert all(name not in ("cancel_schedule_block", "remove_topic", "delete_note") for name, _ in calls(text))


def test_a_clock_in_a_remark_makes_no_block_of_the_request():
    assert calls("quiz me on eigenvalues, my midterm is friday at 9am") == [
        ("quiz_me", {"topic": "Eigenvalues and Eigenvectors"})
    ]


def test_stop_it_with_something_else_stops_no_session():
    assert calls("stop it with the emails lol", "start a session for stats") == []


@pytest.mark.parametrize("text", ["make it 3 sessions not 2", "make it monday not 5"])
def test_not_an_old_clock_after_another_value_still_asks(text):
    understood = say(text, "add a spanish vocab block friday 5pm")
    assert understood.calls == []
    assert understood.question


def test_a_number_after_on_the_is_no_day_when_a_noun_follows():
    found = calls("schedule a session on the 100 years war saturday at 10")
    assert found[0][1]["start"] == "2026-03-07T10:00"


def test_a_note_for_no_course_of_the_learners_gets_no_course():
    assert all("course" not in args for _, args in calls("note for pottery - glazes: use cone 6"))


def test_a_question_about_a_shorter_occurrence_changes_nothing():
    assert calls("ML reading tomorrow only 30 min?") == []
