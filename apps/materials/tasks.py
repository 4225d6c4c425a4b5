"""Materials' background job: extract, chunk and embed an uploaded file (``ai`` queue)."""

from __future__ import annotations

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings

from apps.learning.embeddings.base import EmbeddingError
from apps.materials.services import material_fail, material_process
from maigie.jobs import TransientError

TOO_LONG = "This file took too long to process; split it into smaller files and upload them again."


@shared_task(
    name="ai.process_material",
    time_limit=settings.MATERIAL_TASK_TIME_LIMIT,
    soft_time_limit=max(1, settings.MATERIAL_TASK_TIME_LIMIT * 9 // 10),
)
def process_material(material_id: str) -> int:
    """Make a material searchable (idempotent); answers its chunk count (0 when it failed for its size)."""
    try:
        return material_process(material_id=material_id)
    except SoftTimeLimitExceeded:
        material_fail(material_id=material_id, reason=TOO_LONG)
        return 0
    except EmbeddingError as exc:
        if exc.transient:
            raise TransientError(str(exc)) from exc  # BaseTask retries it with backoff
        material_fail(material_id=material_id, reason="Indexing failed; try again later.")
        raise
