"""Staff-only API under /api/v1/admin/: users, tiers, deactivation, platform stats."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAdminUser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts.api import serializers as s
from apps.accounts.api.current import current_user
from apps.accounts.models import Tier, User
from apps.accounts.selectors import USER_ORDERINGS, platform_stats, staff_user_list
from apps.accounts.services import users
from apps.accounts.services.audit import Client
from maigie import fields
from maigie.api import EnumChoiceField, paginated_response, query_filters, validated
from maigie.openapi import errors


class StaffApi(APIView):
    """Base of the staff endpoints: ``is_staff`` only."""

    permission_classes = (IsAdminUser,)


def _user(user_id: str) -> User:
    return get_object_or_404(User.objects.all(), pk=user_id)


class StaffUserListApi(StaffApi):
    """Users, searchable by e-mail or name, filterable by tier and active state."""

    class FilterSerializer(serializers.Serializer[Any]):
        search = fields.CharField(required=False, max_length=200, help_text="Part of the e-mail or name.")
        tier = EnumChoiceField(choices=Tier.choices, required=False)
        is_active = fields.BooleanField(required=False)
        ordering = EnumChoiceField(choices=sorted(USER_ORDERINGS), required=False)

    @extend_schema(parameters=[FilterSerializer], responses={200: s.StaffUserSerializer(many=True)}, tags=["admin"])
    def get(self, request: Request) -> Response:
        queryset = staff_user_list(**query_filters(self.FilterSerializer, request))
        return paginated_response(request, queryset, s.StaffUserSerializer, view=self)


class StaffUserDetailApi(StaffApi):
    """One user."""

    @extend_schema(responses={200: s.StaffUserSerializer, **errors(401, 403, 404, 429)}, tags=["admin"])
    def get(self, request: Request, user_id: str) -> Response:
        return Response(s.StaffUserSerializer(_user(user_id)).data)


class StaffUserTierApi(StaffApi):
    """Set a user's plan tier."""

    @extend_schema(
        request=s.TierInputSerializer,
        responses={200: s.StaffUserSerializer, **errors(400, 401, 403, 404, 429)},
        tags=["admin"],
    )
    def post(self, request: Request, user_id: str) -> Response:
        tier = validated(s.TierInputSerializer, request.data)["tier"]
        user = users.user_set_tier(
            user=_user(user_id),
            tier=tier,
            actor=current_user(request),
            client=Client.from_request(request),
        )
        return Response(s.StaffUserSerializer(user).data)


class StaffUserDeactivateApi(StaffApi):
    """Deactivate a user: they can no longer sign in or use their tokens (409 for one's own account or the last
    active staff user)."""

    @extend_schema(
        request=None, responses={200: s.StaffUserSerializer, **errors(401, 403, 404, 409, 429)}, tags=["admin"]
    )
    def post(self, request: Request, user_id: str) -> Response:
        user = users.user_deactivate(
            user=_user(user_id), actor=current_user(request), client=Client.from_request(request)
        )
        return Response(s.StaffUserSerializer(user).data)


class StaffStatsApi(StaffApi):
    """Platform figures: users total, new this week, daily active users."""

    @extend_schema(responses={200: s.PlatformStatsSerializer, **errors(401, 403, 429)}, tags=["admin"])
    def get(self, request: Request) -> Response:
        return Response(s.PlatformStatsSerializer(platform_stats()).data)
