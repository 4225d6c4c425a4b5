"""Admin for users (written through the accounts services); notifications, sessions, logs and jobs read-only."""

from typing import Any, cast

# Library admins registered now, so they can be made read-only at the end of this module.
import allauth.account.admin
import allauth.socialaccount.admin  # noqa: F401
import rest_framework_simplejwt.token_blacklist.admin  # noqa: F401
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, UserChangeForm, UserCreationForm
from django.db.models import Model, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django_celery_results.admin import TaskResultAdmin as BaseTaskResultAdmin
from django_celery_results.models import TaskResult

from apps.accounts.models import EmailDelivery, Job, Notification, SecurityEvent, TokenFamily, User
from apps.accounts.services.audit import Client
from apps.accounts.services.tokens import families_revoke
from apps.accounts.services.users import (
    user_create,
    user_deactivate,
    user_password_set,
    user_staff_delete,
    user_staff_update,
)
from maigie.admin_services import ReadOnlyAdminMixin, ServiceAdminMixin, make_read_only
from maigie.errors import Conflict
from maigie.jobs.results import task_result_retry


class UserCreateForm(UserCreationForm[User]):
    class Meta:
        model = User
        fields = ("email", "name", "timezone")


class UserEditForm(UserChangeForm[User]):
    class Meta:
        model = User
        fields = "__all__"


class StaffPasswordForm(AdminPasswordChangeForm):
    """The admin's "change password" form, saved by the accounts service (sessions end, audited)."""

    def save(self, commit: bool = True) -> User:
        usable = self.cleaned_data.get("set_usable_password", True)
        return user_password_set(user=self.user, password=self.cleaned_data["password1"] if usable else None)


@admin.register(User)
class UserAdmin(ServiceAdminMixin, BaseUserAdmin[User]):
    """Users: created, changed (tier and activation included) and deleted through the accounts services."""

    form = UserEditForm
    add_form = UserCreateForm
    change_password_form = StaffPasswordForm
    ordering = ("-created_at",)
    list_display = ("email", "name", "tier", "timezone", "is_active", "is_staff", "created_at")
    list_filter = ("tier", "is_active", "is_staff", "email_verified")
    search_fields = ("email", "name")
    readonly_fields = ("created_at", "updated_at", "last_login")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Profile", {"fields": ("name", "timezone", "preferences", "tier", "email_verified")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Dates", {"fields": ("last_login", "created_at", "updated_at")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "name", "timezone", "password1", "password2")}),)
    actions = ("deactivate", "sign_out_everywhere")

    def service_create(self, request: HttpRequest, obj: User, form: ModelForm[Any]) -> Model:
        data = form.cleaned_data
        usable = data.get("usable_password", "true") not in (False, "false")
        return user_create(
            email=data["email"],
            password=data.get("password1") if usable else None,
            name=data.get("name", ""),
            timezone=data.get("timezone") or "UTC",
        )

    def service_update(self, request: HttpRequest, obj: User, form: ModelForm[Any]) -> None:
        changes = {name: form.cleaned_data[name] for name in form.changed_data if name != "password"}
        user_staff_update(user=obj, actor=cast(User, request.user), data=changes, client=Client.from_request(request))

    def service_delete(self, request: HttpRequest, obj: User) -> None:
        user_staff_delete(user=obj, actor=cast(User, request.user), client=Client.from_request(request))

    @admin.action(description="Deactivate (and sign out) selected users")
    def deactivate(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        actor = cast(User, request.user)  # the admin only lets staff users in
        for user in queryset.filter(is_active=True):
            try:
                user_deactivate(user=user, actor=actor, client=Client.from_request(request))
            except Conflict as refusal:
                self.message_user(request, f"{user.email}: {refusal.message}", messages.ERROR)
        self.message_user(request, "Selected users deactivated.", messages.SUCCESS)

    @admin.action(description="Sign selected users out everywhere (revoke refresh tokens)")
    def sign_out_everywhere(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        revoked = sum(families_revoke(user=user, reason="staff") for user in queryset)
        self.message_user(request, f"{revoked} sessions revoked.", messages.SUCCESS)


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Notification]):
    """What learners were told: a record, written by the notification service."""

    list_display = ("title", "kind", "user", "read_at", "created_at")
    list_filter = ("kind",)
    search_fields = ("title", "user__email")
    list_select_related = ("user",)
    raw_id_fields = ("user",)


@admin.register(SecurityEvent)
class SecurityEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[SecurityEvent]):
    """The audit log: searchable by e-mail, IP and kind; read-only, it is evidence."""

    list_display = ("created_at", "kind", "email", "ip_address", "actor")
    list_filter = ("kind",)
    search_fields = ("email", "ip_address", "kind", "user_agent")
    date_hierarchy = "created_at"
    list_select_related = ("actor",)
    ordering = ("-created_at",)


@admin.register(TokenFamily)
class TokenFamilyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[TokenFamily]):
    """Sessions (refresh-token families): who is signed in where, and which were revoked and why.

    Read-only: sessions are revoked with the users' "sign out everywhere" action (the token service).
    """

    list_display = ("id", "user", "created_at", "last_rotated_at", "revoked_at", "revoked_reason")
    list_filter = ("revoked_reason",)
    search_fields = ("user__email",)
    list_select_related = ("user",)
    readonly_fields = ("user", "created_at", "last_rotated_at", "revoked_at", "revoked_reason")


# Background jobs and e-mail ---------------------------------------------------------


@admin.register(EmailDelivery)
class EmailDeliveryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[EmailDelivery]):
    """The e-mail outbox: a log, written by the mail sender."""

    list_display = ("to", "template", "status", "attempts", "created_at", "sent_at")
    list_filter = ("status", "template")
    search_fields = ("to", "idempotency_key")
    readonly_fields = ("id", "created_at", "sent_at")
    ordering = ("-created_at",)


@admin.register(Job)
class JobAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Job]):
    """Background jobs' state: written by the job services."""

    list_display = ("kind", "user", "state", "progress", "created_at", "finished_at")
    list_filter = ("state", "kind")
    search_fields = ("user__email", "kind")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    readonly_fields = ("id", "created_at", "updated_at", "finished_at")
    ordering = ("-created_at",)


admin.site.unregister(TaskResult)


@admin.register(TaskResult)
class TaskResultAdmin(ReadOnlyAdminMixin, BaseTaskResultAdmin):
    """django-celery-results' admin (filter by status, e.g. FAILURE) with a retry action; results are read-only."""

    actions = ("retry_failed_tasks",)

    @admin.action(description="Retry the selected failed tasks")
    def retry_failed_tasks(self, request: HttpRequest, queryset: QuerySet[TaskResult]) -> None:
        sent, refused = 0, []
        for task_result in queryset:
            try:
                task_result_retry(task_result=task_result)
            except ValueError as exc:
                refused.append(str(exc))
            else:
                sent += 1
        if sent:
            self.message_user(request, f"Sent {sent} task(s) again.", messages.SUCCESS)
        for reason in refused:
            self.message_user(request, f"Not retried: {reason}.", messages.WARNING)


# Records kept by libraries: sign-in e-mail addresses and Google links (allauth), issued and
# blacklisted refresh tokens (simplejwt), group task results (celery). Revocation goes through
# the token service; none is edited by hand.
for app_label in ("account", "socialaccount", "token_blacklist", "django_celery_results"):
    make_read_only(admin.site, app_label)
