"""Isolation for the ids a client puts in a request body (``test_isolation`` covers the ids in paths).

Every write under /api/v1/ that takes the id of another object in its body (``course_id``, ``topic_id``,
``deck_id``, ``task_ids``, ...) is called by a learner with another learner's id, with an id that does
not exist and with malformed values. Another learner's id answers exactly what a missing id answers
(a 400 on the field or a 404, in the one error shape: it does not tell that the object exists), their
data is unchanged, and no value is a 409 from a broken foreign key or a 500.
"""

from __future__ import annotations

import datetime
import json
import uuid
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from apps.accounts.tests.factories import UserFactory
from apps.learning.tests.factories import CourseFactory, ModuleFactory, NoteFactory, TopicFactory
from apps.materials.tests.factories import MaterialFactory
from apps.planning.tests.factories import GoalFactory, ScheduleBlockFactory, TaskFactory
from apps.review.tests.factories import CardFactory, DeckFactory, ExamFactory, QuizFactory
from apps.spaces.models import Role
from apps.spaces.tests.factories import MembershipFactory, SpaceFactory
from maigie.tests.test_isolation import _client_for, _snapshot

Objects = dict[str, Any]

MALFORMED: list[Any] = [123, 10**30, "abc", "", "9" * 5000, {"id": 1}, True, [1]]
ONE_HOUR = datetime.timedelta(hours=1)


def _objects(user: Any) -> Objects:
    course = CourseFactory.create(user=user)
    module = ModuleFactory.create(course=course)
    goal = GoalFactory.create(user=user)
    deck = DeckFactory.create(user=user)
    material = MaterialFactory.create(user=user)
    space = SpaceFactory.create()
    MembershipFactory.create(space=space, user=user, role=Role.OWNER)
    return {
        "course": course,
        "module": module,
        "topic": TopicFactory.create(module=module),
        "note": NoteFactory.create(user=user),
        "goal": goal,
        "task": TaskFactory.create(goal=goal),
        "block": ScheduleBlockFactory.create(user=user),
        "deck": deck,
        "card": CardFactory.create(deck=deck, user=user),
        "quiz": QuizFactory.create(user=user),
        "exam": ExamFactory.create(user=user),
        "material": material,
        "chunk": material.chunks.first(),
        "space": space,
    }


def _body(base: Any, mine: Objects) -> dict[str, Any]:
    """``base`` with each ``{kind}`` string replaced by the id of the caller's object of that kind."""
    start = timezone.now() + datetime.timedelta(days=1)
    if base == "BLOCK":
        return {"title": "S", "start_time": start.isoformat(), "end_time": (start + ONE_HOUR).isoformat()}
    if base == "EXAM":
        return {"title": "Finals", "date": (start + datetime.timedelta(days=30)).date().isoformat()}
    ids = {kind: str(obj.pk) for kind, obj in mine.items()}
    body: dict[str, Any] = json.loads(json.dumps(base), object_hook=lambda d: {k: _fill(v, ids) for k, v in d.items()})
    return body


def _fill(value: Any, ids: dict[str, str]) -> Any:
    return value.format(**ids) if isinstance(value, str) else value


