"""The user model: e-mail login, plan tier, IANA time zone, preferences."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower

from apps.accounts.emails import normalize_email
from apps.accounts.timezones import validate_timezone


class Tier(models.TextChoices):
    FREE = "FREE", "Free"
    PREMIUM_MONTHLY = "PREMIUM_MONTHLY", "Premium (monthly)"
    PREMIUM_YEARLY = "PREMIUM_YEARLY", "Premium (yearly)"


class UserManager(BaseUserManager["User"]):
    """Creates and finds users by their canonical e-mail address (:func:`normalize_email`)."""

    use_in_migrations = True

    def get_by_natural_key(self, username: str | None) -> User:
        try:
            email = normalize_email(username or "")
        except ValidationError as exc:
            raise self.model.DoesNotExist from exc
        return self.get(email__iexact=email)

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        user = self.model(email=normalize_email(email), **fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A learner (or staff member). Logs in with e-mail; ids are UUIDs."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField(max_length=254, unique=True)  # canonical (apps/accounts/emails.py); see Meta too
    name = models.CharField(max_length=150, blank=True)
    tier = models.CharField(max_length=20, choices=Tier.choices, default=Tier.FREE)
    timezone = models.CharField(max_length=64, default="UTC", validators=[validate_timezone])
    preferences = models.JSONField(default=dict, blank=True)
    email_verified = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    # Bumped whenever every session must end (password change/reset, deactivation, revocation):
    # tokens carry the version they were issued under and stop working once it moves on.
    token_version = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]
        indexes = [models.Index(fields=["created_at"]), models.Index(fields=["tier"])]

    def __str__(self) -> str:
        return self.email

    def clean(self) -> None:
        super().clean()
        self.email = normalize_email(self.email)


class Notification(models.Model):
    """An item in a user's notification inbox (reminders, job results, billing notices)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=50)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "-created_at"]), models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"


class EmailStatus(models.TextChoices):
    QUEUED = "QUEUED", "Queued"
    SENT = "SENT", "Sent"
    FAILED = "FAILED", "Failed"


class EmailDelivery(models.Model):
    """One transactional e-mail; its unique ``idempotency_key`` means it is queued once (see ``maigie.mail``)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    idempotency_key = models.CharField(max_length=200, unique=True)
    to = models.EmailField(max_length=254)
    template = models.CharField(max_length=100)
    context = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=EmailStatus.choices, default=EmailStatus.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "e-mail deliveries"
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.template} to {self.to} ({self.status})"


class JobState(models.TextChoices):
    PENDING = "PENDING", "Pending"
    RUNNING = "RUNNING", "Running"
    RETRYING = "RETRYING", "Waiting to retry"
    SUCCEEDED = "SUCCEEDED", "Succeeded"
    FAILED = "FAILED", "Failed"


class Job(models.Model):
    """A long background job a user started (e.g. AI course generation), with its progress."""

    FINAL_STATES = (JobState.SUCCEEDED, JobState.FAILED)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="jobs")
    kind = models.CharField(max_length=50)
    state = models.CharField(max_length=10, choices=JobState.choices, default=JobState.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)  # percent, 0..100
    message = models.CharField(max_length=200, blank=True)
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)  # when a RETRYING job runs again
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "-created_at"])]
        constraints = [models.CheckConstraint(condition=models.Q(progress__lte=100), name="accounts_job_progress_max")]

    def __str__(self) -> str:
        return f"{self.kind} {self.state} {self.progress}%"


class CodePurpose(models.TextChoices):
    VERIFY_EMAIL = "verify_email", "Verify e-mail"
    PASSWORD_RESET = "password_reset", "Password reset"


class OneTimeCode(models.Model):
    """A single-use, expiring code sent by e-mail; only its keyed hash is stored."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="one_time_codes")
    purpose = models.CharField(max_length=20, choices=CodePurpose.choices)
    code_hash = models.CharField(max_length=64)
    attempts = models.PositiveSmallIntegerField(default=0)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "purpose", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.purpose} code for {self.user_id}"


class TokenFamily(models.Model):
    """One login session: every refresh token rotated from one sign-in shares the family."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="token_families")
    created_at = models.DateTimeField(auto_now_add=True)
    last_rotated_at = models.DateTimeField(auto_now=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=30, blank=True)

    class Meta:
        verbose_name_plural = "token families"
        indexes = [models.Index(fields=["user", "revoked_at"])]

    def __str__(self) -> str:
        return f"token family {self.pk}"


class SecurityEventKind(models.TextChoices):
    REGISTERED = "registered", "Registered"
    LOGIN_SUCCEEDED = "login_succeeded", "Login succeeded"
    LOGIN_FAILED = "login_failed", "Login failed"
    LOGOUT = "logout", "Logout"
    REFRESH_REUSED = "refresh_reused", "Refresh token reused (family revoked)"
    EMAIL_VERIFIED = "email_verified", "E-mail verified"
    PASSWORD_CHANGED = "password_changed", "Password changed"
    PASSWORD_RESET_REQUESTED = "password_reset_requested", "Password reset requested"
    PASSWORD_RESET = "password_reset", "Password reset"
    GOOGLE_LINKED = "google_linked", "Google account linked"
    GOOGLE_LOGIN = "google_login", "Google login"
    ACCOUNT_DELETED = "account_deleted", "Account deleted"
    ACCOUNT_DEACTIVATED = "account_deactivated", "Account deactivated"
    TIER_CHANGED = "tier_changed", "Tier changed"
    ACCOUNT_REACTIVATED = "account_reactivated", "Account reactivated"
    STAFF_UPDATED = "staff_updated", "Account changed by staff"


class SecurityEvent(models.Model):
    """An entry of the security audit log; kept (with the e-mail) after the user is deleted."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=40, choices=SecurityEventKind.choices)
    user = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="security_events")
    actor = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    email = models.CharField(max_length=254, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["kind", "-created_at"]), models.Index(fields=["email"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.email}"


class DailyActivity(models.Model):
    """That a user made an authenticated request on a (UTC) day: feeds daily active users."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="daily_activity")
    day = models.DateField()

    class Meta:
        verbose_name_plural = "daily activity"
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="accounts_daily_activity_unique")]
        indexes = [models.Index(fields=["day"])]

    def __str__(self) -> str:
        return f"{self.user_id} on {self.day}"
