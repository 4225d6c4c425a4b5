"""Redis unreachable: requests are refused with 503 and Retry-After (fail closed), and readiness says why."""

import pytest
from rest_framework.test import APIClient

from maigie import testing

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(settings):
    """The cache (rate limits, idempotency keys) and the readiness probe point at a port nobody listens on."""
    url = f"redis://127.0.0.1:{testing.free_port()}/0"
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"SOCKET_TIMEOUT": 1, "SOCKET_CONNECT_TIMEOUT": 1},
        }
    }
    settings.REDIS_URL = url


def assert_unavailable(response) -> None:
    assert response.status_code == 503, response.content
    assert response["Retry-After"] == "30"
    error = response.json()["error"]
    assert (error["code"], error["details"]) == ("service_unavailable", {"retry_after": 30})
    assert error["request_id"] == response["X-Request-ID"]


def test_anonymous_and_authenticated_requests_answer_503(api_client: APIClient, auth_client: APIClient, redis_down):
    assert_unavailable(api_client.post("/api/v1/auth/login", {"email": "a@example.com", "password": "x"}))
    assert_unavailable(auth_client.get("/api/v1/notifications/"))


def test_an_idempotent_request_answers_503(auth_client: APIClient, redis_down):
    """The idempotency middleware, outside DRF, meets the outage first (and logs it as an error)."""
    auth_client.raise_request_exception = False
    response = auth_client.post("/api/v1/notifications/read-all", HTTP_IDEMPOTENCY_KEY="k-1")
    assert_unavailable(response)


@pytest.mark.usefixtures("redis_down")
def test_readiness_reports_redis_down_and_why(client):
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["redis"].startswith("error: ConnectionError")
