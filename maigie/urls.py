"""Root URLs: API v1, schema and docs, health probes, admin."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularSwaggerView

from maigie import health
from maigie.schema_view import SchemaView

api_v1 = [
    path("", include("apps.accounts.api.urls")),
    path("", include("apps.learning.api.urls")),
    path("", include("apps.planning.api.urls")),
    path("", include("apps.assistant.api.urls")),
    path("", include("apps.billing.api.urls")),
    path("", include("apps.notifications.api.urls")),
    path("", include("apps.review.api.urls")),
    path("", include("apps.materials.api.urls")),
    path("", include("apps.spaces.api.urls")),
    path("", include("apps.voice.api.urls")),
]

urlpatterns = [
    path("api/v1/", include(api_v1)),
    path("api/schema/", SchemaView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("health/live", health.live, name="health-live"),
    path("health/ready", health.ready, name="health-ready"),
    path("admin/", admin.site.urls),
    path("", include("django_prometheus.urls")),  # /metrics: scraped inside the network, not public
    path("stripe/", include("djstripe.urls", namespace="djstripe")),
]

handler400 = "maigie.api_errors.bad_request"
handler403 = "maigie.api_errors.permission_denied"
handler404 = "maigie.api_errors.not_found"
handler500 = "maigie.api_errors.server_error"
