"""Generation jobs: course outlines, schedule proposals (and their confirmation), note summaries."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts.api.current import current_user
from apps.accounts.api.jobs import JobSerializer
from apps.accounts.models import Job
from apps.accounts.services import job_payload
from apps.assistant.generation import services
from apps.assistant.generation.schedule import WEEKDAYS
from apps.learning.models import Difficulty
from maigie import fields
from maigie.api import EnumChoiceField, validated
from maigie.openapi import UNSAFE_METHODS

TAGS = ["generation"]


class JobEnvelopeSerializer(serializers.Serializer[Any]):
    """The 202 answer of a started job."""

    job = JobSerializer()


def _accepted(job: Job) -> Response:
    return Response({"job": job_payload(job)}, status=status.HTTP_202_ACCEPTED)


class CourseGenerateApi(APIView):
    """Start generating a course outline; the job's result names the created course."""

    plan_limited_methods = UNSAFE_METHODS  # 402 plan_limit / quota_exceeded (maigie.openapi)

    class InputSerializer(serializers.Serializer[Any]):
        topic = fields.CharField(max_length=120)
        level = EnumChoiceField(choices=Difficulty.choices)
        weeks = fields.IntegerField(min_value=1, max_value=52)
        hours_per_week = fields.IntegerField(min_value=1, max_value=40)

        class Meta:
            ref_name = "CourseGenerate"

    @extend_schema(request=InputSerializer, responses={202: JobEnvelopeSerializer}, tags=TAGS)
    def post(self, request: Request) -> Response:
        data = validated(self.InputSerializer, request.data)
        return _accepted(services.course_generation_start(user=current_user(request), **data))


class WindowSerializer(serializers.Serializer[Any]):
    """A preferred study window, in the learner's timezone."""

    days = serializers.ListField(child=serializers.ChoiceField(choices=WEEKDAYS), min_length=1, max_length=7)
    start = serializers.TimeField(format="%H:%M")
    end = serializers.TimeField(format="%H:%M")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["end"] <= attrs["start"]:
            raise serializers.ValidationError({"end": ["end must be after start."]})
        return {**attrs, "start": attrs["start"].strftime("%H:%M"), "end": attrs["end"].strftime("%H:%M")}


class ScheduleGenerateApi(APIView):
    """Start proposing study blocks for a course or goal; confirm the proposal to create them."""

    plan_limited_methods = UNSAFE_METHODS  # 402 plan_limit / quota_exceeded (maigie.openapi)

    class InputSerializer(serializers.Serializer[Any]):
        course_id = fields.UUIDField(required=False)
        goal_id = fields.UUIDField(required=False)
        sessions_per_week = fields.IntegerField(min_value=1, max_value=7, default=3)
        minutes_per_session = fields.IntegerField(min_value=15, max_value=240, default=60)
        windows = serializers.ListField(child=WindowSerializer(), required=False, min_length=1, max_length=14)
        until = fields.DateField(required=False)

        class Meta:
            ref_name = "ScheduleGenerate"

        def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
            if ("course_id" in attrs) == ("goal_id" in attrs):
                raise serializers.ValidationError({"course_id": ["Give either course_id or goal_id."]})
            return attrs

    @extend_schema(request=InputSerializer, responses={202: JobEnvelopeSerializer}, tags=TAGS)
    def post(self, request: Request) -> Response:
        data = validated(self.InputSerializer, request.data)
        return _accepted(services.schedule_generation_start(user=current_user(request), **data))


class ScheduleConfirmApi(APIView):
    """Create the blocks a finished schedule job proposed (once; again is 409)."""

    plan_limited_methods = UNSAFE_METHODS  # 402 plan_limit / quota_exceeded (maigie.openapi)

    @extend_schema(request=None, responses={200: JobEnvelopeSerializer}, tags=TAGS)
    def post(self, request: Request, job_id: UUID) -> Response:
        job = services.schedule_proposal_confirm(user=current_user(request), job_id=job_id)
        return Response({"job": job_payload(job)})


class NoteSummaryApi(APIView):
    """Start summarising a note; the summary is written to the note."""

    plan_limited_methods = UNSAFE_METHODS  # 402 plan_limit / quota_exceeded (maigie.openapi)

    @extend_schema(request=None, responses={202: JobEnvelopeSerializer}, tags=TAGS)
    def post(self, request: Request, note_id: UUID) -> Response:
        return _accepted(services.note_summary_start(user=current_user(request), note_id=note_id))
