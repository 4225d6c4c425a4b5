"""Admin for learning: courses with their outline, notes, and the resource catalog with CSV/JSON import.

Every save, inline row, bulk action, delete and imported row goes through the learning services.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Model, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from import_export import resources
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, JSON

from apps.learning import services
from apps.learning.models import Course, Module, Note, Resource, Topic, UserResource
from apps.learning.text import normalize_url
from maigie.admin_services import ServiceAdminMixin, ServiceInlineMixin
from maigie.errors import PlanLimitReached


def _changes(obj: Any, names: Any, allowed: tuple[str, ...]) -> dict[str, Any]:
    """The submitted values of the changed fields a service accepts (``course`` -> ``course_id``)."""
    changes = {}
    for name in names:
        attname = obj._meta.get_field(name).attname
        if attname in allowed:
            changes[attname] = getattr(obj, attname)
    return changes


class ModuleInline(ServiceInlineMixin, admin.TabularInline[Module, Course]):
    model = Module
    fields = ("order", "title", "description", "completed", "topic_count")
    readonly_fields = ("order", "completed", "topic_count")
    ordering = ("order",)
    extra = 0
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[Module]:
        modules: QuerySet[Module] = super().get_queryset(request)
        return modules.annotate(topic_total=Count("topics"))

    @admin.display(description="Topics")
    def topic_count(self, module: Module) -> int:
        return getattr(module, "topic_total", 0)

    def service_create(self, request: HttpRequest, parent: Course, obj: Module) -> Model:
        return services.module_create(course=parent, title=obj.title, description=obj.description)

    def service_update(self, request: HttpRequest, obj: Module, changed: list[str]) -> None:
        stored = Module.objects.select_related("course").get(pk=obj.pk)
        services.module_update(module=stored, data=_changes(obj, changed, services.MODULE_UPDATE_FIELDS))

    def service_delete(self, request: HttpRequest, obj: Module) -> None:
        services.module_delete(module=obj)


class TopicInline(ServiceInlineMixin, admin.TabularInline[Topic, Module]):
    model = Topic
    fields = ("order", "title", "estimated_hours", "completed", "completed_at")
    readonly_fields = ("order", "completed", "completed_at")
    ordering = ("order",)
    extra = 0

    def service_create(self, request: HttpRequest, parent: Module, obj: Topic) -> Model:
        return services.topic_create(module=parent, title=obj.title, estimated_hours=obj.estimated_hours)

    def service_update(self, request: HttpRequest, obj: Topic, changed: list[str]) -> None:
        stored = Topic.objects.select_related("module__course").get(pk=obj.pk)
        services.topic_update(topic=stored, data=_changes(obj, changed, services.TOPIC_UPDATE_FIELDS))

    def service_delete(self, request: HttpRequest, obj: Topic) -> None:
        services.topic_delete(topic=obj)


@admin.register(Course)
class CourseAdmin(ServiceAdminMixin, admin.ModelAdmin[Course]):
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

    def get_readonly_fields(self, request: HttpRequest, obj: Course | None = None) -> Any:
        """A course stays its learner's: the owner is chosen only when adding."""
        return (*self.readonly_fields, "user", "is_ai_generated") if obj is not None else self.readonly_fields

    def service_create(self, request: HttpRequest, obj: Course, form: ModelForm[Any]) -> Model:
        created = services.course_create(
            user=obj.user,
            title=obj.title,
            description=obj.description,
            difficulty=obj.difficulty,
            target_date=obj.target_date,
            is_ai_generated=obj.is_ai_generated,
        )
        if obj.archived:
            services.course_set_archived(course=created, archived=True)
        return created

    def service_update(self, request: HttpRequest, obj: Course, form: ModelForm[Any]) -> None:
        stored = Course.objects.get(pk=obj.pk)
        services.course_update(course=stored, data=_changes(obj, form.changed_data, services.COURSE_UPDATE_FIELDS))
        if "archived" in form.changed_data:
            services.course_set_archived(course=stored, archived=obj.archived)

    def service_delete(self, request: HttpRequest, obj: Course) -> None:
        services.course_delete(course=obj)

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
class ModuleAdmin(ServiceAdminMixin, admin.ModelAdmin[Module]):
    """Modules are added from their course; here they are renamed, given topics or deleted."""

    list_display = ("title", "course", "order", "completed")
    list_filter = ("completed",)
    search_fields = ("title", "course__title", "course__user__email")
    list_select_related = ("course",)
    raw_id_fields = ("course",)
    readonly_fields = ("course", "order", "completed", "created_at", "updated_at")
    inlines = (TopicInline,)

    def service_update(self, request: HttpRequest, obj: Module, form: ModelForm[Any]) -> None:
        stored = Module.objects.select_related("course").get(pk=obj.pk)
        services.module_update(module=stored, data=_changes(obj, form.changed_data, services.MODULE_UPDATE_FIELDS))

    def service_delete(self, request: HttpRequest, obj: Module) -> None:
        services.module_delete(module=obj)


