"""POST /api/v1/auth/google against a local JWKS endpoint with locally generated RSA keys."""

import base64
import hashlib
import hmac
import json
import time

import jwt
import pytest
from allauth.socialaccount.models import SocialAccount
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.test import override_settings

from apps.accounts.models import SecurityEvent, User
from apps.accounts.services import token_pair_for
from apps.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from apps.accounts.tests.google_keys import CLIENT_ID, KeyPair, claims, jwks_server

pytestmark = pytest.mark.django_db

GOOGLE = KeyPair("google-key-1")
ATTACKER = KeyPair("google-key-1")  # same kid, different key


@pytest.fixture
def google():
    with jwks_server(GOOGLE) as url, override_settings(GOOGLE_JWKS_URL=url, GOOGLE_CLIENT_IDS=[CLIENT_ID, "ios"]):
        yield


def _google(client, token):
    return client.post("/api/v1/auth/google", {"id_token": token})


def test_new_google_user_gets_an_account_and_tokens(api_client, google):
    response = _google(api_client, GOOGLE.sign(claims()))

    assert response.status_code == 200
    body = response.json()
    assert body["user"]["email"] == "ada@gmail.com"
    assert body["user"]["email_verified"] is True
    user = User.objects.get(email="ada@gmail.com")
    assert user.name == "Ada Lovelace"
    assert not user.has_usable_password()
    assert SocialAccount.objects.get(user=user).uid == "109876543210987654321"
    assert SecurityEvent.objects.get(kind="google_linked").data == {"created": True}
    assert api_client.post("/api/v1/auth/refresh", {"refresh": body["refresh"]}).status_code == 200


def test_second_sign_in_finds_the_linked_account(api_client, google):
    first = _google(api_client, GOOGLE.sign(claims())).json()
    second = _google(api_client, GOOGLE.sign(claims(email="renamed@gmail.com"))).json()

    assert second["user"]["id"] == first["user"]["id"]
    assert User.objects.count() == 1
    assert SecurityEvent.objects.filter(kind="google_login").count() == 1


def test_verified_google_email_links_the_existing_verified_account(api_client, google):
    user = UserFactory.create(email="ada@gmail.com", email_verified=True)

    response = _google(api_client, GOOGLE.sign(claims()))

    assert response.json()["user"]["id"] == str(user.pk)
    user.refresh_from_db()
    assert user.check_password(DEFAULT_PASSWORD)  # still works with the password too
    assert SecurityEvent.objects.get(kind="google_linked").data == {"created": False}


def test_linking_an_unverified_account_locks_out_whoever_registered_it(api_client, google):
    squatter = UserFactory.create(email="ada@gmail.com")
    session = token_pair_for(user=squatter)

    assert _google(api_client, GOOGLE.sign(claims())).status_code == 200

    squatter.refresh_from_db()
    assert not squatter.has_usable_password()
    assert squatter.email_verified
    assert api_client.post("/api/v1/auth/refresh", {"refresh": session["refresh"]}).status_code == 401


def _hs256_with_public_key():
    """The classic key-confusion forgery: HMAC-signed with the public key as the secret (built by hand)."""
    public_pem = GOOGLE.private.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)

    def part(value):
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=")

    signing_input = part({"alg": "HS256", "typ": "JWT", "kid": GOOGLE.kid}) + b"." + part(claims())
    signature = base64.urlsafe_b64encode(hmac.new(public_pem, signing_input, hashlib.sha256).digest()).rstrip(b"=")
    return (signing_input + b"." + signature).decode()


@pytest.mark.parametrize(
    "forge",
    [
        pytest.param(lambda: ATTACKER.sign(claims()), id="signed-by-another-key"),
        pytest.param(lambda: GOOGLE.sign(claims(aud="someone-elses-client")), id="wrong-aud"),
        pytest.param(lambda: GOOGLE.sign(claims(iss="https://evil.example")), id="wrong-iss"),
        pytest.param(lambda: GOOGLE.sign(claims(exp=int(time.time()) - 60)), id="expired"),
        pytest.param(lambda: KeyPair("unknown-kid").sign(claims()), id="unknown-kid"),
        pytest.param(lambda: jwt.encode(claims(), "", algorithm="none", headers={"kid": GOOGLE.kid}), id="alg-none"),
        pytest.param(_hs256_with_public_key, id="hs256-key-confusion"),
        pytest.param(lambda: "not-a-jwt", id="garbage"),
    ],
)
def test_forged_google_tokens_are_refused(api_client, google, forge):
    response = _google(api_client, forge())

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_google_token"
    assert not User.objects.exists()
    assert not SocialAccount.objects.exists()


def test_unverified_google_email_cannot_create_or_link(api_client, google):
    UserFactory.create(email="ada@gmail.com")
    response = _google(api_client, GOOGLE.sign(claims(email_verified=False)))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "google_email_unverified"
    assert not SocialAccount.objects.exists()


def test_deactivated_account_is_refused(api_client, google):
    UserFactory.create(email="ada@gmail.com", email_verified=True, is_active=False)
    response = _google(api_client, GOOGLE.sign(claims()))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "account_disabled"
    assert not SocialAccount.objects.exists()


def test_a_second_client_id_is_accepted(api_client, google):
    assert _google(api_client, GOOGLE.sign(claims(aud="ios"))).status_code == 200
