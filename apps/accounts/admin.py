"""Admin for users."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm

from apps.accounts.models import User


class UserCreateForm(UserCreationForm[User]):
    class Meta:
        model = User
        fields = ("email", "name", "timezone")


class UserEditForm(UserChangeForm[User]):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(BaseUserAdmin[User]):
    form = UserEditForm
    add_form = UserCreateForm
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


# Background jobs and e-mail ---------------------------------------------------------

from django.contrib import messages  # noqa: E402
from django.db.models import QuerySet  # noqa: E402
from django.http import HttpRequest  # noqa: E402
from django_celery_results.admin import TaskResultAdmin as BaseTaskResultAdmin  # noqa: E402
from django_celery_results.models import TaskResult  # noqa: E402

from apps.accounts.models import EmailDelivery, Job  # noqa: E402
from maigie.jobs.results import task_result_retry  # noqa: E402


@admin.register(EmailDelivery)
class EmailDeliveryAdmin(admin.ModelAdmin[EmailDelivery]):
    list_display = ("to", "template", "status", "attempts", "created_at", "sent_at")
    list_filter = ("status", "template")
    search_fields = ("to", "idempotency_key")
    readonly_fields = ("id", "created_at", "sent_at")
    ordering = ("-created_at",)


@admin.register(Job)
class JobAdmin(admin.ModelAdmin[Job]):
    list_display = ("kind", "user", "state", "progress", "created_at", "finished_at")
    list_filter = ("state", "kind")
    search_fields = ("user__email", "kind")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    readonly_fields = ("id", "created_at", "updated_at", "finished_at")
    ordering = ("-created_at",)


admin.site.unregister(TaskResult)


@admin.register(TaskResult)
class TaskResultAdmin(BaseTaskResultAdmin):
    """django-celery-results' admin (filter by status, e.g. FAILURE) with a retry action."""

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
