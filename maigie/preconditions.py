"""``If-Match`` on the views that read and write one resource: a write to a version the client has not seen is a 412.

A GET answer carries an ETag (``ConditionalGetMiddleware``: the MD5 of its body). A PUT, PATCH or
DELETE to a view with :class:`IfMatchMixin` that sends ``If-Match`` is compared with the ETag of what
GET answers now; when none of its tags matches (strong comparison; ``*`` matches any) the answer is
412 ``precondition_failed`` and nothing is done. Conditional writes to one resource take a
transaction-scoped advisory lock first, so between the check and the change no other conditional
write to it can land; the check reads the resource afresh, never from the read cache (:mod:`maigie.cache`).
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import connection, transaction
from django.http import HttpRequest
from django.utils.cache import set_response_etag
from django.utils.http import parse_etags
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.response import Response

from maigie import cache

CONDITIONAL_METHODS = frozenset({"PUT", "PATCH", "DELETE"})


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The resource changed since you read it: its ETag no longer matches If-Match. Read it again."
    default_code = "precondition_failed"


def etag_of(response: Response) -> str | None:
    """The ETag ``ConditionalGetMiddleware`` gives this rendered GET answer (none when ``no-store`` or empty)."""
    cache_control = [part.strip().lower() for part in response.get("Cache-Control", "").split(",")]
    if not response.has_header("ETag") and "no-store" not in cache_control:
        set_response_etag(response)
    return response.get("ETag")


def if_match_passes(header: str, etag: str | None) -> bool:
    """RFC 9110 ``If-Match``: ``*`` or one of the tags equal to the current, strong ``etag``."""
    tags = parse_etags(header)
    if tags == ["*"]:
        return True
    return etag is not None and not etag.startswith("W/") and etag in tags


def lock_key(*, view_class: type, user_id: Any, kwargs: dict[str, Any]) -> int:
    """The signed 64-bit advisory-lock key of one resource: its view and path arguments (the user's for ``me``)."""
    parts = [view_class.__qualname__, *(f"{name}={value}" for name, value in sorted(kwargs.items()))]
    if not kwargs:  # users/me, notifications/preferences: the caller's own resource
        parts.append(f"user={user_id}")
    return int.from_bytes(hashlib.blake2b("|".join(parts).encode(), digest_size=8).digest(), "big", signed=True)


def _conditional(request: HttpRequest) -> bool:
    """A write that sends ``If-Match``: only these take the lock (a write without one costs nothing more)."""
    return request.method in CONDITIONAL_METHODS and "If-Match" in request.headers


class IfMatchMixin:
    """For an APIView whose ``get`` answers the resource its PUT/PATCH/DELETE change: honours ``If-Match``."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not _conditional(request):
            return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        with transaction.atomic():
            return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        if not _conditional(request):
            return
        with connection.cursor() as cursor:
            key = lock_key(view_class=type(self), user_id=request.user.pk, kwargs=kwargs)
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
        if not if_match_passes(request.headers["If-Match"], self._current_etag(request, *args, **kwargs)):
            raise PreconditionFailed()

    def _current_etag(self, request: Request, *args: Any, **kwargs: Any) -> str | None:
        """The ETag of what GET answers now (another user's or a missing resource raises its 404).

        Computed afresh: a cached read is invalidated only after the commit that changed it, and a
        conditional write let through by the lock in that moment would match the stale copy.
        """
        with cache.fresh_reads():
            response = self.get(request, *args, **kwargs)  # type: ignore[attr-defined]
        response = self.finalize_response(request, response, *args, **kwargs)  # type: ignore[attr-defined]
        return etag_of(response.render())
