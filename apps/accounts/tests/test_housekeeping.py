"""Purging credentials nobody can use any more."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

from apps.accounts.models import CodePurpose, OneTimeCode, TokenFamily
from apps.accounts.services import token_pair_for
from apps.accounts.services.codes import code_issue
from apps.accounts.tasks import purge_expired_credentials

pytestmark = pytest.mark.django_db


def test_purge_keeps_live_credentials_and_drops_dead_ones(api_client, user, other_user):
    live = token_pair_for(user=user)
    old = token_pair_for(user=other_user)
    revoked = token_pair_for(user=other_user)
    api_client.post("/api/v1/auth/logout", {"refresh": revoked["refresh"]})
    long_ago = timezone.now() - settings.SIMPLE_JWT["REFRESH_TOKEN_LIFETIME"] - timedelta(minutes=1)
    old_family = TokenFamily.objects.filter(user=other_user, revoked_at__isnull=True).get()
    TokenFamily.objects.filter(pk=old_family.pk).update(last_rotated_at=long_ago)
    OutstandingToken.objects.filter(user=other_user).update(expires_at=long_ago)
    code_issue(user=user, purpose=CodePurpose.VERIFY_EMAIL)
    code_issue(user=other_user, purpose=CodePurpose.PASSWORD_RESET)
    OneTimeCode.objects.filter(user=other_user).update(expires_at=timezone.now() - timedelta(seconds=1))

    assert purge_expired_credentials.apply().get() == {"codes": 1, "tokens": 2, "families": 2}

    assert list(TokenFamily.objects.values_list("user", flat=True)) == [user.pk]
    assert list(OneTimeCode.objects.values_list("user", flat=True)) == [user.pk]
    assert api_client.post("/api/v1/auth/refresh", {"refresh": live["refresh"]}).status_code == 200
    assert api_client.post("/api/v1/auth/refresh", {"refresh": old["refresh"]}).status_code == 401
    assert purge_expired_credentials.apply().get() == {"codes": 0, "tokens": 0, "families": 0}  # idempotent
