"""Admin for billing: subscription records (read-only), complimentary grants and revocations, audit trail.

Stripe's customers, subscriptions, prices and events are in dj-stripe's own admin section, read-only:
they mirror Stripe, which is where they change (then the webhooks sync them here). Webhook
endpoints, which are configuration, stay editable.
"""

from __future__ import annotations

from typing import Any

import djstripe.admin  # noqa: F401  (registered now, so it can be made read-only below)
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from apps.accounts.models import User
from apps.billing import selectors, services
from apps.billing.models import PAID_PLANS, BillingAuditEntry, Subscription
from maigie.admin_services import ReadOnlyAdminMixin, ServiceAdminMixin, make_read_only


class ComplimentaryGrantForm(forms.ModelForm[Subscription]):
    """Adding a subscription in the admin grants a complimentary Premium period."""

    days = forms.IntegerField(min_value=1, max_value=3660, initial=30)

    class Meta:
        model = Subscription
        fields = ("user", "plan")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plan_field = self.fields["plan"]
        assert isinstance(plan_field, forms.ChoiceField)
        plan_field.choices = [(plan.value, plan.label) for plan in PAID_PLANS]

    def validate_unique(self) -> None:
        """A user's existing (ended) record is reused by the grant, not duplicated."""

    def clean_user(self) -> User:
        user: User = self.cleaned_data["user"]
        if selectors.has_paid_subscription(user=user):
            raise ValidationError("This user already pays for a subscription.")
        return user


@admin.register(Subscription)
class SubscriptionAdmin(ServiceAdminMixin, admin.ModelAdmin[Subscription]):
    """Adding grants a complimentary period (billing service); records are otherwise read-only."""

    list_display = ("user", "plan", "status", "end_date", "cancel_at_period_end", "complimentary", "updated_at")
    list_filter = ("plan", "status", "complimentary", "cancel_at_period_end")
    search_fields = ("user__email", "stripe_subscription_id", "stripe_customer_id")
    list_select_related = ("user",)
    actions = ("revoke_complimentary",)
    readonly_fields = (
        "user",
        "plan",
        "status",
        "start_date",
        "end_date",
        "cancel_at_period_end",
        "complimentary",
        "stripe_subscription_id",
        "stripe_customer_id",
        "stripe_event_at",
        "created_at",
        "updated_at",
    )

    def get_form(
        self, request: HttpRequest, obj: Subscription | None = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if obj is None:
            kwargs["form"] = ComplimentaryGrantForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: Subscription | None = None) -> Any:
        return self.readonly_fields if obj is not None else ()

    def get_fields(self, request: HttpRequest, obj: Subscription | None = None) -> Any:
        return self.readonly_fields if obj is not None else ("user", "plan", "days")

    def service_create(self, request: HttpRequest, obj: Subscription, form: ModelForm[Any]) -> Model:
        """Grant through the service (audited, tier synced); the admin then shows the saved record."""
        assert isinstance(request.user, User)
        return services.complimentary_grant(
            user=form.cleaned_data["user"],
            actor=request.user,
            days=form.cleaned_data["days"],
            plan=form.cleaned_data["plan"],
        )

    @admin.action(description="Revoke complimentary Premium period")
    def revoke_complimentary(self, request: HttpRequest, queryset: QuerySet[Subscription]) -> None:
        assert isinstance(request.user, User)
        for record in queryset.select_related("user"):
            try:
                services.complimentary_revoke(user=record.user, actor=request.user)
            except ValidationError as error:
                self.message_user(request, f"{record.user}: {' '.join(error.messages)}", messages.ERROR)
            else:
                self.message_user(request, f"{record.user}: complimentary period revoked.", messages.SUCCESS)


@admin.register(BillingAuditEntry)
class BillingAuditEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[BillingAuditEntry]):
    list_display = ("created_at", "action", "user", "actor")
    list_filter = ("action",)
    search_fields = ("user__email", "actor__email")
    list_select_related = ("user", "actor")
    readonly_fields = ("created_at", "action", "user", "actor", "data")


# Webhook endpoints stay editable: they are configuration, created from the admin (docs/billing.md).
make_read_only(admin.site, "djstripe", keep={"webhookendpoint"})
