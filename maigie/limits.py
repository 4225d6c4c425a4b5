"""Request limits checked before anything reads the request: query-string length and characters."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from maigie.api_errors import error_body


class QueryStringLimitMiddleware:
    """414 for a query string over ``QUERY_STRING_MAX_LENGTH`` bytes, 400 for one holding U+0000.

    PostgreSQL cannot store or compare U+0000, so ``%00`` in a filter would otherwise fail deep
    inside a query; the limit keeps one request from carrying megabytes of filters.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        limit: int = settings.QUERY_STRING_MAX_LENGTH
        if len(query) > limit:
            body = error_body(
                request=request,
                code="uri_too_long",
                message=f"The query string is longer than {limit} bytes.",
                details={"max_length": limit},
            )
            return JsonResponse(body, status=414)
        if "%00" in query or "\x00" in query:
            body = error_body(
                request=request,
                code="bad_request",
                message="The query string may not contain U+0000 (%00).",
                details={"forbidden_characters": ["U+0000"]},
            )
            return JsonResponse(body, status=400)
        return self.get_response(request)
