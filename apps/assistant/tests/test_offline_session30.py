"""Offline, session 30: classes left open at session 29's end (a goal named by "goal" is the "it" of a reply, an
exam "scheduled", a time only accepted, a remark about the learner before a prep plan), each said in other words
than the examples they were found on."""

from apps.assistant.tests.offline_learner import calls, say


def test_it_after_a_message_about_a_goal_is_the_goal_not_the_course_of_its_name():
    previous = "how's my lin alg goal looking"
    [(name, arguments)] = calls("put 'redo midterm problems' on it, due june 2", previous=previous)
    assert (name, arguments["goal"], arguments["title"].lower(), arguments["due_date"]) == (
        "add_goal_task",
        "Get a B+ in Linear Algebra",
        "redo midterm problems",
        "2026-06-02",
    )


def test_a_topic_on_a_subject_is_still_added_to_the_course():
    assert calls("add a topic on eigenvectors to lin alg") == [
        ("add_topic", {"course": "Linear Algebra", "title": "eigenvectors"})
    ]


def test_it_after_a_message_about_a_course_stays_the_course():
    assert calls("add a topic called eigenvalues to it", previous="how far along am i in lin alg") == [
        ("add_topic", {"course": "Linear Algebra", "title": "eigenvalues"})
    ]


def test_an_exam_scheduled_is_added():
    assert calls("can you schedule a test for world history on may 11") == [
        ("add_exam", {"date": "2026-05-11", "courses": ["World History"]})
    ]


def test_a_block_scheduled_before_an_exam_is_no_exam():
    assert not [name for name, _ in calls("schedule a review session before my orgo midterm") if "exam" in name]


def test_a_time_only_accepted_writes_nothing():
    for said in ("8:30 works", "10am works for me", "ok that works"):
        assert say(said).calls == [], said


def test_a_remark_about_the_learner_before_a_prep_plan_keeps_the_plan():
    assert calls("i have practice till 6, can u build me a revision schedule before my world history final") == [
        ("plan_exam_prep", {"exam": "World History"})
    ]
