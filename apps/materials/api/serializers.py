"""Materials API serializers: Input for requests, Output for answers."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from apps.learning.embeddings.hybrid import COVERAGE_FLOOR, COVERAGE_WEIGHT
from apps.learning.text import escape_snippet
from apps.materials.models import Material, MaterialChunk, MaterialStatus
from apps.materials.search import TYPES, Hit
from maigie import fields
from maigie.api import AliasedFieldsMixin, EnumChoiceField


class MaterialUploadInputSerializer(AliasedFieldsMixin, serializers.Serializer[Any]):
    aliases = {"course": "course_id", "topic": "topic_id"}  # the names the learning API's notes also accept

    file = fields.FileField(
        allow_empty_file=True,
        help_text="PDF, DOCX, Markdown, UTF-8 text, or a recorded lecture (wav, mp3, ogg, webm, m4a; Premium); "
        "the type is read from the bytes.",
    )
    title = fields.CharField(max_length=200, required=False, allow_blank=True)
    course_id = fields.UUIDField(required=False, allow_null=True)
    topic_id = fields.UUIDField(required=False, allow_null=True)


class MaterialUpdateInputSerializer(serializers.Serializer[Any]):
    title = fields.CharField(max_length=200)


class MaterialListFilterSerializer(serializers.Serializer[Any]):
    status = EnumChoiceField(choices=MaterialStatus.choices, required=False)
    course = fields.UUIDField(required=False)
    topic = fields.UUIDField(required=False)


class MaterialOutputSerializer(serializers.ModelSerializer[Material]):
    course_id = fields.UUIDField(allow_null=True, read_only=True)
    topic_id = fields.UUIDField(allow_null=True, read_only=True)
    job_id = fields.UUIDField(allow_null=True, read_only=True)

    class Meta:
        model = Material
        fields = (
            "id",
            "title",
            "kind",
            "size",
            "status",
            "error",
            "pages",
            "duration_ms",
            "chunk_count",
            "course_id",
            "topic_id",
            "job_id",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields


class MaterialChunkOutputSerializer(serializers.ModelSerializer[MaterialChunk]):
    class Meta:
        model = MaterialChunk
        fields = ("id", "index", "page", "start_ms", "text")
        read_only_fields = fields


class SearchFilterSerializer(serializers.Serializer[Any]):
    q = fields.CharField(max_length=500)
    types = fields.CharField(
        required=False,
        max_length=100,
        help_text="Comma-separated kinds to search: note, topic, resource, material (default all).",
    )
    limit = fields.IntegerField(required=False, min_value=1, max_value=50, default=20)

    def validate_q(self, value: str) -> str:
        if not value.strip():
            raise serializers.ValidationError("Ask for something.")
        return value

    def validate_types(self, value: str) -> list[str]:
        kinds = [kind.strip().lower() for kind in value.split(",") if kind.strip()]
        unknown = sorted(set(kinds) - set(TYPES))
        if not kinds or unknown:
            raise serializers.ValidationError(f"Choose among {', '.join(TYPES)}.")
        return kinds


class SearchHitOutputSerializer(serializers.Serializer[Any]):
    type = serializers.ChoiceField(choices=TYPES)
    id = fields.UUIDField()
    title = fields.CharField()
    snippet = serializers.SerializerMethodField(
        help_text="The start of the match as HTML-escaped text (safe to insert as HTML), like every snippet."
    )
    score = fields.FloatField(
        min_value=0,
        max_value=1 + COVERAGE_WEIGHT,
        help_text=f"Fused score, higher is better: the similarity plus {COVERAGE_WEIGHT:g} x the share of the query's "
        f"words the match holds when it holds at least {COVERAGE_FLOOR:g} of them; the scaled full-text rank when "
        "search by meaning is unavailable.",
    )
    similarity = fields.FloatField(
        min_value=-1, max_value=1, allow_null=True, help_text="Cosine similarity when matched by meaning."
    )
    course_id = fields.UUIDField(allow_null=True)
    material = fields.UUIDField(allow_null=True, help_text="Material passages: the material's id.")
    chunk = fields.UUIDField(allow_null=True, help_text="Material passages: the passage's id.")
    page = fields.IntegerField(
        min_value=1, max_value=1_000_000, allow_null=True, help_text="Material passages: the PDF page (from 1)."
    )
    start_ms = fields.IntegerField(
        min_value=0,
        max_value=2**53,
        allow_null=True,
        help_text="Recorded-lecture passages: where the passage starts (milliseconds).",
    )

    def get_snippet(self, hit: Hit) -> str:
        return escape_snippet(hit.snippet)


class SearchOutputSerializer(serializers.Serializer[Any]):
    by_meaning = fields.BooleanField(help_text="False when the embedder failed: full-text ranking only.")
    results = SearchHitOutputSerializer(many=True, source="hits")
