"""Page-number pagination answering ``count``, ``next``, ``previous``, ``results``."""

from __future__ import annotations

from typing import Any

from rest_framework import exceptions, pagination
from rest_framework.request import Request
from rest_framework.views import APIView


class PageNumberPagination(pagination.PageNumberPagination):
    """``?page=N&page_size=M`` (at most 100 a page); a malformed ``page`` or ``page_size`` is a 400.

    A page past the last one is a 404 ``not_found``, as in DRF.
    """

    page_size_query_param = "page_size"
    max_page_size = 100

    def _positive(self, request: Request, name: str) -> int | None:
        raw = request.query_params.get(name)
        if raw is None:
            return None
        if not raw.isascii() or not raw.isdigit() or int(raw) < 1:
            raise exceptions.ValidationError({name: ["A positive integer is required."]})
        return int(raw)

    def get_page_size(self, request: Request) -> int | None:
        size = self._positive(request, self.page_size_query_param)
        return self.page_size if size is None else min(size, self.max_page_size)

    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, Any]]:
        parameters: list[dict[str, Any]] = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
        return parameters

    def paginate_queryset(self, queryset: Any, request: Request, view: APIView | None = None) -> list[Any] | None:
        self._positive(request, self.page_query_param)
        return super().paginate_queryset(queryset, request, view)
