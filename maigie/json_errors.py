"""Under ``/api/`` and ``/health/``: both slash forms of a path work, and every error is JSON.

Django answers some errors itself, outside DRF and the ``handler*`` views: with ``DEBUG`` on, its
HTML debug pages for 404 and 500; ``require_GET``'s empty 405; ``APPEND_SLASH``'s redirect (or, in
DEBUG, its ``RuntimeError`` for a POST). This middleware replaces any such non-JSON error with the
one error shape, in every settings module, and serves a path given with the other trailing-slash
form than its route's (``/api/v1/courses`` as ``/api/v1/courses/``) instead of redirecting.
"""

from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import is_valid_path

from maigie.api_errors import error_body
from maigie.errors import NotConfigured

JSON_PREFIXES = ("/api/", "/health/")
_JSON_ROOTS = frozenset(prefix.rstrip("/") for prefix in JSON_PREFIXES)  # "/api" is "/api/" without its slash
_KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate")


def _is_json_path(path: str) -> bool:
    return path.startswith(JSON_PREFIXES) or path in _JSON_ROOTS


def _use_canonical_slash(request: HttpRequest) -> None:
    """Route a path written with the other trailing-slash form to the route that exists."""
    path = request.path_info
    urlconf = getattr(request, "urlconf", None)
    if is_valid_path(path, urlconf):
        return
    other = path[:-1] if path.endswith("/") else f"{path}/"
    if other != "" and is_valid_path(other, urlconf):
        request.path = request.path[: len(request.path) - len(path)] + other
        request.path_info = other


def _error_response(request: HttpRequest, *, status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse(error_body(request=request, code=code, message=message), status=status)


def _as_json(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    status = HTTPStatus(response.status_code)
    code = {500: "server_error", 403: "permission_denied", 400: "bad_request"}.get(
        status.value, status.phrase.lower().replace(" ", "_").replace("-", "_")
    )
    message = "Internal server error." if status.value >= 500 else f"{status.phrase}."
    replacement = _error_response(request, status=status.value, code=code, message=message)
    for header in _KEPT_HEADERS:
        if header in response:
            replacement[header] = response[header]
    response.close()
    return replacement


class JsonErrorMiddleware:
    """Slash-insensitive routing and JSON-only errors for the API and the health probes."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _is_json_path(request.path_info):
            return self.get_response(request)
        _use_canonical_slash(request)
        response = self.get_response(request)
        content_type = response.get("Content-Type", "")
        if response.status_code >= 400 and not content_type.startswith(("application/json", "text/event-stream")):
            return _as_json(request, response)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """Domain errors raised by plain Django views (DRF views render their own)."""
        if isinstance(exception, NotConfigured) and _is_json_path(request.path_info):
            return _error_response(request, status=503, code="not_configured", message=exception.message)
        return None
