"""The operations console: the admin site grouped by staff work, its dashboard, support actions."""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class ConsoleConfig(AppConfig):
    default = True
    name = "apps.console"
    label = "console"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Start tracing when an OTLP endpoint is configured (nothing is imported otherwise)."""
        from maigie import tracing  # noqa: PLC0415

        tracing.configure_from_env()


class ConsoleAdminConfig(admin_apps.AdminConfig):
    """``django.contrib.admin`` with the console as ``admin.site`` (replaces it in INSTALLED_APPS)."""

    default = False
    default_site = "apps.console.site.ConsoleSite"
