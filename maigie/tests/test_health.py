"""Liveness and readiness against the real database, Redis and Celery worker."""

import pytest


def test_live_answers_without_dependencies(client):
    response = client.get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_ready_is_200_when_database_redis_and_worker_answer(client, celery_worker_process):
    response = client.get("/health/ready")
    assert response.status_code == 200
    body = response.json()
    queues = body.pop("queues")
    assert body == {"status": "ok", "database": "ok", "redis": "ok", "worker": "ok"}
    assert set(queues) == {"default", "ai", "email", "low", "unacked"}
    assert all(isinstance(depth, int) and depth >= 0 for depth in queues.values())


@pytest.mark.django_db
def test_ready_is_503_and_names_the_failure_when_redis_is_unreachable(
    client, settings, tmp_path, celery_worker_process
):
    settings.REDIS_URL = f"unix://{tmp_path}/nothing.sock"
    response = client.get("/health/ready")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["database"] == "ok"
    assert body["redis"].startswith("error: ")


@pytest.mark.django_db
def test_metrics_expose_http_and_queue_figures(client):
    client.get("/health/live")
    body = client.get("/metrics").content.decode()
    assert "django_http_requests_total_by_method_total" in body
    assert 'maigie_celery_queue_depth{queue="default"}' in body
