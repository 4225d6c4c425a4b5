"""Guard: every model admin writes through declared services, or does not write at all."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import RequestFactory
from import_export.resources import ModelResource

from maigie.admin_services import (
    ReadOnlyAdminMixin,
    ServiceAdminMixin,
    ServiceInlineMixin,
    declares,
    make_read_only,
)

# Platform configuration, not anyone's data: no owner, no event, no audit (docs/operations.md).
CONFIGURATION = {
    "auth.group",
    "sites.site",
    "django_celery_beat.periodictask",
    "django_celery_beat.crontabschedule",
    "django_celery_beat.intervalschedule",
    "django_celery_beat.solarschedule",
    "django_celery_beat.clockedschedule",
    "djstripe.webhookendpoint",
}
ROUTED = ("save_model", "delete_model", "delete_queryset", "save_related", "save_formset")


def _superuser_request() -> Any:
    request = RequestFactory().get("/admin/")
    request.user = get_user_model()(email="root@example.com", is_staff=True, is_superuser=True, is_active=True)
    return request


def _allowed(admin_obj: Any, request: Any, *, inline: bool) -> dict[str, bool]:
    add = admin_obj.has_add_permission(request, None) if inline else admin_obj.has_add_permission(request)
    return {
        "service_create": add,
        "service_update": admin_obj.has_change_permission(request, None),
        "service_delete": admin_obj.has_delete_permission(request, None),
    }


def write_problems(model_admin: Any, request: Any) -> list[str]:
    """What lets ``model_admin`` write without a service (empty: every write is a service call)."""
    name = type(model_admin).__name__
    allowed = _allowed(model_admin, request, inline=False)
    if not any(allowed.values()):
        return []
    if not isinstance(model_admin, ServiceAdminMixin):
        return [f"{name} writes ({', '.join(m for m, ok in allowed.items() if ok)}) without declared services"]
    problems = [
        f"{name} allows {method} without declaring it"
        for method, ok in allowed.items()
        if ok and not declares(model_admin, method)
    ]
    problems += [
        f"{name} overrides {method}"
        for method in ROUTED
        if getattr(type(model_admin), method) is not getattr(ServiceAdminMixin, method)
    ]
    for inline in model_admin.get_inline_instances(request):
        inline_allowed = _allowed(inline, request, inline=True)
        if any(inline_allowed.values()) and not isinstance(inline, ServiceInlineMixin):
            problems.append(f"{type(inline).__name__} of {name} writes rows without services")
        elif any(inline_allowed.values()):
            problems += [
                f"{type(inline).__name__} allows {m} without declaring it"
                for m, ok in inline_allowed.items()
                if ok and not declares(inline, m)
            ]
    for resource in getattr(model_admin, "resource_classes", ()):
        if resource.do_instance_save is ModelResource.do_instance_save or resource._meta.use_bulk:
            problems.append(f"{resource.__name__} of {name} imports rows without a service")
        if resource.for_delete is not ModelResource.for_delete:
            problems.append(f"{resource.__name__} of {name} deletes rows without a service")
    return problems


REGISTERED: list[tuple[Any, Any]] = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "model_admin"), REGISTERED, ids=[model._meta.label for model, _ in REGISTERED])
def test_every_admin_writes_through_services_or_is_read_only(model: Any, model_admin: Any) -> None:
    if model._meta.label_lower in CONFIGURATION:
        pytest.skip("platform configuration")
    assert write_problems(model_admin, _superuser_request()) == []


@pytest.mark.django_db
def test_the_guard_refuses_an_admin_that_saves_or_deletes_by_itself() -> None:
    site = admin.AdminSite(name="probe")
    site.register(Group, admin.ModelAdmin)

    class DeletesOnly(ServiceAdminMixin, admin.ModelAdmin[Group]):
        def service_delete(self, request: Any, obj: Group) -> None:
            obj.delete()

        def delete_queryset(self, request: Any, queryset: Any) -> None:
            queryset.delete()  # a bulk delete around the service

    request = _superuser_request()
    assert write_problems(site._registry[Group], request)
    assert write_problems(DeletesOnly(Group, site), request) == ["DeletesOnly overrides delete_queryset"]
    assert not DeletesOnly(Group, site).has_add_permission(request)  # no create service: no add


@pytest.mark.django_db
def test_a_library_admin_made_read_only_offers_no_write() -> None:
    site = admin.AdminSite(name="probe")
    site.register(Group, admin.ModelAdmin)
    make_read_only(site, "auth")
    assert isinstance(site._registry[Group], ReadOnlyAdminMixin)
    assert write_problems(site._registry[Group], _superuser_request()) == []
