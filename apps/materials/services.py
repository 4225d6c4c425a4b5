"""Writes of study materials: upload, processing (extract, chunk, embed), rename, delete."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Sum

from apps.accounts.models import Job, JobState, User
from apps.accounts.services import job_create, job_update
from apps.billing import entitlements
from apps.learning.embeddings.base import EmbeddingProvider, provider_key
from apps.learning.embeddings.selection import embedding_provider
from apps.learning.links import learning_links
from apps.materials import events
from apps.materials.chunking import Chunk, chunk_pages, chunk_transcript
from apps.materials.extraction import SNIFF_BYTES, UnreadableFile, extract, sniff
from apps.materials.models import Material, MaterialChunk, MaterialKind, MaterialStatus
from apps.voice import audio, quotas
from apps.voice.lectures import transcribe_recording
from maigie.realtime.publish import publish

logger = logging.getLogger(__name__)

MATERIAL_PROCESSING = "material_processing"
EMBED_BATCH = 64
MAX_CHUNKS = 5000
RECORDING_SLACK_SECONDS = 5  # a recording may decode a little longer than its header said
UNSUPPORTED = "Unsupported file: upload a PDF, a Word document (.docx), Markdown, text or a recorded lecture."


def material_payload(material: Material) -> dict[str, Any]:
    """A material as its realtime events show it."""
    return {
        "id": str(material.pk),
        "title": material.title,
        "status": material.status,
        "error": material.error,
        "pages": material.pages,
        "chunk_count": material.chunk_count,
    }


def _links(*, user: User, course_id: uuid.UUID | None, topic_id: uuid.UUID | None) -> tuple[Any, Any]:
    """The ids of the user's course and topic a material belongs to (the one link rule, a topic implies its course)."""
    course, topic = learning_links(user=user, course_id=course_id, topic_id=topic_id)
    return (course.pk if course else None), (topic.pk if topic else None)


def _default_title(name: str) -> str:
    stem = (name or "").rsplit("/", 1)[-1].rsplit(".", 1)[0].strip()
    return (stem or "Untitled material")[:200]


@transaction.atomic
def material_upload(
    *,
    user: User,
    file: UploadedFile,
    title: str | None = None,
    course_id: uuid.UUID | None = None,
    topic_id: uuid.UUID | None = None,
) -> Material:
    """Store an uploaded PDF, DOCX, Markdown, text or audio file and enqueue its processing (a ``Job``).

    The type is read from the bytes, not the name; the plan bounds the file's size and the
    learner's storage. A recording needs the ``voice`` feature, lasts at most
    ``MATERIAL_AUDIO_MAX_SECONDS`` and its length is counted in the month's voice minutes here, once.
    Whether the text can be read is found out by the job.
    """
    size = file.size or 0
    if size == 0:
        raise ValidationError({"file": ["The file is empty."]})
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    kind = sniff(head, file)
    file.seek(0)
    if kind is None:
        raise ValidationError({"file": [UNSUPPORTED]})
    User.objects.select_for_update().filter(pk=user.pk).first()  # one upload at a time counts the storage
    stored = Material.objects.filter(user=user).aggregate(total=Sum("size"))["total"] or 0
    entitlements.check_material_upload(user=user, size=size, stored=stored)
    duration_ms = _recording_reserve(user=user, file=file) if kind == MaterialKind.AUDIO else None
    course_id, topic_id = _links(user=user, course_id=course_id, topic_id=topic_id)
    job = job_create(user=user, kind=MATERIAL_PROCESSING)
    material = Material(
        user=user,
        title=(title or "").strip()[:200] or _default_title(file.name or ""),
        kind=kind,
        size=size,
        duration_ms=duration_ms,
        course_id=course_id,
        topic_id=topic_id,
        job=job,
    )
    material.file.save(f"{uuid.uuid4().hex}.{kind.lower()}", file, save=False)  # never the client's name
    try:
        material.save()
        publish(user_id=user.pk, event=events.MATERIAL_CREATED, data=material_payload(material))
    except Exception:
        material.file.storage.delete(str(material.file.name))  # no row was saved: no file is kept either
        raise
    transaction.on_commit(lambda: _enqueue(material.pk), robust=True)
    return material


def _recording_reserve(*, user: User, file: UploadedFile) -> int:
    """A recording's length in milliseconds, checked against the plan and counted in its voice minutes."""
    entitlements.check_feature(user, quotas.FEATURE)
    seconds = audio.duration_seconds(file)
    longest = settings.MATERIAL_AUDIO_MAX_SECONDS
    if seconds > longest:
        raise ValidationError({"file": [f"The recording is longer than {longest // 60} minutes."]})
    quotas.minutes_reserve(user, seconds=seconds)
    return round(seconds * 1000)


