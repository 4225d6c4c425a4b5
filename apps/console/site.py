"""The admin site as a console: the index shows the dashboard and groups models by what staff do."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import URLPattern, URLResolver, path
from django.utils import timezone

from maigie import cache


@dataclass(frozen=True)
class Section:
    """A group of the index: models named ``app_label.model_name``, or whole apps ``app_label``."""

    slug: str
    title: str
    members: tuple[str, ...]


# First match wins: a model named explicitly, then its app. Anything unlisted lands in "Other".
SECTIONS = (
    Section(
        "learners",
        "Learners",
        (
            "accounts.user",
            "accounts.notification",
            "accounts.securityevent",
            "accounts.tokenfamily",
            "accounts.dailyactivity",
            "account",
            "socialaccount.socialaccount",
            "socialaccount.socialtoken",
            "token_blacklist",
            "planning.goal",
            "planning.scheduleblock",
            "planning.studysession",
            "planning.dailymetric",
            "planning.calendarfeed",
            "assistant",
            "voice",
            "notifications.device",
            "notifications.notificationsettings",
        ),
    ),
    Section("content", "Content", ("learning", "review", "materials", "spaces")),
    Section(
        "jobs",
        "Jobs and e-mail",
        (
            "accounts.job",
            "accounts.emaildelivery",
            "core",
            "planning.reminderdelivery",
            "notifications.delivery",
            "django_celery_results",
            "django_celery_beat",
        ),
    ),
    Section("billing", "Billing", ("billing",)),
    Section("stripe", "Stripe mirror (dj-stripe)", ("djstripe",)),
    Section("settings", "Settings", ("auth", "sites", "socialaccount.socialapp", "notifications.vapidkey")),
)
OTHER = Section("other", "Other", ())


def section_of(app_label: str, model_name: str) -> Section:
    """The section a model is listed in."""
    for key in (f"{app_label}.{model_name}", app_label):
        for section in SECTIONS:
            if key in section.members:
                return section
    return OTHER


def sees_stripe(request: HttpRequest) -> bool:
    """Superusers and members of ``CONSOLE_STRIPE_GROUPS`` see the dj-stripe models; other staff do not."""
    user = request.user
    if user.is_superuser:
        return True
    return bool(user.is_authenticated and user.groups.filter(name__in=settings.CONSOLE_STRIPE_GROUPS).exists())


class ConsoleSite(admin.AdminSite):
    """``admin.site``: the index is the operations dashboard over the grouped sections."""

    site_header = "Maigie console"
    site_title = "Maigie console"
    index_title = "Operations"
    index_template = "console/index.html"

    def get_app_list(self, request: HttpRequest, app_label: str | None = None) -> list[dict[str, Any]]:
        apps = super().get_app_list(request, app_label)
        if not sees_stripe(request):
            apps = [app for app in apps if app["app_label"] != "djstripe"]
        if app_label is not None:
            return apps
        grouped: dict[str, list[dict[str, Any]]] = {}
        for app in apps:
            for model in app["models"]:
                section = section_of(app["app_label"], model["object_name"].lower())
                grouped.setdefault(section.slug, []).append(model)
        return [
            {
                "name": section.title,
                "app_label": section.slug,
                "app_url": f"#section-{section.slug}",
                "has_module_perms": True,
                "models": sorted(grouped[section.slug], key=lambda model: str(model["name"])),
            }
            for section in (*SECTIONS, OTHER)
            if section.slug in grouped
        ]

    def index(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> TemplateResponse:
        from apps.console.dashboard import dashboard  # noqa: PLC0415  (models load after the site)

        figures = cache.get_or_compute(
            cache.DASHBOARD,
            user_id="global",
            parts=(sees_stripe(request), timezone.now().date()),
            compute=lambda: dashboard(request=request),
            refresh="fresh" in request.GET,
        )
        return super().index(request, {"dashboard": figures, **(extra_context or {})})

    def get_urls(self) -> list[URLResolver | URLPattern]:
        from apps.console import views  # noqa: PLC0415

        console = [
            path("console/users/<uuid:user_id>/", self.admin_view(views.support_page), name="console_support"),
            path("console/users/<uuid:user_id>/learner/", self.admin_view(views.learner_page), name="console_learner"),
            path("console/users/<uuid:user_id>/export/", self.admin_view(views.export_download), name="console_export"),
            path("console/jobs/failed/", self.admin_view(views.failed_jobs), name="console_failed_jobs"),
        ]
        return console + super().get_urls()
