"""A write's body is checked before its view runs, whether or not the view reads it.

DRF parses a body only when a view reads ``request.data``, so an action that takes no input
(``POST courses/{id}/archive``) used to act on a malformed JSON body or a ``text/plain`` one. This
middleware first picks the view's parser as DRF would (its content negotiation): no parser for the
content type is a 415, and a JSON body that breaks the policy of :func:`maigie.encoding.parse_json` is a
400 (413 when too large), so a refused request changes nothing. Multipart bodies are left to the view.
Being a middleware, it answers before authentication: a malformed body is a 400 even without a token.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from rest_framework import exceptions
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.views import APIView

from maigie.api_errors import error_body
from maigie.encoding import JSONRefused, parse_json, too_large

WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _refusal(request: HttpRequest, exc: JSONRefused) -> JsonResponse:
    body = error_body(request=request, code=exc.code, message=exc.message, details=exc.details)
    return JsonResponse(body, status=exc.status)


def _content_length(request: HttpRequest) -> int:
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


class RequestBodyMiddleware:
    """415 for a body no parser of the view accepts; 400/413 for JSON the policy refuses."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        view_class = getattr(view_func, "cls", None)
        if request.method not in WRITES or not (isinstance(view_class, type) and issubclass(view_class, APIView)):
            return None
        if not hasattr(view_class, request.method.lower()):  # DRF answers 405 without reading the body
            return None
        length = _content_length(request)
        if length == 0:  # DRF reads no body either: the view sees empty data
            return None
        parsers = [parser() for parser in view_class.parser_classes]
        parser = view_class.content_negotiation_class().select_parser(Request(request, parsers=parsers), parsers)
        if parser is None:
            refusal = exceptions.UnsupportedMediaType(request.META.get("CONTENT_TYPE", ""))
            body = error_body(request=request, code=refusal.default_code, message=str(refusal.detail))
            return JsonResponse(body, status=refusal.status_code)
        if not isinstance(parser, JSONParser):
            return None
        try:
            if length > settings.JSON_MAX_BYTES:
                raise too_large(settings.JSON_MAX_BYTES)
            parse_json(request.body)  # kept by Django: the view's parser reads the same bytes again
        except JSONRefused as exc:
            return _refusal(request, exc)
        return None
