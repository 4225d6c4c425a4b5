"""Accounts maintenance tasks."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

from apps.accounts.tasks import flush_expired_tokens


@pytest.mark.django_db
def test_flush_expired_tokens_deletes_only_expired_refresh_tokens(user):
    now = timezone.now()
    OutstandingToken.objects.create(user=user, jti="expired", token="x", created_at=now, expires_at=now - timedelta(1))
    OutstandingToken.objects.create(user=user, jti="current", token="y", created_at=now, expires_at=now + timedelta(1))

    flush_expired_tokens.apply().get()

    assert list(OutstandingToken.objects.values_list("jti", flat=True)) == ["current"]
