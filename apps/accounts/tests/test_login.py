"""``POST /api/v1/auth/login``."""

import pytest
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

from apps.accounts.tests.factories import DEFAULT_PASSWORD


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
