"""Which provider answers: the OpenAI-compatible one when configured, else offline."""

from __future__ import annotations

from django.conf import settings

from apps.accounts.models import User
from apps.assistant.offline.learner import learner_items
from apps.assistant.providers.base import Provider
from apps.assistant.providers.offline import OfflineProvider
from apps.assistant.providers.openai_compatible import OpenAICompatibleProvider
from maigie.openai_client import OpenAISettings


def providers_for(user: User) -> tuple[Provider, Provider]:
    """The provider to use for ``user`` and the offline fallback."""
    offline = OfflineProvider(timezone_name=user.timezone, items=lambda: learner_items(user))
    if settings.ASSISTANT_PROVIDER == "offline" or not settings.OPENAI_API_KEY:
        return offline, offline
    return (
        OpenAICompatibleProvider(
            OpenAISettings(
                api_key=settings.OPENAI_API_KEY,
                base_url=settings.OPENAI_BASE_URL or None,
                model=settings.OPENAI_MODEL,
                timeout=settings.OPENAI_TIMEOUT,
                max_retries=settings.OPENAI_MAX_RETRIES,
            )
        ),
        offline,
    )
