"""JSON in and out: the one parsing policy for REST bodies and WebSocket frames, and exact encoding.

Every JSON document a client sends, over HTTP or a WebSocket, is parsed by :func:`parse_json`:
at most ``JSON_MAX_BYTES`` bytes, nested at most ``JSON_MAX_DEPTH`` arrays/objects deep, and no
string or key may hold U+0000 or a lone surrogate (PostgreSQL stores neither). docs/api.md.
"""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder

# U+0000 and the surrogate code points, which only a "\uXXXX" escape without its pair can produce.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


class JSONRefused(ValueError):
    """A client's JSON breaks the parsing policy: ``code``, ``message`` and the limit in ``details``."""

    def __init__(
        self, message: str, *, code: str = "parse_error", details: dict[str, Any] | None = None, status: int = 400
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.details = details or {}
        self.status = status


def _refuse_constant(name: str) -> None:
    raise JSONRefused(f"JSON does not allow {name}.")


def _check(value: Any, depth: int, max_depth: int) -> None:
    """Walk ``value`` (never deeper than ``max_depth`` + 1) checking nesting and characters."""
    if isinstance(value, str):
        if _UNSTORABLE.search(value):
            raise JSONRefused(
                "Text may not contain U+0000 or unpaired surrogate characters.",
                details={"forbidden_characters": ["U+0000", "U+D800-U+DFFF"]},
            )
        return
    if not isinstance(value, dict | list):
        return
    if depth > max_depth:
        raise _too_deep(max_depth)
    items = [*value.keys(), *value.values()] if isinstance(value, dict) else value
    for item in items:
        _check(item, depth + 1, max_depth)


def _too_deep(max_depth: int) -> JSONRefused:
    return JSONRefused(f"JSON may nest arrays and objects at most {max_depth} deep.", details={"max_depth": max_depth})


def too_large(max_bytes: int) -> JSONRefused:
    """The refusal of a document over ``max_bytes``."""
    return JSONRefused(
        f"The document is larger than {max_bytes} bytes.",
        code="payload_too_large",
        details={"max_bytes": max_bytes},
        status=413,
    )


def parse_json(data: bytes | str) -> Any:
    """Parse a client's JSON document under the policy; raises :class:`JSONRefused` for anything else."""
    max_bytes: int = settings.JSON_MAX_BYTES
    max_depth: int = settings.JSON_MAX_DEPTH
    if len(data) > max_bytes or (isinstance(data, str) and len(data.encode()) > max_bytes):
        raise too_large(max_bytes)
    try:
        text = data.decode() if isinstance(data, bytes) else data
        value = json.loads(text, parse_constant=_refuse_constant)
    except RecursionError:
        raise _too_deep(max_depth) from None
    except UnicodeDecodeError:
        raise JSONRefused("JSON must be UTF-8.") from None
    except JSONRefused:
        raise
    except ValueError as exc:
        raise JSONRefused(f"Malformed JSON: {exc}") from None
    _check(value, 1, max_depth)
    return value


class ExactJSONEncoder(DjangoJSONEncoder):
    """``DjangoJSONEncoder`` without its rounding of times to milliseconds."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def jsonable(value: Any) -> Any:
    """``value`` as plain JSON types (UUIDs, decimals and dates as strings), times to the microsecond."""
    return json.loads(json.dumps(value, cls=ExactJSONEncoder))


def utc_iso(moment: datetime.datetime) -> str:
    """An aware ``moment`` as the API writes times: ISO-8601 in UTC with a ``Z``, to the microsecond."""
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
