"""Sign-up, e-mail verification and resending the code."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from apps.accounts.models import OneTimeCode, SecurityEvent, User
from apps.accounts.tests.conftest import code_in

pytestmark = pytest.mark.django_db


def _register(send, **extra):
    return send("/api/v1/auth/register", {"email": "Ada@Example.com", "password": "a long passphrase", **extra})


def _bearer(access):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client


def test_register_returns_user_and_tokens_and_emails_a_code(send, mailoutbox):
    response = _register(send, name="Ada", timezone="Europe/London")

    assert response.status_code == 201
    body = response.json()
    assert body["user"]["email"] == "ada@example.com"
    assert body["user"]["timezone"] == "Europe/London"
    assert body["user"]["email_verified"] is False
    assert _bearer(body["access"]).get("/api/v1/users/me").json()["email"] == "ada@example.com"
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["ada@example.com"]
    code = code_in(message)
    assert code in message.subject
    assert code in message.alternatives[0][0]  # the HTML part
    assert "The code expires in 1 day and works once." in message.body
    assert SecurityEvent.objects.filter(kind="registered", email="ada@example.com").exists()


def test_register_refuses_a_taken_email_whatever_its_case(send, user):
    response = send("/api/v1/auth/register", {"email": user.email.upper(), "password": "a long passphrase"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"
    assert "email" in response.json()["error"]["details"]
    assert User.objects.count() == 1


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"email": "ada@example.com", "password": "short"}, "password"),
        ({"email": "ada@example.com", "password": "12345678901"}, "password"),
        ({"email": "not-an-email", "password": "a long passphrase"}, "email"),
        ({"email": "ada@example.com", "password": "a long passphrase", "timezone": "Mars/Olympus"}, "timezone"),
    ],
)
def test_register_refusals_create_nothing(send, mailoutbox, payload, field):
    response = send("/api/v1/auth/register", payload)
    assert response.status_code == 400
    assert field in response.json()["error"]["details"]
    assert not User.objects.exists()
    assert mailoutbox == []


def test_verify_email_with_the_code(send, mailoutbox):
    access = _register(send).json()["access"]
    client = _bearer(access)

    wrong = send(
        "/api/v1/auth/verify-email", {"code": "000000" if code_in(mailoutbox[0]) != "000000" else "111111"}, client
    )
    assert wrong.status_code == 400
    assert wrong.json()["error"]["details"] == {"code": ["Invalid or expired code."]}
    assert not User.objects.get().email_verified

    ok = send("/api/v1/auth/verify-email", {"code": code_in(mailoutbox[0])}, client)
    assert ok.status_code == 200
    assert ok.json()["email_verified"] is True
    assert User.objects.get().email_verified
    assert SecurityEvent.objects.filter(kind="email_verified").count() == 1


def test_verify_email_needs_authentication(api_client):
    response = api_client.post("/api/v1/auth/verify-email", {"code": "123456"})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_code_dies_after_five_wrong_guesses(send, mailoutbox):
    client = _bearer(_register(send).json()["access"])
    code = code_in(mailoutbox[0])
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(5):
        assert send("/api/v1/auth/verify-email", {"code": wrong}, client).status_code == 400

    assert send("/api/v1/auth/verify-email", {"code": code}, client).status_code == 400
    assert not User.objects.get().email_verified


def test_expired_code_is_refused(send, mailoutbox):
    client = _bearer(_register(send).json()["access"])
    OneTimeCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    response = send("/api/v1/auth/verify-email", {"code": code_in(mailoutbox[0])}, client)
    assert response.status_code == 400
    assert not User.objects.get().email_verified


def test_resend_replaces_the_code(send, mailoutbox):
    client = _bearer(_register(send).json()["access"])
    first = code_in(mailoutbox[0])

    assert send("/api/v1/auth/resend-verification", {}, client).status_code == 202
    assert len(mailoutbox) == 2
    second = code_in(mailoutbox[1])
    if first != second:
        assert send("/api/v1/auth/verify-email", {"code": first}, client).status_code == 400
    assert send("/api/v1/auth/verify-email", {"code": second}, client).status_code == 200
    assert send("/api/v1/auth/resend-verification", {}, client).status_code == 400


def test_codes_are_stored_hashed(send, mailoutbox):
    _register(send)
    stored = OneTimeCode.objects.get()
    assert code_in(mailoutbox[0]) not in stored.code_hash
    assert len(stored.code_hash) == 64
