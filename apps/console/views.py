"""Console pages: a user's support page and its actions, the read-only learner view, failed jobs."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any, cast

from celery import states
from django import forms
from django.contrib import admin, messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods
from django_celery_results.models import TaskResult

from apps.accounts.models import User
from apps.accounts.services.audit import Client
from apps.billing.models import PAID_PLAN_CHOICES, Plan
from apps.billing.selectors import subscription_overview
from apps.console import services
from apps.planning.selectors.analytics import summary
from apps.planning.selectors.schedule import occurrences_in_window

FAILED_PAGE = 100


class GrantForm(forms.Form):
    days = forms.IntegerField(min_value=1, max_value=3660, initial=30)
    plan = forms.ChoiceField(choices=PAID_PLAN_CHOICES, initial=Plan.PREMIUM_MONTHLY)


def _context(request: HttpRequest, title: str, **extra: Any) -> dict[str, Any]:
    return {**admin.site.each_context(request), "title": title, **extra}


def _staff(request: HttpRequest) -> User:
    return cast(User, request.user)  # admin_view lets only active staff in


@require_http_methods(["GET", "POST"])
@permission_required("accounts.change_user", raise_exception=True)
def support_page(request: HttpRequest, user_id: uuid.UUID) -> HttpResponse:
    """A user's support page: actions as buttons (POST ``action``), each through an audited service."""
    user = get_object_or_404(User, pk=user_id)
    grant = GrantForm()
    if request.method == "POST":
        actor, client, action = _staff(request), Client.from_request(request), request.POST.get("action", "")
        try:
            if action == "resend_verification":
                services.support_verification_resend(user=user, actor=actor, client=client)
                messages.success(request, "Verification e-mail queued.")
            elif action == "revoke_sessions":
                revoked = services.support_sessions_revoke(user=user, actor=actor, client=client)
                messages.success(request, f"Signed out everywhere ({revoked} sessions).")
            elif action == "grant" and request.user.has_perm("billing.add_subscription"):
                grant = GrantForm(request.POST)
                if grant.is_valid():
                    services.support_complimentary_grant(
                        user=user,
                        actor=actor,
                        client=client,
                        days=grant.cleaned_data["days"],
                        plan=grant.cleaned_data["plan"],
                    )
                    messages.success(request, f"Complimentary period of {grant.cleaned_data['days']} days granted.")
            else:
                messages.error(request, "Unknown or forbidden action.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        if grant.is_bound and not grant.is_valid():
            messages.error(request, "Check the grant's days and plan.")
        return HttpResponseRedirect(reverse("admin:console_support", args=[user.pk]))
    return TemplateResponse(
        request,
        "console/support.html",
        _context(request, f"Support: {user.email}", subject=user, grant_form=grant),
    )


@require_http_methods(["GET"])
@permission_required("accounts.view_user", raise_exception=True)
def learner_page(request: HttpRequest, user_id: uuid.UUID) -> HttpResponse:
    """What the learner sees on their dashboard, read-only (no sign-in as them, no writes)."""
    user = get_object_or_404(User, pk=user_id)
    now = timezone.now()
    upcoming = occurrences_in_window(user=user, start=now, end=now + dt.timedelta(days=7))
    return TemplateResponse(
        request,
        "console/learner.html",
        _context(
            request,
            f"Viewing as {user.email} (read-only)",
            subject=user,
            summary=summary(user=user, now=now),
            subscription=subscription_overview(user=user),
            upcoming=upcoming[:20],
        ),
    )


@require_http_methods(["POST"])
@permission_required("accounts.view_user", raise_exception=True)
def export_download(request: HttpRequest, user_id: uuid.UUID) -> HttpResponse:
    """The user's data as a JSON download (audited)."""
    user = get_object_or_404(User, pk=user_id)
    data = services.support_data_export(user=user, actor=_staff(request), client=Client.from_request(request))
    response = HttpResponse(json.dumps(data, cls=DjangoJSONEncoder, indent=2), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="maigie-export-{user.pk}.json"'
    return response


@require_http_methods(["GET", "POST"])
@permission_required("django_celery_results.view_taskresult", raise_exception=True)
def failed_jobs(request: HttpRequest) -> HttpResponse:
    """Failed tasks, newest first, with retry and discard buttons (POST ``action`` and ``task_id``)."""
    if request.method == "POST":
        if not request.user.has_perm("django_celery_results.delete_taskresult"):
            messages.error(request, "You may not retry or discard tasks.")
            return HttpResponseRedirect(reverse("admin:console_failed_jobs"))
        task_result = get_object_or_404(TaskResult, task_id=request.POST.get("task_id", ""))
        actor, client = _staff(request), Client.from_request(request)
        try:
            if request.POST.get("action") == "retry":
                new_id = services.support_task_retry(task_result=task_result, actor=actor, client=client)
                messages.success(request, f"Task sent again as {new_id}.")
            elif request.POST.get("action") == "discard":
                services.support_task_discard(task_result=task_result, actor=actor, client=client)
                messages.success(request, "Failed task discarded.")
            else:
                messages.error(request, "Unknown action.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return HttpResponseRedirect(reverse("admin:console_failed_jobs"))
    failed = TaskResult.objects.filter(status=states.FAILURE).order_by("-date_done")[:FAILED_PAGE]
    return TemplateResponse(request, "console/failed_jobs.html", _context(request, "Failed jobs", failed=failed))
