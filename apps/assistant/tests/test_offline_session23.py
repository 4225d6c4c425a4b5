"""Offline, session 23: messages that wrote though they asked for nothing (a verdict after a heading, a day's
event told, a past told with an irregular verb, "forget it" with no fact), each said here in other words than the
reviewer's."""

import pytest

from apps.assistant.tests.offline_learner import calls, say


@pytest.mark.parametrize(
    "text",
    [
        "linear algebra: honestly the worst",
        "organic chem: killing me",
        "spanish module: love it",
        "stats notes: i kinda hate them",
    ],
)
def test_a_verdict_after_a_heading_makes_nothing(text):
    assert calls(text) == []


def test_a_heading_with_content_still_adds():
    assert calls("note: the worst case of quicksort is n^2")[0][0] == "create_note"


@pytest.mark.parametrize(
    "text",
    [
        "the lab begins at 2 tomorrow",
        "my seminar finishes at 5 on friday",
        "i woke up at 11 today lol",
        "i slept till 9 yesterday",
    ],
)
def test_a_days_event_told_or_a_past_makes_no_block(text):
    assert calls(text) == []


def test_a_bare_time_and_subject_is_still_a_block():
    assert calls("chem lab prep at 6 tomorrow")[0][0] == "create_schedule_block"


def test_i_gave_up_on_a_goal_still_abandons_it():
    assert calls("i gave up on the mcat goal") == [("update_goal", {"goal": "Pass the MCAT", "status": "ABANDONED"})]


@pytest.mark.parametrize("text", ["forget it", "nah forget that, nvm", "forget about it lol"])
def test_forget_it_with_nothing_remembered_before_forgets_nothing(text):
    assert calls(text) == []


def test_forget_it_after_a_remembered_fact_forgets_that_fact():
    assert calls("actually forget it", "remember that i work weekends") == [
        ("forget_fact", {"fact": "i work weekends"})
    ]


@pytest.mark.parametrize(
    ("previous", "text", "date"),
    [
        ("my orgo final is on the 10th", "oops its the 12th, my bad", "2026-03-12"),
        ("i have an orgo exam on the 20th", "wait no the 21st sorry", "2026-03-21"),
    ],
)
def test_an_exam_date_corrected_with_an_apology_is_moved(previous, text, date):
    assert calls(text, previous) == [("update_exam", {"exam": "Organic Chemistry", "date": date})]


@pytest.mark.parametrize("text", ["no 5pm, sorry", "i meant 5pm", "wait make that 5pm my bad", "no, 5pm"])
def test_a_block_time_corrected_by_a_slip_moves_the_block_just_made(text):
    assert calls(text, "put linear algebra drills on friday at 4pm") == [
        ("move_schedule_block", {"block": "Linear algebra drills", "start": "2026-03-06T17:00"})
    ]


@pytest.mark.parametrize("text", ["no thanks", "no", "nope, all good"])
def test_a_refusal_after_a_block_changes_nothing_and_asks_nothing(text):
    understood = say(text, "put linear algebra drills on friday at 4pm")
    assert understood.calls == []
    assert understood.question == ""


@pytest.mark.parametrize(
    ("text", "call"),
    [
        (
            "rename world history to Modern World History, we dropped the ancient part",
            ("update_course", {"course": "World History", "title": "Modern World History"}),
        ),
        (
            "forget that i tutor on fridays, contract ended",
            ("forget_fact", {"fact": "i tutor on fridays"}),
        ),
        (
            "add eigenbases as topic in linear algebra, prof mentioned it",
            ("add_topic", {"course": "Linear Algebra", "title": "eigenbases"}),
        ),
    ],
)
def test_a_remark_after_a_new_title_or_a_forgotten_fact_is_left_out(text, call):
    assert calls(text) == [call]


def test_a_topic_added_to_a_course_under_one_of_its_modules_whose_words_it_shares():
    assert calls("add recurrent neural nets to ML under neural networks") == [
        (
            "add_topic",
            {"course": "Intro to Machine Learning", "title": "recurrent neural nets", "module": "Neural Networks"},
        )
    ]


