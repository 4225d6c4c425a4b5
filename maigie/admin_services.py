"""The Django admin as a client of the services: each admin declares the service calls for its writes.

A model admin built on ``ServiceAdminMixin`` saves and deletes only through the methods it declares:
``service_create(request, obj, form)`` (answers the saved object), ``service_update(request, obj,
form)`` and ``service_delete(request, obj)``; bulk deletion calls ``service_delete`` for each row.
Inlines (``ServiceInlineMixin``) declare ``service_create(request, parent, obj)``,
``service_update(request, obj, changed)`` and ``service_delete(request, obj)``. An operation without
a declared service is not offered (no permission), so nothing in the admin writes around a service.
``ReadOnlyAdminMixin`` is for records and logs: viewable, never written.

A service that refuses a write the form accepted (a plan cap, a conflict, a rule the form cannot
see) rolls the whole page's writes back and sends staff to the same page with its reason as an
error message, never to a server error page.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db.models import Model, QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from rest_framework.exceptions import APIException

from maigie.errors import Conflict, NotConfigured, PaymentRequired

if TYPE_CHECKING:
    _AdminBase = admin.ModelAdmin[Any]
    _InlineBase = admin.options.InlineModelAdmin[Any, Any]
else:
    _AdminBase = _InlineBase = object

SERVICE_METHODS = ("service_create", "service_update", "service_delete")
SERVICE_REFUSALS = (ValidationError, Conflict, PaymentRequired, NotConfigured, APIException)


def refusal_text(error: Exception) -> str:
    """A service's refusal as one sentence for staff."""
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return "; ".join(f"{field}: {' '.join(texts)}" for field, texts in error.message_dict.items())
        return " ".join(error.messages)
    if isinstance(error, APIException):
        return str(error.detail)
    return str(getattr(error, "message", error))


def declares(admin_obj: object, method: str) -> bool:
    """Whether ``admin_obj``'s class implements ``method`` (not just inherits the mixin's refusal)."""
    mixin = ServiceInlineMixin if isinstance(admin_obj, ServiceInlineMixin) else ServiceAdminMixin
    return getattr(type(admin_obj), method, None) is not getattr(mixin, method)


class ServiceAdminMixin(_AdminBase):
    """Routes the admin's saves, deletes, bulk deletes and inline formsets to the declared services."""

    def service_create(self, request: HttpRequest, obj: Any, form: ModelForm[Any]) -> Model:
        raise ImproperlyConfigured(f"{type(self).__name__} declares no create service")

    def service_update(self, request: HttpRequest, obj: Any, form: ModelForm[Any]) -> None:
        raise ImproperlyConfigured(f"{type(self).__name__} declares no update service")

    def service_delete(self, request: HttpRequest, obj: Any) -> None:
        raise ImproperlyConfigured(f"{type(self).__name__} declares no delete service")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return declares(self, "service_create") and super().has_add_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return declares(self, "service_update") and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return declares(self, "service_delete") and super().has_delete_permission(request, obj)

    def _refused(self, request: HttpRequest, error: Exception) -> HttpResponse:
        self.message_user(request, f"Not saved: {refusal_text(error)}", messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())

    def changeform_view(
        self, request: HttpRequest, object_id: str | None = None, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except SERVICE_REFUSALS as error:  # the page's transaction has rolled back
            return self._refused(request, error)

    def delete_view(self, request: HttpRequest, object_id: str, extra_context: Any = None) -> HttpResponse:
        try:
            return super().delete_view(request, object_id, extra_context)
        except SERVICE_REFUSALS as error:
            return self._refused(request, error)

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        try:
            return super().changelist_view(request, extra_context)
        except SERVICE_REFUSALS as error:  # an action (a bulk delete) a service refused
            return self._refused(request, error)

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm[Any], change: bool) -> None:
        if change:
            self.service_update(request, obj, form)
            return
        saved = self.service_create(request, obj, form)
        obj.pk, obj._state.adding = saved.pk, False  # the admin logs and redirects to the saved object

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self.service_delete(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            self.service_delete(request, obj)

    def save_related(self, request: HttpRequest, form: ModelForm[Any], formsets: Any, change: bool) -> None:
        """Inline formsets only; many-to-many fields are the services' to save (``form.cleaned_data``)."""
        for formset in formsets:
            self.save_formset(request, form, formset, change)

    def save_formset(self, request: HttpRequest, form: ModelForm[Any], formset: Any, change: bool) -> None:
        inline = getattr(formset, "service_inline", None)
        if not isinstance(inline, ServiceInlineMixin):
            raise ImproperlyConfigured(
                f"{formset.model.__name__} inline of {type(self).__name__} is not a service inline"
            )
        formset.save(commit=False)  # fills deleted_objects, changed_objects and new_objects without writing
        for obj in formset.deleted_objects:
            inline.service_delete(request, obj)
        for obj, changed in formset.changed_objects:
            inline.service_update(request, obj, changed)
        for obj in formset.new_objects:
            inline.service_create(request, form.instance, obj)


class ServiceInlineMixin(_InlineBase):
    """An inline whose rows are added, changed and deleted by the declared services."""

    def service_create(self, request: HttpRequest, parent: Any, obj: Any) -> Model:
        raise ImproperlyConfigured(f"{type(self).__name__} declares no create service")

    def service_update(self, request: HttpRequest, obj: Any, changed: list[str]) -> None:
        raise ImproperlyConfigured(f"{type(self).__name__} declares no update service")

    def service_delete(self, request: HttpRequest, obj: Any) -> None:
        raise ImproperlyConfigured(f"{type(self).__name__} declares no delete service")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return declares(self, "service_create") and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return declares(self, "service_update") and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return declares(self, "service_delete") and super().has_delete_permission(request, obj)

    def get_formset(
        self, request: HttpRequest, obj: Any = None, **kwargs: Any
    ) -> type[BaseInlineFormSet[Any, Any, ModelForm[Any]]]:
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (formset,), {"service_inline": self})


class ReadOnlyAdminMixin(_AdminBase):
    """A record or log: staff view it; nothing in the admin adds, changes or deletes it."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def make_read_only(site: admin.AdminSite, app_label: str, *, keep: Collection[str] = ()) -> None:
    """Re-register every model admin of ``app_label`` (a library's) as read-only, but the models in ``keep``."""
    for model, model_admin in list(site._registry.items()):
        if model._meta.app_label != app_label or model._meta.model_name in keep:
            continue
        if not isinstance(model_admin, ReadOnlyAdminMixin):
            read_only = type(type(model_admin).__name__, (ReadOnlyAdminMixin, type(model_admin)), {})
            site.unregister(model)
            site.register(model, read_only)
