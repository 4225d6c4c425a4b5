"""Input and output serializers of the spaces API."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from apps.materials.api.serializers import MaterialOutputSerializer
from apps.review.models import MAX_TAGS, Card, CardKind, CardState
from apps.review.text import card_answer, card_prompt
from apps.spaces.models import (
    AuditAction,
    AuditEntry,
    Invitation,
    JoinLink,
    Membership,
    Role,
    SharedCourse,
    SharedDeck,
    SharedMaterial,
    Space,
)
from maigie import fields
from maigie.api import EnumChoiceField


class SpaceCreateInputSerializer(serializers.Serializer[Any]):
    name = fields.CharField(max_length=200)
    description = fields.CharField(required=False, allow_blank=True, max_length=5000)


class SpaceUpdateInputSerializer(serializers.Serializer[Any]):
    name = fields.CharField(max_length=200, required=False)
    description = fields.CharField(required=False, allow_blank=True, max_length=5000)


class SpaceListFilterSerializer(serializers.Serializer[Any]):
    ordering = EnumChoiceField(choices=["created_at", "-created_at", "name", "-name"], required=False)


class SpaceOutputSerializer(serializers.ModelSerializer[Space]):
    my_role = EnumChoiceField(choices=Role.choices, read_only=True, help_text="The caller's role in the space.")
    member_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Space
        fields = ("id", "name", "description", "my_role", "member_count", "created_at", "updated_at")
        read_only_fields = fields


class MemberOutputSerializer(serializers.ModelSerializer[Membership]):
    user_id = fields.UUIDField(read_only=True)
    name = fields.CharField(source="user.name", read_only=True)
    email = fields.EmailField(source="user.email", read_only=True)
    role = EnumChoiceField(choices=Role.choices, read_only=True)

    class Meta:
        model = Membership
        fields = ("user_id", "name", "email", "role", "joined_at")
        read_only_fields = fields


class MemberListFilterSerializer(serializers.Serializer[Any]):
    role = EnumChoiceField(choices=Role.choices, required=False)


class MemberUpdateInputSerializer(serializers.Serializer[Any]):
    role = EnumChoiceField(choices=Role.choices)


class InvitationCreateInputSerializer(serializers.Serializer[Any]):
    email = fields.EmailField(max_length=254)
    role = EnumChoiceField(
        choices=Role.choices, default=Role.MEMBER, help_text="ADMIN, MEMBER or VIEWER, not above the inviter's role."
    )


class InvitationListFilterSerializer(serializers.Serializer[Any]):
    pending = fields.BooleanField(required=False)


class InvitationOutputSerializer(serializers.ModelSerializer[Invitation]):
    space_id = fields.UUIDField(read_only=True)
    role = EnumChoiceField(choices=Role.choices, read_only=True)
    invited_by_id = fields.UUIDField(read_only=True, allow_null=True)
    accepted_by_id = fields.UUIDField(read_only=True, allow_null=True)

    class Meta:
        model = Invitation
        fields: tuple[str, ...] = (
            "id",
            "space_id",
            "email",
            "role",
            "invited_by_id",
            "created_at",
            "expires_at",
            "accepted_at",
            "accepted_by_id",
            "revoked_at",
        )
        read_only_fields: tuple[str, ...] = fields


class InvitationCreatedOutputSerializer(InvitationOutputSerializer):
    token = fields.CharField(read_only=True, help_text="Shown once; only its hash is stored.")
    url = fields.URLField(read_only=True, help_text="The link e-mailed to the invitee, to share by hand too.")

    class Meta(InvitationOutputSerializer.Meta):
        fields = (*InvitationOutputSerializer.Meta.fields, "token", "url")
        read_only_fields = fields


class JoinLinkCreateInputSerializer(serializers.Serializer[Any]):
    role = EnumChoiceField(choices=Role.choices, default=Role.MEMBER, help_text="MEMBER or VIEWER.")
    expires_in_days = fields.IntegerField(min_value=1, max_value=90, default=7)


class JoinLinkOutputSerializer(serializers.ModelSerializer[JoinLink]):
    space_id = fields.UUIDField(read_only=True)
    role = EnumChoiceField(choices=Role.choices, read_only=True)
    created_by_id = fields.UUIDField(read_only=True, allow_null=True)

    class Meta:
        model = JoinLink
        fields: tuple[str, ...] = (
            "id",
            "space_id",
            "role",
            "created_by_id",
            "created_at",
            "expires_at",
            "revoked_at",
            "uses",
        )
        read_only_fields: tuple[str, ...] = fields


class JoinLinkCreatedOutputSerializer(JoinLinkOutputSerializer):
    token = fields.CharField(read_only=True, help_text="Shown once; only its hash is stored.")
    url = fields.URLField(read_only=True)

    class Meta(JoinLinkOutputSerializer.Meta):
        fields = (*JoinLinkOutputSerializer.Meta.fields, "token", "url")
        read_only_fields = fields


class JoinLinkAcceptInputSerializer(serializers.Serializer[Any]):
    token = fields.CharField(max_length=200)


class MembershipOutputSerializer(serializers.ModelSerializer[Membership]):
    space_id = fields.UUIDField(read_only=True)
    user_id = fields.UUIDField(read_only=True)
    role = EnumChoiceField(choices=Role.choices, read_only=True)

    class Meta:
        model = Membership
        fields = ("space_id", "user_id", "role", "joined_at")
        read_only_fields = fields


class CourseShareInputSerializer(serializers.Serializer[Any]):
    course_id = fields.UUIDField()


class SharedCourseOutputSerializer(serializers.ModelSerializer[SharedCourse]):
    course_id = fields.UUIDField(read_only=True)
    space_id = fields.UUIDField(read_only=True)
    title = fields.CharField(source="course.title", read_only=True)
    description = fields.CharField(source="course.description", read_only=True)
    owner_id = fields.UUIDField(source="course.user_id", read_only=True)
    shared_by_id = fields.UUIDField(read_only=True, allow_null=True)
    topic_count = serializers.IntegerField(read_only=True, required=False)

    class Meta:
        model = SharedCourse
        fields = (
            "course_id",
            "space_id",
            "title",
            "description",
            "owner_id",
            "shared_by_id",
            "shared_at",
            "topic_count",
        )
        read_only_fields = fields


class SharedTopicSerializer(serializers.Serializer[Any]):
    id = fields.UUIDField()
    module_id = fields.UUIDField()
    title = fields.CharField()
    order = serializers.IntegerField()
    content = fields.CharField()
    estimated_hours = serializers.FloatField(allow_null=True)
    completed = fields.BooleanField(help_text="Whether the caller has done this topic (their own progress).")


class SharedModuleSerializer(serializers.Serializer[Any]):
    id = fields.UUIDField()
    title = fields.CharField()
    order = serializers.IntegerField()
    description = fields.CharField()
    topics = SharedTopicSerializer(many=True)


class SharedOutlineOutputSerializer(serializers.Serializer[Any]):
    id = fields.UUIDField()
    space_id = fields.UUIDField()
    owner_id = fields.UUIDField()
    title = fields.CharField()
    description = fields.CharField()
    difficulty = fields.CharField()
    progress = serializers.FloatField(help_text="The caller's own progress, 0..100.")
    modules = SharedModuleSerializer(many=True)


class SharedTopicCompleteOutputSerializer(serializers.Serializer[Any]):
    topic_id = fields.UUIDField()
    completed = fields.BooleanField()
    course_id = fields.UUIDField()
    progress = serializers.FloatField(help_text="The caller's own progress on the course, 0..100.")


class MemberProgressOutputSerializer(serializers.Serializer[Any]):
    user_id = fields.UUIDField()
    name = fields.CharField()
    email = fields.EmailField()
    role = EnumChoiceField(choices=Role.choices)
    completed_topics = serializers.IntegerField()
    total_topics = serializers.IntegerField()
    progress = serializers.FloatField()


class DeckShareInputSerializer(serializers.Serializer[Any]):
    deck_id = fields.UUIDField()


class SharedDeckOutputSerializer(serializers.ModelSerializer[SharedDeck]):
    deck_id = fields.UUIDField(read_only=True)
    space_id = fields.UUIDField(read_only=True)
    title = fields.CharField(source="deck.title", read_only=True)
    description = fields.CharField(source="deck.description", read_only=True)
    owner_id = fields.UUIDField(source="deck.user_id", read_only=True)
    shared_by_id = fields.UUIDField(read_only=True, allow_null=True)
    card_count = serializers.IntegerField(read_only=True, help_text="Cards not suspended by the deck's owner.")

    class Meta:
        model = SharedDeck
        fields = ("deck_id", "space_id", "title", "description", "owner_id", "shared_by_id", "shared_at", "card_count")
        read_only_fields = fields


class SharedCardOutputSerializer(serializers.ModelSerializer[Card]):
    """A shared deck's card with the caller's own scheduling state (``state`` … ``lapses``)."""

    deck_id = fields.UUIDField(read_only=True)
    kind = EnumChoiceField(choices=CardKind.choices, read_only=True)
    prompt = serializers.SerializerMethodField(help_text="What to show first: the front, cloze deletions hidden.")
    answer = serializers.SerializerMethodField(help_text="What to show after: the back, or the cloze revealed.")
    state = EnumChoiceField(choices=CardState.choices, source="my_state", read_only=True)
    due = fields.DateTimeField(source="my_due", read_only=True)
    stability = serializers.FloatField(source="my_stability", read_only=True, allow_null=True)
    difficulty = serializers.FloatField(source="my_difficulty", read_only=True, allow_null=True)
    last_review = fields.DateTimeField(source="my_last_review", read_only=True, allow_null=True)
    reps = serializers.IntegerField(source="my_reps", read_only=True)
    lapses = serializers.IntegerField(source="my_lapses", read_only=True)

    class Meta:
        model = Card
        fields = (
            "id",
            "deck_id",
            "kind",
            "front",
            "back",
            "prompt",
            "answer",
            "tags",
            "suspended",
            "state",
            "due",
            "stability",
            "difficulty",
            "last_review",
            "reps",
            "lapses",
        )
        read_only_fields = fields

    def get_prompt(self, card: Card) -> str:
        return card_prompt(cloze=card.kind == CardKind.CLOZE, front=card.front)

    def get_answer(self, card: Card) -> str:
        return card_answer(cloze=card.kind == CardKind.CLOZE, front=card.front, back=card.back)


class SharedDueFilterSerializer(serializers.Serializer[Any]):
    limit = fields.IntegerField(min_value=1, max_value=500, required=False, help_text="At most this many (50).")


class SharedCardCreateInputSerializer(serializers.Serializer[Any]):
    kind = EnumChoiceField(choices=CardKind.choices, required=False)
    front = fields.CharField(max_length=2000)
    back = fields.CharField(max_length=4000, required=False, allow_blank=True)
    tags = serializers.ListField(child=fields.CharField(max_length=50), max_length=MAX_TAGS, required=False)


class SharedCardUpdateInputSerializer(serializers.Serializer[Any]):
    front = fields.CharField(max_length=2000, required=False)
    back = fields.CharField(max_length=4000, required=False, allow_blank=True)
    tags = serializers.ListField(child=fields.CharField(max_length=50), max_length=MAX_TAGS, required=False)


class SharedCardReviewInputSerializer(serializers.Serializer[Any]):
    rating = fields.IntegerField(min_value=1, max_value=4, help_text="1 Again, 2 Hard, 3 Good, 4 Easy.")
    duration_ms = fields.IntegerField(min_value=0, max_value=86_400_000, required=False, allow_null=True)


class MemberDeckProgressOutputSerializer(serializers.Serializer[Any]):
    user_id = fields.UUIDField()
    name = fields.CharField()
    email = fields.EmailField()
    role = EnumChoiceField(choices=Role.choices)
    reviews = serializers.IntegerField(help_text="How many reviews the member made of the deck's cards.")
    cards_studied = serializers.IntegerField(help_text="How many of its cards they reviewed at least once.")
    total_cards = serializers.IntegerField()


class MaterialShareInputSerializer(serializers.Serializer[Any]):
    material_id = fields.UUIDField()


class SharedMaterialOutputSerializer(serializers.ModelSerializer[SharedMaterial]):
    material_id = fields.UUIDField(read_only=True)
    space_id = fields.UUIDField(read_only=True)
    owner_id = fields.UUIDField(source="material.user_id", read_only=True)
    shared_by_id = fields.UUIDField(read_only=True, allow_null=True)
    material = MaterialOutputSerializer(read_only=True)

    class Meta:
        model = SharedMaterial
        fields = ("material_id", "space_id", "owner_id", "shared_by_id", "shared_at", "material")
        read_only_fields = fields


class SharedMaterialUpdateInputSerializer(serializers.Serializer[Any]):
    title = fields.CharField(max_length=200)


class AuditEntryOutputSerializer(serializers.ModelSerializer[AuditEntry]):
    actor_id = fields.UUIDField(read_only=True, allow_null=True)
    target_user_id = fields.UUIDField(read_only=True, allow_null=True)
    action = EnumChoiceField(choices=AuditAction.choices, read_only=True)

    class Meta:
        model = AuditEntry
        fields = ("id", "action", "actor_id", "target_user_id", "details", "created_at")
        read_only_fields = fields
