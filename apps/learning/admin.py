"""Admin for learning: courses with their outline, notes, and the resource catalog with CSV/JSON import."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Max, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from import_export import resources
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, JSON

from apps.learning import services
from apps.learning.models import Course, Module, Note, Resource, Topic, UserResource
from apps.learning.text import normalize_url
from maigie.errors import PlanLimitReached


def _append_new_rows(formset: Any) -> None:
    """Save an inline formset, giving new rows the next free order under their parent."""
    instances = formset.save(commit=False)
    for obj in formset.deleted_objects:
        obj.delete()
    siblings = formset.model._default_manager.filter(**{formset.fk.name: formset.instance})
    top = siblings.aggregate(top=Max("order"))["top"]
    next_order = 0 if top is None else top + 1
    for instance in instances:
        if instance._state.adding:
            instance.order = next_order
            next_order += 1
        instance.save()


class ModuleInline(admin.TabularInline[Module, Course]):
    model = Module
    fields = ("order", "title", "description", "completed", "topic_count")
    readonly_fields = ("order", "completed", "topic_count")
    ordering = ("order",)
    extra = 0
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[Module]:
        return super().get_queryset(request).annotate(topic_total=Count("topics"))

    @admin.display(description="Topics")
    def topic_count(self, module: Module) -> int:
        return getattr(module, "topic_total", 0)


class TopicInline(admin.TabularInline[Topic, Module]):
    model = Topic
    fields = ("order", "title", "estimated_hours", "completed", "completed_at")
    readonly_fields = ("order", "completed", "completed_at")
    ordering = ("order",)
    extra = 0


class _OutlineAdminMixin:
    """Save inline rows at the end of their parent and recompute progress through the service."""

    def save_formset(self, request: HttpRequest, form: ModelForm[Any], formset: Any, change: bool) -> None:
        _append_new_rows(formset)

    def save_related(self, request: HttpRequest, form: ModelForm[Any], formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)  # type: ignore[misc]
        obj = form.instance
        services.course_progress_recompute(course=obj if isinstance(obj, Course) else obj.course)


@admin.register(Course)
class CourseAdmin(_OutlineAdminMixin, admin.ModelAdmin[Course]):
    list_display = ("title", "user", "difficulty", "progress_percent", "archived", "is_ai_generated", "created_at")
    list_filter = ("archived", "difficulty", "is_ai_generated", "created_at")
    search_fields = ("title", "description", "user__email")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    readonly_fields = ("progress_percent", "archived_at", "outline", "created_at", "updated_at")
    fields = (
        "user",
        "title",
        "description",
        "difficulty",
        "target_date",
        "is_ai_generated",
        "archived",
        "archived_at",
        "progress_percent",
        "outline",
        "created_at",
        "updated_at",
    )
    inlines = (ModuleInline,)
    actions = ("archive", "unarchive")
    date_hierarchy = "created_at"

    def get_form(self, request: HttpRequest, obj: Course | None = None, change: bool = False, **kwargs: Any) -> Any:
        """The course form, refusing what the learner's plan caps refuse (as a form error, not a crash)."""
        form = super().get_form(request, obj, change, **kwargs)

        class CappedCourseForm(form):  # type: ignore[misc, valid-type]
            def clean(self) -> dict[str, Any]:
                cleaned: dict[str, Any] = super().clean()
                try:
                    if self.instance._state.adding and cleaned.get("user"):
                        services.course_room_check(user=cleaned["user"])
                    elif not self.instance._state.adding:
                        stored = Course.objects.get(pk=self.instance.pk)
                        if set(self.changed_data) & set(services.COURSE_UPDATE_FIELDS):
                            services.course_edit_check(course=stored)
                        if stored.archived and not cleaned.get("archived", stored.archived):
                            services.course_room_check(user=stored.user)
                except PlanLimitReached as exc:
                    raise ValidationError(exc.message) from exc
                return cleaned

        return CappedCourseForm

    def save_model(self, request: HttpRequest, obj: Course, form: ModelForm[Any], change: bool) -> None:
        """Through the services, so validation and realtime events are the API's."""
        if not change:
            created = services.course_create(
                user=obj.user,
                title=obj.title,
                description=obj.description,
                difficulty=obj.difficulty,
                target_date=obj.target_date,
                is_ai_generated=obj.is_ai_generated,
            )
            obj.pk, obj._state.adding = created.pk, False
            if obj.archived:
                services.course_set_archived(course=created, archived=True)
            return
        stored = Course.objects.get(pk=obj.pk)
        changed = {name: getattr(obj, name) for name in services.COURSE_UPDATE_FIELDS if name in form.changed_data}
        services.course_update(course=stored, data=changed)
        if "archived" in form.changed_data:
            services.course_set_archived(course=stored, archived=obj.archived)

    @admin.display(description="Progress", ordering="progress")
    def progress_percent(self, course: Course) -> str:
        return f"{course.progress:.0f}%"

    @admin.display(description="Outline")
    def outline(self, course: Course) -> str:
        modules = course.modules.prefetch_related("topics").order_by("order")
        return format_html_join(
            "",
            "<p><strong>{}</strong> {}</p><ul>{}</ul>",
            (
                (
                    module.title,
                    "✓" if module.completed else "",
                    format_html_join(
                        "",
                        "<li>{} {}</li>",
                        ((topic.title, "✓" if topic.completed else "") for topic in module.topics.all()),
                    ),
                )
                for module in modules
            ),
        ) or format_html("<em>{}</em>", "No modules yet.")

    @admin.action(description="Archive the selected courses")
    def archive(self, request: HttpRequest, queryset: QuerySet[Course]) -> None:
        for course in queryset:
            services.course_set_archived(course=course, archived=True)
        self.message_user(request, f"Archived {queryset.count()} course(s).", messages.SUCCESS)

    @admin.action(description="Unarchive the selected courses")
    def unarchive(self, request: HttpRequest, queryset: QuerySet[Course]) -> None:
        unarchived = 0
        for course in queryset:
            try:
                services.course_set_archived(course=course, archived=False)
                unarchived += 1
            except PlanLimitReached as exc:
                self.message_user(request, f"{course.title}: {exc.message}", messages.ERROR)
        self.message_user(request, f"Unarchived {unarchived} course(s).", messages.SUCCESS)


