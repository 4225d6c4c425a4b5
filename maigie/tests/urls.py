"""URLs used only by tests: the project's URLs plus a view that fails."""

import uuid

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.urls import path
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from maigie.errors import Conflict
from maigie.urls import handler400, handler403, handler404, handler500
from maigie.urls import urlpatterns as project_urlpatterns


class BrokenApi(APIView):
    permission_classes = (AllowAny,)

    def get(self, request: Request) -> Response:
        raise RuntimeError("secret internal detail")

    def post(self, request: Request) -> Response:
        raise RuntimeError("secret internal detail")


class ServiceRefusalApi(APIView):
    permission_classes = (AllowAny,)

    def post(self, request: Request) -> Response:
        raise DjangoValidationError({"title": ["Title cannot be empty."]})


class ConflictApi(APIView):
    permission_classes = (AllowAny,)

    def post(self, request: Request) -> Response:
        raise Conflict("Changed since.", code="undo_conflict")


class RaceApi(APIView):
    """Writes that break a constraint as a concurrent request would: ``?broken=reference|unique|check``."""

    def post(self, request: Request) -> Response:
        from apps.planning.models import Goal

        broken, user_id = request.query_params["broken"], str(request.user.pk)
        with transaction.atomic():
            if broken == "reference":  # the learner's account deleted meanwhile: checked at commit
                Goal.objects.create(user_id=uuid.uuid4(), title="Orphan")
            elif broken == "unique":
                goal = Goal.objects.create(user_id=user_id, title="Twice")
                Goal.objects.create(id=goal.id, user_id=user_id, title="Twice")
            else:  # a defect, not a race: a missing required value
                Goal.objects.create(user_id=user_id, title=None)  # type: ignore[misc]
        return Response({})


class WhoAmIApi(APIView):
    def get(self, request: Request) -> Response:
        return Response({"id": str(request.user.pk)})


def broken_view(request):
    raise RuntimeError("secret internal detail")


urlpatterns = [
    path("api/v1/test/broken", BrokenApi.as_view()),
    path("api/v1/test/whoami", WhoAmIApi.as_view()),
    path("api/v1/test/refuse", ServiceRefusalApi.as_view()),
    path("api/v1/test/conflict", ConflictApi.as_view()),
    path("api/v1/test/race", RaceApi.as_view()),
    path("plain/broken", broken_view),
    path("api/v1/test/plain-broken", broken_view),
    *project_urlpatterns,
]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
