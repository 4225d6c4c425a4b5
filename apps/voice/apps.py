from django.apps import AppConfig


class VoiceConfig(AppConfig):
    name = "apps.voice"
    label = "voice"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Report the voice minutes used this month next to the plan's limit."""
        from apps.billing import entitlements  # noqa: PLC0415
        from apps.voice import quotas  # noqa: PLC0415

        entitlements.register_usage(quotas.MINUTES, quotas.minutes_this_month)
