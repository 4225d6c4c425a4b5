"""Input limits of the REST API: JSON depth, size and characters; query-string length and U+0000."""

import json
from typing import Any

import pytest
from django.conf import settings
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

NESTED = "[" * 1000 + "]" * 1000  # ~2 KB that used to raise RecursionError (500)
ENDPOINTS = ["/api/v1/auth/login", "/api/v1/auth/register", "/api/v1/auth/password/forgot"]


def error_of(response, *, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content
    error: dict[str, Any] = response.json()["error"]
    assert error["code"] == code
    assert error["request_id"] == response["X-Request-ID"]
    return error


@pytest.mark.parametrize("path", ENDPOINTS)
def test_deeply_nested_json_is_400_on_anonymous_endpoints(api_client: APIClient, path):
    error = error_of(api_client.post(path, NESTED, content_type="application/json"), status=400, code="parse_error")
    assert error["details"] == {"max_depth": settings.JSON_MAX_DEPTH}


def test_nesting_up_to_the_limit_is_parsed_and_one_more_level_is_not(auth_client: APIClient):
    def nested(depth: int) -> str:  # a note whose unknown "extra" field holds depth - 1 nested arrays
        return '{"title": "t", "extra": ' + "[" * (depth - 1) + "]" * (depth - 1) + "}"

    at_limit = auth_client.post("/api/v1/notes/", nested(settings.JSON_MAX_DEPTH), content_type="application/json")
    assert error_of(at_limit, status=400, code="validation_error")["details"] == {"extra": ["Unknown field."]}
    over = auth_client.post("/api/v1/notes/", nested(settings.JSON_MAX_DEPTH + 1), content_type="application/json")
    error_of(over, status=400, code="parse_error")


@pytest.mark.parametrize("text", ["a\\u0000b", "\\ud800", "x\\udfffy"])
def test_text_postgresql_cannot_store_is_400_in_values_and_keys(auth_client: APIClient, text):
    for body in (f'{{"title": "t", "extra": ["{text}"]}}', f'{{"title": "t", "extra": {{"{text}": 1}}}}'):
        response = auth_client.post("/api/v1/notes/", body, content_type="application/json")
        error = error_of(response, status=400, code="parse_error")
        assert "U+0000" in error["details"]["forbidden_characters"]
    assert auth_client.get("/api/v1/notes/").json()["count"] == 0


def test_an_escaped_backslash_before_u0000_is_ordinary_text(auth_client: APIClient):
    body = json.dumps({"title": "t", "content": "\\u0000"})  # the six characters \u0000, no NUL
    response = auth_client.post("/api/v1/notes/", body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["content"] == "\\u0000"


def test_a_body_over_the_size_limit_is_413(api_client: APIClient, settings):
    settings.JSON_MAX_BYTES = 1000
    body = json.dumps({"email": "a@example.com", "password": "x" * 1000})
    error = error_of(
        api_client.post("/api/v1/auth/login", body, content_type="application/json"),
        status=413,
        code="payload_too_large",
    )
    assert error["details"] == {"max_bytes": 1000}


def test_a_query_string_over_the_limit_is_414(auth_client: APIClient):
    limit = settings.QUERY_STRING_MAX_LENGTH
    assert auth_client.get("/api/v1/notifications/", {"q": "x" * (limit - 2)}).status_code == 200
    error = error_of(auth_client.get("/api/v1/notifications/", {"q": "x" * 60_000}), status=414, code="uri_too_long")
    assert error["details"] == {"max_length": limit}


def test_u0000_in_a_query_string_is_400(auth_client: APIClient):
    error_of(auth_client.get("/api/v1/notes/?q=a%00b"), status=400, code="bad_request")
