from django.apps import AppConfig


class MaterialsConfig(AppConfig):
    name = "apps.materials"
    label = "materials"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Give the assistant the learner's notes and materials relevant to each question, and a tool to search them."""
        from apps.assistant.context import add_retriever  # noqa: PLC0415
        from apps.materials.assistant import register_assistant  # noqa: PLC0415
        from apps.materials.search import passages  # noqa: PLC0415

        add_retriever(passages)
        register_assistant()
