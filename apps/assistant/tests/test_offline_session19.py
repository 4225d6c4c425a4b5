"""Offline, session 19: general mechanisms read from the failures of measure23 and measure24."""

import pytest

from apps.assistant.offline.dates import parse_range
from apps.assistant.offline.material_search import material_search
from apps.assistant.tests.offline_learner import calls, say


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("check my cell bio lecture pdf for the meaning of osmosis", "meaning of osmosis"),
        ("pull up the part of the econ handout where they derive the demand curve", "derive the demand curve"),
        ("what does my physics reading say causes tides", "what causes tides"),
        ("in the chem slides how do they explain hybridization?", "hybridization"),
        ("how does the textbook define a vector space", "vector space"),
        ("is there anything on entropy in my physics slides?", "entropy"),
        ("the slides from monday, what do they say about osmosis", "osmosis"),
        ("which slide covers gradient descent in my ML lecture slides", "gradient descent"),
        ("what's in my pdfs about recursion", "recursion"),
        ("i need to find where my stats handout explains p-values", "p-values"),
        ("look through my orgo handouts for the part about chirality, exam tomorrow", "chirality"),
    ],
)
def test_a_question_about_what_the_uploads_say_is_a_material_search_of_its_subject(text, query):
    assert calls(text) == [("search_materials", {"query": query})]


@pytest.mark.parametrize(
    "text",
    [
        "test me on what's in my lecture 5 notes",  # a quiz on a note
        "find me a good textbook on thermodynamics",  # new material, not the uploads
        "my slides are so confusing",  # chit-chat
        "i hate my textbook lol",
        "what did we cover in the lecture today",
        "schedule time to go over my lecture slides on friday at 3",  # plans study
    ],
)
def test_quizzes_new_material_chatter_and_plans_are_no_material_search(text):
    assert material_search(text) == []


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("i remember writing something about the treaty of versailles, can u find it", "treaty of versailles"),
        ("i swear i noted something about eigenvalues", "eigenvalues"),
        ("find my notes on enzyme kinetics, exam tomorrow and i forgot everything", "enzyme kinetics"),
        ("search my notes for osmosis, need it for the quiz", "osmosis"),
    ],
)
def test_a_note_search_remembered_or_followed_by_a_remark_searches_the_subject_only(text, query):
    assert calls(text) == [("search_notes", {"query": query})]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "linear independence should go under vector spaces rather than distributions, fix it",
            [("move_topic", {"topic": "Linear Independence", "module": "Vector Spaces"})],
        ),
        (
            "backprop needs to be in neural networks",
            [("move_topic", {"topic": "Backpropagation", "module": "Neural Networks"})],
        ),
        (
            "in grammar, add ser vs estar",
            [("add_topic", {"course": "Spanish for Beginners", "title": "ser vs estar", "module": "Grammar"})],
        ),
        (
            "world history could use another unit: Interwar Period",
            [("add_module", {"course": "World History", "title": "Interwar Period"})],
        ),
        (
            "add topics Change of Basis and Determinants to lin alg",
            [
                ("add_topic", {"course": "Linear Algebra", "title": "Change of Basis"}),
                ("add_topic", {"course": "Linear Algebra", "title": "Determinants"}),
            ],
        ),
    ],
)
def test_a_topic_s_right_module_a_place_said_first_or_a_needed_module_is_the_structure_call(text, expected):
    assert calls(text) == expected


@pytest.mark.parametrize("text", ["i should be in bed by now", "the exam should be in the morning, right?"])
def test_a_wish_about_where_something_else_should_be_is_no_move(text):
    assert calls(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "in the genetics course my study group shares, tick off Meiosis",
            [("complete_shared_topic", {"topic": "Meiosis", "course": "genetics"})],
        ),
        (
            "mark Meiosis done in the genetics class we share",
            [("complete_shared_topic", {"topic": "Meiosis", "course": "genetics"})],
        ),
        (
            "unmark Meiosis in the group course, misclicked",
            [("complete_shared_topic", {"topic": "Meiosis", "completed": False})],
        ),
    ],
)
def test_a_course_said_shared_by_the_group_in_other_words_marks_a_shared_topic(text, expected):
    assert calls(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("backprop is DONE. so relieved", [("complete_topic", {"topic": "Backpropagation"})]),
        ("practice test 1 is finished at last", [("complete_goal_task", {"task": "Finish practice test 1"})]),
    ],
)
def test_something_said_done_next_to_a_remark_or_with_a_late_adverb_is_completed(text, expected):
    assert calls(text) == expected


