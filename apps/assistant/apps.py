from django.apps import AppConfig


class AssistantConfig(AppConfig):
    name = "apps.assistant"
    label = "assistant"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Register the prompt's context sections, the tools, and the usage counters of the quotas."""
        from apps.assistant import context_sections, quotas, selectors  # noqa: F401, PLC0415
        from apps.assistant.tools import insights, learning, memory, outline, planning, tasks  # noqa: F401, PLC0415
        from apps.billing import entitlements  # noqa: PLC0415

        entitlements.register_usage(quotas.MESSAGES, quotas.messages_today)
        entitlements.register_usage(quotas.GENERATIONS, quotas.generations_this_month)
        entitlements.register_usage("memory_facts", lambda user: selectors.fact_list(user=user).count())
