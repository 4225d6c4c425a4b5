"""The Google web redirect flow: allauth's OAuth 2.0 dance against a local token endpoint, ending in our pair."""

from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.socialaccount.models import SocialAccount
from allauth.socialaccount.providers.google.views import GoogleOAuth2Adapter
from django.conf import settings
from django.test import override_settings
from rest_framework.test import APIClient

from apps.accounts.models import User
from apps.accounts.tests.factories import UserFactory
from apps.accounts.tests.google_keys import CLIENT_ID, KeyPair, claims, token_server

pytestmark = pytest.mark.django_db
GOOGLE = KeyPair("google-key-1")
PROVIDERS = {
    "google": {
        **settings.SOCIALACCOUNT_PROVIDERS["google"],
        "APPS": [{"client_id": CLIENT_ID, "secret": "local-secret"}],
    }
}


@pytest.fixture
def google_app():
    with override_settings(SOCIALACCOUNT_PROVIDERS=PROVIDERS, GOOGLE_CLIENT_IDS=[CLIENT_ID]):
        yield


def _start(client):
    response = client.get("/api/v1/auth/google/web/login")
    assert response.status_code == 302
    return urlsplit(response["Location"]), parse_qs(urlsplit(response["Location"]).query)


def _fragment(response):
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == settings.GOOGLE_WEB_REDIRECT_URL
    return {key: values[0] for key, values in parse_qs(location.fragment).items()}


def test_login_redirects_to_google_with_pkce(client, google_app):
    location, query = _start(client)
    assert location.netloc == "accounts.google.com"
    assert query["client_id"] == [CLIENT_ID]
    assert query["redirect_uri"][0].endswith("/api/v1/auth/google/web/callback")
    assert query["code_challenge_method"] == ["S256"]
    assert "openid" in query["scope"][0]
    assert query["state"][0]


def test_full_flow_ends_with_our_token_pair_on_the_frontend(client, google_app, monkeypatch):
    _, query = _start(client)
    with token_server(GOOGLE.sign(claims())) as (url, forms):
        monkeypatch.setattr(GoogleOAuth2Adapter, "access_token_url", url)
        callback = client.get("/api/v1/auth/google/web/callback", {"code": "local-code", "state": query["state"][0]})
    assert forms[0]["code"] == "local-code"
    assert forms[0]["client_id"] == CLIENT_ID
    assert forms[0]["code_verifier"]  # PKCE

    assert callback.status_code == 302
    complete = client.get(callback["Location"])
    tokens = _fragment(complete)

    user = User.objects.get(email="ada@gmail.com")
    assert user.email_verified
    assert SocialAccount.objects.get(user=user).uid == claims()["sub"]
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
    assert api.get("/api/v1/users/me").json()["email"] == "ada@gmail.com"
    assert api.post("/api/v1/auth/refresh", {"refresh": tokens["refresh"]}).status_code == 200
    assert "_auth_user_id" not in client.session  # the allauth session ended


def test_flow_links_an_existing_account(client, google_app, monkeypatch):
    existing = UserFactory.create(email="ada@gmail.com", email_verified=True)
    _, query = _start(client)
    with token_server(GOOGLE.sign(claims())) as (url, _):
        monkeypatch.setattr(GoogleOAuth2Adapter, "access_token_url", url)
        callback = client.get("/api/v1/auth/google/web/callback", {"code": "c", "state": query["state"][0]})
    _fragment(client.get(callback["Location"]))
    assert SocialAccount.objects.get().user == existing
    assert User.objects.count() == 1


def test_refused_account_goes_back_to_the_frontend_with_an_error(client, google_app, monkeypatch):
    UserFactory.create(email="ada@gmail.com", email_verified=True, is_active=False)
    _, query = _start(client)
    with token_server(GOOGLE.sign(claims())) as (url, _):
        monkeypatch.setattr(GoogleOAuth2Adapter, "access_token_url", url)
        callback = client.get("/api/v1/auth/google/web/callback", {"code": "c", "state": query["state"][0]})
    assert _fragment(callback) == {"error": "account_disabled"}
    assert not SocialAccount.objects.exists()


def test_forged_state_is_refused(client, google_app):
    _start(client)
    response = client.get("/api/v1/auth/google/web/callback", {"code": "c", "state": "forged"})
    assert "access" not in _fragment(response)
    assert not User.objects.exists()


def test_complete_without_a_google_login_gives_no_tokens(client):
    assert _fragment(client.get("/api/v1/auth/google/web/complete")) == {"error": "google_login_failed"}
