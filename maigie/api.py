"""The API style's helpers: validated input, query-string filters, one page of a list; shared fields.

Every view takes its input with ``validated`` (a body) or ``query_filters`` (the query string), answers
a list with ``paginated_response`` (``cached_page`` when the list is a declared cached read), and gets
the signed-in user with ``apps.accounts.api.current.current_user`` (it needs the user model, which
``maigie/`` does not import).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from django.http import QueryDict
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from maigie import cache
from maigie.fast_serializers import serialize_many
from maigie.fields import TEXT_INPUT
from maigie.pagination import PageNumberPagination

PAGE_PARAMETERS = frozenset({PageNumberPagination.page_query_param, PageNumberPagination.page_size_query_param})


def validated(
    serializer_class: type[serializers.BaseSerializer[Any]], data: Any, *, partial: bool = False
) -> dict[str, Any]:
    """``data`` validated by ``serializer_class`` as a plain dict; invalid data raises (a 400).

    A key the serializer does not declare, at any depth, is an error too ("Unknown field."): a misspelt or
    misnamed field (``course`` for ``course_id``) would otherwise be dropped while the request succeeds.
    """
    serializer = serializer_class(data=data, partial=partial)
    valid = serializer.is_valid()
    errors = {**(unknown_fields(serializer, data) or {}), **({} if valid else dict(serializer.errors))}
    if errors:
        raise serializers.ValidationError(errors)
    return dict(serializer.validated_data)


def unknown_fields(serializer: serializers.BaseSerializer[Any], data: Any) -> Any:
    """The keys of ``data`` that ``serializer`` does not declare, shaped like its own errors (``None``: none).

    Nested serializers and lists of them are walked, so an unknown key inside an outline's module is
    reported under ``modules``, at its index.
    """
    if isinstance(serializer, serializers.ListSerializer):
        if not isinstance(data, list):
            return None
        per_item = [unknown_fields(serializer.child, item) or {} for item in data]  # type: ignore[arg-type]
        return per_item if any(per_item) else None
    if not isinstance(serializer, serializers.Serializer) or not isinstance(data, Mapping):
        return None
    declared = {**serializer.fields, **getattr(serializer, "aliases", {})}
    errors: dict[str, Any] = {key: ["Unknown field."] for key in data if key not in declared}
    for name, field in serializer.fields.items():
        nested = unknown_fields(field, data.get(name)) if isinstance(field, serializers.BaseSerializer) else None
        if nested:
            errors[name] = nested
    return errors or None


def query_filters(serializer_class: type[serializers.BaseSerializer[Any]], request: Request) -> dict[str, Any]:
    """The query string validated by ``serializer_class``.

    Read as a plain dict (the last value of a repeated parameter), so an absent boolean stays absent
    (a ``QueryDict`` would make it ``False``) and an empty value is validated, not skipped; marked as
    text, so booleans take ``true``/``false`` strings (``maigie.fields.BooleanField``).
    """
    serializer = serializer_class(data=request.query_params.dict(), context={TEXT_INPUT: True})
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def paginated_response(
    request: Request, queryset: Any, serializer_class: type[serializers.BaseSerializer[Any]], *, view: APIView
) -> Response:
    """One page of ``queryset`` as ``count``/``next``/``previous``/``results`` (``maigie.pagination``)."""
    paginator = PageNumberPagination()
    page = paginator.paginate_queryset(queryset, request, view=view)
    return paginator.get_paginated_response(serialize_many(serializer_class, page or []))


def cached_page(
    request: Request,
    read: cache.CachedRead,
    rows: Callable[[], Any],
    serializer_class: type[serializers.BaseSerializer[Any]],
    *,
    user_id: Any,
    view: APIView,
) -> Response:
    """``paginated_response`` of ``rows()``, kept in the read cache under the request's page (``_page_key``).

    The user's generation of ``read`` is bumped by every event it depends on.
    Only a page of the plain list is kept: a query string with anything but a page number or size
    in digits (a filter, a search, an unknown or repeated parameter) computes, so one user cannot
    fill Redis with one entry per spelling of a query.
    """

    def compute() -> Any:
        return paginated_response(request, rows(), serializer_class, view=view).data

    if not _plain_page(request):
        return Response(compute())
    return Response(cache.get_or_compute(read, user_id=user_id, parts=_page_key(request), compute=compute))


def _plain_page(request: Request) -> bool:
    """Whether the query string names at most a page number and size, once each, in canonical digits."""
    params = request.query_params
    return all(
        key in PAGE_PARAMETERS and len(values) == 1 and values[0].isascii() and values[0].isdigit()
        and values[0] == str(int(values[0]))
        for key, values in params.lists()
    )  # fmt: skip


def _page_key(request: Request) -> tuple[Any, ...]:
    """Host and path, and the parameters as parsed: ``?page=1&``, ``?p%61ge=1`` or another order are one entry.

    The page's ``next``/``previous`` links are the same for all of them: DRF builds them from the parsed
    parameters, re-encoded in sorted order.
    """
    return (request.build_absolute_uri(request.path), *sorted(request.query_params.items()))


class EnumChoiceField(serializers.ChoiceField):
    """A choice given in any letter case (``in_progress`` is ``IN_PROGRESS``); any other value names the choices.

    Every query parameter with choices is one of these (``maigie/tests/test_schema.py`` calls each).
    """

    default_error_messages = {"invalid_choice": "“{input}” is not a valid choice: one of {allowed}."}

    def to_internal_value(self, data: Any) -> Any:
        if data == "" and self.allow_blank:
            return ""
        if isinstance(data, str):
            for choice, value in self.choice_strings_to_values.items():
                if choice.casefold() == data.casefold():
                    return value
        self.fail("invalid_choice", input=data, allowed=", ".join(self.choice_strings_to_values))


class AliasedFieldsMixin:
    """Accepts each key of ``aliases`` as another name of the field it maps to (giving both is an error).

    Used where a field was renamed (``course`` -> ``course_id``) and clients may still send the old name.
    """

    aliases: ClassVar[dict[str, str]] = {}

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping) and any(alias in data for alias in self.aliases):
            form = isinstance(data, QueryDict)  # stays one: repeated keys and empty values read as before
            data = data.copy() if isinstance(data, QueryDict) else dict(data)
            for alias, name in self.aliases.items():
                if alias in data:
                    if name in data:
                        raise serializers.ValidationError({alias: [f"Give “{name}” or “{alias}”, not both."]})
                    if form:
                        data.setlist(name, data.getlist(alias))
                        del data[alias]
                    else:
                        data[name] = data.pop(alias)
        return super().to_internal_value(data)  # type: ignore[misc]