def _enqueue(material_id: Any) -> None:
    from apps.materials import tasks  # noqa: PLC0415 - tasks import these services

    tasks.process_material.delay(str(material_id))


@transaction.atomic
def material_update(*, material: Material, title: str) -> Material:
    """Rename a material."""
    material.title = title.strip()[:200] or material.title
    material.save(update_fields=["title", "updated_at"])
    publish(user_id=material.user_id, event=events.MATERIAL_UPDATED, data=material_payload(material))
    return material


@transaction.atomic
def material_delete(*, material: Material) -> None:
    """Delete a material, its chunks and vectors, and (after commit) its stored file."""
    storage, name, pk, user_id = material.file.storage, material.file.name, material.pk, material.user_id
    material.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name), robust=True)
    publish(user_id=user_id, event=events.MATERIAL_DELETED, data={"id": str(pk)})


# --- processing (the ``ai.process_material`` task) ----------------------------------------


@transaction.atomic
def _set_status(material_id: Any, *, status: str, error: str = "", pages: int | None = None) -> Material | None:
    material = Material.objects.select_for_update().filter(pk=material_id).first()
    if material is None:
        return None
    material.status, material.error = status, error[:300]
    if pages is not None:
        material.pages = pages
    material.save(update_fields=["status", "error", "pages", "updated_at"])
    publish(user_id=material.user_id, event=events.MATERIAL_UPDATED, data=material_payload(material))
    return material


def _progress(job_id: Any, progress: int, message: str) -> None:
    if job_id is not None:
        job_update(job_id=job_id, progress=progress, message=message)


def material_fail(*, material_id: Any, reason: str) -> None:
    """Mark a material (and its job) failed with a reason a person understands."""
    material = _set_status(material_id, status=MaterialStatus.FAILED, error=reason)
    if material is not None and material.job_id is not None:
        job_update(job_id=material.job_id, state=JobState.FAILED, message="Failed.", error=reason)


def material_process(*, material_id: Any, provider: EmbeddingProvider | None = None) -> int:
    """Extract, chunk and embed a material; answers its chunk count. Idempotent: a redelivered task
    on a READY material does nothing, and a rerun replaces the chunks as a whole.

    Unreadable files (damaged, encrypted, image-only, empty, over the page limit) fail the
    material and its job with a clear reason. Embedding errors propagate (transient ones retry).
    """
    material = Material.objects.select_related("user", "job").filter(pk=material_id).first()
    if material is None or material.status == MaterialStatus.READY:
        return material.chunk_count if material else 0
    job_id = material.job_id if material.job and material.job.state not in Job.FINAL_STATES else None
    _set_status(material.pk, status=MaterialStatus.PROCESSING)
    _progress(job_id, 10, "Reading the file")
    try:
        with material.file.open("rb") as handle:
            data = handle.read()
        if material.kind == MaterialKind.AUDIO:
            return _process_recording(material, data, job_id, provider)
        pages = extract(material.kind, data)
    except UnreadableFile as exc:
        material_fail(material_id=material.pk, reason=str(exc))
        return 0
    except OSError:
        logger.exception("material %s: stored file unreadable", material.pk)
        material_fail(material_id=material.pk, reason="The stored file is missing; upload it again.")
        return 0
    page_count = len(pages) if material.kind == MaterialKind.PDF else None
    limit = entitlements.material_page_limit(material.user)
    if page_count is not None and page_count > limit:
        material_fail(material_id=material.pk, reason=f"The PDF has {page_count} pages; your plan reads up to {limit}.")
        return 0
    return _index(material, chunk_pages(pages)[:MAX_CHUNKS], job_id, provider, pages=page_count, begin=40)


def _index(
    material: Material,
    chunks: list[Chunk],
    job_id: Any,
    provider: EmbeddingProvider | None,
    *,
    pages: int | None,
    begin: int,
) -> int:
    """Embed ``chunks`` and store them (job progress from ``begin`` to 95%)."""
    _progress(job_id, begin, f"Indexing {len(chunks)} passages")
    provider = provider or embedding_provider()
    vectors: list[list[float]] = []
    for start in range(0, len(chunks), EMBED_BATCH):
        vectors.extend(provider.embed([chunk.text for chunk in chunks[start : start + EMBED_BATCH]]))
        done = min(len(chunks), start + EMBED_BATCH) / max(len(chunks), 1)
        _progress(job_id, begin + int((95 - begin) * done), "Indexing")
    return _store_chunks(
        material_id=material.pk, chunks=chunks, vectors=vectors, provider=provider_key(provider), pages=pages
    )


