"""Study spaces: members with roles, invitations, join links, shared courses and per-member progress."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from apps.review.models import CardState


class Role(models.TextChoices):
    """A member's role; each includes what the ones below it may do (apps/spaces/policy.py)."""

    OWNER = "OWNER", "Owner"
    ADMIN = "ADMIN", "Admin"
    MEMBER = "MEMBER", "Member"
    VIEWER = "VIEWER", "Viewer"


class Space(models.Model):
    """A study group, class or tutoring organisation whose members share courses."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """One user's place in a space, with their role."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="space_memberships")
    role = models.CharField(max_length=10, choices=Role.choices)
    joined_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("joined_at", "pk")
        constraints = [models.UniqueConstraint(fields=["space", "user"], name="membership_unique")]
        indexes = [models.Index(fields=["user", "role"], name="membership_user_role")]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.space_id} ({self.role})"


class Invitation(models.Model):
    """An e-mailed invitation: single use, expiring, revocable; only the token's SHA-256 is stored."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(max_length=254)
    role = models.CharField(max_length=10, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True, editable=False)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ("-created_at",)
        indexes = [models.Index(fields=["space", "-created_at"], name="invitation_space_created")]
        constraints = [models.CheckConstraint(condition=~Q(role="OWNER"), name="invitation_not_owner")]

    def __str__(self) -> str:
        return f"{self.email} → {self.space_id}"


class JoinLink(models.Model):
    """A shareable link anyone signed in may use to join with ``role`` until it expires or is revoked."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="join_links")
    role = models.CharField(max_length=10, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    uses = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ("-created_at",)
        constraints = [models.CheckConstraint(condition=~Q(role="OWNER"), name="joinlink_not_owner")]

    def __str__(self) -> str:
        return f"join {self.space_id} as {self.role}"


class SharedCourse(models.Model):
    """A member's course shared into a space: members study it, leaders edit its outline."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="shared_courses")
    course = models.ForeignKey("learning.Course", on_delete=models.CASCADE, related_name="space_shares")
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    shared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-shared_at", "pk")
        constraints = [models.UniqueConstraint(fields=["space", "course"], name="sharedcourse_unique")]

    def __str__(self) -> str:
        return f"{self.course_id} in {self.space_id}"


class TopicProgress(models.Model):
    """A member's own completion of a topic of a course someone else shared (the owner's is ``Topic.completed``)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="topic_progress")
    topic = models.ForeignKey("learning.Topic", on_delete=models.CASCADE, related_name="member_progress")
    completed_at = models.DateTimeField()

    class Meta:
        ordering = ("completed_at", "pk")
        constraints = [models.UniqueConstraint(fields=["user", "topic"], name="topicprogress_unique")]

    def __str__(self) -> str:
        return f"{self.user_id} done {self.topic_id}"


class AuditAction(models.TextChoices):
    CREATED = "CREATED", "Space created"
    UPDATED = "UPDATED", "Space updated"
    JOINED = "JOINED", "Member joined"
    ROLE_CHANGED = "ROLE_CHANGED", "Role changed"
    REMOVED = "REMOVED", "Member removed"
    LEFT = "LEFT", "Member left"
    INVITED = "INVITED", "Invitation sent"
    INVITATION_REVOKED = "INVITATION_REVOKED", "Invitation revoked"
    LINK_CREATED = "LINK_CREATED", "Join link created"
    LINK_REVOKED = "LINK_REVOKED", "Join link revoked"
    COURSE_SHARED = "COURSE_SHARED", "Course shared"
    COURSE_UNSHARED = "COURSE_UNSHARED", "Course unshared"
    DECK_SHARED = "DECK_SHARED", "Deck shared"
    DECK_UNSHARED = "DECK_UNSHARED", "Deck unshared"
    MATERIAL_SHARED = "MATERIAL_SHARED", "Material shared"
    MATERIAL_UNSHARED = "MATERIAL_UNSHARED", "Material unshared"


class AuditEntry(models.Model):
    """Who changed a space's membership, roles or content, and how (kept while the space lives)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="audit_entries")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=30, choices=AuditAction.choices)
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "pk")
        indexes = [models.Index(fields=["space", "-created_at"], name="auditentry_space_created")]

    def __str__(self) -> str:
        return f"{self.action} in {self.space_id}"


class SharedDeck(models.Model):
    """A leader's deck shared into a space: members study its cards with their own scheduling state."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="shared_decks")
    deck = models.ForeignKey("review.Deck", on_delete=models.CASCADE, related_name="space_shares")
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    shared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-shared_at", "pk")
        constraints = [models.UniqueConstraint(fields=["space", "deck"], name="shareddeck_unique")]

    def __str__(self) -> str:
        return f"{self.deck_id} in {self.space_id}"


class SharedMaterial(models.Model):
    """A leader's study material shared into a space: members read it and the assistant cites it to them."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="shared_materials")
    material = models.ForeignKey("materials.Material", on_delete=models.CASCADE, related_name="space_shares")
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    shared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-shared_at", "pk")
        constraints = [models.UniqueConstraint(fields=["space", "material"], name="sharedmaterial_unique")]

    def __str__(self) -> str:
        return f"{self.material_id} in {self.space_id}"


class MemberCardState(models.Model):
    """A member's own FSRS memory state for a card of a deck someone else shared (the owner's is on the card).

    Created on the member's first review; no row means the card is new to them. Field names match
    :class:`apps.review.models.Card` so the review app's FSRS conversion serves both.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member_card_states")
    card = models.ForeignKey("review.Card", on_delete=models.CASCADE, related_name="member_states")
    state = models.CharField(max_length=10, choices=CardState.choices, default=CardState.NEW)
    step = models.PositiveSmallIntegerField(null=True, blank=True, default=0)
    stability = models.FloatField(null=True, blank=True)
    difficulty = models.FloatField(null=True, blank=True)
    due = models.DateTimeField()
    last_review = models.DateTimeField(null=True, blank=True)
    reps = models.PositiveIntegerField(default=0)
    lapses = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("due", "pk")
        constraints = [models.UniqueConstraint(fields=["card", "user"], name="membercardstate_unique")]
        indexes = [models.Index(fields=["user", "due"], name="membercardstate_user_due")]

    def __str__(self) -> str:
        return f"{self.user_id} on {self.card_id}"


class MemberReview(models.Model):
    """One review by a member of a shared deck's card: their own log (the owner's reviews are ``ReviewLog``)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member_reviews")
    card = models.ForeignKey("review.Card", on_delete=models.CASCADE, related_name="member_reviews")
    rating = models.PositiveSmallIntegerField(choices=[(1, "Again"), (2, "Hard"), (3, "Good"), (4, "Easy")])
    reviewed_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    state_before = models.CharField(max_length=10, choices=CardState.choices)
    state_after = models.CharField(max_length=10, choices=CardState.choices)
    due_after = models.DateTimeField()

    class Meta:
        ordering = ("-reviewed_at", "pk")
        indexes = [models.Index(fields=["card", "user"], name="memberreview_card_user")]

    def __str__(self) -> str:
        return f"{self.user_id} rated {self.card_id} {self.rating}"
