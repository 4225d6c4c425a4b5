"""Schedule API: blocks, occurrences and their changes; one class per action."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import BaseParser
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts.api.current import current_user
from apps.planning.models import BlockType, ScheduleBlock
from apps.planning.recurrence import Occurrence
from apps.planning.selectors.calendar import calendar_feed, user_for_calendar_token
from apps.planning.selectors.schedule import (
    BLOCK_ORDERINGS,
    Conflict,
    block_conflicts,
    block_get,
    block_list,
    occurrence_of,
    occurrences_in_window,
)
from apps.planning.services.calendar import calendar_token_rotate
from apps.planning.services.schedule import (
    MAX_REMINDER_MINUTES,
    occurrence_cancel,
    occurrence_complete,
    occurrence_move,
    schedule_block_create,
    schedule_block_delete,
    schedule_block_update,
)
from maigie import fields
from maigie.api import EnumChoiceField, paginated_response, query_filters, validated
from maigie.openapi import errors
from maigie.preconditions import IfMatchMixin


class BlockOutputSerializer(serializers.ModelSerializer[ScheduleBlock]):
    class Meta:
        model = ScheduleBlock
        fields = [
            "id",
            "title",
            "description",
            "type",
            "start_time",
            "end_time",
            "timezone",
            "recurrence_rule",
            "reminder_minutes",
            "completed",
            "goal_id",
            "course_id",
            "topic_id",
            "is_ai_generated",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class OccurrenceOutputSerializer(serializers.Serializer[Any]):
    block_id = fields.UUIDField(source="block.pk")
    title = fields.CharField(source="block.title")
    type = fields.CharField(source="block.type")
    occurrence_start = fields.DateTimeField(source="original_start", help_text="Identifies the occurrence.")
    start = fields.DateTimeField()
    end = fields.DateTimeField()
    completed = fields.BooleanField()
    moved = fields.BooleanField()
    recurring = serializers.SerializerMethodField()

    def get_recurring(self, occurrence: Occurrence) -> bool:
        return bool(occurrence.block.recurrence_rule)


class ConflictOutputSerializer(serializers.Serializer[Any]):
    occurrence_start = fields.DateTimeField(help_text="Our occurrence that overlaps.")
    block_id = fields.UUIDField(source="other.block.pk")
    title = fields.CharField(source="other.block.title")
    start = fields.DateTimeField(source="other.start")
    end = fields.DateTimeField(source="other.end")


class BlockWithConflictsSerializer(BlockOutputSerializer):
    conflicts = ConflictOutputSerializer(many=True)

    class Meta(BlockOutputSerializer.Meta):
        fields = [*BlockOutputSerializer.Meta.fields, "conflicts"]
        read_only_fields = fields


class BlockInputSerializer(serializers.Serializer[Any]):
    title = fields.CharField(max_length=200)
    description = fields.CharField(required=False, allow_blank=True)
    type = EnumChoiceField(choices=BlockType.choices, required=False)
    start_time = fields.DateTimeField()
    end_time = fields.DateTimeField()
    timezone = fields.CharField(required=False, help_text="IANA zone of the series; the user's by default.")
    recurrence_rule = fields.CharField(max_length=500, required=False, allow_blank=True)
    reminder_minutes = fields.IntegerField(
        required=False,
        allow_null=True,
        min_value=0,
        max_value=MAX_REMINDER_MINUTES,
        help_text="Minutes before each start.",
    )
    goal_id = fields.UUIDField(required=False, allow_null=True)
    course_id = fields.UUIDField(required=False, allow_null=True)
    topic_id = fields.UUIDField(required=False, allow_null=True, help_text="Implies its course.")


class BlockPatchSerializer(BlockInputSerializer):
    title = fields.CharField(max_length=200, required=False)
    start_time = fields.DateTimeField(required=False)
    end_time = fields.DateTimeField(required=False)
    completed = fields.BooleanField(required=False)


def with_conflicts(block: ScheduleBlock, conflicts: list[Conflict]) -> dict[str, Any]:
    """The block's representation with the overlapping occurrences."""
    block.conflicts = conflicts  # type: ignore[attr-defined]
    return dict(BlockWithConflictsSerializer(block).data)


