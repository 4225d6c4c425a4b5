"""Offline reading, session 33: one week's occurrence of a block ("next week", "this week"), and a question when
the block meets more than once that week. The learner's now is Wednesday 2026-03-04, 10:00 in New York."""

import pytest

from apps.assistant.offline.abstain import licensed
from apps.assistant.offline.calls import ToolCall
from apps.assistant.offline.intent import Intent
from apps.assistant.tests.offline_learner import calls, say


@pytest.mark.parametrize(
    "said",
    [
        "cancel orgo review next week, im away",
        "skip orgo review next week, got a conference",
        "skip next week's orgo review",
    ],
)
def test_a_weekly_block_skipped_next_week_cancels_that_weeks_meeting_only(said):
    assert calls(said) == [("cancel_schedule_block", {"block": "Orgo review", "occurrence_date": "2026-03-12"})]


@pytest.mark.parametrize(
    ("said", "start"),
    [
        ("move orgo review to friday next week", "2026-03-13T18:00"),
        ("next week's orgo review -> saturday 2pm", "2026-03-14T14:00"),
        ("push orgo review to 8pm next week, lab runs late", "2026-03-12T20:00"),
    ],
)
def test_a_weekly_block_moved_next_week_moves_that_meeting_within_that_week(said, start):
    assert calls(said) == [
        ("move_schedule_block", {"block": "Orgo review", "start": start, "occurrence_date": "2026-03-12"})
    ]


@pytest.mark.parametrize(
    "said",
    [
        "can u move spanish practice to thursday next week",
        "skip spanish practice next week",
        "spanish practice next week -> friday 6pm",
    ],
)
def test_a_block_meeting_twice_that_week_asks_which_meeting_and_writes_nothing(said):
    understood = say(said)
    assert understood.calls == []
    assert "Monday, March 9 or Wednesday, March 11" in (understood.question or "")


def test_a_daily_block_asks_the_day_without_listing_every_meeting():
    understood = say("skip ML reading next week")
    assert understood.calls == []
    assert understood.question == "“ML reading” meets 7 times next week: which day do you mean?"


@pytest.mark.parametrize(
    "said",
    [
        "move orgo review to friday from next week on",
        "move orgo review to friday from next week onwards",
    ],
)
def test_a_change_from_next_week_on_moves_the_series(said):
    assert [args.get("occurrence_date") for _, args in calls(said)] == [None]


def test_a_move_after_listing_next_week_lands_in_that_week():
    assert calls("move the orgo one to friday", previous="whats on my schedule next week") == [
        ("move_schedule_block", {"block": "Orgo review", "start": "2026-03-13T18:00", "occurrence_date": "2026-03-12"})
    ]


@pytest.mark.parametrize(
    "said",
    [
        "move orgo review to fridays",
        "can orgo review be on fridays at 6pm from now on",
        "move orgo review to fridays at 6 pls",
    ],
)
def test_a_weekly_block_moved_to_a_weekday_in_the_plural_moves_the_series_there(said):
    assert calls(said) == [("move_schedule_block", {"block": "Orgo review", "start": "2026-03-06T18:00"})]


def test_a_block_meeting_on_two_days_moved_to_a_plural_weekday_asks_which_meeting():
    understood = say("move my spanish practice to fridays pls")
    assert understood.calls == []
    assert understood.question.startswith("“Spanish practice” meets on Mondays and Wednesdays")


@pytest.mark.parametrize(
    "said",
    [
        "get rid of the orgo stuff, too much on my plate",
        "delete my spanish things. not doing it anymore",
        "remove the lin alg stuff - switching majors",
    ],
)
def test_a_vague_removal_with_a_reason_after_it_asks_which_item_and_writes_nothing(said):
    understood = say(said)
    assert understood.calls == []
    assert understood.question.startswith("Which do you mean: the course")


@pytest.mark.parametrize(
    "said",
    [
        "raining all day, good excuse to stay home and study",
        "library is packed, everyone is here to study lol",
        "sunday mood: coffee and study",
    ],
)
def test_a_remark_about_studying_starts_no_session(said):
    assert calls(said) == []


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("ok lets study lin alg", {"course": "Linear Algebra"}),
        ("time to study spanish", {"course": "Spanish for Beginners"}),
    ],
)
def test_studying_now_said_without_a_start_verb_still_starts_the_session(said, expected):
    assert calls(said) == [("start_study_session", expected)]


