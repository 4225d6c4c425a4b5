"""URL routes of the accounts API (mounted under /api/v1/)."""

from django.urls import path

from apps.accounts.api.views import LoginApi

urlpatterns = [
    path("auth/login", LoginApi.as_view(), name="auth-login"),
]

from apps.accounts.api.jobs import JobDetailApi  # noqa: E402

urlpatterns += [
    path("jobs/<uuid:job_id>", JobDetailApi.as_view(), name="job-detail"),
]
