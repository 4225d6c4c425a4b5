"""Every error answers in the one shape with the request id, whatever raised it."""

import logging
import re
from pathlib import Path

import pytest
from rest_framework.test import APIClient


def assert_error_shape(response, *, status: int, code: str):
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"code", "message", "details", "request_id"}
    assert error["code"] == code
    assert error["message"]
    assert error["request_id"] == response["X-Request-ID"]
    return error


@pytest.mark.django_db
def test_validation_error_is_400_with_field_details(api_client: APIClient):
    response = api_client.post("/api/v1/auth/login", {"email": "not-an-email"}, format="json")
    error = assert_error_shape(response, status=400, code="validation_error")
    assert set(error["details"]) == {"email", "password"}


@pytest.mark.django_db
def test_malformed_json_is_400(api_client: APIClient):
    response = api_client.post("/api/v1/auth/login", "{not json", content_type="application/json")
    assert_error_shape(response, status=400, code="parse_error")


@pytest.mark.django_db
def test_wrong_password_is_401(api_client: APIClient, user):
    response = api_client.post("/api/v1/auth/login", {"email": user.email, "password": "nope"}, format="json")
    assert_error_shape(response, status=401, code="invalid_credentials")


@pytest.mark.urls("maigie.tests.urls")
@pytest.mark.django_db
def test_missing_token_is_401(api_client: APIClient):
    response = api_client.get("/api/v1/test/whoami")
    assert_error_shape(response, status=401, code="not_authenticated")


@pytest.mark.urls("maigie.tests.urls")
@pytest.mark.django_db
def test_invalid_token_is_401(api_client: APIClient):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer not.a.token")
    response = api_client.get("/api/v1/test/whoami")
    assert_error_shape(response, status=401, code="token_not_valid")


@pytest.mark.urls("maigie.tests.urls")
@pytest.mark.django_db
def test_valid_token_passes(auth_client: APIClient, user):
    response = auth_client.get("/api/v1/test/whoami")
    assert response.status_code == 200
    assert response.json() == {"id": str(user.pk)}


@pytest.mark.django_db
def test_unknown_path_is_404(api_client: APIClient):
    response = api_client.get("/api/v1/nothing-here/")
    assert_error_shape(response, status=404, code="not_found")


@pytest.mark.django_db
def test_wrong_method_is_405(api_client: APIClient):
    response = api_client.get("/api/v1/auth/login")
    error = assert_error_shape(response, status=405, code="method_not_allowed")
    assert "GET" in error["message"]


@pytest.mark.urls("maigie.tests.urls")
@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/test/broken", "/plain/broken"])
def test_unhandled_exception_is_500_without_traceback(path: str):
    client = APIClient(raise_request_exception=False)
    response = client.get(path)
    error = assert_error_shape(response, status=500, code="server_error")
    assert "secret internal detail" not in response.content.decode()
    assert "Traceback" not in response.content.decode()
    assert error["details"] == {}


@pytest.mark.urls("maigie.tests.urls")
@pytest.mark.django_db
def test_a_service_validation_error_is_400_with_field_details(api_client: APIClient):
    response = api_client.post("/api/v1/test/refuse", {}, format="json")
    error = assert_error_shape(response, status=400, code="validation_error")
    assert error["details"] == {"title": ["Title cannot be empty."]}


@pytest.mark.urls("maigie.tests.urls")
@pytest.mark.django_db
def test_a_domain_conflict_is_409(api_client: APIClient):
    response = api_client.post("/api/v1/test/conflict", {}, format="json")
    error = assert_error_shape(response, status=409, code="undo_conflict")
    assert error["message"] == "Changed since."


