"""``Idempotency-Key`` on unsafe API requests: a retry with the same key replays the first answer.

Keys are scoped to the caller (the access token's user) and kept for a day in Redis; requests
without a valid access token, and the authentication endpoints (whose answers carry credentials,
which are never stored), run as usual. The first request with a key runs; one arriving while it runs
answers 409 ``idempotency_in_progress``; a later one gets the stored response again (with
``Idempotent-Replayed: true``) and changes nothing, or 422 ``idempotency_key_reused`` when its
method, path or body differ. Server errors (5xx) and throttled answers (429) are not kept, so
those requests can be retried with the same key.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django_redis import get_redis_connection
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import InvalidToken, TokenError
from rest_framework_simplejwt.settings import api_settings as jwt_settings

from maigie.api_errors import error_body

KEY_HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
KEEP_SECONDS = 24 * 60 * 60
RUNNING_SECONDS = 5 * 60  # a request whose process died frees its key after this
KEPT_HEADERS = ("Content-Type", "Location")
EXCLUDED_PREFIX = "/api/v1/auth/"
_SANE_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")


def slot_for(*, caller: str, key: str) -> str:
    """The Redis key holding ``caller``'s request made with ``key``."""
    return f"maigie:idempotency:{caller}:{hashlib.sha256(key.encode()).hexdigest()}"


def caller_of(request: HttpRequest) -> str | None:
    """Whom a key belongs to: ``user:<id>`` from a valid access token, else None."""
    authentication = JWTAuthentication()
    header = authentication.get_header(request)  # type: ignore[arg-type]
    if header is None:
        return None
    raw = authentication.get_raw_token(header)
    if raw is None:
        return None
    try:
        token = authentication.get_validated_token(raw)
    except (InvalidToken, TokenError):
        return None
    return f"user:{token[jwt_settings.USER_ID_CLAIM]}"


class IdempotencyMiddleware:
    """Run each keyed unsafe ``/api/`` request once per caller and key; replay its answer after."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = request.headers.get(KEY_HEADER)
        if (
            key is None
            or request.method not in UNSAFE_METHODS
            or not request.path.startswith("/api/")
            or request.path.startswith(EXCLUDED_PREFIX)
        ):
            return self.get_response(request)
        if not _SANE_KEY.match(key):
            return _error(
                request,
                400,
                "validation_error",
                "Invalid input.",
                {KEY_HEADER: ["Must be 1 to 255 visible ASCII characters."]},
            )
        caller = caller_of(request)
        if caller is None:
            return self.get_response(request)
        slot = slot_for(caller=caller, key=key)
        fingerprint = _fingerprint(request)
        redis = get_redis_connection("default")
        if not redis.set(slot, json.dumps({"fingerprint": fingerprint}), nx=True, ex=RUNNING_SECONDS):
            return _answer_again(request, redis.get(slot), fingerprint)
        try:
            response = self.get_response(request)
        except BaseException:
            redis.delete(slot)
            raise
        if response.status_code >= 500 or response.status_code == 429:
            redis.delete(slot)
        else:
            redis.set(slot, json.dumps({"fingerprint": fingerprint, **_recorded(response)}), ex=KEEP_SECONDS)
        return response


def _fingerprint(request: HttpRequest) -> str:
    """A digest of the method, path, ``If-Match`` and body; a form upload is read as fields and files, never held whole.

    ``If-Match`` is part of the request (``maigie.preconditions``): the same key sent again after a 412
    with the ETag read since is another request (422), not answered with the kept 412.
    """
    digest = hashlib.sha256(f"{request.method} {request.get_full_path()}\n".encode())
    if "If-Match" in request.headers:
        digest.update(f"If-Match: {request.headers['If-Match']}\n".encode())
    if request.method == "POST" and request.content_type == "multipart/form-data":
        _digest_form(digest, request)
    else:
        digest.update(request.body)
    return digest.hexdigest()


def _digest_form(digest: Any, request: HttpRequest) -> None:
    """Fields and files of a multipart POST: Django streams big files to disk, so no memory limit applies here.

    A body Django cannot parse leaves the form empty; the view then refuses it in the error shape.
    """
    try:
        fields, files = request.POST, request.FILES
    except MultiPartParserError:
        fields, files = request.POST, request.FILES  # marked empty by the failed parse
    for name, values in sorted(fields.lists()):
        digest.update(json.dumps([name, values]).encode())
    for name, uploads in sorted(files.lists()):
        for upload in uploads:
            digest.update(json.dumps([name, upload.name, upload.size]).encode())
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)


def _recorded(response: HttpResponse) -> dict[str, Any]:
    if response.streaming:
        return {"streamed": True}
    return {
        "status": response.status_code,
        "headers": {name: response[name] for name in KEPT_HEADERS if response.has_header(name)},
        "body": base64.b64encode(response.content).decode(),
    }


def _answer_again(request: HttpRequest, stored: bytes | None, fingerprint: str) -> HttpResponse:
    record = json.loads(stored) if stored else {}
    if record and record["fingerprint"] != fingerprint:
        return _error(
            request,
            422,
            "idempotency_key_reused",
            "This Idempotency-Key was already used for a different request.",
        )
    if record.get("streamed"):
        return _error(
            request,
            409,
            "idempotency_replay_unavailable",
            "This request was already processed; its streamed answer cannot be replayed.",
        )
    if "status" not in record:
        response = _error(
            request, 409, "idempotency_in_progress", "A request with this Idempotency-Key is still running."
        )
        response["Retry-After"] = "1"
        return response
    replay = HttpResponse(base64.b64decode(record["body"]), status=record["status"])
    for name, value in record["headers"].items():
        replay[name] = value
    replay[REPLAYED_HEADER] = "true"
    return replay


def _error(request: HttpRequest, status: int, code: str, message: str, details: Any = None) -> HttpResponse:
    return JsonResponse(error_body(request=request, code=code, message=message, details=details), status=status)
