"""Admin for study materials: status, size, owner and failure reason; rename, delete, reprocess via services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from apps.materials import services
from apps.materials.models import Material
from maigie.admin_services import ServiceAdminMixin


@admin.register(Material)
class MaterialAdmin(ServiceAdminMixin, admin.ModelAdmin[Material]):
    list_display = ("title", "user", "kind", "status", "size", "pages", "chunk_count", "error", "created_at")
    list_filter = ("status", "kind")
    search_fields = ("title", "user__email")
    fields = ("title", "user", "kind", "status", "error", "size", "pages", "chunk_count", "file", "course", "topic")
    readonly_fields = ("user", "kind", "status", "error", "size", "pages", "chunk_count", "file", "course", "topic")
    list_select_related = ("user",)
    actions = ("reprocess",)

    def service_update(self, request: HttpRequest, obj: Material, form: ModelForm[Any]) -> None:
        services.material_update(material=Material.objects.get(pk=obj.pk), title=obj.title)

    def service_delete(self, request: HttpRequest, obj: Material) -> None:
        services.material_delete(material=obj)

    @admin.action(description="Process again (extract, chunk, embed)")
    def reprocess(self, request: HttpRequest, queryset: QuerySet[Material]) -> None:
        for material in queryset:
            services.material_reprocess(material=material)
        self.message_user(request, f"{queryset.count()} material(s) queued.", messages.SUCCESS)
