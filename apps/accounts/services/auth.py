"""Sign-up, e-mail verification, password login and password change/reset.

Refusals that must leave a trace (a failed login, a wrong code) record it in its own
transaction before raising, so the trace survives the refusal.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.contrib.auth.models import update_last_login
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.timesince import timeuntil
from rest_framework import exceptions

from apps.accounts.emails import normalize_email
from apps.accounts.models import CodePurpose, SecurityEventKind, User
from apps.accounts.services.audit import Client, security_event_record
from apps.accounts.services.codes import CODE_LIFETIME, code_consume, code_issue
from apps.accounts.services.tokens import families_revoke, token_pair_for
from apps.accounts.services.users import user_create
from maigie.mail import queue_email

INVALID_CODE = "Invalid or expired code."


def _check_password_strength(password: str, *, user: User, field: str) -> None:
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc


def _send_code(*, user: User, purpose: CodePurpose, template: str) -> None:
    code = code_issue(user=user, purpose=purpose)
    now = timezone.now()
    expires_in = timeuntil(now + CODE_LIFETIME[purpose], now).replace("\xa0", " ")  # "1 day", "30 minutes"
    queue_email(to=user.email, template=template, context={"name": user.name, "code": code, "expires_in": expires_in})


@transaction.atomic
def user_register(
    *, email: str, password: str, name: str = "", timezone: str = "UTC", client: Client | None = None
) -> tuple[User, dict[str, str]]:
    """Create an account, e-mail it a verification code and sign it in."""
    email = normalize_email(email)
    if User.objects.filter(email=email).exists():
        raise ValidationError({"email": ["An account with this e-mail already exists."]})
    _check_password_strength(password, user=User(email=email, name=name), field="password")
    user = user_create(email=email, password=password, name=name, timezone=timezone)
    _send_code(user=user, purpose=CodePurpose.VERIFY_EMAIL, template="verify_email")
    security_event_record(kind=SecurityEventKind.REGISTERED, user=user, client=client)
    return user, token_pair_for(user=user)


@transaction.atomic
def verification_resend(*, user: User) -> None:
    """E-mail a fresh verification code; earlier codes stop working."""
    if user.email_verified:
        raise ValidationError({"email": ["This e-mail address is already verified."]})
    _send_code(user=user, purpose=CodePurpose.VERIFY_EMAIL, template="verify_email")


def email_verify(*, user: User, code: str, client: Client | None = None) -> User:
    """Mark ``user``'s e-mail verified if ``code`` is their live verification code."""
    if user.email_verified:
        return user
    if not code_consume(user=user, purpose=CodePurpose.VERIFY_EMAIL, code=code):
        raise ValidationError({"code": [INVALID_CODE]})
    with transaction.atomic():
        user.email_verified = True
        user.save(update_fields=["email_verified", "updated_at"])
        security_event_record(kind=SecurityEventKind.EMAIL_VERIFIED, user=user, client=client)
    return user


def auth_login(*, email: str, password: str, client: Client | None = None) -> tuple[User, dict[str, str]]:
    """Check e-mail and password (upgrading an old hash) and start a session."""
    email = normalize_email(email)
    user: Any = authenticate(None, username=email, password=password)
    if user is None:
        known = User.objects.filter(email=email).first()
        security_event_record(kind=SecurityEventKind.LOGIN_FAILED, user=known, email=email, client=client)
        raise exceptions.AuthenticationFailed("Invalid e-mail or password.", code="invalid_credentials")
    with transaction.atomic():
        update_last_login(User, user)
        security_event_record(kind=SecurityEventKind.LOGIN_SUCCEEDED, user=user, client=client)
        return user, token_pair_for(user=user)


@transaction.atomic
def password_change(
    *, user: User, current_password: str, new_password: str, client: Client | None = None
) -> dict[str, str]:
    """Change the password; every other session ends and a new token pair is returned."""
    if not user.check_password(current_password):
        raise ValidationError({"current_password": ["Incorrect password."]})
    _check_password_strength(new_password, user=user, field="new_password")
    user.set_password(new_password)
    user.save(update_fields=["password", "updated_at"])
    families_revoke(user=user, reason="password_changed")
    security_event_record(kind=SecurityEventKind.PASSWORD_CHANGED, user=user, client=client)
    return token_pair_for(user=user)


@transaction.atomic
def password_forgot(*, email: str, client: Client | None = None) -> None:
    """E-mail a reset code if an active account has this address; silent otherwise."""
    user = User.objects.filter(email=normalize_email(email), is_active=True).first()
    if user is None:
        return
    _send_code(user=user, purpose=CodePurpose.PASSWORD_RESET, template="password_reset")
    security_event_record(kind=SecurityEventKind.PASSWORD_RESET_REQUESTED, user=user, client=client)


def password_reset(*, email: str, code: str, new_password: str, client: Client | None = None) -> None:
    """Set a new password with a reset code; every session of the account ends."""
    user = User.objects.filter(email=normalize_email(email), is_active=True).first()
    if user is None:
        raise ValidationError({"code": [INVALID_CODE]})
    _check_password_strength(new_password, user=user, field="new_password")
    if not code_consume(user=user, purpose=CodePurpose.PASSWORD_RESET, code=code):
        raise ValidationError({"code": [INVALID_CODE]})
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password", "updated_at"])
        families_revoke(user=user, reason="password_reset")
        security_event_record(kind=SecurityEventKind.PASSWORD_RESET, user=user, client=client)
