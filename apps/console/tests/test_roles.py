"""Staff roles (apps/console/roles.py): the sections, pages and figures each role gets."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client

from apps.accounts.tests.factories import UserFactory
from apps.console.roles import CONTENT_EDITOR, FINANCE, OPERATOR, ROLES, SUPPORT, roles_ensure

pytestmark = pytest.mark.django_db

LEARNERS, CONTENT, JOBS = "Learners", "Content", "Jobs and e-mail"
BILLING_SECTION, STRIPE, SETTINGS = "Billing", "Stripe mirror (dj-stripe)", "Settings"

SECTIONS = {
    SUPPORT: [LEARNERS, CONTENT, JOBS],
    CONTENT_EDITOR: [CONTENT],
    FINANCE: [LEARNERS, BILLING_SECTION, STRIPE],
    OPERATOR: [LEARNERS, JOBS],
    "superuser": [LEARNERS, CONTENT, JOBS, BILLING_SECTION, STRIPE, SETTINGS],
}


def _client(role: str) -> Client:
    roles_ensure()
    if role == "superuser":
        staff = UserFactory.create(is_staff=True, is_superuser=True)
    else:
        staff = UserFactory.create(is_staff=True)
        staff.groups.add(Group.objects.get(name=role))
    client = Client()
    client.force_login(staff)
    return client


@pytest.mark.parametrize("role", list(SECTIONS))
def test_each_role_sees_its_sections_and_figures(role):
    response = _client(role).get("/admin/")

    assert response.status_code == 200
    assert [section["name"] for section in response.context["app_list"]] == SECTIONS[role]
    assert ("mrr" in response.context["dashboard"]["billing"]) == (role in (FINANCE, "superuser"))


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (SUPPORT, {"support", "learner", "catalog", "notes"}),
        (CONTENT_EDITOR, {"catalog", "catalog_add"}),
        (FINANCE, {"learner", "subscriptions", "stripe"}),  # view_user (to find a learner) opens "view as"
        (OPERATOR, {"failed_jobs", "periodic"}),
        (
            "superuser",
            {"support", "learner", "catalog", "catalog_add", "notes", "subscriptions", "stripe"}
            | {"failed_jobs", "periodic"},
        ),
    ],
)
def test_each_role_opens_only_its_pages(role, allowed):
    learner = UserFactory.create()
    pages = {
        "support": f"/admin/console/users/{learner.pk}/",
        "learner": f"/admin/console/users/{learner.pk}/learner/",
        "subscriptions": "/admin/billing/subscription/",
        "stripe": "/admin/djstripe/subscription/",
        "failed_jobs": "/admin/console/jobs/failed/",
        "periodic": "/admin/django_celery_beat/periodictask/",
        "catalog": "/admin/learning/resource/",
        "catalog_add": "/admin/learning/resource/add/",
        "notes": "/admin/learning/note/",
    }
    client = _client(role)

    opened = {name for name, url in pages.items() if client.get(url).status_code == 200}

    assert opened == allowed


def test_setup_roles_is_idempotent_and_removes_hand_added_permissions():
    out = StringIO()
    call_command("setup_roles", stdout=out)
    support = Group.objects.get(name=SUPPORT)
    support.permissions.add(Permission.objects.get(codename="delete_user"))
    first = {group.name: set(group.permissions.values_list("pk", flat=True)) for group in Group.objects.all()}

    call_command("setup_roles", stdout=out)

    again = {group.name: set(group.permissions.values_list("pk", flat=True)) for group in Group.objects.all()}
    assert set(again) == set(ROLES)
    assert not support.permissions.filter(codename="delete_user").exists()
    assert first[FINANCE] == again[FINANCE]
    assert "Support:" in out.getvalue()


def test_a_role_naming_an_unknown_permission_fails(monkeypatch: Any):
    monkeypatch.setitem(ROLES, SUPPORT, ("accounts.fly_user",))
    with pytest.raises(LookupError, match=r"accounts\.fly_user"):
        roles_ensure()