@pytest.mark.urls("maigie.tests.urls")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("broken", "message"),
    [("reference", "was deleted meanwhile"), ("unique", "was created by another request meanwhile")],
)
def test_a_constraint_broken_by_a_concurrent_request_is_409_and_writes_nothing(
    auth_client: APIClient, caplog, broken, message
):
    from apps.planning.models import Goal

    with caplog.at_level(logging.WARNING, logger="maigie.api_errors"):
        response = auth_client.post(f"/api/v1/test/race?broken={broken}", {}, format="json")

    error = assert_error_shape(response, status=409, code="conflict")
    assert message in error["message"]
    assert not Goal.objects.exists()
    (logged,) = [r.msg for r in caplog.records if r.name == "maigie.api_errors"]  # a forgotten check shows up here
    assert isinstance(logged, dict)
    assert logged["event"] == "integrity_conflict"
    assert logged["constraint"].startswith("planning_goal_")


@pytest.mark.urls("maigie.tests.urls")
@pytest.mark.django_db(transaction=True)
def test_any_other_integrity_error_stays_a_500_in_the_error_shape(auth_client: APIClient):
    auth_client.raise_request_exception = False

    response = auth_client.post("/api/v1/test/race?broken=defect", {}, format="json")

    assert_error_shape(response, status=500, code="server_error")


# --- every error under /api/ and /health/ is JSON, DEBUG included --------------------------------

DEBUG_MODES = [pytest.param(False, id="debug-off"), pytest.param(True, id="debug-on")]


def documented_codes() -> dict[int, set[str]]:
    """The codes docs/api.md's error table lists, by status."""
    table = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text()
    codes: dict[int, set[str]] = {}
    for status, cell in re.findall(r"^\| (\d{3}) \| (.+) \|$", table, flags=re.MULTILINE):
        codes.setdefault(int(status), set()).update(re.findall(r"`([a-z_]+)`", cell))
    return codes


@pytest.mark.django_db
@pytest.mark.parametrize("debug", DEBUG_MODES)
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/nothing-here",
        "/api/v1/nothing-here/",
        "/api/v1/courses/not-a-uuid/",
        "/api/v1/goals/12345/",
        "/api/",
        "/api",
        "/health",
        "/health/nothing",
    ],
)
def test_unknown_api_paths_are_json_404(auth_client: APIClient, settings, debug: bool, path: str):
    settings.DEBUG = debug
    assert_error_shape(auth_client.get(path), status=404, code="not_found")


@pytest.mark.django_db
@pytest.mark.parametrize("debug", DEBUG_MODES)
def test_both_trailing_slash_forms_are_served(auth_client: APIClient, settings, debug: bool):
    settings.DEBUG = debug
    created = auth_client.post("/api/v1/courses", {"title": "Algebra"}, format="json")  # route: courses/
    assert created.status_code == 201, created.content
    course_id = created.json()["id"]
    assert auth_client.get(f"/api/v1/courses/{course_id}").json()["title"] == "Algebra"
    assert auth_client.get("/api/v1/users/me/").status_code == 200  # route: users/me
    listed = auth_client.get("/api/v1/courses?page_size=1")
    assert listed.json()["count"] == 1
    assert auth_client.get("/health/live/").json() == {"status": "ok"}


@pytest.mark.django_db
@pytest.mark.parametrize("debug", DEBUG_MODES)
def test_wrong_method_on_the_other_slash_form_is_json_405(api_client: APIClient, settings, debug: bool):
    settings.DEBUG = debug
    response = api_client.get("/api/v1/auth/login/")
    assert_error_shape(response, status=405, code="method_not_allowed")


@pytest.mark.django_db
@pytest.mark.parametrize("debug", DEBUG_MODES)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_health_probes_answer_unsafe_methods_405(settings, debug: bool, method: str):
    settings.DEBUG = debug
    client = APIClient(enforce_csrf_checks=True)
    response = getattr(client, method)("/health/live")
    assert_error_shape(response, status=405, code="method_not_allowed")
    assert response["Allow"] == "GET"


@pytest.mark.urls("maigie.tests.urls")
@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/test/broken", "/api/v1/test/plain-broken"])
def test_unhandled_exception_is_json_500_with_debug_on(settings, path: str):
    settings.DEBUG = True
    client = APIClient(raise_request_exception=False)
    response = client.get(path)
    assert_error_shape(response, status=500, code="server_error")
    assert "secret internal detail" not in response.content.decode()


