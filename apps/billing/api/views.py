"""Billing endpoints: one class per action; they call services and selectors."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts.api.current import current_user
from apps.billing import selectors, services
from apps.billing.api.serializers import (
    CheckoutInputSerializer,
    CheckoutOutputSerializer,
    PlanOutputSerializer,
    PortalOutputSerializer,
    SubscriptionOutputSerializer,
)
from maigie.api import validated

TAGS = ["subscription"]


def _overview(request: Request) -> Response:
    return Response(SubscriptionOutputSerializer(selectors.subscription_overview(user=current_user(request))).data)


class SubscriptionDetailApi(APIView):
    @extend_schema(responses=SubscriptionOutputSerializer, tags=TAGS)
    def get(self, request: Request) -> Response:
        """The user's plan, status, period end, limits and current usage."""
        return _overview(request)


class PlanListApi(APIView):
    pagination_class = None  # three plans

    @extend_schema(responses=PlanOutputSerializer(many=True), tags=TAGS)
    def get(self, request: Request) -> Response:
        """Every plan with its price and limits (three plans: not paginated)."""
        return Response(PlanOutputSerializer(selectors.plan_list(), many=True).data)


class CheckoutApi(APIView):
    @extend_schema(request=CheckoutInputSerializer, responses={201: CheckoutOutputSerializer}, tags=TAGS)
    def post(self, request: Request) -> Response:
        """A Stripe Checkout URL for a paid plan."""
        plan = validated(CheckoutInputSerializer, request.data)["plan"]
        session = services.checkout_session_create(user=current_user(request), plan=plan)
        return Response(CheckoutOutputSerializer(session).data, status=201)


class PortalApi(APIView):
    @extend_schema(request=None, responses={201: PortalOutputSerializer}, tags=TAGS)
    def post(self, request: Request) -> Response:
        """A Stripe billing portal URL (payment methods, invoices)."""
        return Response(
            PortalOutputSerializer(services.portal_session_create(user=current_user(request))).data, status=201
        )


class CancelApi(APIView):
    @extend_schema(request=None, responses=SubscriptionOutputSerializer, tags=TAGS)
    def post(self, request: Request) -> Response:
        """Cancel at the end of the paid period."""
        services.subscription_cancel(user=current_user(request))
        return _overview(request)


class ResumeApi(APIView):
    @extend_schema(request=None, responses=SubscriptionOutputSerializer, tags=TAGS)
    def post(self, request: Request) -> Response:
        """Undo a pending cancellation."""
        services.subscription_resume(user=current_user(request))
        return _overview(request)