@admin.register(Note)
class NoteAdmin(ServiceAdminMixin, admin.ModelAdmin[Note]):
    list_display = ("title", "user", "course", "archived", "updated_at")
    list_filter = ("archived", "updated_at")
    search_fields = ("title", "user__email")
    list_select_related = ("user", "course")
    raw_id_fields = ("user", "course", "topic")
    readonly_fields = ("content_html", "created_at", "updated_at")

    def get_readonly_fields(self, request: HttpRequest, obj: Note | None = None) -> Any:
        return (*self.readonly_fields, "user") if obj is not None else self.readonly_fields

    def service_create(self, request: HttpRequest, obj: Note, form: ModelForm[Any]) -> Model:
        note = services.note_create(
            user=obj.user,
            title=obj.title,
            content=obj.content,
            summary=obj.summary,
            course_id=obj.course_id,
            topic_id=obj.topic_id,
            tags=obj.tags,
        )
        return services.note_update(note=note, data={"archived": True}) if obj.archived else note

    def service_update(self, request: HttpRequest, obj: Note, form: ModelForm[Any]) -> None:
        stored = Note.objects.select_related("user").get(pk=obj.pk)
        services.note_update(note=stored, data=_changes(obj, form.changed_data, services.NOTE_UPDATE_FIELDS))

    def service_delete(self, request: HttpRequest, obj: Note) -> None:
        services.note_delete(note=obj)


class ResourceImport(resources.ModelResource):
    """CSV/JSON rows of the catalog; a row whose URL is equivalent to a known one updates it."""

    class Meta:
        model = Resource
        # The catalog's fields (curation is set on import, not read from the file), keyed by normalised URL.
        fields = ("normalized_url", *(name for name in services.CATALOG_RESOURCE_FIELDS if name != "curated"))
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

    def do_instance_save(self, instance: Resource, is_create: bool) -> None:
        """Each imported row is created or updated by the catalog services (curated)."""
        data = {name: getattr(instance, name) for name in services.CATALOG_RESOURCE_FIELDS} | {"curated": True}
        if is_create:
            instance.pk = services.catalog_resource_create(data=data).pk
            instance._state.adding = False
        else:
            services.catalog_resource_update(resource=Resource.objects.get(pk=instance.pk), data=data)


@admin.register(Resource)
class ResourceAdmin(ServiceAdminMixin, ImportExportModelAdmin):
    resource_classes = [ResourceImport]
    import_formats = [CSV, JSON]
    export_formats = [CSV, JSON]
    list_display = ("title", "type", "difficulty", "source", "curated", "created_at")
    list_filter = ("curated", "type", "difficulty")
    search_fields = ("title", "description", "url")
    readonly_fields = ("normalized_url", "created_at")

    def service_create(self, request: HttpRequest, obj: Resource, form: ModelForm[Any]) -> Model:
        return services.catalog_resource_create(data=_changes(obj, form.fields, services.CATALOG_RESOURCE_FIELDS))

    def service_update(self, request: HttpRequest, obj: Resource, form: ModelForm[Any]) -> None:
        stored = Resource.objects.get(pk=obj.pk)
        services.catalog_resource_update(
            resource=stored, data=_changes(obj, form.changed_data, services.CATALOG_RESOURCE_FIELDS)
        )

    def service_delete(self, request: HttpRequest, obj: Resource) -> None:
        services.catalog_resource_delete(resource=obj)


@admin.register(UserResource)
class UserResourceAdmin(ServiceAdminMixin, admin.ModelAdmin[UserResource]):
    """Learners' saved resources: learners save them; staff may correct progress or unsave."""

    list_display = ("resource", "user", "completed", "rating", "progress", "saved_at")
    list_filter = ("completed", "rating")
    search_fields = ("title", "resource__title", "user__email")
    list_select_related = ("resource", "user")
    readonly_fields = ("user", "resource", "completed_at")

    def service_update(self, request: HttpRequest, obj: UserResource, form: ModelForm[Any]) -> None:
        stored = UserResource.objects.get(pk=obj.pk)
        services.saved_resource_update(
            saved=stored, data=_changes(obj, form.changed_data, services.SAVED_RESOURCE_UPDATE_FIELDS)
        )

    def service_delete(self, request: HttpRequest, obj: UserResource) -> None:
        services.saved_resource_delete(saved=obj)
