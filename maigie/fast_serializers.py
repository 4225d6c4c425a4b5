"""A page of rows through an output serializer's own fields, without DRF's per-request field set-up.

``Serializer(rows, many=True).data`` builds the serializer's fields anew on every request (a
``ModelSerializer`` introspects its model each time) and walks each field's source through
``get_attribute``. For an output serializer made only of plain fields (text, numbers, booleans,
UUIDs, dates, choices, JSON, lists of those) and nested lists of such serializers, each with a
one-attribute source, ``serialize_many`` builds that plan once per class and calls the same
fields' ``to_representation``: the same values in the same order, so the same JSON bytes, and
the OpenAPI schema still comes from the serializer. Anything else goes through DRF unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple, cast

from django.core.exceptions import ObjectDoesNotExist
from django.core.signals import setting_changed
from django.db.models.manager import BaseManager
from rest_framework import serializers

_PLAIN = (
    serializers.CharField,
    serializers.IntegerField,
    serializers.FloatField,
    serializers.DecimalField,
    serializers.BooleanField,
    serializers.UUIDField,
    serializers.DateTimeField,
    serializers.DateField,
    serializers.TimeField,
    serializers.DurationField,
    serializers.ChoiceField,
    serializers.JSONField,
    serializers.ReadOnlyField,
)


class _Step(NamedTuple):
    name: str
    attribute: str
    field: serializers.Field[Any, Any, Any, Any] | None  # a plain field, or None for a nested list
    nested: tuple[_Step, ...] | None


class _NotPlain(Exception):
    """A row needs DRF's general path (a callable or missing attribute)."""


_plans: dict[type[serializers.BaseSerializer[Any]], tuple[_Step, ...] | None] = {}


def _is_plain(field: Any) -> bool:
    if isinstance(field, serializers.ListField | serializers.DictField):
        return _is_plain(field.child)
    return isinstance(field, _PLAIN) and not isinstance(field, serializers.FileField)


def _plan_of(serializer: serializers.BaseSerializer[Any]) -> tuple[_Step, ...] | None:
    if not isinstance(serializer, serializers.Serializer) or (
        type(serializer).to_representation is not serializers.Serializer.to_representation
    ):
        return None
    steps = []
    for field in serializer._readable_fields:
        if len(field.source_attrs) != 1:  # "*" or a dotted source
            return None
        nested = None
        if isinstance(field, serializers.ListSerializer):
            if type(field).to_representation is not serializers.ListSerializer.to_representation:
                return None
            nested = _plan_of(cast(serializers.BaseSerializer[Any], field.child))
            if nested is None:
                return None
        elif not _is_plain(field):
            return None
        steps.append(_Step(str(field.field_name), field.source_attrs[0], field if nested is None else None, nested))
    return tuple(steps)


def _plan(serializer_class: type[serializers.BaseSerializer[Any]]) -> tuple[_Step, ...] | None:
    if serializer_class not in _plans:
        list_class = getattr(getattr(serializer_class, "Meta", None), "list_serializer_class", None)
        many_init = getattr(serializer_class.many_init, "__func__", None)
        own_list = many_init is not getattr(serializers.BaseSerializer.many_init, "__func__", None)
        _plans[serializer_class] = None if list_class or own_list else _plan_of(serializer_class())
    return _plans[serializer_class]


def _row(steps: tuple[_Step, ...], instance: Any) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for name, attribute, field, nested in steps:
        value = getattr(instance, attribute)
        if value is None:
            row[name] = None
        elif nested is not None:
            row[name] = [_row(nested, item) for item in (value.all() if isinstance(value, BaseManager) else value)]
        elif callable(value):
            raise _NotPlain  # DRF would call it
        else:
            row[name] = field.to_representation(value)  # type: ignore[union-attr]
    return row


def serialize_many(serializer_class: type[serializers.BaseSerializer[Any]], rows: Iterable[Any]) -> list[Any]:
    """``serializer_class(rows, many=True).data``, faster for plain output serializers."""
    steps = _plan(serializer_class)
    if steps is not None:
        try:
            return [_row(steps, row) for row in rows]
        except (AttributeError, ObjectDoesNotExist, _NotPlain):
            pass  # DRF decides: a default, None, or a skipped field
    data: list[Any] = serializer_class(rows, many=True).data
    return data


def _forget_plans(**kwargs: Any) -> None:
    _plans.clear()  # fields read REST_FRAMEWORK settings when they are built


setting_changed.connect(_forget_plans)
