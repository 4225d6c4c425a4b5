"""``POST /api/v1/auth/login``."""

import pytest
from django.contrib.auth.hashers import make_password
from django.test import override_settings
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

from apps.accounts.models import SecurityEvent
from apps.accounts.tests.factories import DEFAULT_PASSWORD
from maigie.settings import base

PRODUCTION_HASHERS = base.PASSWORD_HASHERS


@pytest.mark.django_db
def test_login_returns_a_token_pair_and_the_user(api_client, user):
    response = api_client.post("/api/v1/auth/login", {"email": user.email, "password": DEFAULT_PASSWORD})

    assert response.status_code == 200
    body = response.json()
    assert body["user"]["id"] == str(user.pk)
    assert body["user"]["email"] == user.email
    assert AccessToken(body["access"])["user_id"] == str(user.pk)
    assert RefreshToken(body["refresh"])["user_id"] == str(user.pk)


@pytest.mark.django_db
def test_login_email_is_case_insensitive(api_client, user):
    response = api_client.post("/api/v1/auth/login", {"email": user.email.upper(), "password": DEFAULT_PASSWORD})
    assert response.status_code == 200


@pytest.mark.django_db
def test_inactive_user_cannot_log_in(api_client, user):
    user.is_active = False
    user.save()
    response = api_client.post("/api/v1/auth/login", {"email": user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_credentials"


@pytest.mark.django_db
def test_wrong_password_is_refused_and_audited(api_client, user):
    response = api_client.post(
        "/api/v1/auth/login", {"email": user.email, "password": "wrong"}, HTTP_USER_AGENT="pytest-agent"
    )

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_credentials"
    assert response["WWW-Authenticate"].startswith("Bearer")
    event = SecurityEvent.objects.get(kind="login_failed")
    assert event.user == user
    assert event.ip_address == "127.0.0.1"
    assert event.user_agent == "pytest-agent"


@pytest.mark.django_db
def test_unknown_email_is_refused_like_a_wrong_password(api_client):
    response = api_client.post("/api/v1/auth/login", {"email": "nobody@example.com", "password": "whatever"})
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "Invalid e-mail or password."
    assert SecurityEvent.objects.get(kind="login_failed").email == "nobody@example.com"


@pytest.mark.django_db
def test_successful_login_is_audited_and_sets_last_login(api_client, user):
    api_client.post("/api/v1/auth/login", {"email": user.email, "password": DEFAULT_PASSWORD})
    user.refresh_from_db()
    assert user.last_login is not None
    assert SecurityEvent.objects.filter(kind="login_succeeded", user=user).count() == 1


@pytest.mark.django_db
@override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS)
def test_bcrypt_hash_is_upgraded_to_argon2_on_login(api_client, user):
    user.password = make_password(DEFAULT_PASSWORD, hasher="bcrypt_sha256")
    user.save(update_fields=["password"])
    assert user.password.startswith("bcrypt_sha256$")

    response = api_client.post("/api/v1/auth/login", {"email": user.email, "password": DEFAULT_PASSWORD})

    assert response.status_code == 200
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password(DEFAULT_PASSWORD)


@override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS)
def test_new_passwords_are_hashed_with_argon2id():
    assert make_password("a long passphrase").startswith("argon2$argon2id$")
