"""Helpers every app's services share: checking a change's field names and applying it to a row."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any, TypeVar

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models

ModelT = TypeVar("ModelT", bound=models.Model)


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
        instance.full_clean(validate_unique=False, validate_constraints=False)
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