@pytest.mark.parametrize(
    ("said", "call", "kept"),
    [
        ("my lin alg final only covers eigenvalues and linear independence", ("remove_topic", "topic"), False),
        ("the grammar module is all my spanish oral is about", ("remove_module", "module"), False),
        ("remove eigenvalues from lin alg", ("remove_topic", "topic"), True),
        ("i dont want the grammar module, take it off my course", ("remove_module", "module"), True),
        ("wipe the grammar module, we skip it", ("remove_module", "module"), True),
        ("raining all day, good excuse to stay home and study", ("start_study_session", ""), False),
        ("ok lets study lin alg", ("start_study_session", ""), True),
        ("in the middle of orgo review rn", ("find_schedule_conflicts", ""), False),
        ("does anything clash with orgo review", ("find_schedule_conflicts", ""), True),
    ],
)
def test_a_call_guessed_by_the_word_vectors_needs_the_words_of_its_act(said, call, kept):
    name, slot = call
    found = [ToolCall(name, {slot: "Grammar"} if slot else {})]
    guess = Intent(name, share=0.75, similarity=0.47, chat=0.09)
    assert licensed(found, said, guess, keyed=True, masked=said) == (found if kept else [])


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        (
            "done with eigenvalues, clock me in for bayes theorem",
            [
                ("complete_topic", {"topic": "Eigenvalues and Eigenvectors"}),
                ("start_study_session", {"topic": "Bayes Theorem"}),
            ],
        ),
        (
            "gradient descent is finished. time me on backprop now",
            [("complete_topic", {"topic": "Gradient Descent"}), ("start_study_session", {"topic": "Backpropagation"})],
        ),
        ("track my time on the subjunctive", [("start_study_session", {"topic": "Subjunctive Mood"})]),
        ("time me on orgo pls", [("start_study_session", {"course": "Organic Chemistry"})]),
    ],
)
def test_a_timer_asked_as_time_me_on_x_times_x_and_never_marks_it_done(said, expected):
    assert calls(said) == expected


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        (
            "add 'book the test center' to my mcat goal, due june 1, and another one 'buy a prep book' due may 20",
            [
                ("add_goal_task", {"goal": "Pass the MCAT", "title": "Book the test center", "due_date": "2026-06-01"}),
                ("add_goal_task", {"goal": "Pass the MCAT", "title": "buy a prep book", "due_date": "2026-05-20"}),
            ],
        ),
        (
            "put a topic Dropout in the ML course, and one more topic called Batch norm",
            [
                ("add_topic", {"course": "Intro to Machine Learning", "title": "Dropout"}),
                ("add_topic", {"course": "Intro to Machine Learning", "title": "Batch norm"}),
            ],
        ),
    ],
)
def test_another_new_item_after_a_creation_is_made_the_same_way_with_its_own_title(said, expected):
    assert calls(said) == expected


def test_another_one_said_with_only_where_it_goes_asks_its_title():
    understood = say("add a task call the registrar to the mcat goal and another one to the books goal")
    assert understood.calls == []
    assert understood.question


def test_a_topic_done_then_now_starting_another_unpunctuated_is_two_requests():
    assert calls("finished eigenvalues now starting linear independence") == [
        ("complete_topic", {"topic": "Eigenvalues and Eigenvectors"}),
        ("start_study_session", {"topic": "Linear Independence"}),
    ]


@pytest.mark.parametrize(
    ("said", "count"),
    [("cards on bayes theorem pls, 12 is plenty", 12), ("flashcards for the krebs note, 20 would be good", 20)],
)
def test_a_card_count_told_as_enough_is_the_most_cards_made(said, count):
    assert [args.get("max_cards") for _, args in calls(said)] == [count]


@pytest.mark.parametrize(
    "said",
    [
        "halfway through spanish practice rn, quiz me on the subjunctive",
        "sitting in orgo review, test me on elimination reactions",
    ],
)
def test_a_block_said_as_where_the_learner_is_asks_for_no_conflicts(said):
    assert [name for name, _ in calls(said)] == ["quiz_me"]


@pytest.mark.parametrize(
    ("previous", "said", "query"),
    [
        (
            "just uploaded the stats lecture recording",
            "what does it say about the normal distribution",
            "normal distribution",
        ),
        ("i put the lin alg handout in", "anything in there about eigenvectors", "eigenvectors"),
    ],
)
def test_material_told_of_before_is_what_they_or_in_there_searches(previous, said, query):
    assert calls(said, previous=previous) == [("search_materials", {"query": query})]


def test_they_without_material_told_before_searches_nothing():
    assert calls("what do they say about eigenvectors", previous="whats my streak") == []
