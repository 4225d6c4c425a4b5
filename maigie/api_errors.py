"""The one error shape: ``{"error": {"code", "message", "details", "request_id"}}``.

Used by DRF (``EXCEPTION_HANDLER``), Django's 400/403/404/500 handlers and CSRF failures.
"""

from __future__ import annotations

import math
import sys
from typing import Any

import redis
import structlog
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, JsonResponse
from django_redis.exceptions import ConnectionInterrupted
from rest_framework import exceptions, status
from rest_framework.fields import get_error_detail
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from maigie import tracing
from maigie.encoding import JSONRefused
from maigie.errors import Conflict, NotConfigured, PaymentRequired
from maigie.request_context import request_id_for

logger = structlog.get_logger(__name__)

# Redis unreachable or too slow: rate limits, idempotency keys and the cache cannot be checked, so
# requests are refused (fail closed) with 503 and Retry-After rather than served unmetered.
REDIS_UNAVAILABLE = (redis.ConnectionError, redis.TimeoutError, ConnectionInterrupted)
RETRY_AFTER_UNAVAILABLE = 30  # seconds


class ServiceUnavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "A service the API depends on is unavailable; retry later."
    default_code = "service_unavailable"
    wait = RETRY_AFTER_UNAVAILABLE  # DRF sends it as Retry-After


class NotConfiguredError(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "This feature is not configured on this server."
    default_code = "not_configured"


class ConflictError(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state."
    default_code = "conflict"


# A constraint broken by a concurrent request (the services check before writing, so these are races):
# PostgreSQL's SQLSTATE -> the 409 answered instead of a 500. Other integrity errors stay 500s (defects).
RACE_CONFLICTS = {
    "23503": "Something this request refers to was deleted meanwhile; reload and retry.",  # foreign key
    "23505": "This was created by another request meanwhile; reload and retry.",  # unique
}


def _race_conflict(exc: IntegrityError) -> ConflictError | None:
    """The 409 for a race; logged with the constraint's name, so a check a service forgot shows up too."""
    cause = exc.__cause__
    message = RACE_CONFLICTS.get(getattr(cause, "sqlstate", None) or "")
    if not message:
        return None
    constraint = getattr(getattr(cause, "diag", None), "constraint_name", None)
    logger.warning("integrity_conflict", sqlstate=getattr(cause, "sqlstate", None), constraint=constraint)
    return ConflictError(message, code="conflict")


def error_body(*, request: HttpRequest, code: str, message: str, details: Any = None) -> dict[str, Any]:
    """Build the error payload every endpoint answers with (``trace_id`` too while tracing is on)."""
    error = {
        "code": code,
        "message": message,
        "details": details if details is not None else {},
        "request_id": request_id_for(request),
    }
    current_trace = tracing.trace_id()
    if current_trace:
        error["trace_id"] = current_trace
    return {"error": error}


def _message_and_details(exc: exceptions.APIException) -> tuple[str, Any]:
    detail = exc.detail
    if isinstance(exc, exceptions.ValidationError):
        details = detail if isinstance(detail, dict) else {"non_field_errors": detail}
        return "Invalid input.", details
    if isinstance(detail, dict):
        message = str(detail.get("detail", exc.default_detail))
        return message, {key: value for key, value in detail.items() if key not in ("detail", "code")}
    if isinstance(detail, list):
        return str(exc.default_detail), {"errors": detail}
    return str(detail), {}


def _code(exc: exceptions.APIException) -> str:
    if isinstance(exc, exceptions.ValidationError):
        return "validation_error"
    if isinstance(exc.detail, dict) and isinstance(exc.detail.get("code"), str):
        return str(exc.detail["code"])  # simplejwt puts its code in the detail: {"detail", "code"}
    codes = exc.get_codes()
    return codes if isinstance(codes, str) else str(exc.default_code)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF exception handler rendering every API error in the one shape."""
    if isinstance(exc, PaymentRequired):  # 402, not 429: waiting seconds and retrying does not help
        body = error_body(request=context["request"], code=exc.code, message=exc.message, details=exc.details)
        return Response(body, status=status.HTTP_402_PAYMENT_REQUIRED)
    if isinstance(exc, JSONRefused):  # maigie.parsers: the JSON parsing policy
        body = error_body(request=context["request"], code=exc.code, message=exc.message, details=exc.details)
        return Response(body, status=exc.status)
    if isinstance(exc, REDIS_UNAVAILABLE):
        exc = ServiceUnavailable()
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, Conflict):
        exc = ConflictError(exc.message, code=exc.code)
    elif isinstance(exc, NotConfigured):
        exc = NotConfiguredError(exc.message)
    elif isinstance(exc, DjangoValidationError):  # raised by services and model validation
        exc = exceptions.ValidationError(detail=get_error_detail(exc))
    elif isinstance(exc, IntegrityError):
        exc = _race_conflict(exc) or exc
    response = drf_exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return None  # unexpected: Django's handler500 answers, in the same shape
    message, details = _message_and_details(exc)
    wait = getattr(exc, "wait", None)
    if wait is not None:  # throttled, or a service unavailable
        details = {**details, "retry_after": math.ceil(wait)}
    response.data = error_body(request=context["request"], code=_code(exc), message=message, details=details)
    return response


def _json_error(request: HttpRequest, *, status_code: int, code: str, message: str) -> JsonResponse:
    return JsonResponse(error_body(request=request, code=code, message=message), status=status_code)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    """``handler400``."""
    return _json_error(request, status_code=status.HTTP_400_BAD_REQUEST, code="bad_request", message="Bad request.")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    """``handler403``."""
    return _json_error(
        request, status_code=status.HTTP_403_FORBIDDEN, code="permission_denied", message="Permission denied."
    )


def not_found(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    """``handler404``."""
    return _json_error(request, status_code=status.HTTP_404_NOT_FOUND, code="not_found", message="Not found.")


def service_unavailable(request: HttpRequest) -> JsonResponse:
    """503 with ``Retry-After`` while Redis is unreachable."""
    response = JsonResponse(
        error_body(
            request=request,
            code=ServiceUnavailable.default_code,
            message=str(ServiceUnavailable.default_detail),
            details={"retry_after": RETRY_AFTER_UNAVAILABLE},
        ),
        status=status.HTTP_503_SERVICE_UNAVAILABLE,
    )
    response["Retry-After"] = str(RETRY_AFTER_UNAVAILABLE)
    return response


def server_error(request: HttpRequest) -> JsonResponse:
    """``handler500``: never leaks a traceback; an unreachable Redis (e.g. in a middleware) answers 503."""
    if isinstance(sys.exc_info()[1], REDIS_UNAVAILABLE):
        return service_unavailable(request)
    return _json_error(
        request,
        status_code=status.HTTP_500_INTERNAL_SERVER_ERROR,
        code="server_error",
        message="Internal server error.",
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> JsonResponse:
    """``CSRF_FAILURE_VIEW``."""
    return _json_error(
        request, status_code=status.HTTP_403_FORBIDDEN, code="csrf_failed", message="CSRF verification failed."
    )
