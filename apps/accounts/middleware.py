"""Content-Security-Policy header by path prefix (``CONTENT_SECURITY_POLICIES``)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class ContentSecurityPolicyMiddleware:
    """Add the policy of the first matching path prefix unless the response set its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            for prefix, policy in settings.CONTENT_SECURITY_POLICIES:
                if request.path.startswith(prefix):
                    response["Content-Security-Policy"] = policy
                    break
        return response
