"""``/api/v1/users/me``: profile, preferences, export and deletion."""

import json

import pytest

from apps.accounts.models import Notification, SecurityEvent, User
from apps.accounts.services import notification_create
from apps.accounts.tests.factories import DEFAULT_PASSWORD
from apps.learning.embeddings.indexing import embeddings_index
from apps.learning.models import Embedding, EmbeddingKind
from apps.learning.tests.factories import NoteFactory
from apps.planning.services.calendar import calendar_token_rotate

pytestmark = pytest.mark.django_db


def test_me_shows_the_signed_in_user(auth_client, user):
    body = auth_client.get("/api/v1/users/me").json()
    assert body["id"] == str(user.pk)
    assert set(body) == {"id", "email", "name", "tier", "timezone", "preferences", "email_verified", "created_at"}


def test_me_needs_a_token(api_client):
    response = api_client.get("/api/v1/users/me")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_patch_updates_name_timezone_and_merges_preferences(auth_client, user):
    user.preferences = {"theme": "light", "language": "en"}
    user.save()

    response = auth_client.patch(
        "/api/v1/users/me",
        {"name": "Ada L.", "timezone": "America/New_York", "preferences": {"theme": "dark", "week_start": "sunday"}},
    )

    assert response.status_code == 200
    user.refresh_from_db()
    assert user.name == "Ada L."
    assert user.timezone == "America/New_York"
    assert user.preferences == {"theme": "dark", "language": "en", "week_start": "sunday"}
    assert response.json()["preferences"] == user.preferences


def test_email_and_tier_are_not_writable(auth_client, user):
    auth_client.patch("/api/v1/users/me", {"email": "other@example.com", "tier": "PREMIUM_YEARLY"})
    user.refresh_from_db()
    assert user.email.startswith("learner")
    assert user.tier == "FREE"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"timezone": "localtime"}, "timezone"),  # a file of some hosts' zoneinfo directory, not an IANA zone
        ({"timezone": "Europe/Paris", "preferences": {"theme": "neon"}}, "preferences"),
        ({"preferences": {"favourite_colour": "blue"}}, "preferences"),
        ({"preferences": {"daily_study_minutes": 5000}}, "preferences"),
        ({"preferences": "dark"}, "preferences"),
    ],
)
def test_invalid_profile_changes_change_nothing(auth_client, user, payload, field):
    response = auth_client.patch("/api/v1/users/me", payload)

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"
    assert field in response.json()["error"]["details"]
    user.refresh_from_db()
    assert user.timezone == "UTC"
    assert user.preferences == {}


def test_export_contains_what_the_user_owns_and_no_secrets(auth_client, user, other_user):
    notification_create(user=user, kind="reminder", title="Study time")
    notification_create(user=other_user, kind="reminder", title="Not yours")

    response = auth_client.get("/api/v1/users/me/export")

    assert response.status_code == 200
    body = response.json()
    assert body["user"]["email"] == user.email
    assert "password" not in body["user"]
    assert [row["title"] for row in body["data"]["accounts.notification"]] == ["Study time"]
    assert "token_blacklist.outstandingtoken" not in body["data"]
    assert "accounts.tokenfamily" not in body["data"]
    assert "password" not in response.content.decode()


def test_export_leaves_out_derived_columns_vectors_and_digests(auth_client, user):
    note = NoteFactory.create(user=user, title="Eigenvalues", content="The spectrum of a matrix.")
    embeddings_index(kind=EmbeddingKind.NOTE, ids=[str(note.pk)])
    calendar_token_rotate(user=user)
    assert Embedding.objects.filter(note=note).exists()

    body = auth_client.get("/api/v1/users/me/export").json()

    assert [row["title"] for row in body["data"]["learning.note"]] == ["Eigenvalues"]
    assert "search_vector" not in body["data"]["learning.note"][0]
    assert "learning.embedding" not in body["data"]
    [feed] = body["data"]["planning.calendarfeed"]
    assert set(feed) == {"id", "created_at"}
    text = json.dumps(body)
    assert "digest" not in text
    assert "hash" not in text


def test_delete_needs_the_password(auth_client, user):
    response = auth_client.delete("/api/v1/users/me", {"password": "wrong"})
    assert response.status_code == 400
    assert response.json()["error"]["details"] == {"password": ["Incorrect password."]}
    assert User.objects.filter(pk=user.pk).exists()


def test_delete_removes_the_user_and_their_data(auth_client, user, other_user):
    notification_create(user=user, kind="reminder", title="Study time")
    notification_create(user=other_user, kind="reminder", title="Keep")

    response = auth_client.delete("/api/v1/users/me", {"password": DEFAULT_PASSWORD})

    assert response.status_code == 204
    assert not User.objects.filter(pk=user.pk).exists()
    assert list(Notification.objects.values_list("title", flat=True)) == ["Keep"]
    event = SecurityEvent.objects.get(kind="account_deleted")
    assert event.user is None
    assert event.email == user.email
    assert auth_client.get("/api/v1/users/me").status_code == 401
