"""Membership rules: last owner, own role, removal revokes REST access and realtime delivery; plan limits."""

from __future__ import annotations

import asyncio
import json

import pytest
from asgiref.sync import async_to_sync
from channels import DEFAULT_CHANNEL_LAYER
from channels.layers import channel_layers

from apps.accounts.models import Tier
from apps.accounts.tests.factories import UserFactory
from apps.spaces import selectors, services
from apps.spaces.models import AuditAction, AuditEntry, Membership, Role, Space
from apps.spaces.tests.conftest import World, client_for
from apps.spaces.tests.factories import MembershipFactory, SpaceFactory
from maigie.realtime.groups import user_group

pytestmark = pytest.mark.django_db


def _role(world: World, who: str) -> str:
    return Membership.objects.get(space=world.space, user=world.users[who]).role


def test_create_list_and_read_a_space(user, auth_client):
    created = auth_client.post("/api/v1/spaces/", {"name": " Calculus club ", "description": "Fridays"}, format="json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["name"], body["my_role"], body["member_count"]) == ("Calculus club", "OWNER", 1)
    listed = auth_client.get("/api/v1/spaces/").json()
    assert listed["count"] == 1
    assert listed["results"][0]["id"] == body["id"]
    assert AuditEntry.objects.filter(space_id=body["id"], action=AuditAction.CREATED, actor=user).exists()


def test_the_last_owner_can_neither_leave_nor_be_removed_nor_step_down(world):
    owner = world.client("owner")
    for response in (
        owner.post(world.url("leave")),
        owner.delete(world.url(f"members/{world.users['owner'].pk}")),
        owner.patch(world.url(f"members/{world.users['owner'].pk}"), {"role": "ADMIN"}, format="json"),
    ):
        assert (response.status_code, response.json()["error"]["code"]) == (409, "last_owner")
    assert _role(world, "owner") == Role.OWNER
    # with a second owner, the first may leave
    assert (
        owner.patch(world.url(f"members/{world.users['admin'].pk}"), {"role": "OWNER"}, format="json").status_code
        == 200
    )
    assert owner.post(world.url("leave")).status_code == 204
    assert not Membership.objects.filter(space=world.space, user=world.users["owner"]).exists()
    left = world.client("admin").delete(world.url(f"members/{world.users['admin'].pk}"))
    assert left.json()["error"]["code"] == "last_owner"


def test_nobody_raises_their_own_role_and_admins_cannot_touch_admins_or_owners(world):
    for who, role in (("viewer", "MEMBER"), ("member", "ADMIN"), ("admin", "OWNER")):
        response = world.client(who).patch(world.url(f"members/{world.users[who].pk}"), {"role": role}, format="json")
        assert response.status_code == 403, (who, role)
    admin = world.client("admin")
    assert (
        admin.patch(world.url(f"members/{world.users['owner'].pk}"), {"role": "VIEWER"}, format="json").status_code
        == 403
    )
    assert (
        admin.patch(world.url(f"members/{world.users['target'].pk}"), {"role": "OWNER"}, format="json").status_code
        == 403
    )
    assert admin.delete(world.url(f"members/{world.users['owner'].pk}")).status_code == 403
    assert (_role(world, "owner"), _role(world, "target")) == (Role.OWNER, Role.VIEWER)
    # lowering one's own role is allowed
    assert (
        world.client("member")
        .patch(world.url(f"members/{world.users['member'].pk}"), {"role": "viewer"}, format="json")
        .json()["role"]
        == "VIEWER"
    )
    entry = AuditEntry.objects.get(space=world.space, action=AuditAction.ROLE_CHANGED)
    assert entry.details == {"from": "MEMBER", "to": "VIEWER"}
    assert entry.target_user == world.users["member"]


def test_removal_revokes_rest_access_at_once(world):
    member = world.client("member")
    assert member.get(world.url(f"courses/{world.course.pk}/")).status_code == 200
    assert world.client("admin").delete(world.url(f"members/{world.users['member'].pk}")).status_code == 204
    assert member.get(world.url(f"courses/{world.course.pk}/")).status_code == 404
    assert member.get(world.url()).status_code == 404
    assert world.space.pk not in [s["id"] for s in member.get("/api/v1/spaces/").json()["results"]]


async def _drain(layer, channel) -> list[dict]:
    frames: list[dict] = []
    while True:
        try:
            message = await asyncio.wait_for(layer.receive(channel), timeout=0.5)
        except TimeoutError:
            return frames
        frames.append(json.loads(message["payload"]))


def _received(world: World, capture, action, *who: str) -> dict[str, list[tuple[str, dict]]]:
    """Run ``action`` as one committed transaction; the (event, data) frames each named user's group got."""
    layer = channel_layers.make_backend(DEFAULT_CHANNEL_LAYER)  # a fresh layer: receive() binds to one loop
    channels = {name: async_to_sync(layer.new_channel)() for name in who}
    for name, channel in channels.items():
        async_to_sync(layer.group_add)(user_group(world.users[name].pk), channel)

    async def drain_all() -> dict[str, list[tuple[str, dict]]]:
        frames = {name: await _drain(layer, channel) for name, channel in channels.items()}
        return {name: [(f["event"], f["data"]) for f in found] for name, found in frames.items()}

    try:
        with capture(execute=True):
            action()
        return async_to_sync(drain_all)()
    finally:
        for name, channel in channels.items():
            async_to_sync(layer.group_discard)(user_group(world.users[name].pk), channel)


def test_removal_stops_realtime_delivery(world, django_capture_on_commit_callbacks):
    """Space events reach every member's /ws/updates group; after removal, the removed member gets no more."""
    capture = django_capture_on_commit_callbacks
    admin = selectors.space_membership(user=world.users["admin"], space_id=world.space.pk)
    changed = {"space_id": str(world.space.pk), "course_id": str(world.course.pk)}

    def add(title: str):
        return lambda: services.shared_module_create(actor=admin, course=world.course, title=title)

    got = _received(world, capture, add("Matrices"), "member", "viewer")
    inbox = {name: [event for event, _ in frames if event == "notification.created"] for name, frames in got.items()}
    assert inbox == {"member": ["notification.created"], "viewer": ["notification.created"]}  # notify(): spaces
    got = {name: [f for f in frames if f[0] != "notification.created"] for name, frames in got.items()}
    assert got == {"member": [("space.outline_changed", changed)], "viewer": [("space.outline_changed", changed)]}

    target = selectors.member_get(membership=admin, user_id=world.users["member"].pk)
    got = _received(world, capture, lambda: services.member_remove(actor=admin, target=target), "member", "viewer")
    removed = ("space.member_removed", {"space_id": str(world.space.pk), "user_id": str(world.users["member"].pk)})
    assert got == {"member": [removed], "viewer": [removed]}

    got = _received(world, capture, add("Determinants"), "member", "viewer")
    assert got == {"member": [], "viewer": [("space.outline_changed", changed)]}


def test_plan_limits_spaces_owned_and_members_per_space(user, auth_client):
    assert auth_client.post("/api/v1/spaces/", {"name": "One"}, format="json").status_code == 201
    refused = auth_client.post("/api/v1/spaces/", {"name": "Two"}, format="json")
    assert (refused.status_code, refused.json()["error"]["code"]) == (402, "plan_limit")
    assert refused.json()["error"]["details"]["metric"] == "spaces_owned"
    assert Space.objects.filter(memberships__user=user).count() == 1

    space = Space.objects.get(memberships__user=user)
    for _ in range(9):
        MembershipFactory.create(space=space, role=Role.VIEWER)
    response = auth_client.post(
        f"/api/v1/spaces/{space.pk}/invitations", {"email": "eleventh@example.org"}, format="json"
    )
    assert (response.status_code, response.json()["error"]["details"]["metric"]) == (402, "members_per_space")
    type(user).objects.filter(pk=user.pk).update(tier=Tier.PREMIUM_MONTHLY)
    assert (
        auth_client.post(
            f"/api/v1/spaces/{space.pk}/invitations", {"email": "e@example.org"}, format="json"
        ).status_code
        == 201
    )
    assert auth_client.post("/api/v1/spaces/", {"name": "Two"}, format="json").status_code == 201


def test_member_list_runs_a_constant_number_of_queries(world, django_assert_max_num_queries):
    client = world.client("viewer")
    for _ in range(20):
        MembershipFactory.create(space=world.space)
    with django_assert_max_num_queries(8):
        response = client.get(world.url("members/"), {"page_size": 100})
    assert response.json()["count"] == 25
    assert {row["role"] for row in response.json()["results"]} == {"OWNER", "ADMIN", "MEMBER", "VIEWER"}


def test_spaces_are_isolated_from_each_other(world):
    other = SpaceFactory.create()
    MembershipFactory.create(space=other, role=Role.OWNER)
    owner = world.client("owner")
    assert owner.get(f"/api/v1/spaces/{other.pk}/").status_code == 404
    # a member id of another space is unknown here
    stranger = Membership.objects.get(space=other).user
    assert owner.delete(world.url(f"members/{stranger.pk}")).status_code == 404
    assert client_for(UserFactory.create()).get("/api/v1/spaces/").json()["count"] == 0
