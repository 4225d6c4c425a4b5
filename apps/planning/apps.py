from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "apps.planning"
    label = "planning"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Name the goals the plan's ``active_goals`` cap counts."""
        from apps.billing import entitlements  # noqa: PLC0415
        from apps.planning.selectors.goals import active_goals  # noqa: PLC0415

        entitlements.register_kept(
            "active_goals", lambda user_id: active_goals(user_id=user_id), making_room="complete, abandon or delete"
        )
