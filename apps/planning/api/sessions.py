"""Study sessions and analytics API: one class per action."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts.api.current import current_user
from apps.planning.models import StudySession
from apps.planning.selectors.analytics import METRICS, local_today, summary, timeseries
from apps.planning.selectors.sessions import session_get, session_list
from apps.planning.services.sessions import study_session_start, study_session_stop
from apps.review.api.serializers import AchievementsEarnedSerializer
from maigie import cache, fields
from maigie.api import EnumChoiceField, paginated_response, query_filters, validated


class SessionOutputSerializer(serializers.ModelSerializer[StudySession]):
    duration_minutes = serializers.SerializerMethodField()

    class Meta:
        model = StudySession
        fields = ["id", "block_id", "course_id", "topic_id", "started_at", "ended_at", "duration_minutes"]
        read_only_fields = fields

    def get_duration_minutes(self, session: StudySession) -> int:
        return int(((session.ended_at or timezone.now()) - session.started_at).total_seconds() // 60)


class SessionListApi(APIView):
    """The user's study sessions, newest first (``?running=true`` for the running one)."""

    class FilterSerializer(serializers.Serializer[Any]):
        running = fields.BooleanField(required=False)

    @extend_schema(
        parameters=[FilterSerializer], responses={200: SessionOutputSerializer(many=True)}, tags=["sessions"]
    )
    def get(self, request: Request) -> Response:
        sessions = session_list(user=current_user(request), **query_filters(self.FilterSerializer, request))
        return paginated_response(request, sessions, SessionOutputSerializer, view=self)


class SessionStartApi(APIView):
    """Start a study session now; refused while another one runs."""

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "SessionStart"

        block_id = fields.UUIDField(required=False, allow_null=True)
        course_id = fields.UUIDField(required=False, allow_null=True, help_text="The block's by default.")
        topic_id = fields.UUIDField(
            required=False, allow_null=True, help_text="Implies its course; the block's by default."
        )

    @extend_schema(request=InputSerializer, responses={201: SessionOutputSerializer}, tags=["sessions"])
    def post(self, request: Request) -> Response:
        session = study_session_start(user=current_user(request), **validated(self.InputSerializer, request.data))
        return Response(SessionOutputSerializer(session).data, status=status.HTTP_201_CREATED)


class SessionStopApi(APIView):
    """Stop a running study session."""

    @extend_schema(request=None, responses={200: SessionOutputSerializer}, tags=["sessions"])
    def post(self, request: Request, session_id: str) -> Response:
        session = study_session_stop(session=session_get(user=current_user(request), session_id=session_id))
        return Response(SessionOutputSerializer(session).data)


class FiguresSerializer(serializers.Serializer[Any]):
    study_minutes = serializers.IntegerField()
    sessions = serializers.IntegerField()
    tasks_completed = serializers.IntegerField()
    topics_completed = serializers.IntegerField()
    notes_created = serializers.IntegerField()


class AnalyticsSummaryApi(APIView):
    """Today, this week, streaks (in the user's time zone), open goals' and active courses' progress."""

    class OutputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "AnalyticsSummary"

        date = fields.DateField()
        timezone = fields.CharField()
        today = FiguresSerializer()
        this_week = FiguresSerializer()
        streaks = inline_serializer(
            "Streaks", {"current": serializers.IntegerField(), "longest": serializers.IntegerField()}
        )
        goals = inline_serializer(
            "GoalProgress",
            {
                "id": fields.UUIDField(),
                "title": fields.CharField(),
                "status": fields.CharField(),
                "progress": serializers.FloatField(),
                "target_date": fields.DateField(allow_null=True),
            },
            many=True,
        )
        courses = inline_serializer(
            "CourseProgress",
            {
                "id": fields.UUIDField(),
                "title": fields.CharField(),
                "progress": serializers.FloatField(),
                "topic_count": serializers.IntegerField(),
                "completed_topic_count": serializers.IntegerField(),
                "target_date": fields.DateField(allow_null=True),
            },
            many=True,
        )
        achievements = AchievementsEarnedSerializer()

    @extend_schema(responses={200: OutputSerializer}, tags=["analytics"])
    def get(self, request: Request) -> Response:
        user, now = current_user(request), timezone.now()
        return Response(
            cache.get_or_compute(
                cache.ANALYTICS_SUMMARY,
                user_id=user.pk,
                parts=(local_today(user=user, now=now),),
                compute=lambda: self.OutputSerializer(summary(user=user, now=now)).data,
            )
        )


class AnalyticsTimeseriesApi(APIView):
    """One value of ``metric`` per local day from ``start`` to ``end`` inclusive (at most 366 days)."""

    class FilterSerializer(serializers.Serializer[Any]):
        metric = EnumChoiceField(choices=METRICS)
        start = fields.DateField()
        end = fields.DateField()

    class OutputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "TimeseriesPoint"

        date = fields.DateField()
        value = serializers.IntegerField()

    @extend_schema(
        parameters=[FilterSerializer],
        responses={
            200: inline_serializer(
                "Timeseries",
                {
                    "metric": fields.CharField(),
                    "start": fields.DateField(),
                    "end": fields.DateField(),
                    "points": OutputSerializer(many=True),
                },
            )
        },
        tags=["analytics"],
    )
    def get(self, request: Request) -> Response:
        data = query_filters(self.FilterSerializer, request)
        points = timeseries(user=current_user(request), now=timezone.now(), **data)
        return Response(
            {
                "metric": data["metric"],
                "start": data["start"].isoformat(),
                "end": data["end"].isoformat(),
                "points": self.OutputSerializer(points, many=True).data,
            }
        )
