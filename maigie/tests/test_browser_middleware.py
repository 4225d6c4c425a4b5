"""Session, session-user and messages middleware skip /api/ without weakening anything."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver

from apps.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from maigie.browser_middleware import (
    SESSION_API_PREFIXES,
    AuthenticationMiddleware,
    MessageMiddleware,
    SessionMiddleware,
)


def _views(patterns: list[Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _views(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern.callback


def test_every_api_view_outside_the_session_flow_is_csrf_exempt():
    """No view under /api/ outside the web sign-in flow relies on a session or on the CSRF middleware."""
    api_views = [
        (route, view)
        for route, view in _views(get_resolver().url_patterns)
        if route.startswith("api/") and not f"/{route}".startswith(SESSION_API_PREFIXES)
    ]
    assert len(api_views) > 100
    assert [route for route, view in api_views if not getattr(view, "csrf_exempt", False)] == []


@pytest.mark.django_db
def test_a_session_authenticates_nothing_on_the_api():
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory.create(is_staff=True, is_superuser=True))
    assert client.get("/admin/").status_code == 200  # the session is valid for the admin

    answer = client.get("/api/v1/courses/")
    assert answer.status_code == 401
    assert answer.cookies == {}  # neither a session nor a CSRF cookie is touched on the API
    assert "Cookie" not in answer.get("Vary", "")
    assert client.post("/api/v1/courses/", {"title": "x"}, content_type="application/json").status_code == 401


@pytest.mark.django_db
def test_admin_login_still_needs_the_csrf_token():
    staff = UserFactory.create(is_staff=True, is_superuser=True)
    client = Client(enforce_csrf_checks=True)
    credentials = {"username": staff.email, "password": DEFAULT_PASSWORD}

    refused = client.post("/admin/login/", credentials)
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "csrf_failed"

    client.get("/admin/login/")
    token = client.cookies["csrftoken"].value
    assert client.post("/admin/login/?next=/admin/", {**credentials, "csrfmiddlewaretoken": token}).status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_console_messages_still_reach_the_next_page():
    """The session and messages middleware still run for the admin: a flash message survives a redirect."""
    staff = UserFactory.create(is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(staff)
    page = client.post(f"/admin/console/users/{staff.pk}/", {"action": "no-such-action"}, follow=True)
    assert page.status_code == 200
    assert "Unknown or forbidden action." in page.content.decode()


def test_api_requests_pass_the_session_user_and_messages_middleware_untouched():
    seen = []

    def probe(request):
        seen.append((hasattr(request, "session"), hasattr(request, "user"), hasattr(request, "_messages")))
        return HttpResponse()

    chain = SessionMiddleware(AuthenticationMiddleware(MessageMiddleware(probe)))
    for path in ("/api/v1/courses/", "/api/v1/auth/google/web/login", "/admin/"):
        chain(RequestFactory().get(path))

    assert seen == [(False, False, False), (True, True, True), (True, True, True)]