# --- a feature that is not configured is 503 ------------------------------------------------------


@pytest.mark.django_db
def test_google_sign_in_unconfigured_is_503(api_client: APIClient, settings):
    settings.GOOGLE_CLIENT_IDS = []
    response = api_client.post("/api/v1/auth/google", {"id_token": "x.y.z"}, format="json")
    assert_error_shape(response, status=503, code="not_configured")


@pytest.mark.django_db
@pytest.mark.parametrize("debug", DEBUG_MODES)
@pytest.mark.parametrize("path", ["/api/v1/auth/google/web/login", "/api/v1/auth/google/web/callback"])
def test_google_web_flow_unconfigured_is_503(settings, debug: bool, path: str):
    settings.DEBUG = debug
    settings.SOCIALACCOUNT_PROVIDERS = {"google": {"APPS": [], "SCOPE": ["openid"]}}
    response = APIClient(raise_request_exception=False).get(path)
    assert_error_shape(response, status=503, code="not_configured")


# --- status codes ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["page=abc", "page=0", "page=-1", "page=1.5", "page=null", "page_size=null", "page_size=0", "page_size=x"]
)
@pytest.mark.parametrize("path", ["/api/v1/courses/", "/api/v1/goals/", "/api/v1/notifications/"])
def test_malformed_page_parameters_are_400(auth_client: APIClient, path: str, query: str):
    response = auth_client.get(f"{path}?{query}")
    error = assert_error_shape(response, status=400, code="validation_error")
    assert set(error["details"]) == {query.split("=")[0]}


@pytest.mark.django_db
def test_a_page_past_the_last_is_404_and_a_page_size_past_the_maximum_is_400(auth_client: APIClient):
    assert_error_shape(auth_client.get("/api/v1/courses/?page=2"), status=404, code="not_found")
    assert auth_client.get("/api/v1/courses/?page_size=100").status_code == 200
    assert_error_shape(auth_client.get("/api/v1/courses/?page_size=101"), status=400, code="validation_error")


@pytest.mark.urls("maigie.tests.urls")
@pytest.mark.django_db
@pytest.mark.parametrize(
    "header", ["Bearer", "Bearer ", "Bearer a b", "Basic xyz", "garbage", "Bearer \x7f", "JWT abc", "bearer abc"]
)
def test_malformed_authorization_header_is_401_with_a_documented_code(api_client: APIClient, header: str):
    api_client.credentials(HTTP_AUTHORIZATION=header)
    response = api_client.get("/api/v1/test/whoami")
    assert response.status_code == 401
    assert response.json()["error"]["code"] in documented_codes()[401]


@pytest.mark.django_db
def test_an_unknown_body_field_is_400_and_writes_nothing(auth_client: APIClient, user):
    response = auth_client.post("/api/v1/goals/", {"title": "Pass", "course": "x", "colour": "red"}, format="json")
    error = assert_error_shape(response, status=400, code="validation_error")
    assert error["details"] == {"course": ["Unknown field."], "colour": ["Unknown field."]}
    assert auth_client.get("/api/v1/goals/").json()["count"] == 0


@pytest.mark.django_db
def test_unknown_fields_are_reported_where_they_are_nested_beside_other_errors(auth_client: APIClient):
    outline = {"title": "", "modules": [{"title": "M", "topics": [{"title": "T"}, {"title": "U", "done": True}]}]}
    response = auth_client.post("/api/v1/courses/", outline, format="json")
    details = assert_error_shape(response, status=400, code="validation_error")["details"]
    assert details["title"]  # the field's own error is kept
    assert details["modules"] == [{"topics": [{}, {"done": ["Unknown field."]}]}]
    assert auth_client.get("/api/v1/courses/").json()["count"] == 0


@pytest.mark.django_db
def test_a_declared_alias_is_not_an_unknown_field(auth_client: APIClient):
    course = auth_client.post("/api/v1/courses/", {"title": "Bio"}, format="json").json()
    response = auth_client.post("/api/v1/notes/", {"title": "N", "content": "c", "course": course["id"]}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["course_id"] == course["id"]
