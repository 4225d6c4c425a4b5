"""A write's body is checked before its view runs, even by actions that read no input."""

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from apps.learning.tests.factories import CourseFactory
from maigie.tests.test_api_errors import assert_error_shape


@pytest.fixture
def course(user):
    return CourseFactory.create(user=user)


def _archived(course) -> bool:
    course.refresh_from_db()
    return course.archived_at is not None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "content_type", "status", "code"),
    [
        ('{"a": ', "application/json", 400, "parse_error"),
        ('{"a": NaN}', "application/json", 400, "parse_error"),
        ('{"a\\u0000": 1}', "application/json", 400, "parse_error"),
        ('{"a": 1}', "text/plain", 415, "unsupported_media_type"),
        ("a=1", "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
    ],
)
def test_an_action_without_input_refuses_a_bad_body_and_does_nothing(
    auth_client: APIClient, course, body, content_type, status, code
):
    response = auth_client.post(f"/api/v1/courses/{course.pk}/archive", body, content_type=content_type)
    assert_error_shape(response, status=status, code=code)
    assert not _archived(course)


@pytest.mark.django_db
@override_settings(JSON_MAX_BYTES=64)
def test_an_action_without_input_refuses_a_body_over_the_limit(auth_client: APIClient, course):
    response = auth_client.post(
        f"/api/v1/courses/{course.pk}/archive", '{"a": "' + "x" * 100 + '"}', content_type="application/json"
    )
    assert_error_shape(response, status=413, code="payload_too_large")
    assert not _archived(course)


@pytest.mark.django_db
@pytest.mark.parametrize(("body", "content_type"), [("", "application/json"), ("{}", "application/json"), ("", "")])
def test_an_action_without_input_runs_with_an_empty_or_valid_body(auth_client: APIClient, course, body, content_type):
    response = auth_client.post(f"/api/v1/courses/{course.pk}/archive", body, content_type=content_type)
    assert response.status_code == 200
    assert _archived(course)


@pytest.mark.django_db
def test_a_multipart_endpoint_refuses_json_and_a_json_endpoint_refuses_multipart(auth_client: APIClient):
    response = auth_client.post("/api/v1/materials/", '{"title": "x"}', content_type="application/json")
    assert_error_shape(response, status=415, code="unsupported_media_type")
    response = auth_client.post("/api/v1/courses/", {"title": "x"}, format="multipart")
    assert_error_shape(response, status=415, code="unsupported_media_type")
    assert auth_client.get("/api/v1/courses/").json()["count"] == 0


@pytest.mark.django_db
def test_a_method_the_view_does_not_allow_is_405_whatever_the_body(auth_client: APIClient):
    response = auth_client.put("/api/v1/materials/", '{"a": ', content_type="application/json")
    assert_error_shape(response, status=405, code="method_not_allowed")
