"""Learning models: courses with modules and topics, notes, the resource catalog, saved resources, embeddings."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Deferrable, Q
from pgvector.django import HnswIndex, VectorField

from apps.learning.embeddings.base import DIMENSIONS
from apps.learning.text import normalize_url, render_markdown
from maigie.bounds import validate_day, validate_finite

SEARCH_CONFIG = "english"
MAX_TOPIC_HOURS = 1000.0  # an estimate above this is refused; a stored one above it counts as unknown


class Difficulty(models.TextChoices):
    BEGINNER = "BEGINNER", "Beginner"
    INTERMEDIATE = "INTERMEDIATE", "Intermediate"
    ADVANCED = "ADVANCED", "Advanced"


class Course(models.Model):
    """A learner's course: an ordered outline of modules, each an ordered list of topics."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="courses")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, default="")
    difficulty = models.CharField(max_length=20, choices=Difficulty.choices, blank=True, default="")
    target_date = models.DateField(null=True, blank=True, validators=[validate_day])
    progress = models.FloatField(
        default=0.0, validators=[MinValueValidator(0.0), MaxValueValidator(100.0)], editable=False
    )
    is_ai_generated = models.BooleanField(default=False)
    archived = models.BooleanField(default=False)
    archived_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-created_at",)
        indexes = [
            models.Index(fields=["user", "archived", "-created_at"], name="course_user_archived_created"),
            models.Index(fields=["user", "difficulty"], name="course_user_difficulty"),
            models.Index(fields=["user", "-updated_at"], name="course_user_updated"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(progress__gte=0) & Q(progress__lte=100), name="course_progress_range"),
        ]

    def __str__(self) -> str:
        return self.title