class ScheduleListApi(APIView):
    """List the user's blocks or create one (the answer reports overlapping occurrences)."""

    class FilterSerializer(serializers.Serializer[Any]):
        type = EnumChoiceField(choices=BlockType.choices, required=False)
        goal_id = fields.UUIDField(required=False)
        course = fields.UUIDField(required=False, help_text="Only blocks of this course.")
        ordering = EnumChoiceField(choices=sorted(BLOCK_ORDERINGS), required=False)

    @extend_schema(parameters=[FilterSerializer], responses={200: BlockOutputSerializer(many=True)}, tags=["schedule"])
    def get(self, request: Request) -> Response:
        blocks = block_list(user=current_user(request), **query_filters(self.FilterSerializer, request))
        return paginated_response(request, blocks, BlockOutputSerializer, view=self)

    @extend_schema(request=BlockInputSerializer, responses={201: BlockWithConflictsSerializer}, tags=["schedule"])
    def post(self, request: Request) -> Response:
        block = schedule_block_create(user=current_user(request), **validated(BlockInputSerializer, request.data))
        return Response(with_conflicts(block, block_conflicts(block=block)), status=status.HTTP_201_CREATED)


class ScheduleDetailApi(IfMatchMixin, APIView):
    """Read, change or delete one block."""

    @extend_schema(responses={200: BlockOutputSerializer}, tags=["schedule"])
    def get(self, request: Request, block_id: str) -> Response:
        return Response(BlockOutputSerializer(block_get(user=current_user(request), block_id=block_id)).data)

    @extend_schema(request=BlockPatchSerializer, responses={200: BlockWithConflictsSerializer}, tags=["schedule"])
    def patch(self, request: Request, block_id: str) -> Response:
        block = block_get(user=current_user(request), block_id=block_id)
        block = schedule_block_update(block=block, data=validated(BlockPatchSerializer, request.data))
        return Response(with_conflicts(block, block_conflicts(block=block)))

    @extend_schema(responses={204: None}, tags=["schedule"])
    def delete(self, request: Request, block_id: str) -> Response:
        schedule_block_delete(block=block_get(user=current_user(request), block_id=block_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class OccurrenceListApi(APIView):
    """Concrete occurrences of the user's blocks overlapping ``start``-``end`` (at most 400 days)."""

    class FilterSerializer(serializers.Serializer[Any]):
        start = fields.DateTimeField()
        end = fields.DateTimeField()

    @extend_schema(
        parameters=[FilterSerializer],
        responses={
            200: inline_serializer(
                "OccurrenceList",
                {"count": serializers.IntegerField(), "results": OccurrenceOutputSerializer(many=True)},
            )
        },
        tags=["schedule"],
    )
    def get(self, request: Request) -> Response:
        user = current_user(request)
        with timezone.override(user.timezone):
            filters = query_filters(self.FilterSerializer, request)
        occurrences = occurrences_in_window(user=user, **filters)
        return Response({"count": len(occurrences), "results": OccurrenceOutputSerializer(occurrences, many=True).data})


class OccurrenceInputSerializer(serializers.Serializer[Any]):
    occurrence_start = fields.DateTimeField(help_text="The scheduled start of the occurrence, as listed.")


class OccurrenceCompleteApi(APIView):
    """Mark one occurrence completed (or not), leaving the series alone."""

    class InputSerializer(OccurrenceInputSerializer):
        class Meta:
            ref_name = "OccurrenceComplete"

        completed = fields.BooleanField(default=True)

    @extend_schema(request=InputSerializer, responses={200: OccurrenceOutputSerializer}, tags=["schedule"])
    def post(self, request: Request, block_id: str) -> Response:
        block = block_get(user=current_user(request), block_id=block_id)
        data = validated(self.InputSerializer, request.data)
        occurrence_complete(block=block, **data)
        return Response(OccurrenceOutputSerializer(occurrence_of(block, original_start=data["occurrence_start"])).data)


class OccurrenceMoveApi(APIView):
    """Move one occurrence; the answer reports what it now overlaps."""

    class InputSerializer(OccurrenceInputSerializer):
        class Meta:
            ref_name = "OccurrenceMove"

        start_time = fields.DateTimeField()
        end_time = fields.DateTimeField()

    @extend_schema(
        request=InputSerializer,
        responses={
            200: inline_serializer(
                "MovedOccurrence",
                {"occurrence": OccurrenceOutputSerializer(), "conflicts": ConflictOutputSerializer(many=True)},
            )
        },
        tags=["schedule"],
    )
    def post(self, request: Request, block_id: str) -> Response:
        block = block_get(user=current_user(request), block_id=block_id)
        data = validated(self.InputSerializer, request.data)
        occurrence_move(block=block, **data)
        block = block_get(user=current_user(request), block_id=block_id)
        original = data["occurrence_start"] if block.recurrence_rule else block.start_time
        occurrence = occurrence_of(block, original_start=original)
        assert occurrence is not None  # the service just placed it
        conflicts = block_conflicts(block=block, only=occurrence)
        return Response(
            {
                "occurrence": OccurrenceOutputSerializer(occurrence).data,
                "conflicts": ConflictOutputSerializer(conflicts, many=True).data,
            }
        )


class OccurrenceCancelApi(APIView):
    """Cancel one occurrence; the rest of the series stays."""

    @extend_schema(request=OccurrenceInputSerializer, responses={204: None}, tags=["schedule"])
    def post(self, request: Request, block_id: str) -> Response:
        block = block_get(user=current_user(request), block_id=block_id)
        occurrence_cancel(block=block, **validated(OccurrenceInputSerializer, request.data))
        return Response(status=status.HTTP_204_NO_CONTENT)


class CalendarTokenApi(APIView):
    """Issue a new secret calendar-feed token (the previous one stops working) and the feed URL."""

    @extend_schema(
        request=None,
        responses={200: inline_serializer("CalendarToken", {"token": fields.CharField(), "url": fields.URLField()})},
        tags=["schedule"],
    )
    def post(self, request: Request) -> Response:
        token = calendar_token_rotate(user=current_user(request))
        url = request.build_absolute_uri(reverse("schedule-calendar-feed")) + "?" + urlencode({"token": token})
        return Response({"token": token, "url": url})


class IgnoreClientContentNegotiation(BaseContentNegotiation):
    """Calendar apps send ``Accept: text/calendar``: the feed answers it directly, errors stay JSON."""

    def select_parser(self, request: Request, parsers: Iterable[BaseParser]) -> BaseParser:
        return next(iter(parsers))

    def select_renderer(
        self, request: Request, renderers: Iterable[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        renderer = next(iter(renderers))
        return renderer, renderer.media_type


class CalendarFeedApi(APIView):
    """The user's schedule as an iCalendar feed, authenticated by its secret token (for calendar apps)."""

    authentication_classes = ()
    permission_classes = (AllowAny,)
    content_negotiation_class = IgnoreClientContentNegotiation

    @extend_schema(
        parameters=[OpenApiParameter("token", str, required=True)],
        responses={(200, "text/calendar"): OpenApiTypes.STR, **errors(404)},  # 404: an unknown token
        tags=["schedule"],
    )
    def get(self, request: Request) -> HttpResponse:
        user = user_for_calendar_token(token=request.query_params.get("token", ""))
        response = HttpResponse(calendar_feed(user=user), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="maigie.ics"'
        response["Cache-Control"] = "private, max-age=300"
        return response
