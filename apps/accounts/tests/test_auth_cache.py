"""The per-process authentication cache: no user query while fresh, and the bound on revocation elsewhere."""

from __future__ import annotations

from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from apps.accounts import auth_cache
from apps.accounts.models import User
from apps.accounts.services.tokens import families_revoke, token_pair_for


def test_a_cached_user_needs_no_query(auth_client):
    assert auth_client.get("/api/v1/courses/").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert auth_client.get("/api/v1/courses/").status_code == 200
    assert [q["sql"] for q in queries.captured_queries if 'FROM "accounts_user"' in q["sql"]] == []


def test_a_change_made_in_another_process_stops_tokens_within_the_bound(auth_client, user, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(auth_cache.time, "monotonic", lambda: now[0])
    assert auth_client.get("/api/v1/users/me").status_code == 200
    # Another process deactivates the user: no signal reaches this one.
    User.objects.filter(pk=user.pk).update(is_active=False)
    now[0] += 4.9
    assert auth_client.get("/api/v1/users/me").status_code == 200  # still inside AUTH_USER_CACHE_SECONDS
    now[0] += 0.2
    response = auth_client.get("/api/v1/users/me")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "user_inactive"


def test_a_revocation_in_this_process_stops_tokens_at_once(auth_client, user):
    assert auth_client.get("/api/v1/users/me").status_code == 200
    families_revoke(user=user, reason="test")
    assert auth_client.get("/api/v1/users/me").status_code == 401


def test_a_token_newer_than_the_cached_user_is_checked_against_the_database(auth_client, user, api_client):
    assert auth_client.get("/api/v1/users/me").status_code == 200
    User.objects.filter(pk=user.pk).update(token_version=F("token_version") + 1)  # revoked elsewhere
    user.refresh_from_db()
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_pair_for(user=user)['access']}")
    assert api_client.get("/api/v1/users/me").status_code == 200  # a new login is never refused
