"""Text embeddings for semantic search: providers behind one interface (see ``base.EmbeddingProvider``)."""
