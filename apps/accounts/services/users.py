"""Writes for users: creation, profile, tier, deactivation, export and deletion."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.contrib.admin.utils import NestedObjects
from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, models, transaction
from django.utils import timezone as dj_timezone
from pgvector.django import VectorField

from apps.accounts import events
from apps.accounts.emails import normalize_email
from apps.accounts.models import SecurityEventKind, Tier, User
from apps.accounts.preferences import validate_preferences
from apps.accounts.services.audit import Client, security_event_record
from apps.accounts.services.tokens import families_revoke
from maigie.encoding import utc_iso
from maigie.errors import Conflict
from maigie.realtime.publish import publish
from maigie.services import fields_check

# Rows that are credentials, bookkeeping or derived indexes, not the user's data: never exported.
EXPORT_EXCLUDED = {
    "learning.embedding",
    "accounts.user",
    "accounts.onetimecode",
    "accounts.tokenfamily",
    "accounts.dailyactivity",
    "admin.logentry",
    "token_blacklist.outstandingtoken",
    "token_blacklist.blacklistedtoken",
}

# Columns that hold a credential or its hash, whatever the model.
SECRET_FIELD = re.compile(r"(^|_)(password|secret|token|digest|hash)(_|$)")


@transaction.atomic
def user_create(
    *,
    email: str,
    password: str | None,
    name: str = "",
    timezone: str = "UTC",
    is_staff: bool = False,
    is_superuser: bool = False,
) -> User:
    """Create a user; ``password=None`` makes an account that cannot log in with a password."""
    return User.objects.create_user(
        email=email,
        password=password,
        name=name,
        timezone=timezone,
        is_staff=is_staff,
        is_superuser=is_superuser,
    )


@transaction.atomic
def user_ensure(*, email: str, password: str, **fields: Any) -> tuple[User, bool]:
    """Create the user unless one with that e-mail exists; reset its password either way."""
    user = User.objects.filter(email=normalize_email(email)).first()
    if user is None:
        return user_create(email=email, password=password, **fields), True
    user.set_password(password)
    for name, value in fields.items():
        setattr(user, name, value)
    user.save()
    return user, False


def _profile(user: User) -> dict[str, Any]:
    """The user as the API shows it to themselves, JSON-ready."""
    return {
        "id": str(user.pk),
        "email": user.email,
        "name": user.name,
        "tier": user.tier,
        "timezone": user.timezone,
        "preferences": user.preferences,
        "email_verified": user.email_verified,
        "created_at": utc_iso(user.created_at),
    }


@transaction.atomic
def user_update(
    *, user: User, name: str | None = None, timezone: str | None = None, preferences: dict[str, Any] | None = None
) -> User:
    """Change the profile; ``preferences`` is merged key by key into the stored ones."""
    if name is not None:
        user.name = name
    if timezone is not None:
        user.timezone = timezone
    if preferences is not None:
        user.preferences = {**user.preferences, **validate_preferences(preferences)}
    user.full_clean(exclude=["password", "email"])
    user.save(update_fields=["name", "timezone", "preferences", "updated_at"])
    publish(user_id=user.pk, event=events.USER_UPDATED, data=_profile(user))
    return user


@transaction.atomic
def user_set_tier(
    *, user: User, tier: str, reason: str = "", actor: User | None = None, client: Client | None = None
) -> User:
    """Move ``user`` to plan ``tier`` (staff or billing); a real change is audited and published."""
    if tier not in Tier.values:
        raise ValidationError({"tier": [f"Unknown tier {tier!r}."]})
    locked = User.objects.select_for_update().get(pk=user.pk)
    previous = locked.tier
    user.tier = tier
    if previous == tier:
        return locked
    locked.tier = tier
    locked.save(update_fields=["tier", "updated_at"])
    security_event_record(
        kind=SecurityEventKind.TIER_CHANGED,
        user=locked,
        actor=actor,
        client=client,
        data={"from": previous, "to": tier, **({"reason": reason} if reason else {})},
    )
    publish(user_id=locked.pk, event=events.USER_UPDATED, data={"id": str(locked.pk), "tier": tier})
    return locked


@transaction.atomic
def user_deactivate(*, user: User, actor: User, client: Client | None = None) -> User:
    """Stop ``user`` from signing in: access tokens fail at once, refresh tokens are revoked.

    Refused (409) for the actor's own account and for the last active staff user, so staff can never
    lock everyone out of the staff API and admin.
    """
    if user.pk == actor.pk:
        raise Conflict("You cannot deactivate your own account.", code="own_account")
    if user.is_staff:
        active_staff = list(User.objects.select_for_update().filter(is_staff=True, is_active=True).values_list("pk"))
        if active_staff == [(user.pk,)]:
            raise Conflict("This is the last active staff user: it cannot be deactivated.", code="last_staff")
    user.is_active = False
    user.save(update_fields=["is_active", "updated_at"])
    families_revoke(user=user, reason="deactivated")
    security_event_record(kind=SecurityEventKind.ACCOUNT_DEACTIVATED, user=user, actor=actor, client=client)
    return user


@transaction.atomic
def user_reactivate(*, user: User, actor: User, client: Client | None = None) -> User:
    """Let a deactivated ``user`` sign in again (their revoked sessions stay revoked)."""
    user.is_active = True
    user.save(update_fields=["is_active", "updated_at"])
    security_event_record(kind=SecurityEventKind.ACCOUNT_REACTIVATED, user=user, actor=actor, client=client)
    return user


STAFF_EDITABLE_FIELDS = ("email", "name", "timezone", "preferences", "email_verified", "is_staff", "is_superuser")
STAFF_RELATIONS = ("groups", "user_permissions")


@transaction.atomic
def user_staff_update(*, user: User, actor: User, data: Mapping[str, Any], client: Client | None = None) -> User:
    """A staff member's change of ``user``: tier and activation through their own services, the rest audited.

    ``data`` holds the changed values among ``STAFF_EDITABLE_FIELDS``, ``STAFF_RELATIONS``, ``tier``
    and ``is_active``.
    """
    fields_check(data=data, allowed={*STAFF_EDITABLE_FIELDS, *STAFF_RELATIONS, "tier", "is_active"})
    values = {name: normalize_email(data[name]) if name == "email" else data[name] for name in data}
    stored = User.objects.get(pk=user.pk)
    fields = [name for name in STAFF_EDITABLE_FIELDS if name in values and getattr(stored, name) != values[name]]
    for name in fields:
        setattr(user, name, values[name])
    if fields:
        user.full_clean(exclude=["password"])
        user.save(update_fields=[*fields, "updated_at"])
    for name in STAFF_RELATIONS:
        if name in data:
            getattr(user, name).set(data[name])
    changed = [*fields, *(name for name in STAFF_RELATIONS if name in data)]
    if changed:
        security_event_record(
            kind=SecurityEventKind.STAFF_UPDATED, user=user, actor=actor, client=client, data={"fields": changed}
        )
        publish(user_id=user.pk, event=events.USER_UPDATED, data=_profile(user))
    if "tier" in data:
        user = user_set_tier(user=user, tier=data["tier"], reason="staff", actor=actor, client=client)
    if "is_active" in data:
        stored = User.objects.select_for_update().get(pk=user.pk)
        if stored.is_active and not data["is_active"]:
            user_deactivate(user=stored, actor=actor, client=client)
        elif not stored.is_active and data["is_active"]:
            user_reactivate(user=stored, actor=actor, client=client)
        user.is_active = stored.is_active
    return user


@transaction.atomic
def user_password_set(*, user: User, password: str | None) -> User:
    """Set ``user``'s password for them (``None``: no password sign-in); their sessions end, audited."""
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.save(update_fields=["password", "updated_at"])
    families_revoke(user=user, reason="password_changed")
    security_event_record(kind=SecurityEventKind.PASSWORD_CHANGED, user=user, data={"by": "staff"})
    return user


