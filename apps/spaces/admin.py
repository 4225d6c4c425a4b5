"""Admin for spaces: staff see spaces with their members, invitations, links and audit; writes go through services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from apps.spaces import services
from apps.spaces.models import (
    AuditEntry,
    Invitation,
    JoinLink,
    Membership,
    SharedCourse,
    SharedDeck,
    SharedMaterial,
    Space,
)
from maigie.admin_services import ReadOnlyAdminMixin, ServiceAdminMixin


class MembershipInline(ReadOnlyAdminMixin, admin.TabularInline[Membership, Space]):
    model = Membership
    fields = ("user", "role", "joined_at")
    readonly_fields = fields
    extra = 0


class SharedCourseInline(ReadOnlyAdminMixin, admin.TabularInline[SharedCourse, Space]):
    model = SharedCourse
    fields = ("course", "shared_by", "shared_at")
    readonly_fields = fields
    extra = 0


class SharedDeckInline(ReadOnlyAdminMixin, admin.TabularInline[SharedDeck, Space]):
    model = SharedDeck
    fields = ("deck", "shared_by", "shared_at")
    readonly_fields = fields
    extra = 0


class SharedMaterialInline(ReadOnlyAdminMixin, admin.TabularInline[SharedMaterial, Space]):
    model = SharedMaterial
    fields = ("material", "shared_by", "shared_at")
    readonly_fields = fields
    extra = 0


@admin.register(Space)
class SpaceAdmin(ServiceAdminMixin, admin.ModelAdmin[Space]):
    list_display = ("name", "created_by", "created_at")
    search_fields = ("name",)
    fields = ("name", "description", "created_by", "created_at")
    readonly_fields = ("created_by", "created_at")
    inlines = (MembershipInline, SharedCourseInline, SharedDeckInline, SharedMaterialInline)

    def service_update(self, request: HttpRequest, obj: Space, form: ModelForm[Any]) -> None:
        stored = Space.objects.get(pk=obj.pk)
        services.space_staff_update(space=stored, data={name: form.cleaned_data[name] for name in form.changed_data})

    def service_delete(self, request: HttpRequest, obj: Space) -> None:
        services.space_staff_delete(space=obj)


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Invitation]):
    list_display = ("email", "space", "role", "created_at", "expires_at", "accepted_at", "revoked_at")
    search_fields = ("email", "space__name")
    exclude = ("token_hash",)


@admin.register(JoinLink)
class JoinLinkAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[JoinLink]):
    list_display = ("space", "role", "created_at", "expires_at", "revoked_at", "uses")
    exclude = ("token_hash",)


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[AuditEntry]):
    list_display = ("space", "action", "actor", "target_user", "created_at")
    list_filter = ("action",)
    search_fields = ("space__name",)
