"""The security audit log in the admin."""

import pytest

from apps.accounts.models import SecurityEvent, SecurityEventKind, TokenFamily
from apps.accounts.services import security_event_record, token_pair_for
from apps.accounts.services.audit import Client
from apps.accounts.tests.factories import UserFactory

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
