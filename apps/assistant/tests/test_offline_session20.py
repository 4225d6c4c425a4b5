"""Offline, session 20: general mechanisms read from the failures of measure25 and measure26."""

import pytest

from apps.assistant.tests.offline_learner import calls, say


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "delete the stereochemistry basics module from orgo, the professor dropped it",
            [("remove_module", {"module": "Stereochemistry Basics", "course": "Organic Chemistry"})],
        ),
        (
            "take gradient descent out of the ML course, we already did it last term",
            [("remove_topic", {"topic": "Gradient Descent", "course": "Intro to Machine Learning"})],
        ),
        (
            "add a Spectroscopy module to orgo, our class starts it in may",
            [("add_module", {"course": "Organic Chemistry", "title": "Spectroscopy"})],
        ),
    ],
)
def test_a_remark_of_what_others_do_with_the_item_is_no_part_of_the_request(text, expected):
    assert calls(text) == expected


def test_a_remark_after_an_unresolved_removal_still_asks_which():
    understood = say("take the third topic out of the course, they're not teaching it")
    assert understood.calls == []
    assert understood.question.startswith("Which topic do you mean?")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "i should probably add a Kinetics module to orgo",
            [("add_module", {"course": "Organic Chemistry", "title": "Kinetics"})],
        ),
        ("i should really delete the cold war topic", [("remove_topic", {"topic": "Cold War"})]),
    ],
)
def test_a_hedged_intention_to_change_an_item_of_the_app_is_a_request(text, expected):
    assert calls(text) == expected


@pytest.mark.parametrize("text", ["i should probably make more friends lol", "i should add more sleep to my life"])
def test_a_hedged_intention_naming_no_item_of_the_app_asks_for_nothing(text):
    assert calls(text) == []


def test_time_allowed_for_a_new_task_is_its_due_date():
    assert calls("add a task read chapter 4 to my reading goal, give myself 2 weeks for it") == [
        ("add_goal_task", {"goal": "Read 12 books this year", "title": "read chapter 4", "due_date": "2026-03-18"})
    ]


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("fyi i coach swim mon and wed evenings so dont book anything then", "i coach swim mon and wed evenings"),
        ("remember my gre is on oct 3 so you can plan around it", "my gre is on oct 3"),
        ("keep in mind i have choir thursdays 6-8pm so no study blocks at that time", "i have choir thursdays 6-8pm"),
        # a consequence that says more, or a wish of another kind, is part of the fact
        ("fyi i work sundays so never schedule study on sundays", "i work sundays so never schedule study on sundays"),
        ("remember that i'm colorblind, so keep charts simple", "i'm colorblind, so keep charts simple"),
    ],
)
def test_a_facts_calendar_consequence_pointing_back_at_it_is_no_part_of_it(text, fact):
    assert calls(text) == [("remember_fact", {"fact": fact})]


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("in my ML slides how is dropout explained", "dropout"),
        ("where are eigenvectors defined in the lin alg pdfs?", "eigenvectors"),
        ("does the orgo handout have a table of pka values?", "table of pka values"),
        ("whats the proof of bayes theorem according to my stats slides", "proof of bayes theorem"),
        ("in the history reading what's the main cause of the cold war", "main cause of the cold war"),
    ],
)
def test_a_question_placed_in_the_uploads_is_a_material_search_of_its_subject(text, query):
    assert calls(text) == [("search_materials", {"query": query})]


def test_a_search_of_the_uploads_naming_no_subject_searches_the_previous_searchs_subject():
    assert calls("hmm nothing. check my orgo pdfs then", previous="search my notes for chirality") == [
        ("search_materials", {"query": "chirality"})
    ]


