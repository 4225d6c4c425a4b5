"""Staff API under /api/v1/admin/."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from apps.accounts.models import DailyActivity, SecurityEvent, User
from apps.accounts.services import token_pair_for, users
from apps.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from maigie.errors import Conflict

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return UserFactory.create(is_staff=True, email="staff@example.com", name="Staff")


@pytest.fixture
def staff_client(staff):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_pair_for(user=staff)['access']}")
    return client


@pytest.mark.parametrize(
    "path", ["/api/v1/admin/users/", "/api/v1/admin/stats", "/api/v1/admin/users/00000000-0000-0000-0000-000000000000"]
)
def test_learners_are_refused(auth_client, path):
    response = auth_client.get(path)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


def test_list_and_search_users(staff_client, staff):
    UserFactory.create(email="grace@example.com", name="Grace Hopper")
    UserFactory.create(email="alan@example.com", name="Alan Turing", tier="PREMIUM_MONTHLY")

    assert staff_client.get("/api/v1/admin/users/").json()["count"] == 3
    by_name = staff_client.get("/api/v1/admin/users/?search=hopper").json()["results"]
    assert [u["email"] for u in by_name] == ["grace@example.com"]
    by_tier = staff_client.get("/api/v1/admin/users/?tier=PREMIUM_MONTHLY").json()["results"]
    assert [u["email"] for u in by_tier] == ["alan@example.com"]
    ordered = staff_client.get("/api/v1/admin/users/?ordering=email").json()["results"]
    assert [u["email"] for u in ordered] == ["alan@example.com", "grace@example.com", "staff@example.com"]


@pytest.mark.parametrize("size", [2, 25])
def test_list_query_count_is_constant(staff_client, size, django_assert_max_num_queries):
    UserFactory.create_batch(size)
    staff_client.get("/api/v1/admin/stats")
    with django_assert_max_num_queries(3):
        response = staff_client.get("/api/v1/admin/users/?page_size=50")
    assert len(response.json()["results"]) == size + 1


def test_detail_and_unknown_user(staff_client, user):
    assert staff_client.get(f"/api/v1/admin/users/{user.pk}").json()["email"] == user.email
    missing = staff_client.get("/api/v1/admin/users/00000000-0000-0000-0000-000000000000")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"


def test_set_tier_is_audited(staff_client, staff, user):
    response = staff_client.post(f"/api/v1/admin/users/{user.pk}/tier", {"tier": "PREMIUM_YEARLY"})

    assert response.status_code == 200
    assert response.json()["tier"] == "PREMIUM_YEARLY"
    user.refresh_from_db()
    assert user.tier == "PREMIUM_YEARLY"
    event = SecurityEvent.objects.get(kind="tier_changed")
    assert (event.user, event.actor, event.data) == (user, staff, {"from": "FREE", "to": "PREMIUM_YEARLY"})


def test_invalid_tier_changes_nothing(staff_client, user):
    response = staff_client.post(f"/api/v1/admin/users/{user.pk}/tier", {"tier": "GOLD"})
    assert response.status_code == 400
    assert "tier" in response.json()["error"]["details"]
    user.refresh_from_db()
    assert user.tier == "FREE"


def test_deactivate_locks_the_user_out(staff_client, api_client, user):
    pair = token_pair_for(user=user)
    learner = APIClient()
    learner.credentials(HTTP_AUTHORIZATION=f"Bearer {pair['access']}")
    assert learner.get("/api/v1/users/me").status_code == 200

    response = staff_client.post(f"/api/v1/admin/users/{user.pk}/deactivate")

    assert response.status_code == 200
    assert response.json()["is_active"] is False
    assert learner.get("/api/v1/users/me").status_code == 401
    assert api_client.post("/api/v1/auth/refresh", {"refresh": pair["refresh"]}).status_code == 401
    assert api_client.post("/api/v1/auth/login", {"email": user.email, "password": DEFAULT_PASSWORD}).status_code == 401
    assert SecurityEvent.objects.filter(kind="account_deactivated", user=user).exists()


def test_staff_cannot_deactivate_their_own_account_or_the_last_active_staff_user(staff_client, staff):
    response = staff_client.post(f"/api/v1/admin/users/{staff.pk}/deactivate")
    assert response.status_code == 409, response.content
    assert response.json()["error"]["code"] == "own_account"
    assert User.objects.get(pk=staff.pk).is_active

    colleague = UserFactory.create(is_staff=True)
    assert staff_client.post(f"/api/v1/admin/users/{colleague.pk}/deactivate").status_code == 200
    with pytest.raises(Conflict, match="last active staff user"):  # e.g. from a management command
        users.user_deactivate(user=staff, actor=colleague)
    assert User.objects.get(pk=staff.pk).is_active


def test_stats(staff_client, staff, auth_client, user):
    old = UserFactory.create()
    User.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=30))
    DailyActivity.objects.create(user=old, day=timezone.now().date() - timedelta(days=1))
    auth_client.get("/api/v1/users/me")  # user active today
    auth_client.get("/api/v1/users/me")  # counted once

    body = staff_client.get("/api/v1/admin/stats").json()  # staff active today too

    assert body["users_total"] == 3
    assert body["new_users_this_week"] == 2
    assert body["daily_active_users"] == 2
    days = body["daily_active_users_last_7_days"]
    assert len(days) == 7
    assert days[-1] == {"day": timezone.now().date().isoformat(), "users": 2}
    assert days[-2]["users"] == 1
