"""Request ids and the structured request log."""

import json
import logging

import pytest


@pytest.mark.django_db
def test_a_sane_incoming_request_id_is_echoed(client):
    response = client.get("/health/live", HTTP_X_REQUEST_ID="client-req-12345")
    assert response["X-Request-ID"] == "client-req-12345"


@pytest.mark.django_db
@pytest.mark.parametrize("incoming", ["short", "has spaces in it", "x" * 200, "bad\u00e9chars-123"])
def test_an_insane_request_id_is_replaced(client, incoming: str):
    response = client.get("/health/live", HTTP_X_REQUEST_ID=incoming)
    assert response["X-Request-ID"] != incoming
    assert len(response["X-Request-ID"]) == 32


@pytest.mark.urls("maigie.tests.urls")
@pytest.mark.django_db
def test_every_request_is_logged_as_json_with_context(auth_client, user, caplog):
    with caplog.at_level(logging.INFO, logger="maigie.request"):
        response = auth_client.get("/api/v1/test/whoami", HTTP_X_REQUEST_ID="trace-abcdef-1")
    records = [r for r in caplog.records if r.name == "maigie.request"]
    assert len(records) == 1
    event = records[0].msg
    assert isinstance(event, dict)
    assert event["event"] == "request"
    assert event["method"] == "GET"
    assert event["path"] == "/api/v1/test/whoami"
    assert event["status"] == response.status_code == 200
    assert event["request_id"] == "trace-abcdef-1"
    assert event["duration_ms"] >= 0
    assert event["user_id"] == str(user.pk)


def test_log_lines_render_as_json():
    from maigie.log_config import logging_config

    config = logging_config(level="INFO", json_output=True)
    formatter_factory = config["formatters"]["structured"]["()"]
    formatter = formatter_factory(
        processors=config["formatters"]["structured"]["processors"],
        foreign_pre_chain=config["formatters"]["structured"]["foreign_pre_chain"],
    )
    record = logging.LogRecord("django", logging.INFO, __file__, 1, "plain %s", ("message",), None)
    line = json.loads(formatter.format(record))
    assert line["event"] == "plain message"
    assert line["level"] == "info"
    assert line["logger"] == "django"
    assert "timestamp" in line
