from django.apps import AppConfig


class AssistantConfig(AppConfig):
    name = "apps.assistant"
    label = "assistant"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from apps.assistant import context_sections  # noqa: F401, PLC0415  (registers the prompt's sections)
        from apps.assistant.tools import learning, planning  # noqa: F401, PLC0415  (registers the tools)
