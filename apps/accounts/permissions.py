"""Default API permission: authenticated users; refused requests still count against rate limits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework import permissions
from rest_framework.request import Request

from apps.accounts.throttling import throttle_anonymous

if TYPE_CHECKING:  # rest_framework.views imports the permission classes named in settings
    from rest_framework.views import APIView


class IsAuthenticated(permissions.IsAuthenticated):
    """DRF's ``IsAuthenticated``, counting refused requests under the ``anon`` limit (429 beyond it)."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        allowed = super().has_permission(request, view)
        if not allowed:
            throttle_anonymous(request)
        return allowed
