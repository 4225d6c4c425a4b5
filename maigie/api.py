"""Shared API fields: enums in one letter case, and fields that also answer to another name."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from rest_framework import serializers


class EnumChoiceField(serializers.ChoiceField):
    """A choice of upper-case enum values that also accepts them in lower or mixed case."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, str) and data:
            data = data.upper()
        return super().to_internal_value(data)


class AliasedFieldsMixin:
    """Accepts each key of ``aliases`` as another name of the field it maps to (giving both is an error).

    Used where a field was renamed (``course`` -> ``course_id``) and clients may still send the old name.
    """

    aliases: ClassVar[dict[str, str]] = {}

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping) and any(alias in data for alias in self.aliases):
            data = {key: data[key] for key in data}
            for alias, name in self.aliases.items():
                if alias in data:
                    if name in data:
                        raise serializers.ValidationError({alias: [f"Give “{name}” or “{alias}”, not both."]})
                    data[name] = data.pop(alias)
        return super().to_internal_value(data)  # type: ignore[misc]
