"""The project's URLs plus ``/bench/bare``: the same 20 course rows as a plain JsonResponse, no auth."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.urls import include, path

from apps.learning.models import Course

FIELDS = ("id", "title", "description", "difficulty", "progress", "archived", "created_at", "updated_at")


def bare(request: HttpRequest) -> JsonResponse:
    """One query for a user's 20 newest courses, serialized by Django's JSON encoder (the floor)."""
    rows = list(Course.objects.filter(user_id=request.GET["user"]).order_by("-created_at").values(*FIELDS)[:20])
    return JsonResponse({"count": len(rows), "results": rows})


urlpatterns = [path("bench/bare", bare), path("", include("maigie.urls"))]
