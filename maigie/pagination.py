"""Page-number pagination answering ``count``, ``next``, ``previous``, ``results``."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from rest_framework import exceptions, pagination
from rest_framework.request import Request
from rest_framework.views import APIView

MAX_PAGE = 1_000_000  # the schema's bound; a page past the last answers 404 anyway


class CountOnDemandPaginator(Paginator):
    """Reads one row past the page: a page that is not full gives the count without a COUNT query.

    Only a full page with more rows after it, or a page past the end, counts the rows (the count
    of an annotated, joined list wraps the whole join in a subquery).
    """

    def page(self, number: Any) -> Page[Any]:
        try:
            number = int(number)
        except (TypeError, ValueError):
            return super().page(number)
        if number < 1 or self.orphans:
            return super().page(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if len(rows) > self.per_page:  # more rows follow: the count is needed for the answer
            self.validate_number(number)
            return Page(rows[: self.per_page], number, self)
        if rows or number == 1:
            self.__dict__["count"] = bottom + len(rows)  # Paginator.count is a cached_property
            return Page(rows, number, self)
        return super().page(number)  # past the end: 404 (EmptyPage)


class PageNumberPagination(pagination.PageNumberPagination):
    """``?page=N&page_size=M`` (1..100 a page); anything else in them is a 400, as the schema says."""

    django_paginator_class = CountOnDemandPaginator
    page_size_query_param = "page_size"
    max_page_size = 100

    def _bounded(self, request: Request, name: str, maximum: int) -> int | None:
        raw = request.query_params.get(name)
        if raw is None:
            return None
        if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= maximum:
            raise exceptions.ValidationError({name: [f"An integer from 1 to {maximum} is required."]})
        return int(raw)

    def get_page_size(self, request: Request) -> int | None:
        size = self._bounded(request, self.page_size_query_param, self.max_page_size)
        return self.page_size if size is None else size

    def paginate_queryset(self, queryset: Any, request: Request, view: APIView | None = None) -> list[Any] | None:
        self._bounded(request, self.page_query_param, MAX_PAGE)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, Any]]:
        """DRF's parameters with their bounds, as every number in the schema has."""
        parameters: list[dict[str, Any]] = super().get_schema_operation_parameters(view)
        bounds = {self.page_query_param: MAX_PAGE, self.page_size_query_param: self.max_page_size}
        for parameter in parameters:
            if parameter["name"] in bounds:
                parameter["schema"] = {**parameter["schema"], "minimum": 1, "maximum": bounds[parameter["name"]]}
        return parameters