def _clock(ms: int) -> str:
    minutes, seconds = divmod(ms // 1000, 60)
    return f"{minutes}:{seconds:02d}"


def _process_recording(material: Material, data: bytes, job_id: Any, provider: EmbeddingProvider | None) -> int:
    """Transcribe a recorded lecture segment by segment (job progress 10→70%), then index it by time."""
    total = material.duration_ms or 1

    def transcribing(start_ms: int) -> None:
        _progress(
            job_id, 10 + 60 * min(start_ms, total) // total, f"Transcribing {_clock(start_ms)} of {_clock(total)}"
        )

    try:
        segments = transcribe_recording(
            data,
            max_seconds=total / 1000 + RECORDING_SLACK_SECONDS,
            segment_seconds=settings.MATERIAL_AUDIO_SEGMENT_SECONDS,
            progress=transcribing,
        )
    except audio.AudioTooLong:
        raise UnreadableFile("The recording is longer than its header said; upload it again.") from None
    except audio.AudioError:
        raise UnreadableFile("The recording is damaged and cannot be played.") from None
    if not segments:
        raise UnreadableFile("No speech was heard in the recording.")
    chunks = chunk_transcript([(segment.start_ms, segment.text) for segment in segments])[:MAX_CHUNKS]
    return _index(material, chunks, job_id, provider, pages=None, begin=70)


@transaction.atomic
def _store_chunks(
    *, material_id: Any, chunks: list[Chunk], vectors: list[list[float]], provider: str, pages: int | None
) -> int:
    material = Material.objects.select_for_update().filter(pk=material_id).first()
    if material is None:  # deleted meanwhile
        return 0
    MaterialChunk.objects.filter(material=material).delete()
    MaterialChunk.objects.bulk_create(
        MaterialChunk(
            material=material,
            user_id=material.user_id,
            index=index,
            page=chunk.page,
            start_ms=chunk.start_ms,
            text=chunk.text,
            provider=provider if any(vector) else "",
            vector=vector if any(vector) else None,
        )
        for index, (chunk, vector) in enumerate(zip(chunks, vectors, strict=True))
    )
    material.status, material.error, material.pages, material.chunk_count = (
        MaterialStatus.READY,
        "",
        pages,
        len(chunks),
    )
    material.save(update_fields=["status", "error", "pages", "chunk_count", "updated_at"])
    publish(user_id=material.user_id, event=events.MATERIAL_UPDATED, data=material_payload(material))
    if material.job_id is not None:
        job_update(
            job_id=material.job_id,
            state=JobState.SUCCEEDED,
            message="Ready",
            result={"material_id": str(material.pk), "chunks": len(chunks), "pages": pages},
        )
    return len(chunks)


def material_reindex(*, material: Material, provider: EmbeddingProvider | None = None, force: bool = False) -> int:
    """Embed a material's passages made by another embedder (all with ``force``) again; answers how many."""
    provider = provider or embedding_provider()
    key = provider_key(provider)
    passages = MaterialChunk.objects.filter(material=material).only("pk", "text")
    chunks = list(passages if force else passages.exclude(provider=key))
    for start in range(0, len(chunks), EMBED_BATCH):
        batch = chunks[start : start + EMBED_BATCH]
        for chunk, vector in zip(batch, provider.embed([c.text for c in batch]), strict=True):
            chunk.vector, chunk.provider = (vector, key) if any(vector) else (None, "")
        _save_vectors(batch)
    return len(chunks)


@transaction.atomic
def _save_vectors(chunks: list[MaterialChunk]) -> None:
    MaterialChunk.objects.bulk_update(chunks, ["vector", "provider"])


@transaction.atomic
def material_reprocess(*, material: Material) -> Material:
    """Extract, chunk and embed a material again from its stored file, as a new job (e.g. after a fix)."""
    material = Material.objects.select_for_update().get(pk=material.pk)
    material.job = job_create(user=material.user, kind=MATERIAL_PROCESSING)
    material.status, material.error = MaterialStatus.PENDING, ""
    material.save(update_fields=["job", "status", "error", "updated_at"])
    transaction.on_commit(lambda: _enqueue(material.pk), robust=True)
    publish(user_id=material.user_id, event=events.MATERIAL_UPDATED, data=material_payload(material))
    return material
