"""One-time e-mail codes (verification, password reset): random, hashed, expiring, single-use."""

from __future__ import annotations

import hmac
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from apps.accounts.models import CodePurpose, OneTimeCode, User

CODE_LIFETIME = {CodePurpose.VERIFY_EMAIL: timedelta(hours=24), CodePurpose.PASSWORD_RESET: timedelta(minutes=30)}
MAX_ATTEMPTS = 5


def _hash(*, user: User, code: str) -> str:
    return salted_hmac("maigie.accounts.one-time-code", f"{user.pk}:{code}", algorithm="sha256").hexdigest()


@transaction.atomic
def code_issue(*, user: User, purpose: CodePurpose) -> str:
    """A new 6-digit code for ``purpose``; earlier unused codes of that purpose stop working."""
    OneTimeCode.objects.filter(user=user, purpose=purpose, used_at__isnull=True).delete()
    code = f"{secrets.randbelow(1_000_000):06d}"
    OneTimeCode.objects.create(
        user=user,
        purpose=purpose,
        code_hash=_hash(user=user, code=code),
        expires_at=timezone.now() + CODE_LIFETIME[purpose],
    )
    return code


@transaction.atomic
def code_consume(*, user: User, purpose: CodePurpose, code: str) -> bool:
    """Use ``code`` if it is ``user``'s live code; every wrong guess counts, five kill the code."""
    live = (
        OneTimeCode.objects.select_for_update()
        .filter(user=user, purpose=purpose, used_at__isnull=True, expires_at__gt=timezone.now())
        .order_by("-created_at")
        .first()
    )
    if live is None or live.attempts >= MAX_ATTEMPTS:
        return False
    if hmac.compare_digest(live.code_hash, _hash(user=user, code=code.strip())):
        live.used_at = timezone.now()
        live.save(update_fields=["used_at"])
        return True
    live.attempts += 1
    live.save(update_fields=["attempts"])
    return False
