"""``GET /api/v1/jobs/{id}``: state, progress and result of a long job, for its owner only."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts.api.current import current_user
from apps.accounts.models import Job, JobState
from apps.accounts.services import job_payload
from maigie import fields
from maigie.ownership import get_owned_or_404


class JobSerializer(serializers.Serializer[Any]):
    """A job as ``GET /api/v1/jobs/{id}``, a started job's 202 and ``job.progress`` events show it."""

    id = fields.UUIDField()
    kind = fields.CharField()
    state = serializers.ChoiceField(choices=JobState.choices)
    progress = serializers.IntegerField(min_value=0, max_value=100)
    message = fields.CharField()
    result = serializers.JSONField(allow_null=True)
    error = fields.CharField()
    next_attempt_at = fields.DateTimeField(allow_null=True, help_text="When a RETRYING job runs again.")
    created_at = fields.DateTimeField()
    updated_at = fields.DateTimeField()
    finished_at = fields.DateTimeField(allow_null=True)


class JobDetailApi(APIView):
    """One of the caller's jobs; another user's job answers 404."""

    @extend_schema(responses={200: JobSerializer}, tags=["jobs"])
    def get(self, request: Request, job_id: UUID) -> Response:
        job = get_owned_or_404(Job.objects.all(), user=current_user(request), owner_path="user", pk=job_id)
        return Response(job_payload(job))
