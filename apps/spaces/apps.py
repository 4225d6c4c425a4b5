from django.apps import AppConfig


class SpacesConfig(AppConfig):
    name = "apps.spaces"
    label = "spaces"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """The ``spaces_owned`` cap; members' notes, shared materials in search, the assistant on shared courses;
        members' study of shared decks and courses in their streak."""
        from apps.billing import entitlements  # noqa: PLC0415
        from apps.learning import links  # noqa: PLC0415
        from apps.materials.selectors import register_shared_materials  # noqa: PLC0415
        from apps.review.selectors import register_study_records  # noqa: PLC0415
        from apps.spaces import selectors  # noqa: PLC0415
        from apps.spaces.assistant import register_assistant  # noqa: PLC0415

        entitlements.register_kept("spaces_owned", lambda user_id: selectors.owned_spaces(user_id=user_id))
        links.register_shared_study(course=selectors.studied_course, topic=selectors.studied_topic)
        register_shared_materials(selectors.readable_material_ids)
        register_assistant()
        register_study_records(selectors.shared_deck_reviews)
        register_study_records(selectors.shared_topics_done)
