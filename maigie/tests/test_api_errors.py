"""Every error answers in the one shape with the request id, whatever raised it."""

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
