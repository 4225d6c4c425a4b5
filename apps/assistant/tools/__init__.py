"""The assistant's tools: thin adapters over services, described to the model by JSON schema."""
