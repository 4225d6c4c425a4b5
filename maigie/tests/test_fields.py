"""Input bounds everywhere (issue #13): strict strings, dates and times in the window, bounded numbers."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import pytest
from django.http import QueryDict
from drf_spectacular.generators import SchemaGenerator
from rest_framework import serializers

import apps
from apps.learning.models import Topic
from apps.learning.services import course_progress_recompute
from apps.learning.tests.factories import CourseFactory, ModuleFactory, TopicFactory
from apps.planning.tests.factories import GoalFactory, TaskFactory
from maigie import fields

STRING_FIELDS = (serializers.CharField, serializers.UUIDField)
STRICT = (fields.StrictString,)
OURS = {
    serializers.DateTimeField: fields.DateTimeField,
    serializers.DateField: fields.DateField,
    serializers.BooleanField: fields.BooleanField,
    serializers.FileField: fields.FileField,
}


def _serializer_classes() -> set[type[serializers.Serializer[Any]]]:
    for module in pkgutil.walk_packages(apps.__path__, "apps."):
        if ".api" in module.name or module.name.endswith(".preferences"):
            importlib.import_module(module.name)
    found: set[type[serializers.Serializer[Any]]] = set()
    pending: list[type[Any]] = [serializers.Serializer]
    while pending:
        for sub in pending.pop().__subclasses__():
            pending.append(sub)
            if sub.__module__.startswith("apps."):
                found.add(sub)
    return found


def _leaf_fields(field: Any) -> list[Any]:
    if isinstance(field, serializers.ListSerializer):
        return _leaf_fields(field.child)
    if isinstance(field, serializers.ListField | serializers.DictField):
        return _leaf_fields(field.child)
    return [field]


def test_every_declared_string_date_boolean_and_number_field_is_ours():
    offenders = []
    for cls in _serializer_classes():
        for name, declared in cls._declared_fields.items():
            for field in _leaf_fields(declared):
                where = f"{cls.__module__}.{cls.__qualname__}.{name}"
                if isinstance(field, STRING_FIELDS) and not isinstance(field, STRICT):
                    offenders.append(f"{where}: {type(field).__name__} is not strict")
                for drf, ours in OURS.items():
                    if type(field) is drf:
                        offenders.append(f"{where}: use {ours.__module__}.{ours.__name__}")
    assert offenders == []  # numbers: every request schema shows both bounds (next test)


def test_request_schemas_bound_every_number_and_date():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    problems = []
    requests = {n: c for n, c in schema["components"]["schemas"].items() if n.endswith("Request")}
    props = [(f"{n}.{p}", s) for n, c in requests.items() for p, s in c.get("properties", {}).items()]
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query":
                    described = {"description": parameter.get("description", ""), **parameter["schema"]}
                    props.append((f"{method.upper()} {path}?{parameter['name']}", described))
    for where, prop in props:
        prop = prop.get("items", prop)
        if prop.get("type") in {"integer", "number"} and not {"minimum", "maximum"} <= set(prop):
            problems.append(f"{where}: {prop}")
        if prop.get("format") in {"date", "date-time"} and "1970" not in prop.get("description", ""):
            problems.append(f"{where}: no window in {prop}")
    assert problems == []


@pytest.mark.django_db
@pytest.mark.parametrize("title", [0, 1.5, True, ["x"], {"a": 1}])
def test_non_string_title_is_refused(auth_client, title):
    response = auth_client.post("/api/v1/courses/", {"title": title}, format="json")

    assert response.status_code == 400
    assert "title" in response.json()["error"]["details"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"title": "Course", "target_date": "9999-12-31"}, "target_date"),
        ({"title": "Course", "target_date": "0001-01-01"}, "target_date"),
        ({"title": "C", "modules": [{"title": "M", "topics": [{"title": "T", "estimated_hours": 1e308}]}]}, "modules"),
        ({"title": "C", "modules": [{"title": "M", "topics": [{"title": "T", "estimated_hours": True}]}]}, "modules"),
    ],
)
def test_out_of_range_course_input_is_refused(auth_client, payload, field):
    response = auth_client.post("/api/v1/courses/", payload, format="json")

    assert response.status_code == 400
    assert field in response.json()["error"]["details"]


@pytest.mark.django_db
def test_goal_task_deadline_and_block_reminder_are_bounded(auth_client):
    goal = auth_client.post("/api/v1/goals/", {"title": "Pass", "target_date": "2500-01-01"}, format="json")
    block = auth_client.post(
        "/api/v1/schedule/",
        {
            "title": "B",
            "start_time": "2026-01-05T19:00:00Z",
            "end_time": "2026-01-05T20:00:00Z",
            "reminder_minutes": 10**12,
        },
        format="json",
    )

    assert (goal.status_code, block.status_code) == (400, 400)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"title": "Pass", "target_date": "2026-02-30"}, "target_date", "“2026-02-30” is not a real date"),
        ({"title": "Pass", "target_date": "2026-13-01"}, "target_date", "“2026-13-01” is not a real date"),
        ({"title": "P", "tasks": [{"title": "T", "deadline": "2026-12-01T25:00"}]}, "tasks", "not a real date and"),
        ({"title": "Pass", "target_date": "next friday"}, "target_date", "wrong format"),
    ],
)
def test_an_impossible_date_is_named_so_not_a_wrong_format(auth_client, body, field, message):
    response = auth_client.post("/api/v1/goals/", body, format="json")

    assert response.status_code == 400
    assert message in str(response.json()["error"]["details"][field])
    assert auth_client.get("/api/v1/goals/").json()["count"] == 0


@pytest.mark.django_db
def test_completing_a_topic_with_huge_stored_estimates_keeps_progress_finite(auth_client, user):
    course = CourseFactory.create(user=user)
    module = ModuleFactory.create(course=course)
    first = TopicFactory.create(module=module, order=0)
    TopicFactory.create(module=module, order=1)
    Topic.objects.filter(module=module).update(estimated_hours=1e308)  # stored before the bound existed

    response = auth_client.post(f"/api/v1/topics/{first.pk}/complete", {"completed": True}, format="json")

    assert response.status_code == 200
    assert course_progress_recompute(course=course).progress == 50.0


@pytest.mark.django_db
@pytest.mark.parametrize("completed", ["yes", "1", "true", 1, 0, "on"])
def test_a_json_boolean_is_true_or_false_only(auth_client, user, completed):
    task = TaskFactory.create(goal=GoalFactory.create(user=user))

    response = auth_client.patch(f"/api/v1/tasks/{task.pk}/", {"completed": completed}, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["details"] == {"completed": ["Must be true or false (a JSON boolean)."]}
    task.refresh_from_db()
    assert task.completed is False
    assert auth_client.patch(f"/api/v1/tasks/{task.pk}/", {"completed": True}, format="json").json()["completed"]


@pytest.mark.django_db
def test_query_strings_and_forms_keep_boolean_words(auth_client):
    for word in ("true", "false", "1", "0"):
        assert auth_client.get(f"/api/v1/notifications/?unread={word}").status_code == 200
    assert auth_client.get("/api/v1/notifications/?unread=maybe").status_code == 400

    class Form(serializers.Serializer[Any]):
        flag = fields.BooleanField()

    form = Form(data=QueryDict("flag=true"))
    assert form.is_valid()
    assert form.validated_data == {"flag": True}


def test_the_schema_still_says_boolean():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema["components"]["schemas"]
    assert components["PatchedTaskPatchRequest"]["properties"]["completed"] == {"type": "boolean"}
    unread = next(p for p in schema["paths"]["/api/v1/notifications/"]["get"]["parameters"] if p["name"] == "unread")
    assert unread["schema"] == {"type": "boolean"}
