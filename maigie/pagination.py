"""Page-number pagination answering ``count``, ``next``, ``previous``, ``results``."""

from __future__ import annotations

from typing import Any

from rest_framework import exceptions, pagination
from rest_framework.request import Request
from rest_framework.views import APIView

MAX_PAGE = 1_000_000  # the schema's bound; a page past the last answers 404 anyway


class PageNumberPagination(pagination.PageNumberPagination):
    """``?page=N&page_size=M`` (1..100 a page); anything else in them is a 400, as the schema says."""

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
