"""URL routes of the notifications API (mounted under /api/v1/)."""

from django.urls import URLPattern, URLResolver, path

from apps.notifications.api import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("devices/", views.DeviceListApi.as_view(), name="device-list"),
    path("devices/<uuid:device_id>/", views.DeviceDetailApi.as_view(), name="device-detail"),
    path("push/public-key", views.PublicKeyApi.as_view(), name="push-public-key"),
    path("notifications/preferences", views.PreferencesApi.as_view(), name="notification-preferences"),
    path("notifications/unsubscribe", views.UnsubscribeApi.as_view(), name="notification-unsubscribe"),
]
