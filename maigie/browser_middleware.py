"""Session, session-user and messages middleware that run for browser pages only.

The API authenticates by JWT alone (``DEFAULT_AUTHENTICATION_CLASSES``), so on ``/api/`` these
middleware only cost time: a session cookie sent there authenticates nothing. They still run for
the admin, the console, allauth's pages and the one API prefix that lives on a session: the Google
web redirect flow (``SESSION_API_PREFIXES``). Django's CSRF middleware stays everywhere (the deploy
check requires it; every DRF view is CSRF-exempt, which ``maigie/tests/test_browser_middleware.py``
checks for every view under ``/api/`` outside that flow). allauth's ``AccountMiddleware`` stays
as it is: allauth requires it by name, and on the API it only sets a context variable.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib.auth.middleware import AuthenticationMiddleware as _AuthenticationMiddleware
from django.contrib.messages.middleware import MessageMiddleware as _MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware as _SessionMiddleware
from django.http import HttpRequest, HttpResponse

API_PREFIX = "/api/"
SESSION_API_PREFIXES = ("/api/v1/auth/google/web/",)  # allauth keeps the OAuth state in the session


def is_browser_request(request: HttpRequest) -> bool:
    """Whether a request may live on a session: anything outside ``/api/``, and the web sign-in flow."""
    path = request.path_info
    return not path.startswith(API_PREFIX) or path.startswith(SESSION_API_PREFIXES)


class _BrowserOnly:
    """Mixin for a ``MiddlewareMixin`` middleware: pass API requests straight through."""

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if is_browser_request(request):
            response: HttpResponse = super().__call__(request)  # type: ignore[misc]
            return response
        passed: HttpResponse = cast(Any, self).get_response(request)
        return passed


class SessionMiddleware(_BrowserOnly, _SessionMiddleware):
    """Django's session middleware, for browser requests only."""


class AuthenticationMiddleware(_BrowserOnly, _AuthenticationMiddleware):
    """Django's session user (``request.user``), for browser requests only; DRF sets the API's."""


class MessageMiddleware(_BrowserOnly, _MessageMiddleware):
    """Django's messages, for browser requests only."""
