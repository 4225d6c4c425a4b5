"""The DRF JSON parser of every endpoint: :func:`maigie.encoding.parse_json`'s policy."""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO, Any

from django.conf import settings
from rest_framework.parsers import JSONParser

from maigie.encoding import parse_json, too_large


class PolicyJSONParser(JSONParser):
    """Refuses bodies over ``JSON_MAX_BYTES``, nested too deep, or with characters PostgreSQL cannot store."""

    def parse(
        self, stream: IO[Any], media_type: str | None = None, parser_context: Mapping[str, Any] | None = None
    ) -> Any:
        data = stream.read(settings.JSON_MAX_BYTES + 1)
        if len(data) > settings.JSON_MAX_BYTES:
            raise too_large(settings.JSON_MAX_BYTES)
        return parse_json(data)
