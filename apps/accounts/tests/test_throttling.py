"""Rate limits: atomic Redis counters on every endpoint, 429 with Retry-After in the one shape."""

import threading

import pytest
from django.conf import settings
from django.db import connections
from django.test import override_settings
from rest_framework.settings import api_settings
from rest_framework.test import APIClient

from apps.accounts.models import SecurityEvent
from apps.accounts.services import token_pair_for
from apps.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from apps.accounts.throttling import hit, parse_rate

RATES = {**api_settings.DEFAULT_THROTTLE_RATES}


def rates(**changes):
    return override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {**RATES, **changes}})


def _login(client, email, password="wrong", ip="10.0.0.1"):
    return client.post("/api/v1/auth/login", {"email": email, "password": password}, REMOTE_ADDR=ip)


def test_parse_rate():
    assert parse_rate("5/min") == (5, 60)
    assert parse_rate("100/hour") == (100, 3600)
    assert parse_rate("2/s") == (2, 1)


def test_hit_counts_within_a_window():
    assert hit("test:window", window=60)[0] == 1
    hits, wait = hit("test:window", window=60)
    assert hits == 2
    assert 0 < wait <= 60


@pytest.mark.django_db
def test_login_is_limited_per_email_with_retry_after(api_client, user):
    with rates(auth="100/min", auth_email="3/min"):
        statuses = [_login(api_client, user.email, ip=f"10.0.0.{i}").status_code for i in range(3)]
        refused = _login(api_client, user.email.upper(), password=DEFAULT_PASSWORD, ip="10.0.0.9")
        other_account = _login(api_client, "someone@example.com", ip="10.0.0.9")

    assert statuses == [401, 401, 401]
    assert refused.status_code == 429
    error = refused.json()["error"]
    assert error["code"] == "throttled"
    assert set(error) == {"code", "message", "details", "request_id"}
    assert 0 < error["details"]["retry_after"] <= 60
    assert int(refused["Retry-After"]) == error["details"]["retry_after"]
    assert other_account.status_code == 401


@pytest.mark.django_db
def test_auth_endpoints_are_limited_per_ip(api_client):
    with rates(auth="2/min", auth_email="100/min"):
        first = [_login(api_client, f"u{i}@example.com").status_code for i in range(2)]
        third = _login(api_client, "u3@example.com")
        elsewhere = _login(api_client, "u4@example.com", ip="10.9.9.9")
        forgot = api_client.post("/api/v1/auth/password/forgot", {"email": "x@example.com"}, REMOTE_ADDR="10.0.0.1")

    assert first == [401, 401]
    assert third.status_code == 429
    assert elsewhere.status_code == 401
    assert forgot.status_code == 429  # the same ``auth`` budget covers every auth endpoint


@pytest.mark.django_db
def test_default_user_limit_applies_to_any_endpoint(auth_client, user, other_user):
    other = APIClient()
    other.credentials(HTTP_AUTHORIZATION=f"Bearer {token_pair_for(user=other_user)['access']}")
    with rates(user="3/min"):
        statuses = [auth_client.get("/api/v1/notifications/").status_code for _ in range(4)]
        other_status = other.get("/api/v1/users/me").status_code

    assert statuses == [200, 200, 200, 429]
    assert other_status == 200


@pytest.mark.django_db
def test_default_anonymous_limit_is_per_ip(api_client):
    def forgot(ip):
        return api_client.post("/api/v1/auth/password/forgot", {"email": "x@example.com"}, REMOTE_ADDR=ip).status_code

    with rates(anon="2/min", auth="100/min", auth_email="100/min"):
        statuses = [forgot("10.1.1.1") for _ in range(3)]
        elsewhere = forgot("10.1.1.2")

    assert statuses == [202, 202, 429]
    assert elsewhere == 202


@pytest.mark.django_db(transaction=True)
def test_fifty_parallel_wrong_logins_let_at_most_the_limit_through():
    limit = 5
    user = UserFactory.create()
    barrier = threading.Barrier(50)
    statuses: list[int] = []
    lock = threading.Lock()

    def attempt(i: int) -> None:
        client = APIClient()
        barrier.wait()
        try:
            status = _login(client, user.email, ip=f"10.2.{i // 250}.{i % 250}").status_code
        finally:
            connections.close_all()
        with lock:
            statuses.append(status)

    with rates(auth="1000/min", auth_email=f"{limit}/min"):
        threads = [threading.Thread(target=attempt, args=(i,)) for i in range(50)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    passed = [status for status in statuses if status != 429]
    assert len(statuses) == 50
    assert set(passed) == {401}
    assert len(passed) <= limit + 1
    assert len(passed) == limit  # the counter is atomic: exactly the limit passes


@pytest.mark.django_db
def test_account_deletion_shares_the_auth_limit(auth_client, user):
    with rates(auth="2/min"):
        statuses = [auth_client.delete("/api/v1/users/me", {"password": "wrong"}).status_code for _ in range(3)]
        reads = [auth_client.get("/api/v1/users/me").status_code for _ in range(3)]

    assert statuses == [400, 400, 429]
    assert reads == [200, 200, 200]  # only DELETE is in the ``auth`` scope


@pytest.mark.django_db
@pytest.mark.parametrize("authorization", [None, "Bearer not-a-token"], ids=["no-token", "forged-token"])
def test_requests_refused_for_credentials_count_against_the_anonymous_limit(api_client, authorization):
    headers = {"HTTP_AUTHORIZATION": authorization} if authorization else {}
    with rates(anon="2/min"):
        statuses = [api_client.get("/api/v1/users/me", REMOTE_ADDR="10.3.3.3", **headers).status_code for _ in range(3)]
        elsewhere = api_client.get("/api/v1/users/me", REMOTE_ADDR="10.3.3.4", **headers).status_code

    assert statuses == [401, 401, 429]
    assert elsewhere == 401


@pytest.mark.django_db
def test_a_forged_x_forwarded_for_does_not_escape_the_per_ip_limits(api_client, settings):
    settings.TRUSTED_PROXIES = []
    with rates(auth="3/min", auth_email="100/min", anon="5/min"):
        logins = [
            api_client.post(
                "/api/v1/auth/login",
                {"email": f"u{i}@example.com", "password": "x"},
                REMOTE_ADDR="203.0.113.7",
                HTTP_X_FORWARDED_FOR=f"198.51.100.{i}",
            ).status_code
            for i in range(4)
        ]
        forged = [
            api_client.get(
                "/api/v1/users/me",
                REMOTE_ADDR="203.0.113.8",
                HTTP_X_FORWARDED_FOR=f"198.51.100.{i}",
                HTTP_AUTHORIZATION="Bearer forged",
            ).status_code
            for i in range(6)
        ]

    assert logins == [401, 401, 401, 429]
    assert forged == [401] * 5 + [429]


@pytest.mark.django_db
def test_behind_a_trusted_proxy_each_client_is_counted_and_audited_by_its_own_address(api_client, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]

    def login(client_ip, spoofed="1.2.3.4"):
        return api_client.post(
            "/api/v1/auth/login",
            {"email": f"{client_ip}@example.com", "password": "x"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"{spoofed}, {client_ip}",
        ).status_code

    with rates(auth="2/min", auth_email="100/min"):
        first = [login("203.0.113.7", spoofed=f"1.2.3.{i}") for i in range(3)]
        other = login("203.0.113.8")

    assert first == [401, 401, 429]
    assert other == 401
    assert SecurityEvent.objects.filter(ip_address="203.0.113.7").count() == 2
    assert SecurityEvent.objects.filter(ip_address="203.0.113.8").count() == 1
