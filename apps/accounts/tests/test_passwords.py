"""Password change, forgot and reset."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.accounts.models import OneTimeCode, SecurityEvent, User
from apps.accounts.services import token_pair_for
from apps.accounts.tests.conftest import code_in
from apps.accounts.tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db
NEW = "a brand new passphrase"


def _login(client, user, password):
    return client.post("/api/v1/auth/login", {"email": user.email, "password": password})


def test_change_password_ends_other_sessions_and_returns_a_new_pair(api_client, auth_client, user):
    other_session = token_pair_for(user=user)

    response = auth_client.post(
        "/api/v1/auth/password/change", {"current_password": DEFAULT_PASSWORD, "new_password": NEW}
    )

    assert response.status_code == 200
    assert api_client.post("/api/v1/auth/refresh", {"refresh": other_session["refresh"]}).status_code == 401
    assert api_client.post("/api/v1/auth/refresh", {"refresh": response.json()["refresh"]}).status_code == 200
    assert _login(api_client, user, NEW).status_code == 200
    assert _login(api_client, user, DEFAULT_PASSWORD).status_code == 401
    assert SecurityEvent.objects.filter(kind="password_changed", user=user).count() == 1


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"current_password": "wrong", "new_password": NEW}, "current_password"),
        ({"current_password": DEFAULT_PASSWORD, "new_password": "short"}, "new_password"),
        ({"current_password": DEFAULT_PASSWORD}, "new_password"),
    ],
)
def test_change_password_refusals_change_nothing(auth_client, user, payload, field):
    before = User.objects.get(pk=user.pk).password

    response = auth_client.post("/api/v1/auth/password/change", payload)

    assert response.status_code == 400
    assert field in response.json()["error"]["details"]
    assert User.objects.get(pk=user.pk).password == before


def test_forgot_password_answers_202_whether_or_not_the_account_exists(send, mailoutbox, user):
    unknown = send("/api/v1/auth/password/forgot", {"email": "nobody@example.com"})
    known = send("/api/v1/auth/password/forgot", {"email": user.email.upper()})

    assert unknown.status_code == known.status_code == 202
    assert unknown.content == known.content == b""
    assert [message.to for message in mailoutbox] == [[user.email]]
    assert "reset" in mailoutbox[0].subject.lower()
    assert "The code expires in 30 minutes and works once." in mailoutbox[0].body


def test_reset_with_the_code_sets_the_password_once_and_ends_sessions(api_client, send, mailoutbox, user):
    session = token_pair_for(user=user)
    send("/api/v1/auth/password/forgot", {"email": user.email})
    code = code_in(mailoutbox[0])

    response = send("/api/v1/auth/password/reset", {"email": user.email, "code": code, "new_password": NEW})

    assert response.status_code == 204
    assert _login(api_client, user, NEW).status_code == 200
    assert api_client.post("/api/v1/auth/refresh", {"refresh": session["refresh"]}).status_code == 401
    again = send("/api/v1/auth/password/reset", {"email": user.email, "code": code, "new_password": "yet another one!"})
    assert again.status_code == 400
    assert again.json()["error"]["details"] == {"code": ["Invalid or expired code."]}
    assert _login(api_client, user, NEW).status_code == 200
    assert SecurityEvent.objects.filter(kind="password_reset", user=user).count() == 1


def test_reset_refusals_change_nothing(send, mailoutbox, user):
    before = User.objects.get(pk=user.pk).password
    send("/api/v1/auth/password/forgot", {"email": user.email})
    code = code_in(mailoutbox[0])
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"

    assert (
        send("/api/v1/auth/password/reset", {"email": user.email, "code": wrong, "new_password": NEW}).status_code
        == 400
    )
    weak = send("/api/v1/auth/password/reset", {"email": user.email, "code": code, "new_password": "123"})
    assert weak.status_code == 400
    assert "new_password" in weak.json()["error"]["details"]
    unknown = send("/api/v1/auth/password/reset", {"email": "nobody@example.com", "code": code, "new_password": NEW})
    assert unknown.status_code == 400
    assert unknown.json()["error"]["details"] == {"code": ["Invalid or expired code."]}
    assert User.objects.get(pk=user.pk).password == before


def test_expired_reset_code_is_refused(send, mailoutbox, user):
    send("/api/v1/auth/password/forgot", {"email": user.email})
    OneTimeCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    response = send(
        "/api/v1/auth/password/reset", {"email": user.email, "code": code_in(mailoutbox[0]), "new_password": NEW}
    )
    assert response.status_code == 400


def test_a_verification_code_cannot_reset_a_password(send, mailoutbox, auth_client, user):
    send("/api/v1/auth/resend-verification", {}, auth_client)
    code = code_in(mailoutbox[0])

    response = send("/api/v1/auth/password/reset", {"email": user.email, "code": code, "new_password": NEW})

    assert response.status_code == 400