@pytest.mark.parametrize("text", ["alright i'm done for today, stop it", "im done", "done for now"])
def test_done_after_starting_a_timer_stops_it_rather_than_completing_the_topic(text):
    assert calls(text, "start a session on eigenvalues") == [("stop_study_session", {})]
    assert calls(text, "start tracking my orgo studying") == [("stop_study_session", {})]


def test_an_exam_asked_about_with_whens_is_the_one_a_later_move_updates():
    assert calls("they pushed it to the 28th, pls update", "when's my stats exam?") == [
        ("update_exam", {"exam": "Probability and Statistics", "date": "2026-03-28"})
    ]


def test_a_block_with_a_word_of_its_own_inside_an_existing_title_is_a_new_block():
    (call,) = calls("i want spanish listening practice every mon and wed at 6pm")
    assert call[0] == "create_schedule_block"
    assert call[1]["title"] == "Spanish listening practice"
    assert call[1]["recurrence_rule"] == "FREQ=WEEKLY;BYDAY=MO,WE"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("new year's goal: learn to code by december", "Learn to code"),
        ("summer goal - finish two novels", "Finish two novels"),
        ("my goal for next semester: get an A in organic chemistry", "Get an A in organic chemistry"),
    ],
)
def test_a_goal_after_a_lead_that_names_none_of_the_learners_goals_is_new(text, title):
    (call,) = calls(text)
    assert call[0] == "create_goal"
    assert call[1]["title"] == title


def test_a_goal_named_first_then_a_change_still_changes_it():
    assert calls("mcat goal: push it to july")[0][0] == "update_goal"


@pytest.mark.parametrize(
    "text",
    [
        "add cell bio drills every sunday 9am, 2 hrs, under my mcat goal",
        "add a study session for my mcat goal: cell bio drills next tuesday 9am",
    ],
)
def test_time_booked_for_a_goal_is_a_block_linked_to_it(text):
    (call,) = calls(text)
    assert call[0] == "create_schedule_block"
    assert call[1]["title"].lower() == "cell bio drills"
    assert call[1]["goal"] == "Pass the MCAT"


def test_a_task_added_to_a_goal_stays_a_task():
    assert calls("add cell bio drills to my mcat goal") == [
        ("add_goal_task", {"goal": "Pass the MCAT", "title": "cell bio drills"})
    ]


def test_an_item_named_as_another_kind_is_never_changed_as_this_kind():
    understood = say("delete the spanish topic pls")
    assert understood.calls == []
    assert understood.question.startswith("Which topic do you mean?")
    assert calls("cancel the orgo review session tomorrow")[0][0] == "cancel_schedule_block"


def test_time_for_a_goal_said_after_its_range_is_a_block():
    (call,) = calls("add cell bio drills next tuesday 6-8pm, its for my mcat goal")
    assert call[0] == "create_schedule_block"
    assert call[1]["duration_minutes"] == 120
    assert call[1]["goal"] == "Pass the MCAT"


@pytest.mark.parametrize(
    ("text", "material_query"),
    [
        ("look up bayes theorem in my notes and then check my pdfs for that too", "bayes theorem"),
        ("search my notes for the krebs cycle, also see what the handout says about it", "krebs cycle"),
        ("search my notes for eigenvalues and check the slides for diagonalization", "diagonalization"),
    ],
)
def test_a_notes_search_then_a_material_search_makes_both(text, material_query):
    (notes, material) = calls(text)
    assert notes[0] == "search_notes"
    assert material == ("search_materials", {"query": material_query})


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("wat do the slides say abt overfitting", "overfitting"),
        ("in the handout the prof posted, where does it talk about the new deal", "new deal"),
    ],
)
def test_a_material_question_written_short_or_with_who_uploaded_it(text, query):
    assert calls(text) == [("search_materials", {"query": query})]


def test_the_old_length_after_not_is_not_the_new_one():
    assert calls("orgo review should be 2 hours from now on, not 90 min") == [
        ("move_schedule_block", {"block": "Orgo review", "duration_minutes": 120})
    ]


