"""The one way to reach an OpenAI-compatible API (chat completions and embeddings)."""

from __future__ import annotations

from dataclasses import dataclass

import openai


@dataclass(frozen=True)
class OpenAISettings:
    """Where and how to reach the API."""

    api_key: str
    base_url: str | None
    model: str
    timeout: float
    max_retries: int


def openai_client(config: OpenAISettings) -> openai.OpenAI:
    """An ``openai`` client for ``config`` (the SDK retries 429/5xx with backoff ``max_retries`` times)."""
    return openai.OpenAI(
        api_key=config.api_key,
        base_url=config.base_url or None,
        timeout=config.timeout,
        max_retries=config.max_retries,
    )
