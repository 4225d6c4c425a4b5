"""The assistant: chat (REST and WebSocket), LLM providers (OpenAI-compatible, offline parser), AI tools
with confirmation and undo, generation jobs (courses, schedules, note summaries), usage and quotas.

Semantic search and its embeddings live in ``apps.learning``; there is no voice input yet (``voice``
is only a plan flag in ``apps.billing.entitlements``).
"""
