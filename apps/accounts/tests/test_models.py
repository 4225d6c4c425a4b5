"""The user model."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection

from apps.accounts.models import Tier, User
from apps.accounts.services import user_create


@pytest.mark.django_db
def test_new_users_are_free_utc_with_uuid_ids():
    user = user_create(email="  Ada@Example.COM ", password="a-long-passphrase")
    assert user.email == "ada@example.com"
    assert user.tier == Tier.FREE
    assert user.timezone == "UTC"
    assert user.preferences == {}
    assert len(str(user.pk)) == 36
    assert user.check_password("a-long-passphrase")


@pytest.mark.django_db
def test_email_is_unique_whatever_its_case():
    user_create(email="ada@example.com", password="a-long-passphrase")
    with pytest.raises(ValidationError):
        user_create(email="ADA@example.com", password="a-long-passphrase")


@pytest.mark.django_db
def test_database_refuses_case_variants_even_behind_the_model():
    user_create(email="ada@example.com", password="a-long-passphrase")
    with pytest.raises(IntegrityError), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO accounts_user (id, email, password, name, tier, timezone, preferences, email_verified,"
            " is_active, is_staff, is_superuser, created_at, updated_at)"
            " VALUES (gen_random_uuid(), 'Ada@Example.com', '', '', 'FREE', 'UTC', '{}', false, true, false, false,"
            " now(), now())"
        )


@pytest.mark.django_db
def test_timezone_must_be_iana():
    with pytest.raises(ValidationError) as excinfo:
        user_create(email="ada@example.com", password="a-long-passphrase", timezone="Mars/Olympus")
    assert "timezone" in excinfo.value.message_dict
    assert not User.objects.exists()
