"""The OpenAPI schema view (apart from ``maigie.openapi``, which drf-spectacular's views import)."""

from __future__ import annotations

from types import SimpleNamespace

from drf_spectacular.views import SpectacularAPIView
from rest_framework.negotiation import DefaultContentNegotiation


class _FormatQueryNegotiation(DefaultContentNegotiation):
    """``?format=json`` or ``?format=yaml`` chooses the schema's renderer (the API itself has no ``?format=``)."""

    settings = SimpleNamespace(URL_FORMAT_OVERRIDE="format")  # type: ignore[assignment]


class SchemaView(SpectacularAPIView):
    """The OpenAPI schema: YAML by default, JSON for ``Accept: application/json`` or ``?format=json``."""

    content_negotiation_class = _FormatQueryNegotiation
