from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "apps.review"
    label = "review"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Name the cards the plan's ``cards`` cap counts; register the assistant's review tools."""
        from apps.billing import entitlements  # noqa: PLC0415
        from apps.review import tools  # noqa: F401, PLC0415
        from apps.review.selectors import kept_cards  # noqa: PLC0415

        entitlements.register_kept("cards", lambda user_id: kept_cards(user_id=user_id))
