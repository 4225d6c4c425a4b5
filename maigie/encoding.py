"""JSON for values that must come back exactly: times keep their microseconds."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder


class ExactJSONEncoder(DjangoJSONEncoder):
    """``DjangoJSONEncoder`` without its rounding of times to milliseconds."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def jsonable(value: Any) -> Any:
    """``value`` as plain JSON types (UUIDs, decimals and dates as strings), times to the microsecond."""
    return json.loads(json.dumps(value, cls=ExactJSONEncoder))
