"""Devices, the VAPID public key, preferences and unsubscribe links over the API."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import override_settings

from apps.accounts.tests.factories import UserFactory
from apps.notifications.models import Device, Kind
from apps.notifications.tests.factories import FcmDeviceFactory
from apps.notifications.tests.pushserver import Browser, b64url
from apps.notifications.unsubscribe import unsubscribe_token, unsubscribe_url

BROWSER = Browser()
KEYS = {"p256dh": BROWSER.p256dh, "auth": b64url(BROWSER.auth)}
ENDPOINT = "https://fcm.googleapis.com/fcm/send/abc123"


@pytest.mark.django_db
def test_register_list_read_and_delete_a_web_push_subscription(auth_client, user):
    answer = auth_client.post(
        "/api/v1/devices/", {"endpoint": ENDPOINT, "keys": KEYS}, format="json", HTTP_USER_AGENT="Firefox/140"
    )
    assert answer.status_code == 201, answer.json()
    device = answer.json()
    assert (device["kind"], device["endpoint"], device["user_agent"]) == ("WEB_PUSH", ENDPOINT, "Firefox/140")
    assert set(device) == {"id", "kind", "endpoint", "user_agent", "created_at", "last_success_at"}

    again = auth_client.post("/api/v1/devices/", {"endpoint": ENDPOINT, "keys": KEYS}, format="json")
    assert again.json()["id"] == device["id"]  # the same subscription is one device

    listed = auth_client.get("/api/v1/devices/").json()
    assert [d["id"] for d in listed["results"]] == [device["id"]]
    assert auth_client.get(f"/api/v1/devices/{device['id']}/").json()["endpoint"] == ENDPOINT
    assert auth_client.delete(f"/api/v1/devices/{device['id']}/").status_code == 204
    assert auth_client.get(f"/api/v1/devices/{device['id']}/").status_code == 404
    assert not Device.objects.exists()


@pytest.mark.django_db
def test_an_fcm_token_registers_behind_the_same_interface(auth_client, user):
    answer = auth_client.post("/api/v1/devices/", {"kind": "fcm", "token": "fcm-token-1"}, format="json")
    assert answer.status_code == 201
    assert answer.json()["kind"] == "FCM"
    assert Device.objects.get().token == "fcm-token-1"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"endpoint": "http://push.example.com/x", "keys": KEYS}, "endpoint"),
        ({"endpoint": "https://10.0.0.5/x", "keys": KEYS}, "endpoint"),
        ({"endpoint": "https://[::1]/x", "keys": {**KEYS}}, None),  # loopback: allowed in the test settings
        ({"endpoint": ENDPOINT, "keys": {**KEYS, "p256dh": b64url(b"\x04" + b"\x01" * 64)}}, "p256dh"),
        ({"endpoint": ENDPOINT, "keys": {**KEYS, "auth": b64url(b"short")}}, "auth"),
        ({"endpoint": ENDPOINT}, "endpoint"),
        ({"kind": "FCM"}, "token"),
        ({"endpoint": 5, "keys": KEYS}, "endpoint"),
    ],
)
def test_bad_subscriptions_are_refused(auth_client, body, field):
    answer = auth_client.post("/api/v1/devices/", body, format="json")
    if field is None:
        assert answer.status_code == 201
        return
    assert answer.status_code == 400, answer.json()
    assert field in answer.json()["error"]["details"]


@pytest.mark.django_db
@override_settings(PUSH_ALLOW_LOOPBACK_HTTP=False)
def test_loopback_endpoints_are_refused_outside_local_and_test_settings(auth_client):
    answer = auth_client.post("/api/v1/devices/", {"endpoint": "http://127.0.0.1:9/x", "keys": KEYS}, format="json")
    assert answer.status_code == 400
    assert "endpoint" in answer.json()["error"]["details"]


@pytest.mark.django_db
def test_another_learners_device_is_a_404(auth_client, other_user):
    device = FcmDeviceFactory.create(user=other_user)
    assert auth_client.get(f"/api/v1/devices/{device.pk}/").status_code == 404
    assert auth_client.delete(f"/api/v1/devices/{device.pk}/").status_code == 404
    assert auth_client.get("/api/v1/devices/").json()["count"] == 0
    assert Device.objects.filter(pk=device.pk).exists()


@pytest.mark.django_db
def test_a_subscription_moves_to_whoever_registers_it_last(auth_client, user, other_user):
    device = Device.objects.create(user=other_user, kind="WEB_PUSH", endpoint=ENDPOINT, **KEYS)
    answer = auth_client.post("/api/v1/devices/", {"endpoint": ENDPOINT, "keys": KEYS}, format="json")
    assert answer.json()["id"] == str(device.pk)
    device.refresh_from_db()
    assert device.user == user


@pytest.mark.django_db
def test_device_list_runs_a_constant_number_of_queries(auth_client, user, django_assert_max_num_queries):
    FcmDeviceFactory.create_batch(15, user=user)
    with django_assert_max_num_queries(4):
        assert auth_client.get("/api/v1/devices/?page_size=100").json()["count"] == 15


@pytest.mark.django_db
def test_public_key_is_503_until_generated_then_stable(auth_client, capsys):
    answer = auth_client.get("/api/v1/push/public-key")
    assert answer.status_code == 503
    assert answer.json()["error"]["code"] == "not_configured"

    call_command("vapid_keys")
    key = auth_client.get("/api/v1/push/public-key").json()["public_key"]
    call_command("vapid_keys")
    assert auth_client.get("/api/v1/push/public-key").json()["public_key"] == key
    assert len(BROWSER.p256dh) == len(key) == 87  # 65 bytes, base64url
    assert key in capsys.readouterr().out


@pytest.mark.django_db
@override_settings(VAPID_PUBLIC_KEY="BEnv", VAPID_PRIVATE_KEY="x")
def test_public_key_from_the_environment_wins(auth_client):
    call_command("vapid_keys")
    assert auth_client.get("/api/v1/push/public-key").json() == {"public_key": "BEnv"}


@pytest.mark.django_db
def test_preferences_default_then_patch_per_kind_and_channel(auth_client, user):
    user.preferences = {"email_reminders": True}
    user.timezone = "Asia/Tokyo"
    user.save()

    defaults = auth_client.get("/api/v1/notifications/preferences").json()
    assert defaults == {
        "channels": {
            "reminders": {"in_app": True, "push": True, "email": True},
            "nudges": {"in_app": True, "push": True, "email": False},
            "digests": {"in_app": False, "push": False, "email": True},
            "billing": {"in_app": True, "push": False, "email": True},
            "spaces": {"in_app": True, "push": True, "email": False},
        },
        "quiet_hours": None,
        "digest_frequency": "WEEKLY",
        "timezone": "Asia/Tokyo",
    }

    patched = auth_client.patch(
        "/api/v1/notifications/preferences",
        {
            "channels": {"nudges": {"push": False}, "digests": {"email": False}},
            "quiet_hours": {"start": "22:30", "end": "07:00"},
            "digest_frequency": "daily",
        },
        format="json",
    ).json()
    assert patched["channels"]["nudges"] == {"in_app": True, "push": False, "email": False}
    assert patched["channels"]["digests"]["email"] is False
    assert patched["channels"]["reminders"] == defaults["channels"]["reminders"]
    assert patched["quiet_hours"] == {"start": "22:30", "end": "07:00"}
    assert patched["digest_frequency"] == "DAILY"

    again = auth_client.patch("/api/v1/notifications/preferences", {"quiet_hours": None}, format="json").json()
    assert again["quiet_hours"] is None
    assert again["channels"]["nudges"]["push"] is False  # kept
    assert auth_client.get("/api/v1/notifications/preferences").json() == again


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        {"channels": {"nudges": {"push": "maybe"}}},
        {"channels": {"nudges": {"sms": True}}},
        {"channels": {"unknown": {"push": False}}},
        {"quiet_hours": {"start": "25:00", "end": "07:00"}},
        {"quiet_hours": {"start": "07:00", "end": "07:00"}},
        {"quiet_hours": {"start": "07:00"}},
        {"digest_frequency": "HOURLY"},
    ],
)
def test_bad_preferences_are_refused(auth_client, body):
    answer = auth_client.patch("/api/v1/notifications/preferences", body, format="json")
    assert answer.status_code == 400, answer.json()


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_an_unsubscribe_link_turns_off_that_kinds_emails_only(api_client, user, method):
    url = unsubscribe_url(user=user, kind=Kind.DIGESTS)
    assert url.startswith("http://localhost:8000/api/v1/notifications/unsubscribe?token=")

    answer = getattr(api_client, method)(url.removeprefix("http://localhost:8000"))
    assert answer.status_code == 200
    assert answer.json() == {"kind": "DIGESTS", "email": False}
    assert getattr(api_client, method)(url.removeprefix("http://localhost:8000")).status_code == 200  # idempotent

    from apps.notifications.preferences import channel_matrix, settings_of

    user.refresh_from_db()
    matrix = channel_matrix(user, settings_of(user))
    assert matrix["digests"]["email"] is False
    assert matrix["billing"]["email"] is True


@pytest.mark.django_db
def test_a_forged_or_foreign_unsubscribe_token_is_refused(api_client, user):
    token = unsubscribe_token(user_id=user.pk, kind=Kind.DIGESTS)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    answer = api_client.get(f"/api/v1/notifications/unsubscribe?token={forged}")
    assert answer.status_code == 400
    assert "token" in answer.json()["error"]["details"]
    stranger = UserFactory.build()
    assert (
        api_client.get(
            f"/api/v1/notifications/unsubscribe?token={unsubscribe_token(user_id=stranger.pk, kind=Kind.NUDGES)}"
        ).status_code
        == 400
    )
