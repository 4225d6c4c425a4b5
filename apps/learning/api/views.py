"""Learning API views: thin, one class per resource path; they call services and selectors."""

from __future__ import annotations

from uuid import UUID

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts.api.current import current_user
from apps.learning import selectors, services
from apps.learning.api import serializers as s
from apps.learning.embeddings.base import EmbeddingError
from apps.learning.embeddings.search import nearest
from maigie import cache
from maigie.api import cached_page, paginated_response, query_filters, validated
from maigie.openapi import UNSAFE_METHODS
from maigie.preconditions import IfMatchMixin

COURSES, NOTES, RESOURCES, SEARCH = ["courses"], ["notes"], ["resources"], ["search"]


# --- courses ---------------------------------------------------------------------------------


class CourseListApi(APIView):
    """List the user's courses; create one, optionally with its whole outline."""

    plan_limited_methods = UNSAFE_METHODS  # 402 plan_limit / quota_exceeded (maigie.openapi)

    @extend_schema(
        parameters=[s.CourseListFilterSerializer], responses=s.CourseListOutputSerializer(many=True), tags=COURSES
    )
    def get(self, request: Request) -> Response:
        user = current_user(request)
        filters = query_filters(s.CourseListFilterSerializer, request)
        return cached_page(
            request,
            cache.COURSE_LIST,
            lambda: selectors.course_list(user=user, **filters),
            s.CourseListOutputSerializer,
            user_id=user.pk,
            view=self,
        )

    @extend_schema(request=s.CourseCreateInputSerializer, responses={201: s.CourseDetailOutputSerializer}, tags=COURSES)
    def post(self, request: Request) -> Response:
        course = services.course_create(
            user=current_user(request), **validated(s.CourseCreateInputSerializer, request.data)
        )
        course = selectors.course_detail(user=current_user(request), pk=course.pk)
        return Response(s.CourseDetailOutputSerializer(course).data, status=status.HTTP_201_CREATED)