def test_a_search_of_the_uploads_naming_no_subject_and_after_no_search_searches_nothing():
    assert calls("check the lecture slides then") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "orgo review thursday at 8 instead of 7 pls, dentist first",
            [
                (
                    "move_schedule_block",
                    {"block": "Orgo review", "start": "2026-03-05T20:00", "occurrence_date": "2026-03-05"},
                )
            ],
        ),
        (
            "i'd like spanish practice at 6pm instead of 7 starting tomorrow",
            [("move_schedule_block", {"block": "Spanish practice", "start": "2026-03-05T18:00"})],
        ),
        (  # a verb says the change: the old time is no part of it
            "can we shift spanish practice tonight to 8 instead of 7",
            [
                (
                    "move_schedule_block",
                    {"block": "Spanish practice", "start": "2026-03-04T20:00", "occurrence_date": "2026-03-04"},
                )
            ],
        ),
    ],
)
def test_a_blocks_time_said_instead_of_its_old_one_moves_it(text, expected):
    assert calls(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "new goal: read pages 10-40 of dune by friday, low priority",
            [("create_goal", {"title": "Read pages 10-40 of dune", "target_date": "2026-03-06", "priority": "LOW"})],
        ),
        (
            "add a task do problems 3-7 to my mcat goal",
            [("add_goal_task", {"goal": "Pass the MCAT", "title": "do problems 3-7"})],
        ),
        (  # a range of hours is still a clock range
            "study stats friday 3-5pm",
            [
                (
                    "create_schedule_block",
                    {
                        "title": "Stats study",
                        "start": "2026-03-06T15:00",
                        "duration_minutes": 120,
                        "course": "Probability and Statistics",
                    },
                )
            ],
        ),
    ],
)
def test_a_range_of_chapters_pages_or_problems_is_no_clock_range(text, expected):
    assert calls(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("finished eigenvalues/eigenvectors", [("complete_topic", {"topic": "Eigenvalues and Eigenvectors"})]),
        ("timer on, doing SN1/SN2", [("start_study_session", {"topic": "SN1 and SN2 Reactions"})]),
        (
            "mark sn1/sn2 and enantiomers as done",
            [("complete_topic", {"topic": "SN1 and SN2 Reactions"}), ("complete_topic", {"topic": "Enantiomers"})],
        ),
    ],
)
def test_two_words_of_a_title_joined_by_a_slash_name_it(text, expected):
    assert calls(text) == expected


def _block(title: str, start: str, minutes: int, **more: str) -> list[tuple[str, dict]]:
    return [("create_schedule_block", {"title": title, "start": start, "duration_minutes": minutes, **more})]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "can u put stats review in my calender friday 4-6pm",
            _block("Stats review", "2026-03-06T16:00", 120, course="Probability and Statistics"),
        ),
        (
            "add a daily 15 min flashcards block at 10pm starting tonight",
            _block("Flashcards", "2026-03-04T22:00", 15, recurrence_rule="FREQ=DAILY"),
        ),
        (  # "10 starting": a clock, no ordinal "10st"
            "put a 20 min anki slot every night at 10 starting tomorrow",
            _block("Anki", "2026-03-05T22:00", 20, recurrence_rule="FREQ=DAILY"),
        ),
    ],
)
def test_a_blocks_place_misspelled_and_its_first_night_are_no_part_of_its_title(text, expected):
    assert calls(text) == expected


@pytest.mark.parametrize(
    "text", ["spanish practice should start at 8 though i never make it", "orgo review should start at 5 though"]
)
def test_a_start_read_before_though_is_still_a_hedged_wish_that_changes_nothing(text):
    assert calls(text) == []


@pytest.mark.parametrize(
    ("text", "window"),
    [
        ("what do i have thursday and friday", ("2026-03-05", "2026-03-06")),
        ("am i free sat & sun", ("2026-03-07", "2026-03-08")),
        ("whats my calendar like the upcoming week", ("2026-03-09", "2026-03-15")),
    ],
)
def test_two_days_joined_by_and_and_the_coming_week_are_read_windows(text, window):
    assert calls(text) == [("list_schedule", {"start": window[0], "end": window[1]})]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "make lin alg advanced and set its target date to may 20",
            [("update_course", {"course": "Linear Algebra", "difficulty": "ADVANCED", "target_date": "2026-05-20"})],
        ),
        (
            "make the mcat goal high priority and push its deadline to june 1",
            [("update_goal", {"goal": "Pass the MCAT", "priority": "HIGH", "target_date": "2026-06-01"})],
        ),
        ("ugh its due date stresses me out", []),
    ],
)
def test_its_field_is_the_field_of_the_item_just_changed_and_one_update_says_both(text, expected):
    assert calls(text) == expected
