"""The offline assistant reads exams: a date told for one, questions about them, a new date, a removal; an exam
beside another request, a memory, a mock exam or a feeling is not one."""

from __future__ import annotations

import pytest

from apps.assistant.offline.exams import NO_COURSE_QUESTION

from .offline_learner import say


def calls(text: str) -> list[dict]:
    return [call.as_dict() for call in say(text).calls]


@pytest.mark.parametrize(
    ("text", "arguments"),
    [
        ("my lin alg midterm is on march 20", {"date": "2026-03-20", "title": "Linear Algebra midterm"}),
        ("i've got a linear algebra exam on 4/12", {"date": "2026-04-12"}),
        ("heads up, lin alg final is in 3 weeks", {"date": "2026-03-25", "title": "Linear Algebra final"}),
        ("could you add an exam for linear algebra on the 30th", {"date": "2026-03-30"}),
        ("Linear Algebra exam: april 2nd, save it pls", {"date": "2026-04-02"}),
    ],
)
def test_a_date_told_for_an_exam_adds_it_on_the_course_named(text, arguments):
    assert calls(text) == [{"name": "add_exam", "arguments": {"courses": ["Linear Algebra"], **arguments}}]


def test_an_exam_on_no_course_of_the_learners_asks_which_naming_them():
    for text in ("i have an exam on friday", "my astrophysics final is may 1"):
        found = say(text)
        assert found.calls == []
        assert found.question.startswith(NO_COURSE_QUESTION + " Yours are: “Organic Chemistry”")


@pytest.mark.parametrize(
    "text",
    [
        "when's my orgo final",
        "how prepared am i for the stats exam",
        "any midterms coming up?",
        "how many days left until my spanish exam",
        "the orgo exam is on the 20th, right?",
    ],
)
def test_questions_about_the_learners_exams_list_them_with_readiness(text):
    assert calls(text) == [{"name": "list_exams", "arguments": {}}]


def test_a_new_date_or_a_removal_names_the_exam_by_its_course():
    assert calls("my stats exam got pushed back to april 30") == [
        {"name": "update_exam", "arguments": {"exam": "Probability and Statistics", "date": "2026-04-30"}}
    ]
    assert calls("please remove the orgo midterm") == [
        {"name": "delete_exam", "arguments": {"exam": "Organic Chemistry"}}
    ]


@pytest.mark.parametrize(
    "text",
    [
        "rember that my stats final is on may 14th",  # a memory, misspelt
        "lin alg final is in 2 weeks. set a goal to pass it for that day",  # another request
        "schedule a 2h orgo mock exam on the 3rd of next month at 14:00",  # a practice exam is a block
        "ugh orgo exam tomorrow and i know NOTHING",  # a feeling, no date told for an exam to add
        "the stats midterm absolutely wrecked me today",
        "what's the hardest question on a chem exam?",  # not the learner's exam
        "my spanish exam was on monday, it went ok",  # past
    ],
)
def test_an_exam_beside_something_else_is_not_read_as_one(text):
    assert not any(call["name"].endswith("_exam") or call["name"] == "list_exams" for call in calls(text))


@pytest.mark.parametrize(
    "text",
    [
        "my friend's orgo exam is on friday",  # someone else's
        "my roommate's stats midterm is next week",
        "the orgo exam is on the 3rd floor",  # no date, a place
        "my linear algebra final is the 20th percentile lol",
        "my orgo exam is tomorrow lol",  # said in a rush, not to be filed
        "my orgo final is tomorrow im dead",
    ],
)
def test_what_only_sounds_like_an_exam_date_adds_nothing(text):
    assert not any(call["name"] == "add_exam" for call in calls(text))


def test_a_month_and_day_just_passed_is_asked_about_not_read_as_next_years():
    for text in ("my orgo exam is on march 1", "move my orgo exam to march 1"):
        found = say(text)
        assert (found.calls, found.question) == ([], "That day has passed. When is the exam?")


