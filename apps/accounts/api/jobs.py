"""``GET /api/v1/jobs/{id}``: state, progress and result of a long job, for its owner only."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts.models import Job, JobState
from maigie import fields
from maigie.ownership import get_owned_or_404


class JobDetailApi(APIView):
    """One of the caller's jobs; another user's job answers 404."""

    class OutputSerializer(serializers.Serializer[Any]):
        id = fields.UUIDField()
        kind = fields.CharField()
        state = serializers.ChoiceField(choices=JobState.choices)
        progress = serializers.IntegerField(min_value=0, max_value=100)
        message = fields.CharField()
        result = serializers.JSONField(allow_null=True)
        error = fields.CharField()
        created_at = fields.DateTimeField()
        updated_at = fields.DateTimeField()
        finished_at = fields.DateTimeField(allow_null=True)

    @extend_schema(responses={200: OutputSerializer}, tags=["jobs"])
    def get(self, request: Request, job_id: UUID) -> Response:
        job = get_owned_or_404(Job.objects.all(), user=request.user, owner_path="user", pk=job_id)
        return Response(self.OutputSerializer(job).data)
