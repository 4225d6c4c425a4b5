"""Recording what a tool changed, and checking the objects are unchanged before an undo."""

from __future__ import annotations

import datetime
import hashlib
import json
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from typing import Any

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import CASCADE, Model

from apps.assistant.tools.registry import Change
from maigie.encoding import jsonable


def fingerprint(instance: Model) -> str:
    """A digest of every field of ``instance``, those the system keeps (a topic's completion) included: any later
    edit changes it. The time of the last save is left out (a save that changes no value is no edit), and so are
    generated columns (search vectors), which the database derives from the other fields.

    Times count in UTC, so an instance holding the local time it was given matches the one read back.
    """
    fields = {}
    for field in instance._meta.concrete_fields:
        if getattr(field, "auto_now", False) or field.generated:
            continue
        value = field.value_from_object(instance)
        if isinstance(value, datetime.datetime) and value.tzinfo:
            value = value.astimezone(datetime.UTC)
        fields[field.name] = value
    encoded = json.dumps(fields, sort_keys=True, cls=DjangoJSONEncoder, default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()


def change(instance: Model, op: str, *, before: dict[str, Any] | None = None) -> Change:
    """Describe ``instance`` as ``op`` (``created``, ``updated`` or ``deleted``) by an action.

    ``before`` keeps the values an update replaced, for its undo.
    """
    version = "" if op == "deleted" else fingerprint(instance)
    return Change(model=instance._meta.label_lower, pk=str(instance.pk), op=op, version=version, before=before or {})


def created(instance: Model) -> tuple[Change, ...]:
    """``instance`` as created by an action, with every row created with it that it owns (a course's modules and
    their topics, a goal's tasks: the rows its delete cascades to), so that later edits of those block the undo too.

    The tree is read a level at a time, one query a relation, whatever its number of rows; ``instance`` comes first.
    """
    owned = [change(instance, "created")]
    level: dict[type[Model], list[Model]] = {type(instance): [instance]}
    while level:
        below: dict[type[Model], list[Model]] = defaultdict(list)
        for model, rows in level.items():
            for relation in model._meta.related_objects:
                if relation.on_delete is CASCADE and relation.related_model._meta.label_lower not in AUTOMATIC:
                    for child in relation.related_model._base_manager.filter(**{f"{relation.field.name}__in": rows}):
                        owned.append(change(child, "created"))
                        below[type(child)].append(child)
        level = below
    return tuple(owned)


# Rows the system writes on its own for an object (its search embedding, the reminders sent for a block). They are
# not the learner's use of the object, so they never block the undo of its creation and go with it.
AUTOMATIC = frozenset({"learning.embedding", "planning.reminderdelivery"})


def _pointing_at(model: type[Model], made: list[tuple[Model, Collection[str]]]) -> Iterator[tuple[str, str]]:
    """(model, pk) of every row that refers to one of the ``made`` instances of ``model`` (foreign key, one-to-one,
    many-to-many), one query a relation: automatic ones left out, and for each instance those of the relations it
    ``owns`` (rows a job the action started writes into it)."""
    for relation in model._meta.related_objects:
        label = relation.related_model._meta.label_lower
        accessor = relation.get_accessor_name() or ""
        referred = [instance for instance, owned in made if accessor not in owned]
        if label in AUTOMATIC or not referred:
            continue
        related = relation.related_model._base_manager.filter(**{f"{relation.field.name}__in": referred})
        for pk in related.values_list("pk", flat=True):
            yield label, str(pk)


def used_since(recorded: list[Change]) -> bool:
    """Whether something the action did not create now refers to an object it created.

    A session, note, deck, card, exam, material or occurrence record (a completed or moved occurrence) linked to a
    created course or block is the learner's work on it, which the undo's delete would throw away or unlink. The
    created objects are read one query a model, their references one query a relation.
    """
    own = {(item.model, item.pk) for item in recorded}
    made_of: dict[str, list[Change]] = defaultdict(list)
    for item in recorded:
        if item.op == "created":
            made_of[item.model].append(item)
    for label, items in made_of.items():
        model = apps.get_model(label)
        present = {str(row.pk): row for row in model._base_manager.filter(pk__in=[item.pk for item in items])}
        made = [(present[item.pk], item.before.get("owns", ())) for item in items if item.pk in present]
        if any(reference not in own for reference in _pointing_at(model, made)):
            return True
    return False


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
