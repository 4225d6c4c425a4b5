"""Recording what a tool changed, and checking the objects are unchanged before an undo."""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model
from django.forms.models import model_to_dict

from apps.assistant.tools.registry import Change
from maigie.encoding import jsonable


def fingerprint(instance: Model) -> str:
    """A digest of every field of ``instance``: any later edit changes it.

    Times count in UTC, so an instance holding the local time it was given matches the one read back.
    """
    fields = {
        name: value.astimezone(datetime.UTC) if isinstance(value, datetime.datetime) and value.tzinfo else value
        for name, value in model_to_dict(
            instance, fields=[field.name for field in instance._meta.concrete_fields]
        ).items()
    }
    encoded = json.dumps(fields, sort_keys=True, cls=DjangoJSONEncoder, default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()


def change(instance: Model, op: str, *, before: dict[str, Any] | None = None) -> Change:
    """Describe ``instance`` as ``op`` (``created``, ``updated`` or ``deleted``) by an action.

    ``before`` keeps the values an update replaced, for its undo.
    """
    version = "" if op == "deleted" else fingerprint(instance)
    return Change(model=instance._meta.label_lower, pk=str(instance.pk), op=op, version=version, before=before or {})


def values(instance: Model, names: Iterable[str]) -> dict[str, Any]:
    """The JSON-able current values of ``names`` on ``instance``, times to the microsecond."""
    current: dict[str, Any] = jsonable({name: getattr(instance, name) for name in names})
    return current


def before_values(recorded: Change) -> dict[str, Any]:
    """The values an update replaced (``recorded.before``), typed again by the model's fields for its undo.

    ``before`` is stored as JSON; each field parses its own value back (dates, aware datetimes, decimals).
    """
    fields = apps.get_model(recorded.model)._meta
    return {name: fields.get_field(name).to_python(value) for name, value in recorded.before.items()}


def unchanged_since(recorded: Change) -> bool:
    """Whether the object is still exactly as the action left it (a deleted one: still absent)."""
    objects = apps.get_model(recorded.model).objects
    if recorded.op == "deleted":
        return not objects.filter(pk=recorded.pk).exists()
    instance = objects.filter(pk=recorded.pk).first()
    return instance is not None and fingerprint(instance) == recorded.version
