"""Isolation matrix generated from the URL configuration.

Every route under /api/v1/ whose path holds an object id, with every method its view allows, is
called as another learner (404, exactly like an id that does not exist, and nothing changed) and
anonymously (401). ``maigie.tests.routes.OWNED`` says how to create the owner's object for each route: a new route
with an id fails here until it has an entry.
"""

from __future__ import annotations

import uuid

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from rest_framework.test import APIClient

from apps.accounts.services import token_pair_for
from apps.accounts.services.activity import activity_record
from apps.accounts.tests.factories import UserFactory
from maigie.tests.routes import OWNED, STAFF_ONLY, api_routes

ROUTES = api_routes(with_ids=True)


def _client_for(user) -> APIClient:
    activity_record(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_pair_for(user=user)['access']}")
    return client


def _snapshot(*, exclude_user) -> dict[str, list[str]]:
    """Every row of every project model, except the intruder's own rows."""
    snapshot = {}
    for model in django_apps.get_models():
        if not model.__module__.startswith("apps."):
            continue
        queryset = model._default_manager.all()
        if model is type(exclude_user):
            queryset = queryset.exclude(pk=exclude_user.pk)
        elif any(field.name == "user" for field in model._meta.concrete_fields):
            queryset = queryset.exclude(user=exclude_user)
        snapshot[model._meta.label] = sorted(map(repr, queryset.values()))
    return snapshot


def test_every_route_with_an_id_has_an_owner_factory():
    names = {name for name, _ in ROUTES}
    assert names, "no routes found"
    assert names - OWNED.keys() == set(), "add these routes to OWNED in maigie/tests/test_isolation.py"
    assert OWNED.keys() - names == set(), "OWNED lists routes that no longer exist"


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "methods"), ROUTES, ids=[name for name, _ in ROUTES])
def test_another_learner_cannot_see_or_change_the_object(name: str, methods: list[str]):
    owner, intruder = UserFactory.create(), UserFactory.create()
    kwargs = OWNED[name](owner)
    url = reverse(name, kwargs=kwargs)
    missing_url = reverse(name, kwargs={key: uuid.uuid4() for key in kwargs})
    client = _client_for(intruder)
    before = _snapshot(exclude_user=intruder)
    expected = 403 if name in STAFF_ONLY else 404
    for method in methods:
        response = client.generic(method, url, "{}", content_type="application/json")
        assert response.status_code == expected, (method, url, response.content)
        if expected == 404:
            missing = client.generic(method, missing_url, "{}", content_type="application/json")
            assert response.json()["error"] | {"request_id": ""} == missing.json()["error"] | {"request_id": ""}
    assert _snapshot(exclude_user=intruder) == before


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "methods"), ROUTES, ids=[name for name, _ in ROUTES])
def test_anonymous_callers_get_401(name: str, methods: list[str]):
    owner, bystander = UserFactory.create(), UserFactory.create()
    url = reverse(name, kwargs=OWNED[name](owner))
    before = _snapshot(exclude_user=bystander)
    for method in methods:
        response = APIClient().generic(method, url, "{}", content_type="application/json")
        assert response.status_code == 401, (method, url, response.content)
        assert response.json()["error"]["code"] == "not_authenticated"
    assert _snapshot(exclude_user=bystander) == before
