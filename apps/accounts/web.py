"""The Google web redirect flow: django-allauth does OAuth 2.0, we hand the browser our token pair.

``GET /api/v1/auth/google/web/login`` -> Google -> ``.../web/callback`` (allauth) ->
``.../web/complete`` -> ``GOOGLE_WEB_REDIRECT_URL#access=...&refresh=...`` on the frontend.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter, get_adapter
from allauth.socialaccount.models import SocialAccount, SocialLogin
from allauth.socialaccount.providers.google.views import oauth2_callback, oauth2_login
from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_GET
from rest_framework import exceptions

from apps.accounts.models import User
from apps.accounts.services.audit import Client
from apps.accounts.services.google import PROVIDER, google_user_for_claims
from apps.accounts.services.tokens import token_pair_for
from maigie.errors import NotConfigured


def _to_frontend(**fragment: str) -> HttpResponseRedirect:
    """Redirect to the frontend with ``fragment`` after ``#`` (never sent to any server, never logged)."""
    return HttpResponseRedirect(f"{settings.GOOGLE_WEB_REDIRECT_URL}#{urlencode(fragment)}")


class GoogleSocialAccountAdapter(DefaultSocialAccountAdapter):
    """Resolve Google logins with the same rules as ``POST /auth/google``; report errors to the frontend."""

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        try:
            user = google_user_for_claims(claims=sociallogin.account.extra_data, client=Client.from_request(request))
        except exceptions.APIException as exc:
            raise ImmediateHttpResponse(_to_frontend(error=str(exc.get_codes()))) from exc
        sociallogin.user = user
        sociallogin.account = SocialAccount.objects.get(provider=PROVIDER, uid=sociallogin.account.uid)

    def on_authentication_error(
        self,
        request: HttpRequest,
        provider: Any,
        error: Any = None,
        exception: Any = None,
        extra_context: Any = None,
    ) -> None:
        raise ImmediateHttpResponse(_to_frontend(error=str(error or "google_login_failed")))


@require_GET
def google_web_complete(request: HttpRequest) -> HttpResponse:
    """End of the web flow: trade the short-lived allauth session for our token pair."""
    user = request.user
    if not isinstance(user, User) or not user.is_active:
        return _to_frontend(error="google_login_failed")
    pair = token_pair_for(user=user)
    logout(request)
    return _to_frontend(**pair)


def _require_google_app(request: HttpRequest) -> None:
    if not get_adapter(request).list_apps(request, provider=PROVIDER):
        raise NotConfigured("Google sign-in is not configured.")  # 503 (maigie.json_errors)


@require_GET
def google_web_login(request: HttpRequest) -> HttpResponse:
    """Start the web flow (allauth's view), or 503 ``not_configured`` without a Google client."""
    _require_google_app(request)
    response: HttpResponse = oauth2_login(request)
    return response


@require_GET
def google_web_callback(request: HttpRequest) -> HttpResponse:
    """Google's redirect back (allauth's view), or 503 ``not_configured`` without a Google client."""
    _require_google_app(request)
    response: HttpResponse = oauth2_callback(request)
    return response