def test_something_said_not_done_next_to_a_remark_is_not_completed():
    assert calls("backprop is not done. ugh") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i should probably track this, doing backprop problems now", {"topic": "Backpropagation"}),
        ("lemme time this, eigenvalues practice", {"topic": "Eigenvalues and Eigenvectors"}),
        (
            "timer on, doing stats - bayes theorem",
            {"course": "Probability and Statistics", "topic": "Bayes Theorem"},
        ),
    ],
)
def test_a_timer_asked_in_other_words_or_on_a_topic_with_its_course_abbreviated_starts_a_session(text, expected):
    assert calls(text) == [("start_study_session", expected)]


def test_a_timer_word_beside_a_session_started_in_plain_words_starts_no_second_one():
    assert calls("starting backprop now, time it") == [("start_study_session", {"topic": "Backpropagation"})]


def test_a_wish_said_after_a_read_is_its_reason_and_no_goal():
    assert calls("show my plan for the next 2 days, i need to fit in a haircut") == [
        ("list_schedule", {"start": "2026-03-04", "end": "2026-03-05"})
    ]


def test_a_goal_asked_plainly_beside_a_read_is_still_created():
    assert ("create_goal", {"title": "Run a 5k"}) in calls("show my schedule this week and set a goal to run a 5k")


def test_a_reason_after_a_list_of_goals_asks_for_nothing_more():
    assert calls("show me the goals i've finished, could use some motivation") == [
        ("list_goals", {"status": "COMPLETED"})
    ]


@pytest.mark.parametrize(
    ("text", "title", "content"),
    [
        (
            "lemme write this down before i forget - eigenvectors keep their direction. call it eigen intuition",
            "eigen intuition",
            "eigenvectors keep their direction",
        ),
        (
            "jot down for history: the marshall plan rebuilt europe. title it 'Marshall plan'",
            "Marshall plan",
            "the marshall plan rebuilt europe",
        ),
        ("call it 'Verb endings'. content: -ar, -er, -ir", "Verb endings", "-ar, -er, -ir"),
    ],
)
def test_a_note_named_in_another_sentence_takes_that_title_and_only_its_content(text, title, content):
    (call,) = say(text).calls
    assert (call.name, call.arguments["title"], call.arguments["content"]) == ("create_note", title, content)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("can you set up a new course called Astronomy II", {"title": "Astronomy II"}),
        (
            "taking Intro to Sociology next term. create a course w/ modules Theory, Methods",
            {"title": "Intro to Sociology", "modules": [{"title": "Theory"}, {"title": "Methods"}]},
        ),
        (
            "make a course called Macro with modules: supply and demand, inflation, trade",
            {"title": "Macro", "modules": [{"title": "Supply and demand"}, {"title": "Inflation"}, {"title": "Trade"}]},
        ),
    ],
)
def test_a_new_course_named_set_up_titled_by_the_term_s_subject_or_with_a_list_keeps_its_words(text, expected):
    assert calls(text) == [("create_course", expected)]


@pytest.mark.parametrize(
    "text",
    ["every weekday at 7am anki, 25 mins", "schedule anki drills every weekday at 7am for 25 mins"],
)
def test_recurring_days_and_a_span_of_time_ask_for_a_block_whatever_the_activity(text):
    (call,) = say(text).calls
    assert call.name == "create_schedule_block"
    assert (call.arguments["start"][11:], call.arguments["duration_minutes"]) == ("07:00", 25)
    assert call.arguments["recurrence_rule"].endswith("BYDAY=MO,TU,WE,TH,FR")


def test_a_habit_told_at_a_recurring_time_asks_for_no_block():
    assert calls("i wake up every day at 7am") == []


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("forget what i told you about living in boston, i moved", "living in boston"),
        ("forget the bit about me having a car", "having a car"),
    ],
)
def test_a_fact_forgotten_by_what_was_told_about_it_is_the_fact_alone(text, fact):
    assert calls(text)[0] == ("forget_fact", {"fact": fact})


@pytest.mark.parametrize(
    ("text", "span"),
    [("9:30-12", (570, 720)), ("10am to noon", (600, 720)), ("noon to 2pm", (720, 840)), ("at 9:30 - 10 mins", None)],
)
def test_a_span_ending_at_a_whole_hour_or_at_noon_is_a_clock_range(text, span):
    assert parse_range(text) == span


def test_a_block_from_a_half_hour_to_a_whole_hour_keeps_both_ends():
    (call,) = say("block out sat 9:30-12 for mcat practice").calls
    assert (call.arguments["start"][11:], call.arguments["duration_minutes"]) == ("09:30", 150)


def test_a_kindless_removal_naming_items_of_several_kinds_asks_which_naming_them():
    found = say("delete the orgo stuff")
    after_a_listing = say("cancel the spanish one", previous="what's on today?")

    assert found.calls == []
    assert found.question == "Which do you mean: the course “Organic Chemistry” or the block “Orgo review”?"
    assert [call.name for call in after_a_listing.calls] == ["cancel_schedule_block"]
