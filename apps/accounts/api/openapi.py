"""OpenAPI helpers: error responses in the one error shape, with examples."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, OpenApiResponse

from apps.accounts.api.serializers import ErrorSerializer

_ERROR_EXAMPLES = {
    400: ("validation_error", "Invalid input.", {"email": ["Enter a valid email address."]}),
    401: ("invalid_credentials", "Invalid e-mail or password.", {}),
    403: ("permission_denied", "You do not have permission to perform this action.", {}),
    404: ("not_found", "Not found.", {}),
    429: ("throttled", "Request was throttled. Expected available in 42 seconds.", {"retry_after": 42}),
}


def errors(*statuses: int) -> dict[int, OpenApiResponse]:
    """OpenAPI responses for error ``statuses``, each with an example of the one error shape."""
    responses = {}
    for code in statuses:
        name, message, details = _ERROR_EXAMPLES[code]
        example = {"code": name, "message": message, "details": details, "request_id": "3f2c9a0e5b7d4c1e"}
        responses[code] = OpenApiResponse(
            ErrorSerializer, examples=[OpenApiExample(name, value={"error": example}, status_codes=[code])]
        )
    return responses
