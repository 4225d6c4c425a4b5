"""Offline short-answer grading: normalised match, then WordLlama meaning similarity, with the reasoning.

The pairs below were written as a learner might answer, before running the grader, and are not the
calibration pairs the threshold was chosen on (docs/review.md). First run: every wrong answer refused
(similarity -0.11 to 0.11), 5 of 8 paraphrases accepted (the three missed scored 0.37 to 0.44): the
test keeps those figures as its floor rather than moving the threshold to fit the set.
"""

from __future__ import annotations

import json

import pytest

from apps.assistant.tests.openai_server import Failure, FakeOpenAI, Reply
from apps.review import services
from apps.review.grading import SIMILAR, grade_short_answer
from apps.review.models import QuestionKind

# (expected answer, learner's answer)
PARAPHRASES = [
    ("the basic structural and functional unit of all living organisms", "the smallest unit of life"),
    (
        "a substance that speeds up a chemical reaction without being consumed",
        "something that makes a reaction go faster",
    ),
    ("the variety of life in a particular habitat or ecosystem", "the diversity of living things in an ecosystem"),
    (
        "the force that opposes motion between two surfaces in contact",
        "resistance when two surfaces rub against each other",
    ),
    ("the amount of matter in an object", "how much matter something contains"),
    (
        "a period of economic decline with falling output and rising unemployment",
        "when the economy shrinks and people lose jobs",
    ),
    ("the change of a liquid into a gas", "a liquid turning into vapour"),
    ("the rate of change of velocity", "how quickly the velocity changes"),
]
WRONG = [
    ("the basic structural and functional unit of all living organisms", "a large body of salt water"),
    ("a substance that speeds up a chemical reaction without being consumed", "the capital city of a country"),
    ("the variety of life in a particular habitat or ecosystem", "a machine for printing books"),
    ("the force that opposes motion between two surfaces in contact", "a poem with fourteen lines"),
    ("the amount of matter in an object", "the year the war ended"),
    ("a period of economic decline with falling output and rising unemployment", "a type of cloud that brings rain"),
    ("the change of a liquid into a gas", "the election of a new president"),
    ("the rate of change of velocity", "a musical instrument with strings"),
]


FIRST_RUN_PARAPHRASES_ACCEPTED = 5


def test_paraphrases_are_right_by_meaning_with_their_score():
    grades = [grade_short_answer(given, expected) for expected, given in PARAPHRASES]
    for grade in grades:
        assert grade.similarity is not None
        if grade.correct:
            assert grade.method == "similar_meaning"
            assert grade.similarity >= SIMILAR
            assert grade.reasoning.startswith(
                f"Similar in meaning to the expected answer: similarity {grade.similarity:.2f}"
            )
        else:
            assert grade.method == "not_similar"
            assert grade.similarity < SIMILAR
    assert sum(grade.correct for grade in grades) >= FIRST_RUN_PARAPHRASES_ACCEPTED


@pytest.mark.parametrize(("expected", "given"), WRONG)
def test_a_wrong_answer_is_not_similar_with_its_score(expected, given):
    grade = grade_short_answer(given, expected)
    assert not grade.correct, grade.reasoning
    assert grade.method == "not_similar"
    assert grade.similarity is not None
    assert grade.similarity < SIMILAR
    assert f"similarity {grade.similarity:.2f} (below {SIMILAR:.2f})" in grade.reasoning


def test_normalised_match_and_blank_answers():
    grade = grade_short_answer("  The Rate of change of VELOCITY! ", "the rate of change of velocity")
    assert (grade.correct, grade.method, grade.similarity) == (True, "normalised_match", None)
    assert grade.reasoning == "Matches the expected answer (case, punctuation and articles ignored)."
    assert grade_short_answer(" ?! ", "velocity").reasoning == "No answer given."


@pytest.mark.django_db
def test_an_attempt_shows_how_each_short_answer_was_graded(auth_client, user):
    quiz = services.quiz_create(
        user=user,
        title="Motion",
        questions=[
            {"kind": QuestionKind.SHORT_ANSWER, "prompt": "Acceleration?", "answer": "the rate of change of velocity"},
            {"kind": QuestionKind.SHORT_ANSWER, "prompt": "Mass?", "answer": "the amount of matter in an object"},
            {"kind": QuestionKind.SHORT_ANSWER, "prompt": "Friction?", "answer": PARAPHRASES[3][0]},
        ],
    )
    first, second, third = quiz.questions.all()
    answers = [
        {"question_id": str(first.pk), "answer": "The rate of change of velocity."},
        {"question_id": str(second.pk), "answer": "how much matter something contains"},
        {"question_id": str(third.pk), "answer": "a poem with fourteen lines"},
    ]
    response = auth_client.post(f"/api/v1/quizzes/{quiz.pk}/attempts", {"answers": answers}, format="json")
    assert response.status_code == 201, response.json()
    results = response.json()["results"]
    assert [(r["correct"], r["method"]) for r in results] == [
        (True, "normalised_match"),
        (True, "similar_meaning"),
        (False, "not_similar"),
    ]
    assert results[0]["similarity"] is None
    assert results[1]["similarity"] >= SIMILAR > results[2]["similarity"]
    assert results[1]["reasoning"] == (
        f"Similar in meaning to the expected answer: similarity {results[1]['similarity']:.2f} (right from 0.45)."
    )


@pytest.fixture
def online(settings):
    with FakeOpenAI() as server:
        settings.ASSISTANT_PROVIDER = "auto"
        settings.OPENAI_API_KEY = "sk-test"
        settings.OPENAI_BASE_URL = server.base_url
        settings.OPENAI_MODEL = "gpt-test"
        settings.OPENAI_MAX_RETRIES = 0
        yield server


@pytest.mark.django_db
def test_with_a_model_the_model_grades_what_normalising_does_not_settle(user, online):
    quiz = services.quiz_create(
        user=user,
        title="Motion",
        questions=[
            {"kind": QuestionKind.SHORT_ANSWER, "prompt": "Acceleration?", "answer": "the rate of change of velocity"},
            {
                "kind": QuestionKind.SHORT_ANSWER,
                "prompt": "Evaporation?",
                "answer": "the change of a liquid into a gas",
            },
            {"kind": QuestionKind.SHORT_ANSWER, "prompt": "Mass?", "answer": "the amount of matter in an object"},
        ],
    )
    first, second, third = quiz.questions.all()
    verdicts = {"grades": [{"number": 1, "correct": True, "reasoning": "Vapour is the gas of a liquid."}]}
    online.script.append(Reply(tool_calls=[("call_1", "grades", json.dumps(verdicts))]))
    answers = {first.pk: "the rate of change of velocity", second.pk: "a liquid turning into vapour"}
    answers[third.pk] = "a poem"
    attempt = services.quiz_attempt_submit(user=user, quiz=quiz, answers=answers)

    assert [(r["correct"], r["method"]) for r in attempt.results] == [
        (True, "normalised_match"),  # settled without the model
        (True, "model"),
        (False, "not_similar"),  # the model left it out: graded offline
    ]
    assert attempt.results[1]["reasoning"] == "Vapour is the gas of a liquid."
    prompt = online.requests[0]["messages"][-1]["content"]
    assert "1. Question: Evaporation?" in prompt
    assert "Acceleration?" not in prompt

    online.script.append(Failure(status=500))  # a failing model: everything offline
    attempt = services.quiz_attempt_submit(user=user, quiz=quiz, answers=answers)
    assert [r["method"] for r in attempt.results] == ["normalised_match", "not_similar", "not_similar"]
