"""Accounts API views: one class per action."""

from __future__ import annotations

from django.contrib.auth import authenticate
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts.api.serializers import LoginInputSerializer, TokenPairOutputSerializer
from apps.accounts.services import token_pair_for


class LoginApi(APIView):
    """Exchange e-mail and password for a JWT pair."""

    authentication_classes = ()
    permission_classes = (AllowAny,)

    def get_authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'

    @extend_schema(request=LoginInputSerializer, responses={200: TokenPairOutputSerializer}, tags=["auth"])
    def post(self, request: Request) -> Response:
        serializer = LoginInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = authenticate(
            request._request,
            username=serializer.validated_data["email"],
            password=serializer.validated_data["password"],
        )
        if user is None:
            raise exceptions.AuthenticationFailed("Invalid e-mail or password.", code="invalid_credentials")
        output = TokenPairOutputSerializer({**token_pair_for(user=user), "user": user})
        return Response(output.data, status=status.HTTP_200_OK)
