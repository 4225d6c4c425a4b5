"""Refresh rotation, reuse detection, logout, and refusal of forged or expired tokens."""

import threading
from datetime import timedelta

import jwt
import pytest
from django.conf import settings
from django.db import connections
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

from apps.accounts.models import SecurityEvent, TokenFamily
from apps.accounts.services import token_pair_for
from apps.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _refresh(client, token):
    return client.post("/api/v1/auth/refresh", {"refresh": token})


def _me(access):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client.get("/api/v1/users/me")


def _family(token):
    jwt_settings = settings.SIMPLE_JWT
    return jwt.decode(
        token,
        jwt_settings["SIGNING_KEY"],
        algorithms=["HS256"],
        audience=jwt_settings["AUDIENCE"],
        issuer=jwt_settings["ISSUER"],
    )["fam"]


def test_refresh_rotates_the_pair(api_client, user):
    pair = token_pair_for(user=user)

    response = _refresh(api_client, pair["refresh"])

    assert response.status_code == 200
    new = response.json()
    assert new["refresh"] != pair["refresh"]
    assert _me(new["access"]).status_code == 200
    assert _family(new["refresh"]) == _family(pair["refresh"])
    assert _refresh(api_client, new["refresh"]).status_code == 200


def test_reusing_a_rotated_token_revokes_the_whole_family(api_client, user):
    pair = token_pair_for(user=user)
    rotated = _refresh(api_client, pair["refresh"]).json()

    reuse = _refresh(api_client, pair["refresh"])

    assert reuse.status_code == 401
    assert reuse.json()["error"]["code"] == "token_reused"
    assert _refresh(api_client, rotated["refresh"]).status_code == 401  # the thief's copy is dead too
    family = TokenFamily.objects.get()
    assert family.revoked_reason == "reuse"
    assert SecurityEvent.objects.filter(kind="refresh_reused", user=user).count() == 1


def test_reuse_leaves_other_sessions_alone(api_client, user):
    stolen = token_pair_for(user=user)
    other_session = token_pair_for(user=user)
    _refresh(api_client, stolen["refresh"])
    _refresh(api_client, stolen["refresh"])

    assert _refresh(api_client, other_session["refresh"]).status_code == 200


def test_logout_kills_the_refresh_token(api_client, user):
    pair = token_pair_for(user=user)

    assert api_client.post("/api/v1/auth/logout", {"refresh": pair["refresh"]}).status_code == 204
    refused = _refresh(api_client, pair["refresh"])
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "token_not_valid"
    assert api_client.post("/api/v1/auth/logout", {"refresh": pair["refresh"]}).status_code == 204  # idempotent
    assert SecurityEvent.objects.filter(kind="logout").count() == 1