@pytest.mark.parametrize(
    "text",
    [
        "my orgo midterm is 2 hours long",
        "my spanish final is in 2 days and i'm panicking",
        "the lin alg final is next friday and i havent even started",
        "our stats exam covers chapters 1 to 6, ugh",
        "my ML midterm is worth 40% of the grade",
    ],
)
def test_an_exam_told_with_a_remark_asks_for_nothing(text):
    found = say(text)
    assert (found.calls, found.question) == ([], "")


def test_the_request_after_an_exam_told_is_read_alone():
    assert calls("my orgo exam is on friday so block 2 hours of review thursday at 6pm") == [
        {
            "name": "create_schedule_block",
            "arguments": {"title": "Review", "start": "2026-03-05T18:00", "duration_minutes": 120},
        }
    ]
    assert calls("the stats final is next week, quiz me on bayes") == [
        {"name": "quiz_me", "arguments": {"topic": "Bayes Theorem"}}
    ]


def test_a_request_leaning_on_the_exam_told_is_read_with_it():
    assert calls("my lin alg final is may 10, set that as the course's target date") == [
        {"name": "update_course", "arguments": {"course": "Linear Algebra", "target_date": "2026-05-10"}}
    ]


@pytest.mark.parametrize(
    ("text", "course"),
    [
        ("make me a study plan for my stats final", "Probability and Statistics"),
        ("can you plan out my revision for the orgo midterm", "Organic Chemistry"),
        ("pls schedule my prep for the lin alg exam", "Linear Algebra"),
        ("put together a revision schedule for my ML final please", "Intro to Machine Learning"),
    ],
)
def test_a_prep_plan_asked_for_an_exam_is_planned(text, course):
    assert calls(text) == [{"name": "plan_exam_prep", "arguments": {"exam": course}}]


@pytest.mark.parametrize("text", ["make a plan for my friend's orgo exam", "create a study plan for the week"])
def test_a_plan_for_no_exam_of_the_learners_is_no_prep_plan(text):
    assert "plan_exam_prep" not in [call["name"] for call in calls(text)]


def test_an_exam_is_renamed_moved_when_asked_with_u_and_its_next_one_asked_for():
    assert calls("could u push my lin alg final to march 30") == [
        {"name": "update_exam", "arguments": {"exam": "Linear Algebra", "date": "2026-03-30"}}
    ]
    assert calls("rename the orgo midterm to 'Orgo Midterm 1'") == [
        {"name": "update_exam", "arguments": {"exam": "Organic Chemistry", "title": "Orgo Midterm 1"}}
    ]
    assert calls("change my stats final's name to Stats Final A") == [
        {"name": "update_exam", "arguments": {"exam": "Probability and Statistics", "title": "Stats Final A"}}
    ]
    assert calls("what's my next exam?") == [{"name": "list_exams", "arguments": {}}]


def test_a_test_on_topics_covers_those_topics():
    assert calls("i've got a test on bayes and the normal distribution on the 20th") == [
        {"name": "add_exam", "arguments": {"date": "2026-03-20", "topics": ["Bayes Theorem", "Normal Distribution"]}}
    ]
    assert calls("there's a test about eigenvalues and eigenvectors next monday") == [
        {"name": "add_exam", "arguments": {"date": "2026-03-09", "topics": ["Eigenvalues and Eigenvectors"]}}
    ]


@pytest.mark.parametrize("text", ["test me on eigenvalues", "can you test my knowledge of the krebs cycle"])
def test_test_as_a_verb_is_no_exam(text):
    assert not any(call["name"].endswith("_exam") for call in calls(text))


def test_an_exam_moved_or_called_off_without_my_or_the_is_still_the_learners():
    assert calls("stats midterm got moved to april 2") == [
        {"name": "update_exam", "arguments": {"exam": "Probability and Statistics", "date": "2026-04-02"}}
    ]
    assert calls("spanish final was called off so pls remove it") == [
        {"name": "delete_exam", "arguments": {"exam": "Spanish for Beginners"}}
    ]
    assert calls("cancel the lin alg exam") == [{"name": "delete_exam", "arguments": {"exam": "Linear Algebra"}}]