@pytest.mark.parametrize(
    "text",
    [
        "got a stats exam next friday 😩 pls add it",
        "add the exam for stats next friday",
        "i have exam of statistics next friday, add it",
    ],
)
def test_an_exam_told_with_an_emoji_no_preposition_or_of_is_added(text):
    assert calls(text) == [("add_exam", {"date": "2026-03-06", "courses": ["Probability and Statistics"]})]


def test_a_tag_put_instead_of_a_removed_one_is_added():
    assert calls("remove the orgo tag from lecture 5 notes and put chem instead") == [
        ("tag_note", {"note": "Lecture 5 notes", "remove": ["orgo"], "add": ["chem"]})
    ]


def test_a_task_set_back_to_not_done_is_reopened():
    assert calls("read dune was ticked by mistake, can you set it back to unfinished") == [
        ("reopen_goal_task", {"task": "Read Dune"})
    ]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("can you book a 2 hour stats review next friday starting at 10am", "Stats review"),
        ("set a goal to learn french and the steps are apps, podcasts, tutoring", "Learn french"),
    ],
)
def test_a_title_keeps_no_dangling_time_word_or_joint(text, title):
    assert calls(text)[0][1]["title"] == title


def test_a_note_called_t_with_a_list_has_the_list_as_content():
    assert calls("make a note called greek letters with alpha, beta, gamma") == [
        ("create_note", {"title": "greek letters", "content": "alpha, beta, gamma"})
    ]


def test_a_new_courses_modules_said_with_w_and_without_its_level():
    (call,) = calls("create a course astronomy 101 w modules stars, planets and galaxies, intermediate level")
    assert call[1]["difficulty"] == "INTERMEDIATE"
    assert [module["title"] for module in call[1]["modules"]] == ["Stars", "Planets", "Galaxies"]


def test_a_goals_task_list_ends_where_a_request_to_the_assistant_begins():
    assert calls("create goal run a 10k with tasks buy shoes, train 3x a week, then list my goals") == [
        ("create_goal", {"title": "Run a 10k", "tasks": ["buy shoes", "train 3x a week"]}),
        ("list_goals", {}),
    ]


def test_abandon_it_after_a_remark_naming_the_goal_abandons_that_goal():
    assert calls("the mcat goal is pointless now, abandon it") == [
        ("update_goal", {"goal": "Pass the MCAT", "status": "ABANDONED"})
    ]


@pytest.mark.parametrize(
    "text",
    [
        "summer goal: honestly just survive lol",
        "her goal: med school",
        "she's got an orgo exam on friday",
        "yesterday i took the orgo tag off lecture 5 notes and put chem instead",
        "new years goal: ugh i never keep these",
    ],
)
def test_messages_found_by_the_sessions_review_write_nothing(text):
    assert not [name for name, _ in calls(text) if not name.startswith(("list_", "get_", "search_"))]


@pytest.mark.parametrize(
    ("text", "call"),
    [
        ("so orgo review starts at 7 now, pls change it", ("move_schedule_block", "Orgo review")),
        ("i said move orgo review to 5pm", ("move_schedule_block", "Orgo review")),
        ("add a note: hate it", ("create_note", None)),
        ("move spanish grammar practice to 8pm", ("move_schedule_block", "Spanish practice")),
    ],
)
def test_requests_the_sessions_review_found_lost_are_read_again(text, call):
    ((name, arguments),) = calls(text)
    assert name == call[0]
    assert call[1] is None or arguments["block"] == call[1]


def test_an_old_clock_after_not_leaves_the_title_whole():
    (call,) = calls("schedule chem lab prep at 4pm not 3 on friday")
    assert call[1]["title"] == "Chem lab prep"
    assert call[1]["start"].endswith("T16:00")


def test_a_run_of_apostrophes_before_a_request_is_read_like_any_text():
    assert calls("'" * 80 + " move orgo review to 5pm")[0][0] == "move_schedule_block"