def test_logout_everywhere_ends_every_session_of_the_learner_only(api_client, user, other_user):
    phone, laptop, strangers = token_pair_for(user=user), token_pair_for(user=user), token_pair_for(user=other_user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {phone['access']}")

    assert client.post("/api/v1/auth/logout-everywhere").status_code == 204

    assert _me(laptop["access"]).status_code == 401
    assert _me(phone["access"]).status_code == 401
    assert _refresh(api_client, laptop["refresh"]).status_code == 401
    assert _refresh(api_client, phone["refresh"]).status_code == 401
    assert _me(strangers["access"]).status_code == 200
    assert set(TokenFamily.objects.filter(user=user).values_list("revoked_reason", flat=True)) == {"logout_everywhere"}
    assert SecurityEvent.objects.get(kind="logout", user=user).data == {"everywhere": True}
    assert APIClient().post("/api/v1/auth/logout-everywhere").status_code == 401


def test_an_access_token_is_not_a_refresh_token(api_client, user):
    pair = token_pair_for(user=user)
    response = _refresh(api_client, pair["access"])
    assert response.status_code == 401
    assert set(response.json()["error"]) == {"code", "message", "details", "request_id"}


def test_expired_refresh_is_refused(api_client, user):
    token = RefreshToken.for_user(user)
    token["fam"] = str(TokenFamily.objects.create(user=user).pk)
    token.set_exp(from_time=timezone.now() - timedelta(days=8))
    assert _refresh(api_client, str(token)).status_code == 401


def test_inactive_user_cannot_refresh(api_client, user):
    pair = token_pair_for(user=user)
    user.is_active = False
    user.save()
    assert _refresh(api_client, pair["refresh"]).status_code == 401


def _claims(user, **overrides):
    now = timezone.now()
    return {
        "token_type": "access",
        "user_id": str(user.pk),
        "jti": "x" * 32,
        "exp": int((now + timedelta(minutes=5)).timestamp()),
        "iat": int(now.timestamp()),
        "aud": settings.SIMPLE_JWT["AUDIENCE"],
        "iss": settings.SIMPLE_JWT["ISSUER"],
        **overrides,
    }


@pytest.mark.parametrize(
    "forge",
    [
        pytest.param(lambda user: jwt.encode(_claims(user), "", algorithm="none"), id="alg-none"),
        pytest.param(
            lambda user: jwt.encode(_claims(user, aud="someone-else"), settings.SIMPLE_JWT["SIGNING_KEY"], "HS256"),
            id="wrong-aud",
        ),
        pytest.param(
            lambda user: jwt.encode(_claims(user, iss="evil"), settings.SIMPLE_JWT["SIGNING_KEY"], "HS256"),
            id="wrong-iss",
        ),
        pytest.param(lambda user: jwt.encode(_claims(user), "not-our-key-" * 4, "HS256"), id="wrong-key"),
        pytest.param(
            lambda user: jwt.encode(
                _claims(user, exp=int((timezone.now() - timedelta(seconds=5)).timestamp())),
                settings.SIMPLE_JWT["SIGNING_KEY"],
                "HS256",
            ),
            id="expired",
        ),
    ],
)
def test_forged_access_tokens_are_refused(user, forge):
    genuine = jwt.encode(_claims(user), settings.SIMPLE_JWT["SIGNING_KEY"], "HS256")
    assert _me(genuine).status_code == 200  # the same claims, properly signed, pass

    response = _me(forge(user))

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "token_not_valid"


@pytest.mark.parametrize(
    "overrides", [pytest.param({"aud": "someone-else"}, id="wrong-aud"), pytest.param({}, id="alg-none")]
)
def test_forged_refresh_tokens_are_refused(api_client, user, overrides):
    family = TokenFamily.objects.create(user=user)
    claims = _claims(user, token_type="refresh", fam=str(family.pk), **overrides)
    token = (
        jwt.encode(claims, settings.SIMPLE_JWT["SIGNING_KEY"], "HS256")
        if overrides
        else jwt.encode(claims, "", algorithm="none")
    )
    assert _refresh(api_client, token).status_code == 401


def test_token_lifetimes_are_short():
    assert settings.SIMPLE_JWT["ACCESS_TOKEN_LIFETIME"] <= timedelta(minutes=15)
    assert settings.SIMPLE_JWT["REFRESH_TOKEN_LIFETIME"] <= timedelta(days=7)
    assert AccessToken.lifetime <= timedelta(minutes=15)


@pytest.mark.django_db(transaction=True)
def test_parallel_refreshes_of_one_token_let_one_through_and_revoke_the_family():
    user = UserFactory.create()
    pair = token_pair_for(user=user)
    barrier = threading.Barrier(8)
    results: list[int] = []
    lock = threading.Lock()

    def attempt() -> None:
        client = APIClient()
        barrier.wait()
        try:
            status = _refresh(client, pair["refresh"]).status_code
        finally:
            connections.close_all()
        with lock:
            results.append(status)

    threads = [threading.Thread(target=attempt) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == [200] + [401] * 7
    assert TokenFamily.objects.get().revoked_reason == "reuse"


@pytest.mark.parametrize("scheme", ["Bearer", "bearer", "BEARER", "bEaReR"])
def test_the_authorization_scheme_is_matched_in_any_case(api_client, user, scheme):
    api_client.credentials(HTTP_AUTHORIZATION=f"{scheme} {token_pair_for(user=user)['access']}")
    response = api_client.get("/api/v1/users/me")
    assert response.status_code == 200, response.content


def test_another_scheme_is_not_a_token(api_client, user):
    api_client.credentials(HTTP_AUTHORIZATION=f"Basic {token_pair_for(user=user)['access']}")
    assert api_client.get("/api/v1/users/me").status_code == 401
