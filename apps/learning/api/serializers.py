"""Input and output serializers of the learning API."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from apps.learning.models import (
    MAX_TOPIC_HOURS,
    Course,
    Difficulty,
    EmbeddingKind,
    Module,
    Note,
    Resource,
    ResourceType,
    Topic,
    UserResource,
)
from apps.learning.selectors import Nearest
from apps.learning.text import escape_snippet, plain_text, sanitize_snippet
from maigie import fields
from maigie.api import AliasedFieldsMixin, EnumChoiceField

ARCHIVED_CHOICES = ["false", "true", "all"]
MAX_ORDER = 10_000  # a position past the last item means "last"


def ordering_choices(*names: str) -> list[str]:
    """``?ordering=`` values: each field name, ascending or (with ``-``) descending."""
    return [choice for name in names for choice in (name, f"-{name}")]


def archived_filter(value: str) -> bool | None:
    """``false`` (the default), ``true`` or ``all`` as False, True or None (no filter)."""
    return None if value == "all" else value == "true"


# --- courses ---------------------------------------------------------------------------------


class TopicInputSerializer(serializers.Serializer[Any]):
    title = fields.CharField(max_length=200)
    content = fields.CharField(required=False, allow_blank=True)
    estimated_hours = fields.FloatField(required=False, allow_null=True, min_value=0, max_value=MAX_TOPIC_HOURS)


class TopicCreateInputSerializer(TopicInputSerializer):
    order = fields.IntegerField(required=False, min_value=0, max_value=MAX_ORDER)


class TopicUpdateInputSerializer(serializers.Serializer[Any]):
    title = fields.CharField(max_length=200, required=False)
    content = fields.CharField(required=False, allow_blank=True)
    estimated_hours = fields.FloatField(required=False, allow_null=True, min_value=0, max_value=MAX_TOPIC_HOURS)


class ModuleInputSerializer(serializers.Serializer[Any]):
    title = fields.CharField(max_length=200)
    description = fields.CharField(required=False, allow_blank=True)
    topics = TopicInputSerializer(many=True, required=False)


class ModuleCreateInputSerializer(ModuleInputSerializer):
    order = fields.IntegerField(required=False, min_value=0, max_value=MAX_ORDER)


class ModuleUpdateInputSerializer(serializers.Serializer[Any]):
    title = fields.CharField(max_length=200, required=False)
    description = fields.CharField(required=False, allow_blank=True)


class CourseCreateInputSerializer(serializers.Serializer[Any]):
    title = fields.CharField(max_length=200)
    description = fields.CharField(required=False, allow_blank=True)
    difficulty = EnumChoiceField(choices=Difficulty.choices, required=False, allow_blank=True)
    target_date = fields.DateField(required=False, allow_null=True)
    is_ai_generated = fields.BooleanField(required=False)
    modules = ModuleInputSerializer(many=True, required=False)


class CourseUpdateInputSerializer(serializers.Serializer[Any]):
    title = fields.CharField(max_length=200, required=False)
    description = fields.CharField(required=False, allow_blank=True)
    difficulty = EnumChoiceField(choices=Difficulty.choices, required=False, allow_blank=True)
    target_date = fields.DateField(required=False, allow_null=True)


class CourseListFilterSerializer(serializers.Serializer[Any]):
    archived = EnumChoiceField(choices=ARCHIVED_CHOICES, required=False, default="false")
    difficulty = EnumChoiceField(choices=Difficulty.choices, required=False)
    is_ai_generated = fields.BooleanField(required=False)
    search = fields.CharField(required=False, max_length=200)
    ordering = EnumChoiceField(
        choices=ordering_choices("created_at", "updated_at", "title", "progress", "target_date"),
        required=False,
    )

    def validate_archived(self, value: str) -> bool | None:
        return archived_filter(value)


class ReorderModuleSerializer(serializers.Serializer[Any]):
    id = fields.UUIDField()
    topics = serializers.ListField(child=fields.UUIDField())


class CourseReorderInputSerializer(serializers.Serializer[Any]):
    modules = ReorderModuleSerializer(many=True)


class TopicCompleteInputSerializer(serializers.Serializer[Any]):
    completed = fields.BooleanField(default=True)


class TopicOutputSerializer(serializers.ModelSerializer[Topic]):
    class Meta:
        model = Topic
        fields = (
            "id",
            "module_id",
            "title",
            "order",
            "content",
            "estimated_hours",
            "completed",
            "completed_at",
            "created_at",
            "updated_at",
        )


class ModuleOutputSerializer(serializers.ModelSerializer[Module]):
    topics = TopicOutputSerializer(many=True, read_only=True)

    class Meta:
        model = Module
        fields = ("id", "course_id", "title", "order", "description", "completed", "topics", "created_at", "updated_at")


class CourseOutputSerializer(serializers.ModelSerializer[Course]):
    class Meta:
        model = Course
        fields: tuple[str, ...] = (
            "id",
            "title",
            "description",
            "difficulty",
            "target_date",
            "progress",
            "is_ai_generated",
            "archived",
            "archived_at",
            "created_at",
            "updated_at",
        )


class CourseListOutputSerializer(CourseOutputSerializer):
    module_count = serializers.IntegerField(read_only=True)
    topic_count = serializers.IntegerField(read_only=True)
    completed_topic_count = serializers.IntegerField(read_only=True)

    class Meta(CourseOutputSerializer.Meta):
        fields = (*CourseOutputSerializer.Meta.fields, "module_count", "topic_count", "completed_topic_count")


class CourseDetailOutputSerializer(CourseOutputSerializer):
    modules = ModuleOutputSerializer(many=True, read_only=True)

    class Meta(CourseOutputSerializer.Meta):
        fields = (*CourseOutputSerializer.Meta.fields, "modules")


class TopicCompleteOutputSerializer(serializers.Serializer[Any]):
    id = fields.UUIDField()
    completed = fields.BooleanField()
    completed_at = fields.DateTimeField(allow_null=True)
    module_id = fields.UUIDField()
    module_completed = fields.BooleanField(source="module.completed")
    course_id = fields.UUIDField(source="module.course_id")
    course_progress = serializers.FloatField(source="module.course.progress")


# --- notes -----------------------------------------------------------------------------------


class NoteCreateInputSerializer(AliasedFieldsMixin, serializers.Serializer[Any]):
    aliases = {"course": "course_id", "topic": "topic_id"}  # the names before 2026-12

    title = fields.CharField(max_length=200)
    content = fields.CharField(required=False, allow_blank=True)
    summary = fields.CharField(required=False, allow_blank=True)
    course_id = fields.UUIDField(required=False, allow_null=True)
    topic_id = fields.UUIDField(required=False, allow_null=True)
    tags = serializers.ListField(child=fields.CharField(max_length=50), required=False)


class NoteUpdateInputSerializer(NoteCreateInputSerializer):
    title = fields.CharField(max_length=200, required=False)
    archived = fields.BooleanField(required=False)


class NoteListFilterSerializer(AliasedFieldsMixin, serializers.Serializer[Any]):
    aliases = {"course_id": "course", "topic_id": "topic"}

    course = fields.UUIDField(required=False)
    topic = fields.UUIDField(required=False)
    archived = EnumChoiceField(choices=ARCHIVED_CHOICES, required=False, default="false")
    tag = fields.CharField(required=False, max_length=50)
    search = fields.CharField(required=False, max_length=500)
    ordering = EnumChoiceField(choices=ordering_choices("created_at", "updated_at", "title"), required=False)

    def validate_archived(self, value: str) -> bool | None:
        return archived_filter(value)


class NoteOutputSerializer(serializers.ModelSerializer[Note]):
    course_id = fields.UUIDField(allow_null=True, read_only=True)
    topic_id = fields.UUIDField(allow_null=True, read_only=True)
    course = fields.UUIDField(
        source="course_id", allow_null=True, read_only=True, help_text="Deprecated: the same as `course_id`."
    )
    topic = fields.UUIDField(
        source="topic_id", allow_null=True, read_only=True, help_text="Deprecated: the same as `topic_id`."
    )

    class Meta:
        model = Note
        fields: tuple[str, ...] = (
            "id",
            "title",
            "content",
            "content_html",
            "summary",
            "course_id",
            "topic_id",
            "course",
            "topic",
            "tags",
            "archived",
            "created_at",
            "updated_at",
        )


class NoteSearchOutputSerializer(NoteOutputSerializer):
    rank = serializers.FloatField(read_only=True, allow_null=True, default=None)
    snippet = serializers.SerializerMethodField()

    class Meta(NoteOutputSerializer.Meta):
        fields = (*NoteOutputSerializer.Meta.fields, "rank", "snippet")

    def get_snippet(self, note: Note) -> str | None:
        """The matching passage, HTML-escaped, with matches wrapped in ``<mark>``."""
        snippet = getattr(note, "snippet", None)
        return None if snippet is None else sanitize_snippet(snippet)


# --- resources -------------------------------------------------------------------------------


class ResourceOutputSerializer(serializers.ModelSerializer[Resource]):
    class Meta:
        model = Resource
        fields: tuple[str, ...] = (
            "id",
            "title",
            "description",
            "type",
            "url",
            "source",
            "difficulty",
            "estimated_minutes",
            "thumbnail_url",
            "created_at",
        )


class ResourceRecommendationOutputSerializer(ResourceOutputSerializer):
    reason = fields.CharField(read_only=True)
    rank = serializers.FloatField(
        read_only=True, help_text="Reciprocal-rank-fusion score of the words and meaning rankings: higher is better."
    )

    class Meta(ResourceOutputSerializer.Meta):
        fields = (*ResourceOutputSerializer.Meta.fields, "reason", "rank")


class ResourceCatalogFilterSerializer(serializers.Serializer[Any]):
    type = EnumChoiceField(choices=ResourceType.choices, required=False)
    difficulty = EnumChoiceField(choices=Difficulty.choices, required=False)
    search = fields.CharField(required=False, max_length=500)
    ordering = EnumChoiceField(
        choices=ordering_choices("created_at", "title", "estimated_minutes"),
        required=False,
    )


class ResourceSaveInputSerializer(serializers.Serializer[Any]):
    url = fields.URLField(max_length=2000)
    title = fields.CharField(max_length=300, required=False, allow_blank=True)
    description = fields.CharField(required=False, allow_blank=True)
    type = EnumChoiceField(choices=ResourceType.choices, required=False)


class SavedResourceFilterSerializer(serializers.Serializer[Any]):
    completed = fields.BooleanField(required=False)
    type = EnumChoiceField(choices=ResourceType.choices, required=False)
    ordering = EnumChoiceField(choices=ordering_choices("saved_at", "progress", "rating"), required=False)


class SavedResourceUpdateInputSerializer(serializers.Serializer[Any]):
    title = fields.CharField(max_length=300, required=False, allow_blank=True)
    description = fields.CharField(required=False, allow_blank=True)
    progress = fields.FloatField(required=False, min_value=0, max_value=100)
    rating = fields.IntegerField(required=False, allow_null=True, min_value=1, max_value=5)
    completed = fields.BooleanField(required=False)
    notes = fields.CharField(required=False, allow_blank=True)


class SavedResourceOutputSerializer(serializers.ModelSerializer[UserResource]):
    title = serializers.SerializerMethodField(help_text="The learner's own title, else the catalog's (or the URL).")
    description = serializers.SerializerMethodField(help_text="The learner's own description, else the catalog's.")
    resource = ResourceOutputSerializer(
        read_only=True, help_text="The shared resource: curated text, or only the URL for a resource learners saved."
    )

    class Meta:
        model = UserResource
        fields = (
            "id",
            "title",
            "description",
            "resource",
            "saved_at",
            "progress",
            "rating",
            "completed",
            "completed_at",
            "notes",
        )

    def get_title(self, saved: UserResource) -> str:
        return saved.title or saved.resource.title

    def get_description(self, saved: UserResource) -> str:
        return saved.description or saved.resource.description


# --- semantic search -------------------------------------------------------------------------

SNIPPET_CHARS = 200


class SemanticSearchFilterSerializer(serializers.Serializer[Any]):
    q = fields.CharField(max_length=500)
    kind = EnumChoiceField(choices=EmbeddingKind.choices, required=False)
    min_score = fields.FloatField(required=False, min_value=0.0, max_value=1.0, default=0.1)


def _snippet(text: str) -> str:
    flat = " ".join(plain_text(text).split())
    return flat if len(flat) <= SNIPPET_CHARS else flat[: SNIPPET_CHARS - 1].rsplit(" ", 1)[0] + "…"


class SemanticResultOutputSerializer(serializers.Serializer[Nearest]):
    """One match: the note or topic (by ``kind`` and ``id``), the start of its text and its similarity."""

    kind = fields.CharField()
    id = serializers.SerializerMethodField()
    title = fields.CharField()
    snippet = serializers.SerializerMethodField()
    course_id = serializers.SerializerMethodField()
    score = serializers.SerializerMethodField()

    def get_id(self, match: Nearest) -> str:
        return str(match.id)

    def get_snippet(self, match: Nearest) -> str:
        """The note's summary or text, the topic's text, HTML-escaped (safe to insert as HTML)."""
        return escape_snippet(_snippet(match.summary or match.text))

    def get_course_id(self, match: Nearest) -> str | None:
        return str(match.course_id) if match.course_id else None

    def get_score(self, match: Nearest) -> float:
        """Cosine similarity, -1..1 (higher is nearer)."""
        return round(match.similarity, 4)
