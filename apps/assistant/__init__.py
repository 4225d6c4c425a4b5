"""Chat, LLM providers, AI tools, usage and quotas, voice, embeddings."""
