"""Every planning endpoint is in the OpenAPI schema."""

import pytest


@pytest.mark.django_db
def test_planning_endpoints_are_documented(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    paths = response.json()["paths"]
    expected = {
        "/api/v1/goals/": {"get", "post"},
        "/api/v1/goals/{goal_id}/": {"get", "patch", "delete"},
        "/api/v1/goals/{goal_id}/tasks/": {"post"},
        "/api/v1/goals/{goal_id}/tasks/reorder": {"post"},
        "/api/v1/tasks/{task_id}/": {"patch", "delete"},
        "/api/v1/schedule/": {"get", "post"},
        "/api/v1/schedule/{block_id}/": {"get", "patch", "delete"},
        "/api/v1/schedule/occurrences/": {"get"},
        "/api/v1/schedule/{block_id}/occurrences/complete": {"post"},
        "/api/v1/schedule/{block_id}/occurrences/move": {"post"},
        "/api/v1/schedule/{block_id}/occurrences/cancel": {"post"},
        "/api/v1/schedule/calendar-token": {"post"},
        "/api/v1/schedule/calendar.ics": {"get"},
        "/api/v1/sessions/": {"get"},
        "/api/v1/sessions/start": {"post"},
        "/api/v1/sessions/{session_id}/stop": {"post"},
        "/api/v1/analytics/summary": {"get"},
        "/api/v1/analytics/timeseries": {"get"},
    }
    for path, methods in expected.items():
        assert path in paths, path
        assert methods <= set(paths[path]), path
    assert "text/calendar" in paths["/api/v1/schedule/calendar.ics"]["get"]["responses"]["200"]["content"]
