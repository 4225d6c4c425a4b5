"""Materials' background job: extract, chunk and embed an uploaded file (``ai`` queue)."""

from __future__ import annotations

from celery import shared_task

from apps.learning.embeddings.base import EmbeddingError
from apps.materials.services import material_fail, material_process
from maigie.jobs import TransientError


@shared_task(name="ai.process_material")
def process_material(material_id: str) -> int:
    """Make a material searchable (idempotent); answers its chunk count."""
    try:
        return material_process(material_id=material_id)
    except EmbeddingError as exc:
        if exc.transient:
            raise TransientError(str(exc)) from exc  # BaseTask retries it with backoff
        material_fail(material_id=material_id, reason="Indexing failed; try again later.")
        raise