@admin.register(Module)
class ModuleAdmin(_OutlineAdminMixin, admin.ModelAdmin[Module]):
    list_display = ("title", "course", "order", "completed")
    list_filter = ("completed",)
    search_fields = ("title", "course__title", "course__user__email")
    list_select_related = ("course",)
    raw_id_fields = ("course",)
    readonly_fields = ("order", "completed", "created_at", "updated_at")
    inlines = (TopicInline,)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # modules are added from their course


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin[Note]):
    list_display = ("title", "user", "course", "archived", "updated_at")
    list_filter = ("archived", "updated_at")
    search_fields = ("title", "user__email")
    list_select_related = ("user", "course")
    raw_id_fields = ("user", "course", "topic")
    readonly_fields = ("content_html", "created_at", "updated_at")


class ResourceImport(resources.ModelResource):
    """CSV/JSON rows of the catalog; a row whose URL is equivalent to a known one updates it."""

    class Meta:
        model = Resource
        fields = (
            "normalized_url",
            "url",
            "title",
            "description",
            "type",
            "source",
            "difficulty",
            "estimated_minutes",
            "thumbnail_url",
        )
        import_id_fields = ("normalized_url",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def before_import(self, dataset: Any, **kwargs: Any) -> None:
        """Key every row by its normalised URL (the resource's identity)."""
        headers = dataset.headers or []
        if "normalized_url" in headers:
            del dataset["normalized_url"]  # always derived, never trusted from the file
        if "url" in headers:
            dataset.append_col([normalize_url(str(url or "")) for url in dataset["url"]], header="normalized_url")
        for enum in ("type", "difficulty"):  # files written for the old lower-case values still import
            if enum in headers:
                values = [str(value or "").upper() for value in dataset[enum]]
                del dataset[enum]
                dataset.append_col(values, header=enum)

    def before_save_instance(self, instance: Resource, row: Any, **kwargs: Any) -> None:
        instance.curated = True


@admin.register(Resource)
class ResourceAdmin(ImportExportModelAdmin):
    resource_classes = [ResourceImport]
    import_formats = [CSV, JSON]
    export_formats = [CSV, JSON]
    list_display = ("title", "type", "difficulty", "source", "curated", "created_at")
    list_filter = ("curated", "type", "difficulty")
    search_fields = ("title", "description", "url")
    readonly_fields = ("normalized_url", "created_at")


@admin.register(UserResource)
class UserResourceAdmin(admin.ModelAdmin[UserResource]):
    list_display = ("resource", "user", "completed", "rating", "progress", "saved_at")
    list_filter = ("completed", "rating")
    search_fields = ("resource__title", "user__email")
    list_select_related = ("resource", "user")
    raw_id_fields = ("user", "resource")
