"""OpenAPI generation: the one error shape, and every error status each operation can answer.

``AutoSchema`` (``DEFAULT_SCHEMA_CLASS``) adds to each operation the error responses it can give:
400, 414, 429 and 503 everywhere (a malformed or over-long query string; throttling; Redis down or
the password hasher busy), 413 when it takes a body, 401 when it authenticates, 403 for views with
a stricter permission than "authenticated", 404 when the path holds an id, a body field names an
object (``*_id``) or the list is paginated (a page past the last), 409/422 for unsafe methods (``Idempotency-Key``), 402
for the methods a view lists in ``plan_limited_methods``, 412 (with the ``If-Match`` header) for the
writes of a view with ``maigie.preconditions.IfMatchMixin``. GET lists are documented
paginated unless the view sets ``pagination_class = None``.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular import openapi
from drf_spectacular.plumbing import force_instance
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse
from rest_framework import permissions, serializers
from rest_framework.pagination import BasePagination

from maigie.pagination import PageNumberPagination
from maigie.preconditions import CONDITIONAL_METHODS, IfMatchMixin, PreconditionFailed

UNSAFE_METHODS = ("POST", "PUT", "PATCH", "DELETE")

_ERROR_EXAMPLES: dict[int, tuple[str, str, dict[str, Any]]] = {
    400: ("validation_error", "Invalid input.", {"field": ["This field is required."]}),
    401: ("not_authenticated", "Authentication credentials were not provided.", {}),
    402: ("plan_limit", "Your plan allows 3 active courses.", {"metric": "active_courses", "limit": 3, "used": 3}),
    403: ("permission_denied", "You do not have permission to perform this action.", {}),
    404: ("not_found", "Not found.", {}),
    409: ("idempotency_in_progress", "A request with this Idempotency-Key is still running.", {}),
    412: ("precondition_failed", PreconditionFailed.default_detail, {}),
    413: ("payload_too_large", "The request body is larger than 1048576 bytes.", {"max_bytes": 1048576}),
    414: ("uri_too_long", "The query string is longer than 4096 bytes.", {"max_length": 4096}),
    422: ("idempotency_key_reused", "This Idempotency-Key was used for a different request.", {}),
    429: ("throttled", "Request was throttled. Expected available in 42 seconds.", {"retry_after": 42}),
    503: ("service_unavailable", "A service the API depends on is unavailable; retry later.", {"retry_after": 30}),
}


class ErrorBodySerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    message = serializers.CharField()
    details = serializers.DictField()
    request_id = serializers.CharField()
    trace_id = serializers.CharField(required=False, help_text="The OpenTelemetry trace, when tracing is on.")


class ErrorSerializer(serializers.Serializer[Any]):
    """The one error shape of the API."""

    class Meta:
        ref_name = "Error"

    error = ErrorBodySerializer()


def errors(*statuses: int) -> dict[int, OpenApiResponse]:
    """OpenAPI responses for error ``statuses``, each with an example of the one error shape."""
    responses = {}
    for status_code in statuses:
        code, message, details = _ERROR_EXAMPLES[status_code]
        example = {"code": code, "message": message, "details": details, "request_id": "3f2c9a0e5b7d4c1e"}
        responses[status_code] = OpenApiResponse(
            ErrorSerializer,
            description=code,
            examples=[OpenApiExample(code, value={"error": example}, status_codes=[status_code], response_only=True)],
        )
    return responses


IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    description="Retry safely: the same key answers the first request's response (docs/api.md).",
    pattern=r"^[\x21-\x7e]{1,255}$",
)

IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    description="Change only the version you read: its GET's ETag (or `*`); another answers 412 (docs/api.md).",
)


def _has_id_fields(serializer: Any) -> bool:
    serializer = getattr(serializer, "child", serializer)
    if not isinstance(serializer, serializers.Serializer):
        return False
    return any(name.endswith(("_id", "_ids")) or _has_id_fields(field) for name, field in serializer.fields.items())


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's AutoSchema with our pagination default and the error responses of each operation."""

    def _get_paginator(self) -> BasePagination | None:
        if self.method != "GET":
            return None
        if not hasattr(self.view, "pagination_class"):
            return PageNumberPagination()
        pagination_class: type[BasePagination] | None = self.view.pagination_class
        return pagination_class() if pagination_class else None

    def _authenticates(self) -> bool:
        return bool(self.view.authentication_classes)

    def _idempotent(self) -> bool:
        return self.method in UNSAFE_METHODS and self._authenticates() and not self.path.startswith("/api/v1/auth/")

    def _conditional(self) -> bool:
        return self.method in CONDITIONAL_METHODS and isinstance(self.view, IfMatchMixin)

    def get_override_parameters(self) -> list[Any]:
        parameters = list(super().get_override_parameters())
        if self._idempotent():
            parameters.append(IDEMPOTENCY_KEY)
        if self._conditional():
            parameters.append(IF_MATCH)
        return parameters

    def _body_names_objects(self, operation: dict[str, Any]) -> bool:
        """The request body has a ``*_id``/``*_ids`` field: another user's (or no) object there is a 404."""
        if "requestBody" not in operation:
            return False
        request = self.get_request_serializer()
        per_media_type = request.values() if isinstance(request, dict) else [request]  # {"multipart/form-data": S}
        return any(_has_id_fields(force_instance(body)) for body in per_media_type)

    def _error_statuses(self, operation: dict[str, Any]) -> set[int]:
        statuses = {400, 414, 429, 503}
        if "requestBody" in operation:
            statuses.add(413)
        if self._authenticates():
            statuses.add(401)
        plain = (permissions.AllowAny, permissions.IsAuthenticated)
        if any(not (isinstance(p, type) and issubclass(p, plain)) for p in self.view.permission_classes):
            statuses.add(403)
        if "{" in self.path or (self._get_paginator() and self._is_list_view()) or self._body_names_objects(operation):
            statuses.add(404)  # an id that is not the caller's (in the path or the body); a page past the last
        if self._idempotent():
            statuses |= {409, 422}
        if self.method in getattr(self.view, "plan_limited_methods", ()):
            statuses.add(402)
        if self._conditional():
            statuses.add(412)
        return statuses

    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        operation: dict[str, Any] | None = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        responses = operation["responses"]
        for status_code, response in errors(*sorted(self._error_statuses(operation))).items():
            if str(status_code) not in responses:
                responses[str(status_code)] = self._get_response_for_code(response, str(status_code))
        return operation


def strict_request_bodies(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Request bodies declare ``additionalProperties: false``: ``maigie.api.validated`` refuses undeclared keys.

    A client generated from the schema then catches a misnamed field before sending it.
    """
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request") and component.get("type") == "object":
            component["additionalProperties"] = False
    return result