class Module(models.Model):
    """A section of a course; completed when every one of its topics is."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    title = models.CharField(max_length=200)
    order = models.PositiveIntegerField()
    description = models.TextField(blank=True, default="")
    completed = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("course", "order")
        constraints = [
            # Deferred so a reorder can swap positions inside one transaction.
            models.UniqueConstraint(
                fields=["course", "order"], name="module_unique_order", deferrable=Deferrable.DEFERRED
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Topic(models.Model):
    """One unit of study inside a module."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="topics")
    title = models.CharField(max_length=200)
    order = models.PositiveIntegerField()
    content = models.TextField(blank=True, default="")
    estimated_hours = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(0.0), MaxValueValidator(MAX_TOPIC_HOURS), validate_finite]
    )
    completed = models.BooleanField(default=False, editable=False)
    completed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("module", "order")
        indexes = [models.Index(fields=["module", "completed"], name="topic_module_completed")]
        constraints = [
            models.UniqueConstraint(
                fields=["module", "order"], name="topic_unique_order", deferrable=Deferrable.DEFERRED
            ),
            models.CheckConstraint(
                condition=Q(estimated_hours__isnull=True) | Q(estimated_hours__gte=0), name="topic_hours_non_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Note(models.Model):
    """A markdown note, optionally tied to a course or topic, searchable in full text."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notes")
    title = models.CharField(max_length=200)
    content = models.TextField(blank=True, default="")
    content_html = models.TextField(blank=True, default="", editable=False)
    summary = models.TextField(blank=True, default="")
    course = models.ForeignKey(Course, null=True, blank=True, on_delete=models.SET_NULL, related_name="notes")
    topic = models.ForeignKey(Topic, null=True, blank=True, on_delete=models.SET_NULL, related_name="notes")
    tags = ArrayField(models.CharField(max_length=50), default=list, blank=True)
    archived = models.BooleanField(default=False)
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
        + SearchVector("content", weight="C", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-updated_at",)
        indexes = [
            models.Index(fields=["user", "archived", "-updated_at"], name="note_user_archived_updated"),
            models.Index(fields=["user", "course"], name="note_user_course"),
            models.Index(fields=["user", "topic"], name="note_user_topic"),
            GinIndex(fields=["tags"], name="note_tags_gin"),
            GinIndex(fields=["search_vector"], name="note_search_gin"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Keep ``content_html`` the sanitised rendering of ``content``."""
        self.content_html = render_markdown(self.content)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "content" in update_fields:
            kwargs["update_fields"] = {*update_fields, "content_html"}
        super().save(*args, **kwargs)


class ResourceType(models.TextChoices):
    ARTICLE = "ARTICLE", "Article"
    VIDEO = "VIDEO", "Video"
    BOOK = "BOOK", "Book"
    COURSE = "COURSE", "Course"
    PODCAST = "PODCAST", "Podcast"
    DOCUMENTATION = "DOCUMENTATION", "Documentation"
    EXERCISE = "EXERCISE", "Exercise"
    OTHER = "OTHER", "Other"


class Resource(models.Model):
    """A learning resource, identified by its normalised URL; curated ones form the public catalog."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True, default="")
    type = models.CharField(max_length=20, choices=ResourceType.choices, default=ResourceType.OTHER)
    url = models.URLField(max_length=2000)
    normalized_url = models.CharField(max_length=2000, unique=True, editable=False)
    source = models.CharField(max_length=100, blank=True, default="")
    difficulty = models.CharField(max_length=20, choices=Difficulty.choices, blank=True, default="")
    estimated_minutes = models.PositiveIntegerField(null=True, blank=True)
    thumbnail_url = models.URLField(max_length=2000, blank=True, default="")
    curated = models.BooleanField(default=False, help_text="Listed in the catalog and used for recommendations.")
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("description", weight="B", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at",)
        indexes = [
            models.Index(fields=["curated", "type"], name="resource_curated_type"),
            models.Index(fields=["curated", "difficulty"], name="resource_curated_difficulty"),
            GinIndex(fields=["search_vector"], name="resource_search_gin"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Keep ``normalized_url`` the canonical form of ``url`` (the resource's identity)."""
        self.normalized_url = normalize_url(self.url)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "url" in update_fields:
            kwargs["update_fields"] = {*update_fields, "normalized_url"}
        super().save(*args, **kwargs)


class UserResource(models.Model):
    """A resource saved by a user, with their own title and description, progress, rating and notes.

    The shared ``Resource`` row carries only curated text (or, for a resource only learners saved, its
    URL): what one learner writes about a link stays on their saved entry.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_resources")
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="savers")
    title = models.CharField(max_length=300, blank=True, default="")
    description = models.TextField(blank=True, default="")
    saved_at = models.DateTimeField(auto_now_add=True)
    completed = models.BooleanField(default=False)
    completed_at = models.DateTimeField(null=True, blank=True)
    rating = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    notes = models.TextField(blank=True, default="")
    progress = models.FloatField(default=0.0, validators=[MinValueValidator(0.0), MaxValueValidator(100.0)])

    class Meta:
        ordering = ("-saved_at",)
        indexes = [models.Index(fields=["user", "completed", "-saved_at"], name="userresource_user_completed")]
        constraints = [
            models.UniqueConstraint(fields=["user", "resource"], name="userresource_unique"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | (Q(rating__gte=1) & Q(rating__lte=5)), name="userresource_rating"
            ),
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100), name="userresource_progress_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.resource_id}"


class EmbeddingKind(models.TextChoices):
    NOTE = "note", "Note"
    TOPIC = "topic", "Topic"


class Embedding(models.Model):
    """The vector of one note or topic for semantic search, kept by the embedding indexer.

    ``provider`` (``name:model``) says which embedder made it: only vectors of the current one are
    searched. ``content_hash`` is that of the embedded text, so unchanged text is not embedded again.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="embeddings")
    kind = models.CharField(max_length=10, choices=EmbeddingKind.choices)
    note = models.OneToOneField(Note, null=True, blank=True, on_delete=models.CASCADE, related_name="embedding")
    topic = models.OneToOneField(Topic, null=True, blank=True, on_delete=models.CASCADE, related_name="embedding")
    provider = models.CharField(max_length=200)
    content_hash = models.CharField(max_length=64)
    vector = VectorField(dimensions=DIMENSIONS)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["user", "provider", "kind"], name="embedding_user_provider_kind"),
            HnswIndex(
                name="embedding_vector_hnsw",
                fields=["vector"],
                m=16,
                ef_construction=64,
                opclasses=["vector_cosine_ops"],
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="note") & Q(note__isnull=False) & Q(topic__isnull=True))
                | (Q(kind="topic") & Q(topic__isnull=False) & Q(note__isnull=True)),
                name="embedding_one_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.note_id or self.topic_id}"


class ResourceEmbedding(models.Model):
    """The vector of one catalog resource (title, description), shared by every learner, kept by the indexer.

    Saved resources are searched and catalog resources recommended by it; only vectors of the current
    embedder (``provider``) are used.
    """

    resource = models.OneToOneField(Resource, on_delete=models.CASCADE, primary_key=True, related_name="embedding")
    provider = models.CharField(max_length=200)
    content_hash = models.CharField(max_length=64)
    vector = VectorField(dimensions=DIMENSIONS)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["provider"], name="resource_embedding_provider"),
            HnswIndex(
                name="resource_embedding_vector_hnsw",
                fields=["vector"],
                m=16,
                ef_construction=64,
                opclasses=["vector_cosine_ops"],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resource_id} ({self.provider})"
