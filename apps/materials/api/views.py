"""Materials API views: upload, list, read, rename, delete, and page through a material's text."""

from __future__ import annotations

from uuid import UUID

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts.api.current import current_user
from apps.materials import selectors, services
from apps.materials.api import serializers as s
from apps.materials.search import TYPES, search
from maigie.api import paginated_response, query_filters, validated
from maigie.parsers import PolicyJSONParser
from maigie.preconditions import IfMatchMixin

MATERIALS = ["materials"]


class MaterialListApi(APIView):
    """List the learner's study materials; upload one (multipart ``file``)."""

    parser_classes = [MultiPartParser]
    plan_limited_methods = ("POST",)  # 402 plan_limit: file size or storage (maigie.openapi)

    @extend_schema(
        parameters=[s.MaterialListFilterSerializer], responses=s.MaterialOutputSerializer(many=True), tags=MATERIALS
    )
    def get(self, request: Request) -> Response:
        filters = query_filters(s.MaterialListFilterSerializer, request)
        queryset = selectors.material_list(user=current_user(request), **filters)
        return paginated_response(request, queryset, s.MaterialOutputSerializer, view=self)

    @extend_schema(
        request={"multipart/form-data": s.MaterialUploadInputSerializer},
        responses={202: s.MaterialOutputSerializer},
        tags=MATERIALS,
    )
    def post(self, request: Request) -> Response:
        material = services.material_upload(
            user=current_user(request), **validated(s.MaterialUploadInputSerializer, request.data)
        )
        return Response(s.MaterialOutputSerializer(material).data, status=status.HTTP_202_ACCEPTED)


class MaterialDetailApi(IfMatchMixin, APIView):
    """Read a material (status, pages, passages); rename or delete it (file, passages and vectors)."""

    parser_classes = [PolicyJSONParser]

    @extend_schema(responses=s.MaterialOutputSerializer, tags=MATERIALS)
    def get(self, request: Request, material_id: UUID) -> Response:
        material = selectors.material_get(user=current_user(request), pk=material_id)
        return Response(s.MaterialOutputSerializer(material).data)

    @extend_schema(request=s.MaterialUpdateInputSerializer, responses=s.MaterialOutputSerializer, tags=MATERIALS)
    def patch(self, request: Request, material_id: UUID) -> Response:
        material = selectors.material_get(user=current_user(request), pk=material_id)
        material = services.material_update(
            material=material, **validated(s.MaterialUpdateInputSerializer, request.data)
        )
        return Response(s.MaterialOutputSerializer(material).data)

    @extend_schema(responses={204: None}, tags=MATERIALS)
    def delete(self, request: Request, material_id: UUID) -> Response:
        services.material_delete(material=selectors.material_get(user=current_user(request), pk=material_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class MaterialChunkListApi(APIView):
    """Page through a material's extracted text, passage by passage."""

    @extend_schema(responses=s.MaterialChunkOutputSerializer(many=True), tags=MATERIALS)
    def get(self, request: Request, material_id: UUID) -> Response:
        material = selectors.material_get(user=current_user(request), pk=material_id)
        queryset = selectors.material_chunks(material=material)
        return paginated_response(request, queryset, s.MaterialChunkOutputSerializer, view=self)


class SearchApi(APIView):
    """One search over the learner's notes, topics, saved resources and materials, by words and meaning."""

    @extend_schema(parameters=[s.SearchFilterSerializer], responses=s.SearchOutputSerializer, tags=["search"])
    def get(self, request: Request) -> Response:
        filters = query_filters(s.SearchFilterSerializer, request)
        result = search(
            user=current_user(request), query=filters["q"], types=filters.get("types") or TYPES, limit=filters["limit"]
        )
        return Response(s.SearchOutputSerializer(result).data)
