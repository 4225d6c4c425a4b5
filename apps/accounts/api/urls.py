"""URL routes of the accounts API (mounted under /api/v1/)."""

from django.urls import path

from apps.accounts import web
from apps.accounts.api import staff, views
from apps.accounts.api.jobs import JobDetailApi

urlpatterns = [
    path("auth/register", views.RegisterApi.as_view(), name="auth-register"),
    path("auth/verify-email", views.VerifyEmailApi.as_view(), name="auth-verify-email"),
    path("auth/resend-verification", views.ResendVerificationApi.as_view(), name="auth-resend-verification"),
    path("auth/login", views.LoginApi.as_view(), name="auth-login"),
    path("auth/refresh", views.RefreshApi.as_view(), name="auth-refresh"),
    path("auth/logout", views.LogoutApi.as_view(), name="auth-logout"),
    path("auth/logout-everywhere", views.LogoutEverywhereApi.as_view(), name="auth-logout-everywhere"),
    path("auth/google", views.GoogleApi.as_view(), name="auth-google"),
    # The web redirect flow (django-allauth); allauth reverses these two names.
    path("auth/google/web/login", web.google_web_login, name="google_login"),
    path("auth/google/web/callback", web.google_web_callback, name="google_callback"),
    path("auth/google/web/complete", web.google_web_complete, name="auth-google-web-complete"),
    path("auth/password/change", views.PasswordChangeApi.as_view(), name="auth-password-change"),
    path("auth/password/forgot", views.PasswordForgotApi.as_view(), name="auth-password-forgot"),
    path("auth/password/reset", views.PasswordResetApi.as_view(), name="auth-password-reset"),
    path("users/me", views.MeApi.as_view(), name="users-me"),
    path("users/me/export", views.MeExportApi.as_view(), name="users-me-export"),
    path("notifications/", views.NotificationListApi.as_view(), name="notification-list"),
    path("notifications/read-all", views.NotificationReadAllApi.as_view(), name="notification-read-all"),
    path("notifications/<uuid:notification_id>/read", views.NotificationReadApi.as_view(), name="notification-read"),
    path("admin/users/", staff.StaffUserListApi.as_view(), name="staff-user-list"),
    path("admin/users/<uuid:user_id>", staff.StaffUserDetailApi.as_view(), name="staff-user-detail"),
    path("admin/users/<uuid:user_id>/tier", staff.StaffUserTierApi.as_view(), name="staff-user-tier"),
    path("admin/users/<uuid:user_id>/deactivate", staff.StaffUserDeactivateApi.as_view(), name="staff-user-deactivate"),
    path("admin/stats", staff.StaffStatsApi.as_view(), name="staff-stats"),
    path("jobs/<uuid:job_id>", JobDetailApi.as_view(), name="job-detail"),
]
