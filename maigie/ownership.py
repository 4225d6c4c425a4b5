"""Ownership: a user sees only their own objects; anyone else's answer 404.

Every app scopes its querysets with :func:`owned_by` and fetches single objects with
:func:`get_owned_or_404`, naming the path from the model to its owner
(``"user"`` for a course, ``"module__course__user"`` for a topic).
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404

M = TypeVar("M", bound=Model)


def owned_by(queryset: QuerySet[M], *, user: Any, owner_path: str = "user") -> QuerySet[M]:
    """Restrict ``queryset`` to objects owned by ``user``."""
    if user is None or not user.is_authenticated:
        return queryset.none()
    return queryset.filter(**{owner_path: user})


def get_owned_or_404(queryset: QuerySet[M], *, user: Any, owner_path: str = "user", **lookup: Any) -> M:
    """The object matching ``lookup`` among ``user``'s own, or ``Http404``."""
    try:
        return owned_by(queryset, user=user, owner_path=owner_path).get(**lookup)
    except (ObjectDoesNotExist, ValidationError, ValueError) as exc:
        raise Http404 from exc