# (case id, method, path, body without the field, field, kind of object it names). ``{kind}`` in the path or
# in a body's string is the caller's object of that kind; ``BLOCK`` and ``EXAM`` are built by ``_body``. A field
# ``a.b`` is ``b`` inside the first item of the list ``a``; a kind ending in ``[]`` is a list of ids.
Case = tuple[str, str, str, Any, str, str]
CARD = {"front": "Q", "back": "A"}
IN_DECK = {**CARD, "deck_id": "{deck}"}
SOURCES = ("note", "topic", "chunk")
CASES: list[Case] = [
    ("note-create", "post", "/api/v1/notes/", {"title": "N"}, "course_id", "course"),
    ("note-create", "post", "/api/v1/notes/", {"title": "N"}, "topic_id", "topic"),
    ("note-create-alias", "post", "/api/v1/notes/", {"title": "N"}, "course", "course"),
    ("note-update", "patch", "/api/v1/notes/{note}/", {}, "course_id", "course"),
    ("note-update", "patch", "/api/v1/notes/{note}/", {}, "topic_id", "topic"),
    ("goal-create", "post", "/api/v1/goals/", {"title": "G"}, "course_id", "course"),
    ("goal-update", "patch", "/api/v1/goals/{goal}/", {}, "course_id", "course"),
    ("task-reorder", "post", "/api/v1/goals/{goal}/tasks/reorder", {}, "task_ids", "task[]"),
    *[("block-create", "post", "/api/v1/schedule/", "BLOCK", f"{k}_id", k) for k in ("goal", "course", "topic")],
    *[("block-update", "patch", "/api/v1/schedule/{block}/", {}, f"{k}_id", k) for k in ("goal", "course", "topic")],
    *[("session-start", "post", "/api/v1/sessions/start", {}, f"{k}_id", k) for k in ("block", "course", "topic")],
    *[("schedule-generate", "post", "/api/v1/schedule/generate", {}, f"{k}_id", k) for k in ("course", "goal")],
    ("course-reorder", "post", "/api/v1/courses/{course}/reorder", {}, "modules.id", "module"),
    ("deck-create", "post", "/api/v1/decks/", {"title": "D"}, "course_id", "course"),
    ("deck-update", "patch", "/api/v1/decks/{deck}/", {}, "course_id", "course"),
    *[("deck-generate", "post", "/api/v1/decks/generate", {}, f"{k}_id", k) for k in ("note", "topic", "course")],
    ("deck-generate", "post", "/api/v1/decks/generate", {}, "material_id", "material"),
    ("deck-generate", "post", "/api/v1/decks/generate", {"note_id": "{note}"}, "deck_id", "deck"),
    *[("quiz-generate", "post", "/api/v1/quizzes/generate", {}, f"{k}_id", k) for k in ("note", "topic", "course")],
    ("quiz-generate", "post", "/api/v1/quizzes/generate", {}, "material_id", "material"),
    ("quiz-attempt", "post", "/api/v1/quizzes/{quiz}/attempts", {"answers": []}, "deck_id", "deck"),
    ("card-create", "post", "/api/v1/cards/", CARD, "deck_id", "deck"),
    *[("card-create", "post", "/api/v1/cards/", IN_DECK, f"{k}_id", k) for k in SOURCES],
    ("card-bulk", "post", "/api/v1/cards/bulk", {"cards": [CARD]}, "deck_id", "deck"),
    *[("card-bulk", "post", "/api/v1/cards/bulk", {"deck_id": "{deck}", "cards": [CARD]}, f"cards.{k}_id", k)
      for k in SOURCES],
    *[("card-update", "patch", "/api/v1/cards/{card}/", {}, f"{k}_id", k) for k in ("deck", "note", "topic", "chunk")],
    *[("exam-create", "post", "/api/v1/exams/", "EXAM", f"{k}_ids", f"{k}[]") for k in ("course", "topic")],
    *[("exam-update", "patch", "/api/v1/exams/{exam}/", {}, f"{k}_ids", f"{k}[]") for k in ("course", "topic")],
    *[("space-share", "post", f"/api/v1/spaces/{{space}}/{k}s/", {}, f"{k}_id", k)
      for k in ("course", "deck", "material")],
]  # fmt: skip


def _with(body: dict[str, Any], field: str, value: Any) -> dict[str, Any]:
    body = json.loads(json.dumps(body))
    if "." in field:
        outer, inner = field.split(".")
        body[outer] = [{**(body.get(outer) or [{}])[0], inner: value}]
    else:
        body[field] = value
    return body


def _call(client: APIClient, method: str, url: str, body: Any) -> Any:
    return client.generic(method.upper(), url, json.dumps(body, default=str), content_type="application/json")


def _error(response: Any) -> dict[str, Any]:
    assert response.status_code in (400, 404), (response.status_code, response.content)
    error: dict[str, Any] = response.json()["error"]
    assert {"code", "message", "details", "request_id"} <= error.keys()
    return error | {"request_id": ""}


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=[f"{case[0]}:{case[4]}" for case in CASES])
def test_another_learners_missing_or_malformed_id_is_refused(case: Case) -> None:
    _, method, path, base, field, kind = case
    learner, other = UserFactory.create(), UserFactory.create()
    mine, theirs = _objects(learner), _objects(other)
    client = _client_for(learner)
    url, body = path.format(**{kind: obj.pk for kind, obj in mine.items()}), _body(base, mine)
    many = kind.endswith("[]")

    def ids(value: Any) -> Any:
        return [value] if many else value

    before = _snapshot(exclude_user=learner)
    foreign = _error(_call(client, method, url, _with(body, field, ids(str(theirs[kind.rstrip("[]")].pk)))))
    missing = _error(_call(client, method, url, _with(body, field, ids(str(uuid.uuid4())))))
    assert foreign == missing, "another learner's id must answer what a missing id answers"
    for value in MALFORMED:
        _error(_call(client, method, url, _with(body, field, ids(value))))
    if many:
        _error(_call(client, method, url, _with(body, field, str(uuid.uuid4()))))  # not a list
    assert _snapshot(exclude_user=learner) == before
