"""``manage.py seed_demo`` is idempotent and logs both demo users in."""

import pytest
from django.conf import settings
from django.core.management import call_command

from apps.accounts.models import User


@pytest.mark.django_db
def test_seed_demo_twice_creates_each_user_once(api_client, capsys):
    call_command("seed_demo")
    call_command("seed_demo")

    assert User.objects.count() == 2
    staff = User.objects.get(email=settings.DEMO_STAFF[0])
    assert staff.is_staff
    assert staff.is_superuser
    output = capsys.readouterr().out
    assert settings.DEMO_LEARNER[0] in output
    assert settings.DEMO_LEARNER[1] in output

    for email, password in (settings.DEMO_LEARNER, settings.DEMO_STAFF):
        response = api_client.post("/api/v1/auth/login", {"email": email, "password": password})
        assert response.status_code == 200


@pytest.mark.django_db
def test_demo_staff_reaches_the_admin(client):
    call_command("seed_demo")
    assert client.get("/admin/login/").status_code == 200
    assert client.login(username=settings.DEMO_STAFF[0], password=settings.DEMO_STAFF[1])
    response = client.get("/admin/accounts/user/")
    assert response.status_code == 200
    assert settings.DEMO_LEARNER[0] in response.content.decode()
