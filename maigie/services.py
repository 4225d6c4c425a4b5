"""Helpers every app's services share: checking a change's field names and applying it to a row."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any, TypeVar

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models

ModelT = TypeVar("ModelT", bound=models.Model)


def fields_validate(instance: models.Model, **options: Any) -> None:
    """``full_clean`` without uniqueness and constraints (the database enforces them) and without the
    existence query of each foreign key whose row the caller holds (loaded or saved, cached on ``instance``).

    Django checks a foreign key by reading the row it names: one query per key per object, 25 for a
    course created with four modules of five topics, though the service has each parent in hand.
    The database's foreign key constraint still refuses a row that vanished meanwhile.
    """
    held = [
        field.name
        for field in instance._meta.concrete_fields
        if isinstance(field, models.ForeignKey)
        and field.is_cached(instance)
        and _saved(field.get_cached_value(instance))
    ]
    instance.full_clean(exclude=held, validate_unique=False, validate_constraints=False, **options)


def _saved(related: models.Model | None) -> bool:
    return related is not None and not related._state.adding and related.pk is not None


def fields_check(*, data: Mapping[str, Any], allowed: Collection[str]) -> None:
    """Refuse (a ``ValidationError`` naming each one) the keys of ``data`` that are not in ``allowed``."""
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise ValidationError({name: ["This field cannot be changed."] for name in unknown})


def model_update(
    *, instance: ModelT, data: Mapping[str, Any], allowed: Collection[str], clean: bool = True
) -> tuple[ModelT, list[str]]:
    """Set the keys of ``data`` (each in ``allowed``) that differ on ``instance`` and save only those.

    With ``clean`` the instance's fields are validated first (not its uniqueness or constraints,
    which the database enforces). ``updated_at``, when the model has it, is saved along. Answers the
    instance and the names of the fields that changed (none: nothing is saved).
    """
    fields_check(data=data, allowed=allowed)
    changed = [name for name, value in data.items() if getattr(instance, name) != value]
    if not changed:
        return instance, changed
    for name in changed:
        setattr(instance, name, data[name])
    if clean:
        fields_validate(instance)
    update_fields = list(changed)
    try:
        instance._meta.get_field("updated_at")
    except FieldDoesNotExist:
        pass
    else:
        if "updated_at" not in update_fields:
            update_fields.append("updated_at")
    instance.save(update_fields=update_fields)
    return instance, changed
