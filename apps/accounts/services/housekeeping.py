"""Housekeeping: drop credentials that can no longer be used."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

from apps.accounts.models import OneTimeCode, TokenFamily


@transaction.atomic
def credentials_purge_expired() -> dict[str, int]:
    """Delete expired or used one-time codes, expired refresh tokens, and sessions none can refresh.

    A revoked family refuses its tokens whether or not its row exists; a family not rotated for a
    refresh lifetime holds only expired tokens.
    """
    now = timezone.now()
    oldest_live_token = now - settings.SIMPLE_JWT["REFRESH_TOKEN_LIFETIME"]
    codes, _ = OneTimeCode.objects.filter(expires_at__lte=now).delete()
    used_codes, _ = OneTimeCode.objects.filter(used_at__isnull=False).delete()
    _, deleted_tokens = OutstandingToken.objects.filter(expires_at__lte=now).delete()  # and their blacklist rows
    tokens = deleted_tokens.get(OutstandingToken._meta.label, 0)
    families, _ = TokenFamily.objects.filter(
        Q(revoked_at__isnull=False) | Q(last_rotated_at__lte=oldest_live_token)
    ).delete()
    return {"codes": codes + used_codes, "tokens": tokens, "families": families}
