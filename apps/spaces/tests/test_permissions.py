"""The permission matrix: every role (and a non-member, and an anonymous caller) x every space operation.

The expected statuses are written out by hand (not derived from the policy), and a refused call
must leave every row of the project as it was.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps as django_apps

from apps.spaces.tests.conftest import World

CALLERS = ("owner", "admin", "member", "viewer", "outsider", "anonymous")

# operation -> (method, path under the space, body)
Operation = Callable[[World], tuple[str, str, dict[str, Any]]]
OPERATIONS: dict[str, Operation] = {
    "read space": lambda w: ("GET", "", {}),
    "list members": lambda w: ("GET", "members/", {}),
    "list shared courses": lambda w: ("GET", "courses/", {}),
    "read shared course": lambda w: ("GET", f"courses/{w.course.pk}/", {}),
    "complete topic": lambda w: ("POST", f"topics/{w.topics[0].pk}/complete", {"completed": True}),
    "share course": lambda w: ("POST", "courses/", {"course_id": str(w.course.pk)}),
    "rename space": lambda w: ("PATCH", "", {"name": "Renamed"}),
    "edit outline": lambda w: ("PATCH", f"topics/{w.topics[0].pk}/", {"title": "Spanning sets"}),
    "add module": lambda w: ("POST", f"courses/{w.course.pk}/modules/", {"title": "Matrices"}),
    "invite": lambda w: ("POST", "invitations", {"email": "new@example.org", "role": "VIEWER"}),
    "list invitations": lambda w: ("GET", "invitations", {}),
    "create join link": lambda w: ("POST", "join-links", {"role": "VIEWER"}),
    "change role": lambda w: ("PATCH", f"members/{w.users['target'].pk}", {"role": "MEMBER"}),
    "remove member": lambda w: ("DELETE", f"members/{w.users['target'].pk}", {}),
    "progress table": lambda w: ("GET", f"courses/{w.course.pk}/progress/", {}),
    "audit log": lambda w: ("GET", "audit/", {}),
    "unshare course": lambda w: ("DELETE", f"courses/{w.course.pk}/", {}),
    "list shared decks": lambda w: ("GET", "decks/", {}),
    "read shared deck": lambda w: ("GET", f"decks/{w.deck.pk}/", {}),
    "list deck cards": lambda w: ("GET", f"decks/{w.deck.pk}/cards/", {}),
    "due cards": lambda w: ("GET", f"decks/{w.deck.pk}/due", {}),
    "review card": lambda w: ("POST", f"cards/{w.cards[0].pk}/review", {"rating": 3}),
    "share deck": lambda w: ("POST", "decks/", {"deck_id": str(w.own_deck.pk)}),
    "add card": lambda w: ("POST", f"decks/{w.deck.pk}/cards/", {"front": "What is a rank?"}),
    "edit card": lambda w: ("PATCH", f"cards/{w.cards[0].pk}/", {"back": "The set of all combinations"}),
    "delete card": lambda w: ("DELETE", f"cards/{w.cards[1].pk}/", {}),
    "deck progress table": lambda w: ("GET", f"decks/{w.deck.pk}/progress/", {}),
    "unshare deck": lambda w: ("DELETE", f"decks/{w.deck.pk}/", {}),
    "list shared materials": lambda w: ("GET", "materials/", {}),
    "read shared material": lambda w: ("GET", f"materials/{w.material.pk}/", {}),
    "read material passages": lambda w: ("GET", f"materials/{w.material.pk}/chunks/", {}),
    "share material": lambda w: ("POST", "materials/", {"material_id": str(w.own_material.pk)}),
    "rename material": lambda w: ("PATCH", f"materials/{w.material.pk}/", {"title": "Lecture one"}),
    "unshare material": lambda w: ("DELETE", f"materials/{w.material.pk}/", {}),
    "delete space": lambda w: ("DELETE", "", {}),
}

#                          owner admin member viewer  (outsider: 404, anonymous: 401 everywhere)
EXPECTED: dict[str, tuple[int, int, int, int]] = {
    "read space": (200, 200, 200, 200),
    "list members": (200, 200, 200, 200),
    "list shared courses": (200, 200, 200, 200),
    "read shared course": (200, 200, 200, 200),
    "complete topic": (200, 200, 200, 403),
    "share course": (409, 404, 404, 403),  # the owner's course is shared already; it is not the others' course
    "rename space": (200, 200, 403, 403),
    "edit outline": (200, 200, 403, 403),
    "add module": (201, 201, 403, 403),
    "invite": (201, 201, 403, 403),
    "list invitations": (200, 200, 403, 403),
    "create join link": (201, 201, 403, 403),
    "change role": (200, 200, 403, 403),
    "remove member": (204, 204, 403, 403),
    "progress table": (200, 200, 403, 403),
    "audit log": (200, 200, 403, 403),
    "unshare course": (204, 204, 403, 403),
    "list shared decks": (200, 200, 200, 200),
    "read shared deck": (200, 200, 200, 200),
    "list deck cards": (200, 200, 200, 200),
    "due cards": (200, 200, 200, 200),
    "review card": (200, 200, 200, 403),  # each with their own state; viewers read only
    "share deck": (201, 404, 403, 403),  # only the deck's owner, and only as an admin or owner
    "add card": (201, 201, 403, 403),
    "edit card": (200, 200, 403, 403),
    "delete card": (204, 204, 403, 403),
    "deck progress table": (200, 200, 403, 403),
    "unshare deck": (204, 204, 403, 403),
    "list shared materials": (200, 200, 200, 200),
    "read shared material": (200, 200, 200, 200),
    "read material passages": (200, 200, 200, 200),
    "share material": (201, 404, 403, 403),
    "rename material": (200, 200, 403, 403),
    "unshare material": (204, 204, 403, 403),
    "delete space": (204, 403, 403, 403),
}
ERROR_CODES = {401: "not_authenticated", 403: "permission_denied", 404: "not_found", 409: "already_shared"}

CASES = [(op, caller) for op in OPERATIONS for caller in CALLERS]


def expected_status(operation: str, caller: str) -> int:
    if caller == "anonymous":
        return 401
    if caller == "outsider":
        return 404
    return EXPECTED[operation][("owner", "admin", "member", "viewer").index(caller)]


def snapshot() -> dict[str, list[str]]:
    """Every row of every project model but the users (whose activity markers a request may touch)."""
    rows = {}
    for model in django_apps.get_models():
        if model.__module__.startswith("apps.") and model._meta.label != "accounts.User":
            rows[model._meta.label] = sorted(map(repr, model._default_manager.values()))
    return rows


def test_the_matrix_covers_every_operation():
    assert EXPECTED.keys() == OPERATIONS.keys()


@pytest.mark.django_db
@pytest.mark.parametrize(("operation", "caller"), CASES, ids=[f"{op}-{caller}" for op, caller in CASES])
def test_role_matrix(world: World, operation: str, caller: str):
    method, tail, body = OPERATIONS[operation](world)
    client = world.client(caller)
    status = expected_status(operation, caller)
    before = snapshot() if status >= 400 else None
    response = client.generic(method, world.url(tail), json.dumps(body), content_type="application/json")
    assert response.status_code == status, (method, tail, response.content)
    if before is not None:
        assert response.json()["error"]["code"] == ERROR_CODES[status]
        assert snapshot() == before
