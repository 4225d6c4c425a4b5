"""Page-number pagination answering ``count``, ``next``, ``previous``, ``results``."""

from typing import Any

from rest_framework import pagination

MAX_PAGE = 1_000_000  # the schema's bound; a page past the last answers 404 anyway


class PageNumberPagination(pagination.PageNumberPagination):
    """``?page=N&page_size=M`` (at most 100 a page)."""

    page_size_query_param = "page_size"
    max_page_size = 100

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        """DRF's parameters with their bounds, as every number in the schema has."""
        parameters: list[dict[str, Any]] = super().get_schema_operation_parameters(view)
        bounds = {self.page_query_param: MAX_PAGE, self.page_size_query_param: self.max_page_size}
        for parameter in parameters:
            if parameter["name"] in bounds:
                parameter["schema"] = {**parameter["schema"], "minimum": 1, "maximum": bounds[parameter["name"]]}
        return parameters