@transaction.atomic
def user_staff_delete(*, user: User, actor: User, client: Client | None = None) -> None:
    """Delete ``user`` and everything they own on a staff member's decision (audited with the actor)."""
    security_event_record(kind=SecurityEventKind.ACCOUNT_DELETED, user=user, actor=actor, client=client)
    user.delete()


def _exported_fields(model: type[models.Model]) -> list[str]:
    """The fields of ``model`` the learner wrote or owns: no computed columns, vectors or secrets."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if not field.primary_key
        and not isinstance(field, models.GeneratedField | VectorField)
        and not SECRET_FIELD.search(field.name)
    ]


def user_export(*, user: User) -> dict[str, Any]:
    """Everything ``user`` owns, as JSON-ready data: every row that would be deleted with them."""
    collector = NestedObjects(using=DEFAULT_DB_ALIAS)
    collector.collect([user])
    data: dict[str, list[dict[str, Any]]] = {}
    for model, instances in collector.data.items():
        label = model._meta.label_lower
        if label in EXPORT_EXCLUDED or model._meta.auto_created:
            continue
        rows = serializers.serialize(
            "python", sorted(instances, key=lambda obj: str(obj.pk)), fields=_exported_fields(model)
        )
        data[label] = [{"id": str(row["pk"]), **row["fields"]} for row in rows]
    return {
        "exported_at": utc_iso(dj_timezone.now()),
        "user": _profile(user),
        "data": dict(sorted(data.items())),
    }


@transaction.atomic
def user_delete(*, user: User, password: str, client: Client | None = None) -> None:
    """Delete ``user`` and everything they own, once their password confirms it."""
    if not user.check_password(password):
        raise ValidationError({"password": ["Incorrect password."]})
    security_event_record(kind=SecurityEventKind.ACCOUNT_DELETED, user=user, client=client)
    user.delete()