@pytest.mark.parametrize(
    ("reply", "call"),
    [
        (
            "prof pushed it back to march 27",
            {"name": "update_exam", "arguments": {"exam": "Organic Chemistry", "date": "2026-03-27"}},
        ),
        ("it's not happening anymore, delete it", {"name": "delete_exam", "arguments": {"exam": "Organic Chemistry"}}),
        (
            "ok can you build me a revision schedule for it",
            {"name": "plan_exam_prep", "arguments": {"exam": "Organic Chemistry"}},
        ),
        ("am i ready for it tho", {"name": "list_exams", "arguments": {}}),
    ],
)
def test_a_reply_about_the_exam_just_named_acts_on_that_exam(reply, call):
    assert [c.as_dict() for c in say(reply, previous="the orgo midterm is on march 20").calls] == [call]


def test_a_reply_naming_another_item_or_after_someone_elses_exam_is_not_about_the_exam():
    assert "update_exam" not in [
        c.name for c in say("move the orgo review block to 5pm", previous="my orgo final is may 12").calls
    ]
    assert say("make a study plan for it", previous="my friend's orgo final is on may 12").calls == []


def test_an_exam_and_another_request_in_one_message_are_both_done_in_order():
    assert calls("put my stats final on may 4 and remind me to review bayes every sunday at 10am")[0] == {
        "name": "add_exam",
        "arguments": {
            "date": "2026-05-04",
            "courses": ["Probability and Statistics"],
            "title": "Probability and Statistics final",
        },
    }
    assert [c["name"] for c in calls("start a session on eigenvalues, also when is my lin alg exam")] == [
        "start_study_session",
        "list_exams",
    ]


@pytest.mark.parametrize(
    ("text", "options"),
    [
        (
            "build me a revision schedule for the orgo final, afternoons at 3, 45 minutes each",
            {"hour": 15, "minutes": 45},
        ),
        ("plan my prep for my orgo midterm at 6pm", {"hour": 18}),
        ("make a study plan for the orgo exam, 2 hours a day", {"minutes": 120}),
    ],
)
def test_a_prep_plan_keeps_the_hour_and_length_asked(text, options):
    assert calls(text) == [{"name": "plan_exam_prep", "arguments": {"exam": "Organic Chemistry", **options}}]


def test_a_prep_plan_followed_by_another_request_is_not_swallowed():
    assert (
        "plan_exam_prep" not in [c["name"] for c in calls("make a study plan for the orgo exam, then tag my notes")][1:]
    )


def test_an_exam_on_several_courses_covers_each():
    assert calls("add an exam on spanish & ML for the 22nd") == [
        {
            "name": "add_exam",
            "arguments": {"date": "2026-03-22", "courses": ["Spanish for Beginners", "Intro to Machine Learning"]},
        }
    ]


@pytest.mark.parametrize(
    ("text", "call"),
    [
        (
            "orgo midterm moved to march 30 :( smh",
            {"name": "update_exam", "arguments": {"exam": "Organic Chemistry", "date": "2026-03-30"}},
        ),
        (
            "drop the spanish final since they scrapped it",
            {"name": "delete_exam", "arguments": {"exam": "Spanish for Beginners"}},
        ),
    ],
)
def test_a_remark_after_a_moved_or_dropped_exam_is_left_aside(text, call):
    assert calls(text) == [call]


def test_a_prep_plan_asked_beside_a_new_exam_is_for_that_exam():
    assert calls("my ML final is on april 28 so make a revision plan, 1 hour each evening at 7") == [
        {
            "name": "add_exam",
            "arguments": {
                "date": "2026-04-28",
                "courses": ["Intro to Machine Learning"],
                "title": "Intro to Machine Learning final",
            },
        },
        {"name": "plan_exam_prep", "arguments": {"exam": "Intro to Machine Learning", "hour": 19, "minutes": 60}},
    ]


def test_an_exam_beside_a_request_that_needs_a_question_asks_it_and_does_nothing():
    found = say("remove my stats exam and also move the block")
    assert found.calls == []
    assert found.question


@pytest.mark.parametrize("text", ["push the exam back a week", "could you move my stats final forward by 3 days"])
def test_an_exam_shifted_by_a_span_asks_for_its_new_date_and_writes_nothing(text):
    found = say(text)
    assert found.calls == []
    assert found.question == "To which date? Tell me the exam's new date, please."
