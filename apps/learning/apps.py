from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "apps.learning"
    label = "learning"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Name the objects the plan's caps on courses, notes and resources count."""
        from apps.billing import entitlements  # noqa: PLC0415
        from apps.learning import selectors  # noqa: PLC0415

        entitlements.register_kept(
            "active_courses", lambda user_id: selectors.active_courses(user_id=user_id), making_room="archive or delete"
        )
        entitlements.register_kept("notes", lambda user_id: selectors.kept_notes(user_id=user_id))
        entitlements.register_kept(
            "resources", lambda user_id: selectors.kept_resources(user_id=user_id), making_room="unsave"
        )
