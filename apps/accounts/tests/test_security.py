"""CORS allow-list, security headers and Django's deployment checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

PROJECT_ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
@override_settings(CORS_ALLOWED_ORIGINS=["https://app.maigie.app"])
def test_cors_answers_only_allowed_origins(api_client):
    allowed = api_client.options(
        "/api/v1/auth/login", HTTP_ORIGIN="https://app.maigie.app", HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
    )
    refused = api_client.options(
        "/api/v1/auth/login", HTTP_ORIGIN="https://evil.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
    )

    assert allowed["Access-Control-Allow-Origin"] == "https://app.maigie.app"
    assert "Access-Control-Allow-Credentials" not in allowed
    assert "Access-Control-Allow-Origin" not in refused


@pytest.mark.django_db
def test_api_responses_carry_security_headers(api_client):
    response = api_client.get("/api/v1/users/me")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "default-src 'none'" in response["Content-Security-Policy"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "needle"), [("/admin/login/", "script-src 'self';"), ("/api/docs/", "script-src 'self' 'unsafe-inline';")]
)
def test_admin_and_docs_have_a_content_security_policy(client, path, needle):
    response = client.get(path)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert needle in policy
    assert "frame-ancestors 'none'" in policy


def _check_deploy(**overrides):
    """``manage.py check --deploy`` in a fresh process with production settings and variables."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "MAIGIE_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "maigie.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
            "DJANGO_ALLOWED_HOSTS": "api.maigie.app",
            "DATABASE_URL": "postgres://maigie:secret@db.invalid:5432/maigie",
            "REDIS_URL": "redis://redis.invalid:6379/0",
            "CORS_ALLOWED_ORIGINS": "https://app.maigie.app",
            **overrides,
        }
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_deploy_checks_pass_with_production_settings():
    result = _check_deploy()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"CORS_ALLOWED_ORIGINS": ""}, "CORS_ALLOWED_ORIGINS must list the frontend origins"),
        ({"TRUSTED_PROXIES": "nginx"}, "TRUSTED_PROXIES: 'nginx' is not an IP address"),
    ],
    ids=["no-cors-origins", "bad-proxy"],
)
def test_production_refuses_to_start_without_a_required_setting(overrides, message):
    result = _check_deploy(**overrides)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_deploy_checks_catch_a_weakened_setting():
    result = _check_deploy(DJANGO_SECURE_SSL_REDIRECT="false")
    assert result.returncode != 0
    assert "security.W008" in result.stdout + result.stderr
