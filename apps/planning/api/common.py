"""Helpers shared by the planning API views."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from maigie.pagination import PageNumberPagination


def paginated_response(
    *, queryset: QuerySet[Any], serializer_class: type[serializers.BaseSerializer[Any]], request: Request, view: APIView
) -> Response:
    """One page of ``queryset`` as ``count``/``next``/``previous``/``results``."""
    paginator = PageNumberPagination()
    page = paginator.paginate_queryset(queryset, request, view=view)
    return paginator.get_paginated_response(serializer_class(page, many=True).data)
