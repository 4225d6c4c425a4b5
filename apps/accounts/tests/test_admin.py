"""The security audit log in the admin; user changes through the services."""

import json

import pytest

from apps.accounts.models import SecurityEvent, SecurityEventKind, TokenFamily
from apps.accounts.services import security_event_record, token_pair_for
from apps.accounts.services.audit import Client
from apps.accounts.tests.factories import UserFactory
from maigie.testing import realtime_log

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory.create(is_staff=True, is_superuser=True))
    return client


def test_audit_log_is_searchable(admin_client, user):
    security_event_record(kind=SecurityEventKind.LOGIN_FAILED, email="mallory@example.com", client=Client("10.6.6.6"))
    security_event_record(kind=SecurityEventKind.LOGIN_SUCCEEDED, user=user, client=Client("10.1.1.1"))

    by_email = admin_client.get("/admin/accounts/securityevent/", {"q": "mallory"}).content.decode()
    by_ip = admin_client.get("/admin/accounts/securityevent/", {"q": "10.1.1.1"}).content.decode()
    by_kind = admin_client.get("/admin/accounts/securityevent/", {"kind__exact": "login_failed"}).content.decode()

    assert "mallory@example.com" in by_email
    assert user.email not in by_email
    assert user.email in by_ip
    assert "mallory@example.com" not in by_ip
    assert "mallory@example.com" in by_kind


def test_audit_log_cannot_be_edited(admin_client, user):
    event = security_event_record(kind=SecurityEventKind.PASSWORD_CHANGED, user=user)
    assert admin_client.get("/admin/accounts/securityevent/add/").status_code == 403
    assert admin_client.post(f"/admin/accounts/securityevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403


def test_admin_actions_go_through_the_services(admin_client, api_client, user, other_user):
    session = token_pair_for(user=other_user)
    admin_client.post(
        "/admin/accounts/user/", {"action": "deactivate", "_selected_action": [str(user.pk)]}, follow=True
    )
    admin_client.post(
        "/admin/accounts/user/", {"action": "sign_out_everywhere", "_selected_action": [str(other_user.pk)]}
    )

    user.refresh_from_db()
    assert not user.is_active
    assert SecurityEvent.objects.filter(kind="account_deactivated", user=user).exists()
    assert api_client.post("/api/v1/auth/refresh", {"refresh": session["refresh"]}).status_code == 401
    assert TokenFamily.objects.get(user=other_user).revoked_reason == "staff"
    assert admin_client.get("/admin/accounts/tokenfamily/", {"q": other_user.email}).status_code == 200


def _user_form(user, **changes):
    """The user change form as the admin posts it (checkboxes present only when ticked)."""
    fields = {
        "email": user.email,
        "name": user.name,
        "timezone": user.timezone,
        "preferences": json.dumps(user.preferences),
        "tier": user.tier,
        "email_verified": user.email_verified,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        **changes,
    }
    return {name: ("on" if value is True else value) for name, value in fields.items() if value is not False}


def test_tier_and_activation_changed_in_the_admin_are_audited_and_published(
    admin_client, user, django_capture_on_commit_callbacks
):
    token_pair_for(user=user)
    url = f"/admin/accounts/user/{user.pk}/change/"
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, _user_form(user, tier="PREMIUM_MONTHLY", is_active=False))
    assert response.status_code == 302, response.content.decode()[:2000]

    user.refresh_from_db()
    assert (user.tier, user.is_active) == ("PREMIUM_MONTHLY", False)
    tier_event = SecurityEvent.objects.get(kind="tier_changed", user=user)
    assert tier_event.actor is not None
    assert tier_event.actor.is_superuser
    assert tier_event.data == {"from": "FREE", "to": "PREMIUM_MONTHLY", "reason": "staff"}
    assert SecurityEvent.objects.filter(kind="account_deactivated", user=user, actor=tier_event.actor).exists()
    assert TokenFamily.objects.get(user=user).revoked_reason == "deactivated"
    assert ("user.updated", {"id": str(user.pk), "tier": "PREMIUM_MONTHLY"}) in realtime_log(user.pk)

    response = admin_client.post(url, _user_form(user, is_active=True, name="Ada"))
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.is_active, user.name) == (True, "Ada")
    assert SecurityEvent.objects.filter(kind="account_reactivated", user=user).exists()
    assert SecurityEvent.objects.get(kind="staff_updated", user=user).data == {"fields": ["name"]}


def test_deleting_a_user_in_the_admin_is_audited_with_the_staff_member(admin_client, user):
    email = user.email
    response = admin_client.post(
        "/admin/accounts/user/", {"action": "delete_selected", "post": "yes", "_selected_action": [str(user.pk)]}
    )

    assert response.status_code == 302
    event = SecurityEvent.objects.get(kind="account_deleted", email=email)
    assert event.actor is not None
    assert event.actor.is_superuser


def test_logs_and_records_are_read_only_in_the_admin(admin_client, user):
    family_id = _family(user)
    assert admin_client.post(f"/admin/accounts/tokenfamily/{family_id}/delete/", {"post": "yes"}).status_code == 403
    assert admin_client.get("/admin/accounts/notification/add/").status_code == 403
    assert TokenFamily.objects.filter(pk=family_id).exists()


def _family(user):
    token_pair_for(user=user)
    return TokenFamily.objects.filter(user=user).latest("created_at").pk


def test_a_password_set_in_the_admin_is_audited_and_ends_sessions(admin_client, api_client, user):
    session = token_pair_for(user=user)
    response = admin_client.post(
        f"/admin/accounts/user/{user.pk}/password/",
        {"set_usable_password": "true", "password1": "a-Long-new-pass-42", "password2": "a-Long-new-pass-42"},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    user.refresh_from_db()
    assert user.check_password("a-Long-new-pass-42")
    assert SecurityEvent.objects.get(kind="password_changed", user=user).data == {"by": "staff"}
    assert api_client.post("/api/v1/auth/refresh", {"refresh": session["refresh"]}).status_code == 401
