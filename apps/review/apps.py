from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "apps.review"
    label = "review"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Name the cards the plan's ``cards`` cap counts; register the assistant's review tools; award
        achievements when other apps report progress (a completed topic, a study session)."""
        from apps.accounts.signals import progress_made  # noqa: PLC0415
        from apps.billing import entitlements  # noqa: PLC0415
        from apps.review import exam_tools, tools  # noqa: F401, PLC0415
        from apps.review.achievements import award_on_progress  # noqa: PLC0415
        from apps.review.selectors import kept_cards  # noqa: PLC0415

        entitlements.register_kept("cards", lambda user_id: kept_cards(user_id=user_id))
        progress_made.connect(award_on_progress, dispatch_uid="review.award_on_progress")
