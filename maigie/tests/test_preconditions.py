"""``If-Match``: a write to a resource whose ETag has changed is a 412 and changes nothing (maigie/preconditions.py)."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver, reverse
from rest_framework.views import APIView

from apps.learning.api.views import CourseDetailApi
from apps.learning.models import Course
from apps.learning.services import course_update
from apps.learning.tests.factories import CourseFactory
from apps.planning.api.goals import GoalDetailApi
from apps.planning.models import Goal
from apps.planning.services.goals import goal_update
from apps.planning.tests.factories import GoalFactory
from maigie.preconditions import IfMatchMixin, lock_key
from maigie.tests.routes import OWNED, _walk, api_routes

pytestmark = pytest.mark.django_db

WRITES = ("PATCH", "PUT", "DELETE")  # the first the route allows: PATCH {} changes nothing


def test_every_view_that_reads_and_writes_one_resource_honours_if_match():
    views = {getattr(p.callback, "view_class", None) for route, p in _walk(get_resolver().url_patterns)}
    readable_and_writable = {
        view
        for view in views
        if isinstance(view, type) and issubclass(view, APIView) and hasattr(view, "get")
        and any(hasattr(view, m.lower()) for m in WRITES)
    }  # fmt: skip
    assert len(readable_and_writable) >= 15
    assert {view.__qualname__ for view in readable_and_writable if not issubclass(view, IfMatchMixin)} == set()


def test_a_stale_if_match_is_a_412_on_every_such_route_and_a_fresh_one_proceeds(auth_client, user):
    checked = []
    for name, methods in api_routes(with_ids=True) + api_routes(with_ids=False):
        write = next((m for m in WRITES if m in methods), None)
        if "GET" not in methods or write is None:
            continue
        url = reverse(name, kwargs=OWNED[name](user) if name in OWNED else {})
        etag = auth_client.get(url)["ETag"]
        assert etag, url

        stale = auth_client.generic(write, url, "{}", content_type="application/json", HTTP_IF_MATCH='"stale"')

        assert stale.status_code == 412, (url, stale.content)
        assert stale.json()["error"]["code"] == "precondition_failed"
        assert set(stale.json()["error"]) == {"code", "message", "details", "request_id"}
        assert auth_client.get(url)["ETag"] == etag, url  # nothing changed
        fresh = auth_client.generic(write, url, "{}", content_type="application/json", HTTP_IF_MATCH=etag)
        assert fresh.status_code != 412, url
        checked.append(name)
    assert len(checked) >= 15, checked


def test_if_match_guards_a_goal_against_a_lost_update(auth_client, user):
    goal = GoalFactory.create(user=user, title="Read")
    url = f"/api/v1/goals/{goal.pk}/"
    read = auth_client.get(url)["ETag"]

    first = auth_client.patch(url, {"title": "Mine"}, format="json", HTTP_IF_MATCH=read)
    second = auth_client.patch(url, {"title": "Theirs"}, format="json", HTTP_IF_MATCH=read)

    assert first.status_code == 200
    assert second.status_code == 412
    assert second.json()["error"]["message"].startswith("The resource changed since you read it")
    assert Goal.objects.get(pk=goal.pk).title == "Mine"
    current = auth_client.get(url)["ETag"]
    assert auth_client.patch(url, {"title": "A"}, format="json", HTTP_IF_MATCH=f'"x", {current}').status_code == 200
    assert auth_client.patch(url, {"title": "B"}, format="json", HTTP_IF_MATCH="*").status_code == 200
    weak = f"W/{auth_client.get(url)['ETag']}"
    assert auth_client.patch(url, {"title": "C"}, format="json", HTTP_IF_MATCH=weak).status_code == 412
    assert auth_client.delete(url, HTTP_IF_MATCH=read).status_code == 412
    assert auth_client.delete(url).status_code == 204  # no If-Match: unconditional


def test_only_a_conditional_write_takes_the_lock(auth_client, user):
    goal = GoalFactory.create(user=user, title="Read")
    url = f"/api/v1/goals/{goal.pk}/"

    with CaptureQueriesContext(connection) as plain:
        assert auth_client.patch(url, {"title": "Plain"}, format="json").status_code == 200
    with CaptureQueriesContext(connection) as conditional:
        assert auth_client.patch(url, {"title": "Checked"}, format="json", HTTP_IF_MATCH="*").status_code == 200

    def locks(queries: CaptureQueriesContext) -> int:
        return sum("pg_advisory_xact_lock" in query["sql"] for query in queries.captured_queries)

    assert (locks(plain), locks(conditional)) == (0, 1)


def _wait_until_a_request_waits_for_an_advisory_lock() -> None:
    with connection.cursor() as cursor:
        for _ in range(200):
            cursor.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
            if cursor.fetchone()[0]:
                return
            time.sleep(0.05)
    raise AssertionError("the write did not wait for the resource's lock")


@pytest.mark.django_db(transaction=True)
def test_a_change_landing_between_read_and_write_makes_the_conditional_write_a_412(auth_client, user):
    goal = GoalFactory.create(user=user, title="Read")
    url = f"/api/v1/goals/{goal.pk}/"
    etag = auth_client.get(url)["ETag"]
    answers = []

    def conditional_write() -> None:
        answers.append(auth_client.patch(url, {"title": "Mine"}, format="json", HTTP_IF_MATCH=etag))
        connection.close()

    writer = threading.Thread(target=conditional_write)
    with transaction.atomic():  # another write to the goal holds its lock while the PATCH arrives
        with connection.cursor() as cursor:
            key = lock_key(view_class=GoalDetailApi, user_id=user.pk, kwargs={"goal_id": goal.pk})
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
        writer.start()
        _wait_until_a_request_waits_for_an_advisory_lock()
        goal_update(goal=goal, data={"title": "Theirs"})
    writer.join(timeout=30)

    assert [answer.status_code for answer in answers] == [412]
    assert Goal.objects.get(pk=goal.pk).title == "Theirs"


@pytest.mark.django_db(transaction=True)
def test_a_cached_get_does_not_hide_a_change_committed_before_its_invalidation(auth_client, user, settings):
    """The course outline is a cached read, invalidated after the commit that changes it: the check reads afresh."""
    settings.READ_CACHE_ENABLED = True
    course = CourseFactory.create(user=user, title="Read")
    url = f"/api/v1/courses/{course.pk}/"
    etag = auth_client.get(url)["ETag"]  # now cached
    answers = []

    def conditional_write() -> None:
        answers.append(auth_client.patch(url, {"title": "Mine"}, format="json", HTTP_IF_MATCH=etag))
        connection.close()

    writer = threading.Thread(target=conditional_write)
    with transaction.atomic():
        with connection.cursor() as cursor:
            key = lock_key(view_class=CourseDetailApi, user_id=user.pk, kwargs={"course_id": course.pk})
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
        writer.start()
        _wait_until_a_request_waits_for_an_advisory_lock()
        transaction.on_commit(lambda: time.sleep(1))  # the invalidation lands a moment after the commit
        course_update(course=course, data={"title": "Theirs"})
    writer.join(timeout=30)

    assert [answer.status_code for answer in answers] == [412]
    assert Course.objects.get(pk=course.pk).title == "Theirs"


def test_an_idempotency_key_sent_again_with_another_if_match_is_a_different_request(auth_client, user):
    """A 412 is kept under its key like any answer: the re-read retry must not be answered with it."""
    goal = GoalFactory.create(user=user, title="Read")
    url = f"/api/v1/goals/{goal.pk}/"
    key = {"HTTP_IDEMPOTENCY_KEY": "save-goal-1"}

    stale = auth_client.patch(url, {"title": "Mine"}, format="json", HTTP_IF_MATCH='"stale"', **key)
    current = auth_client.get(url)["ETag"]
    again = auth_client.patch(url, {"title": "Mine"}, format="json", HTTP_IF_MATCH=current, **key)

    assert (stale.status_code, again.status_code) == (412, 422)
    assert again.json()["error"]["code"] == "idempotency_key_reused"
    assert auth_client.patch(url, {"title": "Mine"}, format="json", HTTP_IF_MATCH=current, **key).status_code == 422


def test_another_users_resource_is_a_404_whatever_if_match_says(auth_client, other_user):
    goal = GoalFactory.create(user=other_user)

    response = auth_client.patch(f"/api/v1/goals/{goal.pk}/", {"title": "x"}, format="json", HTTP_IF_MATCH='"x"')

    assert response.status_code == 404


def test_the_schema_declares_if_match_and_412_on_conditional_writes_only():
    from drf_spectacular.generators import SchemaGenerator

    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    goal = paths["/api/v1/goals/{goal_id}/"]
    for method in ("patch", "delete"):
        assert "If-Match" in {p["name"] for p in goal[method]["parameters"] if p["in"] == "header"}
        assert goal[method]["responses"]["412"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/Error"
        }
    assert "412" not in goal["get"]["responses"]
    assert "412" not in paths["/api/v1/goals/"]["post"]["responses"]
