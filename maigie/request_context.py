"""Request id on every request and response, and one structured log line per request."""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar

import structlog
from django.http import HttpRequest, HttpResponse

from maigie import sentry, tracing

REQUEST_ID_HEADER = "X-Request-ID"
_SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")
logger = structlog.get_logger("maigie.request")


# The signed-in user's IANA time zone: times sent without an offset are read in it (maigie.fields).
_input_timezone: ContextVar[str | None] = ContextVar("input_timezone", default=None)


def input_timezone() -> str | None:
    """The time zone this request's naive times are read in (the user's), if a user signed in."""
    return _input_timezone.get()


def set_input_timezone(name: str | None) -> None:
    """Read this request's naive times in ``name`` (authentication sets the user's)."""
    _input_timezone.set(name)


def request_id_for(request: HttpRequest) -> str:
    """The request's id: set by the middleware, or a fresh one outside it."""
    return getattr(request, "request_id", None) or uuid.uuid4().hex


class RequestContextMiddleware:
    """Echo a sane incoming ``X-Request-ID`` (or make one) and log the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if _SANE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        structlog.contextvars.clear_contextvars()
        set_input_timezone(None)
        structlog.contextvars.bind_contextvars(request_id=request_id)
        current_trace = tracing.trace_id()
        if current_trace:  # tracing on: logs and error answers name the trace
            structlog.contextvars.bind_contextvars(trace_id=current_trace)
        started = time.perf_counter()
        token = sentry.current_request.set(request)  # an error reported to Sentry names the request and user
        try:
            response = self.get_response(request)
        finally:
            sentry.current_request.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        user = getattr(request, "user", None)
        logger.info(
            "request",
            method=request.method,
            path=request.path,
            status=response.status_code,
            duration_ms=round((time.perf_counter() - started) * 1000, 2),
            user_id=str(user.pk) if user is not None and user.is_authenticated else None,
        )
        return response
