"""Study materials a learner uploads (PDF, DOCX, Markdown, text, lectures) and the searchable chunks of their text."""

from __future__ import annotations

import uuid

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from pgvector.django import HnswIndex, VectorField

from apps.accounts.models import Job, User
from apps.learning.embeddings.base import DIMENSIONS
from apps.learning.models import SEARCH_CONFIG, Course, Topic


class MaterialKind(models.TextChoices):
    PDF = "PDF", "PDF"
    DOCX = "DOCX", "Word document"
    MARKDOWN = "MARKDOWN", "Markdown"
    TEXT = "TEXT", "Plain text"
    AUDIO = "AUDIO", "Audio recording"


class MaterialStatus(models.TextChoices):
    PENDING = "PENDING", "Pending"
    PROCESSING = "PROCESSING", "Processing"
    READY = "READY", "Ready"
    FAILED = "FAILED", "Failed"


class Material(models.Model):
    """One uploaded file; its text is extracted, chunked and embedded by ``ai.process_material``."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=MaterialKind.choices)
    file = models.FileField(upload_to="materials/%Y/%m/", max_length=255)
    size = models.PositiveBigIntegerField()  # bytes
    status = models.CharField(max_length=10, choices=MaterialStatus.choices, default=MaterialStatus.PENDING)
    error = models.CharField(max_length=300, blank=True)  # why processing failed, for a person
    pages = models.PositiveIntegerField(null=True, blank=True)
    duration_ms = models.PositiveBigIntegerField(null=True, blank=True)  # recordings
    chunk_count = models.PositiveIntegerField(default=0)
    course = models.ForeignKey(Course, on_delete=models.SET_NULL, null=True, blank=True, related_name="materials")
    topic = models.ForeignKey(Topic, on_delete=models.SET_NULL, null=True, blank=True, related_name="materials")
    job = models.ForeignKey(Job, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.kind}, {self.status})"


class MaterialChunk(models.Model):
    """A passage of a material's text (about a paragraph or two), with its page or time, words and vector."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="chunks")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")  # the material's owner
    index = models.PositiveIntegerField()  # order in the material, from 0
    page = models.PositiveIntegerField(null=True, blank=True)  # 1-based, for PDFs
    start_ms = models.PositiveBigIntegerField(null=True, blank=True)  # where a recording's passage starts
    text = models.TextField()
    search_vector = models.GeneratedField(
        expression=SearchVector("text", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    provider = models.CharField(max_length=100, blank=True)  # ``name:model`` of the vector's embedder
    vector = VectorField(dimensions=DIMENSIONS, null=True, blank=True)

    class Meta:
        ordering = ["material", "index"]
        constraints = [models.UniqueConstraint(fields=["material", "index"], name="material_chunk_index_unique")]
        indexes = [
            GinIndex(fields=["search_vector"], name="material_chunk_search_gin"),
            models.Index(fields=["user", "provider"], name="material_chunk_user_provider"),
            HnswIndex(
                name="material_chunk_vector_hnsw",
                fields=["vector"],
                m=16,
                ef_construction=64,
                opclasses=["vector_cosine_ops"],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.material_id} #{self.index}"
