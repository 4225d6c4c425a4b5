"""Accounts API views: one class per action; they parse input and call services/selectors."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts.api import serializers as s
from apps.accounts.api.current import current_user
from apps.accounts.models import Notification
from apps.accounts.selectors import notification_list
from apps.accounts.services import auth, google, notifications, tokens, users
from apps.accounts.services.audit import Client
from maigie import fields
from maigie.api import paginated_response, query_filters, validated
from maigie.openapi import errors
from maigie.ownership import get_owned_or_404
from maigie.preconditions import IfMatchMixin

PAIR_EXAMPLE = OpenApiExample(
    "Token pair",
    value={
        "access": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...",
        "refresh": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...",
        "user": {
            "id": "0b8f3c1e-2f7a-4a53-9a8e-7c9f0d6f4b21",
            "email": "ada@example.com",
            "name": "Ada",
            "tier": "FREE",
            "timezone": "Europe/London",
            "preferences": {"theme": "dark"},
            "email_verified": False,
            "created_at": "2026-01-05T09:30:00Z",
        },
    },
    response_only=True,
)


def _pair_response(user: Any, pair: dict[str, str], *, status_code: int = status.HTTP_200_OK) -> Response:
    return Response(s.TokenPairOutputSerializer({**pair, "user": user}).data, status=status_code)


class PublicAuthApi(APIView):
    """Base of the unauthenticated auth endpoints: throttled by the ``auth`` scope (IP and e-mail)."""

    authentication_classes = ()
    permission_classes = (AllowAny,)
    throttle_scope = "auth"

    def get_authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'


class RegisterApi(PublicAuthApi):
    """Create an account; a verification code is e-mailed."""

    @extend_schema(
        request=s.RegisterInputSerializer,
        responses={201: s.TokenPairOutputSerializer, **errors(400, 429)},
        tags=["auth"],
        examples=[
            OpenApiExample(
                "Sign-up",
                value={"email": "ada@example.com", "password": "a long passphrase", "timezone": "Europe/London"},
                request_only=True,
            ),
            PAIR_EXAMPLE,
        ],
    )
    def post(self, request: Request) -> Response:
        data = validated(s.RegisterInputSerializer, request.data)
        user, pair = auth.user_register(**data, client=Client.from_request(request))
        return _pair_response(user, pair, status_code=status.HTTP_201_CREATED)


class LoginApi(PublicAuthApi):
    """Exchange e-mail and password for a JWT pair."""

    @extend_schema(
        request=s.LoginInputSerializer,
        responses={200: s.TokenPairOutputSerializer, **errors(400, 401, 429)},
        tags=["auth"],
        examples=[
            OpenApiExample(
                "Login", value={"email": "ada@example.com", "password": "a long passphrase"}, request_only=True
            ),
            PAIR_EXAMPLE,
        ],
    )
    def post(self, request: Request) -> Response:
        data = validated(s.LoginInputSerializer, request.data)
        user, pair = auth.auth_login(**data, client=Client.from_request(request))
        return _pair_response(user, pair)


class RefreshApi(PublicAuthApi):
    """Rotate a refresh token; presenting a used one again revokes the whole session."""

    throttle_scope = "refresh"

    @extend_schema(
        request=s.RefreshInputSerializer,
        responses={200: s.TokenOnlyPairSerializer, **errors(400, 401, 429)},
        tags=["auth"],
        examples=[
            OpenApiExample("Refresh", value={"refresh": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9..."}, request_only=True)
        ],
    )
    def post(self, request: Request) -> Response:
        data = validated(s.RefreshInputSerializer, request.data)
        pair = tokens.token_refresh(refresh=data["refresh"], client=Client.from_request(request))
        return Response(s.TokenOnlyPairSerializer(pair).data)


class LogoutApi(PublicAuthApi):
    """End the session of a refresh token."""

    throttle_scope = "refresh"

    @extend_schema(request=s.RefreshInputSerializer, responses={204: None, **errors(400, 401, 429)}, tags=["auth"])
    def post(self, request: Request) -> Response:
        data = validated(s.RefreshInputSerializer, request.data)
        tokens.token_logout(refresh=data["refresh"], client=Client.from_request(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class LogoutEverywhereApi(APIView):
    """End every session of the signed-in learner: refresh and access tokens, open WebSockets."""

    throttle_scope = "auth"

    @extend_schema(request=None, responses={204: None, **errors(401, 429)}, tags=["auth"])
    def post(self, request: Request) -> Response:
        tokens.token_logout_everywhere(user=current_user(request), client=Client.from_request(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class VerifyEmailApi(APIView):
    """Confirm the e-mail address with the code it received."""

    throttle_scope = "auth"

    @extend_schema(
        request=s.CodeInputSerializer,
        responses={200: s.UserSerializer, **errors(400, 401, 429)},
        tags=["auth"],
        examples=[OpenApiExample("Code", value={"code": "042917"}, request_only=True)],
    )
    def post(self, request: Request) -> Response:
        data = validated(s.CodeInputSerializer, request.data)
        user = auth.email_verify(user=current_user(request), code=data["code"], client=Client.from_request(request))
        return Response(s.UserSerializer(user).data)


class ResendVerificationApi(APIView):
    """E-mail a new verification code."""

    throttle_scope = "auth"

    @extend_schema(request=None, responses={202: None, **errors(400, 401, 429)}, tags=["auth"])
    def post(self, request: Request) -> Response:
        auth.verification_resend(user=current_user(request))
        return Response(status=status.HTTP_202_ACCEPTED)


class PasswordChangeApi(APIView):
    """Change the password; other sessions end, a new token pair is returned."""

    throttle_scope = "auth"

    @extend_schema(
        request=s.PasswordChangeInputSerializer,
        responses={200: s.TokenOnlyPairSerializer, **errors(400, 401, 429)},
        tags=["auth"],
    )
    def post(self, request: Request) -> Response:
        data = validated(s.PasswordChangeInputSerializer, request.data)
        pair = auth.password_change(user=current_user(request), **data, client=Client.from_request(request))
        return Response(s.TokenOnlyPairSerializer(pair).data)


class PasswordForgotApi(PublicAuthApi):
    """Ask for a reset code by e-mail; always 202, whether or not the account exists."""

    @extend_schema(request=s.EmailInputSerializer, responses={202: None, **errors(400, 429)}, tags=["auth"])
    def post(self, request: Request) -> Response:
        data = validated(s.EmailInputSerializer, request.data)
        auth.password_forgot(email=data["email"], client=Client.from_request(request))
        return Response(status=status.HTTP_202_ACCEPTED)


class PasswordResetApi(PublicAuthApi):
    """Set a new password with an e-mailed reset code."""

    @extend_schema(
        request=s.PasswordResetInputSerializer,
        responses={204: None, **errors(400, 429)},
        tags=["auth"],
        examples=[
            OpenApiExample(
                "Reset",
                value={"email": "ada@example.com", "code": "042917", "new_password": "another long passphrase"},
                request_only=True,
            )
        ],
    )
    def post(self, request: Request) -> Response:
        data = validated(s.PasswordResetInputSerializer, request.data)
        auth.password_reset(**data, client=Client.from_request(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeApi(IfMatchMixin, APIView):
    """The signed-in user's profile: read, update, delete."""

    @property
    def throttle_scope(self) -> str | None:
        """Deleting the account checks a password: it shares the ``auth`` limits."""
        return "auth" if self.request.method == "DELETE" else None

    @extend_schema(responses={200: s.UserSerializer, **errors(401, 429)}, tags=["users"])
    def get(self, request: Request) -> Response:
        return Response(s.UserSerializer(current_user(request)).data)

    @extend_schema(
        request=s.MeUpdateInputSerializer,
        responses={200: s.UserSerializer, **errors(400, 401, 429)},
        tags=["users"],
        examples=[
            OpenApiExample(
                "Update",
                value={"timezone": "America/New_York", "preferences": {"theme": "dark", "week_start": "sunday"}},
                request_only=True,
            )
        ],
    )
    def patch(self, request: Request) -> Response:
        data = validated(s.MeUpdateInputSerializer, request.data, partial=True)
        user = users.user_update(user=current_user(request), **data)
        return Response(s.UserSerializer(user).data)

    @extend_schema(
        request=s.PasswordConfirmInputSerializer, responses={204: None, **errors(400, 401, 429)}, tags=["users"]
    )
    def delete(self, request: Request) -> Response:
        data = validated(s.PasswordConfirmInputSerializer, request.data)
        users.user_delete(user=current_user(request), password=data["password"], client=Client.from_request(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeExportApi(APIView):
    """Everything the signed-in user owns, as one JSON document."""

    throttle_scope = "export"

    @extend_schema(responses={200: dict[str, Any], **errors(401, 429)}, tags=["users"])
    def get(self, request: Request) -> Response:
        return Response(users.user_export(user=current_user(request)))


class NotificationListApi(APIView):
    """The signed-in user's notifications, newest first."""

    class FilterSerializer(serializers.Serializer[Any]):
        unread = fields.BooleanField(required=False, help_text="Only unread (true) or only read (false).")

    @extend_schema(
        parameters=[FilterSerializer],
        responses={200: s.NotificationSerializer(many=True)},
        tags=["notifications"],
    )
    def get(self, request: Request) -> Response:
        queryset = notification_list(user=current_user(request), **query_filters(self.FilterSerializer, request))
        return paginated_response(request, queryset, s.NotificationSerializer, view=self)


class NotificationReadApi(APIView):
    """Mark one notification read."""

    @extend_schema(
        request=None, responses={200: s.NotificationSerializer, **errors(401, 404, 429)}, tags=["notifications"]
    )
    def post(self, request: Request, notification_id: str) -> Response:
        notification = get_owned_or_404(Notification.objects.all(), user=current_user(request), pk=notification_id)
        notification = notifications.notification_mark_read(notification=notification)
        return Response(s.NotificationSerializer(notification).data)


class NotificationReadAllApi(APIView):
    """Mark every notification read."""

    @extend_schema(request=None, responses={200: s.ReadAllOutputSerializer, **errors(401, 429)}, tags=["notifications"])
    def post(self, request: Request) -> Response:
        count = notifications.notifications_mark_all_read(user=current_user(request))
        return Response(s.ReadAllOutputSerializer({"updated": count}).data)


class GoogleApi(PublicAuthApi):
    """Exchange a Google ID token (native and SPA clients) for our JWT pair."""

    @extend_schema(
        request=s.GoogleInputSerializer,
        responses={200: s.TokenPairOutputSerializer, **errors(400, 401, 429)},
        tags=["auth"],
        examples=[
            OpenApiExample("Google", value={"id_token": "eyJhbGciOiJSUzI1NiIsImtpZCI6..."}, request_only=True),
            PAIR_EXAMPLE,
        ],
    )
    def post(self, request: Request) -> Response:
        data = validated(s.GoogleInputSerializer, request.data)
        user, pair = google.google_authenticate(id_token=data["id_token"], client=Client.from_request(request))
        return _pair_response(user, pair)
