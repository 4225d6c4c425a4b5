"""URL routes of the billing API (mounted under /api/v1/)."""

from django.urls import URLPattern, URLResolver, path

from apps.billing.api import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("subscription/", views.SubscriptionDetailApi.as_view(), name="subscription-detail"),
    path("subscription/plans/", views.PlanListApi.as_view(), name="subscription-plans"),
    path("subscription/checkout", views.CheckoutApi.as_view(), name="subscription-checkout"),
    path("subscription/portal", views.PortalApi.as_view(), name="subscription-portal"),
    path("subscription/cancel", views.CancelApi.as_view(), name="subscription-cancel"),
    path("subscription/resume", views.ResumeApi.as_view(), name="subscription-resume"),
]