class CourseDetailApi(IfMatchMixin, APIView):
    """Read a course with its outline and progress; change or delete it."""

    plan_limited_methods = UNSAFE_METHODS  # 402 plan_limit / quota_exceeded (maigie.openapi)

    @extend_schema(responses=s.CourseDetailOutputSerializer, tags=COURSES)
    def get(self, request: Request, course_id: UUID) -> Response:
        user = current_user(request)
        return Response(
            cache.get_or_compute(
                cache.COURSE_OUTLINE,
                user_id=user.pk,
                parts=(course_id,),
                compute=lambda: s.CourseDetailOutputSerializer(selectors.course_detail(user=user, pk=course_id)).data,
            )
        )

    @extend_schema(request=s.CourseUpdateInputSerializer, responses=s.CourseOutputSerializer, tags=COURSES)
    def patch(self, request: Request, course_id: UUID) -> Response:
        course = selectors.course_get(user=current_user(request), pk=course_id)
        course = services.course_update(course=course, data=validated(s.CourseUpdateInputSerializer, request.data))
        return Response(s.CourseOutputSerializer(course).data)

    @extend_schema(responses={204: None}, tags=COURSES)
    def delete(self, request: Request, course_id: UUID) -> Response:
        services.course_delete(course=selectors.course_get(user=current_user(request), pk=course_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class CourseArchiveApi(APIView):
    """Archive a course (idempotent)."""

    plan_limited_methods = UNSAFE_METHODS  # 402 plan_limit / quota_exceeded (maigie.openapi)

    archived = True

    @extend_schema(request=None, responses=s.CourseOutputSerializer, tags=COURSES)
    def post(self, request: Request, course_id: UUID) -> Response:
        course = selectors.course_get(user=current_user(request), pk=course_id)
        course = services.course_set_archived(course=course, archived=self.archived)
        return Response(s.CourseOutputSerializer(course).data)


class CourseUnarchiveApi(CourseArchiveApi):
    """Bring an archived course back (idempotent)."""

    archived = False


class CourseReorderApi(APIView):
    """Set the order of a course's modules and topics in one call (a permutation of both)."""

    plan_limited_methods = UNSAFE_METHODS  # 402 plan_limit / quota_exceeded (maigie.openapi)

    @extend_schema(request=s.CourseReorderInputSerializer, responses=s.CourseDetailOutputSerializer, tags=COURSES)
    def post(self, request: Request, course_id: UUID) -> Response:
        course = selectors.course_get(user=current_user(request), pk=course_id)
        services.course_reorder(course=course, **validated(s.CourseReorderInputSerializer, request.data))
        course = selectors.course_detail(user=current_user(request), pk=course_id)
        return Response(s.CourseDetailOutputSerializer(course).data)


class CourseModuleCreateApi(APIView):
    """Add a module (optionally with topics) to a course."""

    plan_limited_methods = UNSAFE_METHODS  # 402 plan_limit / quota_exceeded (maigie.openapi)

    @extend_schema(request=s.ModuleCreateInputSerializer, responses={201: s.ModuleOutputSerializer}, tags=COURSES)
    def post(self, request: Request, course_id: UUID) -> Response:
        course = selectors.course_get(user=current_user(request), pk=course_id)
        module = services.module_create(course=course, **validated(s.ModuleCreateInputSerializer, request.data))
        module = selectors.module_detail(user=current_user(request), pk=module.pk)
        return Response(s.ModuleOutputSerializer(module).data, status=status.HTTP_201_CREATED)


class ModuleDetailApi(APIView):
    """Change or delete a module."""

    plan_limited_methods = UNSAFE_METHODS  # 402 plan_limit / quota_exceeded (maigie.openapi)

    @extend_schema(request=s.ModuleUpdateInputSerializer, responses=s.ModuleOutputSerializer, tags=COURSES)
    def patch(self, request: Request, module_id: UUID) -> Response:
        module = selectors.module_get(user=current_user(request), pk=module_id)
        services.module_update(module=module, data=validated(s.ModuleUpdateInputSerializer, request.data))
        return Response(
            s.ModuleOutputSerializer(selectors.module_detail(user=current_user(request), pk=module_id)).data
        )

    @extend_schema(responses={204: None}, tags=COURSES)
    def delete(self, request: Request, module_id: UUID) -> Response:
        services.module_delete(module=selectors.module_get(user=current_user(request), pk=module_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class ModuleTopicCreateApi(APIView):
    """Add a topic to a module."""

    plan_limited_methods = UNSAFE_METHODS  # 402 plan_limit / quota_exceeded (maigie.openapi)

    @extend_schema(request=s.TopicCreateInputSerializer, responses={201: s.TopicOutputSerializer}, tags=COURSES)
    def post(self, request: Request, module_id: UUID) -> Response:
        module = selectors.module_get(user=current_user(request), pk=module_id)
        topic = services.topic_create(module=module, **validated(s.TopicCreateInputSerializer, request.data))
        return Response(s.TopicOutputSerializer(topic).data, status=status.HTTP_201_CREATED)


class TopicDetailApi(APIView):
    """Change or delete a topic."""

    plan_limited_methods = UNSAFE_METHODS  # 402 plan_limit / quota_exceeded (maigie.openapi)

    @extend_schema(request=s.TopicUpdateInputSerializer, responses=s.TopicOutputSerializer, tags=COURSES)
    def patch(self, request: Request, topic_id: UUID) -> Response:
        topic = selectors.topic_get(user=current_user(request), pk=topic_id)
        topic = services.topic_update(topic=topic, data=validated(s.TopicUpdateInputSerializer, request.data))
        return Response(s.TopicOutputSerializer(topic).data)

    @extend_schema(responses={204: None}, tags=COURSES)
    def delete(self, request: Request, topic_id: UUID) -> Response:
        services.topic_delete(topic=selectors.topic_get(user=current_user(request), pk=topic_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class TopicCompleteApi(APIView):
    """Mark a topic completed or not; answers the new module completion and course progress."""

    plan_limited_methods = UNSAFE_METHODS  # 402 plan_limit / quota_exceeded (maigie.openapi)

    @extend_schema(request=s.TopicCompleteInputSerializer, responses=s.TopicCompleteOutputSerializer, tags=COURSES)
    def post(self, request: Request, topic_id: UUID) -> Response:
        topic = selectors.topic_get(user=current_user(request), pk=topic_id)
        topic = services.topic_complete(topic=topic, **validated(s.TopicCompleteInputSerializer, request.data))
        return Response(s.TopicCompleteOutputSerializer(topic).data)


# --- notes -----------------------------------------------------------------------------------


class NoteListApi(APIView):
    """List (and full-text search) the user's notes; create one."""

    plan_limited_methods = UNSAFE_METHODS  # 402 plan_limit / quota_exceeded (maigie.openapi)

    @extend_schema(
        parameters=[s.NoteListFilterSerializer], responses=s.NoteSearchOutputSerializer(many=True), tags=NOTES
    )
    def get(self, request: Request) -> Response:
        queryset = selectors.note_list(user=current_user(request), **query_filters(s.NoteListFilterSerializer, request))
        return paginated_response(request, queryset, s.NoteSearchOutputSerializer, view=self)

    @extend_schema(request=s.NoteCreateInputSerializer, responses={201: s.NoteOutputSerializer}, tags=NOTES)
    def post(self, request: Request) -> Response:
        note = services.note_create(user=current_user(request), **validated(s.NoteCreateInputSerializer, request.data))
        return Response(s.NoteOutputSerializer(note).data, status=status.HTTP_201_CREATED)


class NoteDetailApi(IfMatchMixin, APIView):
    """Read, change or delete one of the user's notes."""

    plan_limited_methods = UNSAFE_METHODS  # 402 plan_limit / quota_exceeded (maigie.openapi)

    @extend_schema(responses=s.NoteOutputSerializer, tags=NOTES)
    def get(self, request: Request, note_id: UUID) -> Response:
        return Response(s.NoteOutputSerializer(selectors.note_get(user=current_user(request), pk=note_id)).data)

    @extend_schema(request=s.NoteUpdateInputSerializer, responses=s.NoteOutputSerializer, tags=NOTES)
    def patch(self, request: Request, note_id: UUID) -> Response:
        note = selectors.note_get(user=current_user(request), pk=note_id)
        note = services.note_update(note=note, data=validated(s.NoteUpdateInputSerializer, request.data))
        return Response(s.NoteOutputSerializer(note).data)

    @extend_schema(responses={204: None}, tags=NOTES)
    def delete(self, request: Request, note_id: UUID) -> Response:
        services.note_delete(note=selectors.note_get(user=current_user(request), pk=note_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- resources -------------------------------------------------------------------------------


class ResourceListApi(APIView):
    """Browse the resource catalog; save a resource by URL (an equivalent URL is the same resource)."""

    plan_limited_methods = UNSAFE_METHODS  # 402 plan_limit / quota_exceeded (maigie.openapi)

    @extend_schema(
        parameters=[s.ResourceCatalogFilterSerializer], responses=s.ResourceOutputSerializer(many=True), tags=RESOURCES
    )
    def get(self, request: Request) -> Response:
        queryset = selectors.resource_catalog(**query_filters(s.ResourceCatalogFilterSerializer, request))
        return paginated_response(request, queryset, s.ResourceOutputSerializer, view=self)

    @extend_schema(
        request=s.ResourceSaveInputSerializer,
        responses={201: s.SavedResourceOutputSerializer, 200: s.SavedResourceOutputSerializer},
        tags=RESOURCES,
    )
    def post(self, request: Request) -> Response:
        saved, created = services.resource_save(
            user=current_user(request), **validated(s.ResourceSaveInputSerializer, request.data)
        )
        return Response(
            s.SavedResourceOutputSerializer(saved).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class SavedResourceListApi(APIView):
    """The user's saved resources."""

    @extend_schema(
        parameters=[s.SavedResourceFilterSerializer],
        responses=s.SavedResourceOutputSerializer(many=True),
        tags=RESOURCES,
    )
    def get(self, request: Request) -> Response:
        queryset = selectors.saved_resource_list(
            user=current_user(request), **query_filters(s.SavedResourceFilterSerializer, request)
        )
        return paginated_response(request, queryset, s.SavedResourceOutputSerializer, view=self)


class SavedResourceDetailApi(APIView):
    """Record progress, rating, completion or notes on a saved resource; unsave it."""

    plan_limited_methods = UNSAFE_METHODS  # 402 plan_limit / quota_exceeded (maigie.openapi)

    @extend_schema(
        request=s.SavedResourceUpdateInputSerializer, responses=s.SavedResourceOutputSerializer, tags=RESOURCES
    )
    def patch(self, request: Request, saved_id: UUID) -> Response:
        saved = selectors.saved_resource_get(user=current_user(request), pk=saved_id)
        saved = services.saved_resource_update(
            saved=saved, data=validated(s.SavedResourceUpdateInputSerializer, request.data)
        )
        return Response(s.SavedResourceOutputSerializer(saved).data)

    @extend_schema(responses={204: None}, tags=RESOURCES)
    def delete(self, request: Request, saved_id: UUID) -> Response:
        services.saved_resource_delete(saved=selectors.saved_resource_get(user=current_user(request), pk=saved_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class ResourceRecommendationsApi(APIView):
    """Catalog resources matching the user's active courses and topics, with the reason for each."""

    @extend_schema(responses=s.ResourceRecommendationOutputSerializer(many=True), tags=RESOURCES)
    def get(self, request: Request) -> Response:
        user = current_user(request)
        return cached_page(
            request,
            cache.RECOMMENDATIONS,
            lambda: selectors.resource_recommendations(user=user),
            s.ResourceRecommendationOutputSerializer,
            user_id=user.pk,
            view=self,
        )


# --- semantic search -------------------------------------------------------------------------


class SearchUnavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "Semantic search is unavailable right now; please try again."
    default_code = "search_unavailable"


class SemanticSearchApi(APIView):
    """The user's notes and topics nearest in meaning to ``q`` (every plan)."""

    @extend_schema(
        parameters=[s.SemanticSearchFilterSerializer],
        responses=s.SemanticResultOutputSerializer(many=True),
        tags=SEARCH,
    )
    def get(self, request: Request) -> Response:
        user = current_user(request)
        filters = query_filters(s.SemanticSearchFilterSerializer, request)
        try:
            matches = nearest(user=user, query=filters.pop("q"), text_chars=s.SNIPPET_CHARS * 4, **filters)
        except EmbeddingError as exc:
            raise SearchUnavailable() from exc
        return paginated_response(request, matches, s.SemanticResultOutputSerializer, view=self)
