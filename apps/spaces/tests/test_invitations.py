"""Invitations (e-mailed, single use, expiring, revocable, hashed at rest) and join links."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone

from apps.accounts.models import EmailDelivery
from apps.accounts.tests.factories import UserFactory
from apps.spaces.models import AuditAction, AuditEntry, Invitation, JoinLink, Membership
from apps.spaces.tests.conftest import World, client_for
from maigie.celery import app

pytestmark = pytest.mark.django_db


@pytest.fixture
def eager_tasks():
    app.conf.task_always_eager = True
    try:
        yield
    finally:
        app.conf.task_always_eager = False


def _invite(world: World, email: str, role: str = "MEMBER", who: str = "admin"):
    return world.client(who).post(world.url("invitations"), {"email": email, "role": role}, format="json")


def test_invitation_is_emailed_through_the_job_queue_and_stored_hashed(
    world, django_capture_on_commit_callbacks, eager_tasks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(world, "Ada@Example.org")
    assert response.status_code == 201, response.content
    body = response.json()
    token = body["token"]
    assert body["email"] == "ada@example.org"
    assert body["role"] == "MEMBER"
    assert body["url"].endswith(f"/invitations/{token}")
    stored = Invitation.objects.get(pk=body["id"])
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in repr(list(Invitation.objects.values()))
    delivery = EmailDelivery.objects.get(idempotency_key=f"space-invitation:{stored.pk}")
    assert delivery.template == "space_invitation"
    assert delivery.status == "SENT"
    [message] = mailoutbox
    assert message.to == ["ada@example.org"]
    assert body["url"] in message.body
    assert world.space.name in message.subject
    # the list never shows the token again
    listed = world.client("admin").get(world.url("invitations")).json()["results"]
    assert [row["id"] for row in listed] == [body["id"]]
    assert "token" not in listed[0]


def test_an_invitation_is_accepted_once_by_its_addressee_only(world):
    invitee, stranger = UserFactory.create(email="ada@example.org"), UserFactory.create()
    token = _invite(world, "ada@example.org", role="VIEWER").json()["token"]

    assert client_for(stranger).post(f"/api/v1/invitations/{token}/accept").status_code == 404
    accepted = client_for(invitee).post(f"/api/v1/invitations/{token}/accept")
    assert accepted.status_code == 201, accepted.content
    assert accepted.json()["role"] == "VIEWER"
    assert Membership.objects.get(space=world.space, user=invitee).role == "VIEWER"
    again = client_for(invitee).post(f"/api/v1/invitations/{token}/accept")
    assert (again.status_code, again.json()["error"]["code"]) == (409, "invitation_used")
    assert client_for(invitee).post("/api/v1/invitations/not-a-token/accept").status_code == 404
    assert AuditEntry.objects.filter(space=world.space, action=AuditAction.JOINED, target_user=invitee).exists()


def test_an_expired_invitation_cannot_be_accepted(world):
    invitee = UserFactory.create(email="late@example.org")
    body = _invite(world, "late@example.org").json()
    Invitation.objects.filter(pk=body["id"]).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client_for(invitee).post(f"/api/v1/invitations/{body['token']}/accept")
    assert (response.status_code, response.json()["error"]["code"]) == (409, "invitation_expired")
    assert not Membership.objects.filter(user=invitee).exists()
    pending = world.client("admin").get(world.url("invitations"), {"pending": "true"}).json()["results"]
    assert body["id"] not in [row["id"] for row in pending]


def test_a_revoked_invitation_cannot_be_accepted(world):
    invitee = UserFactory.create(email="rev@example.org")
    body = _invite(world, "rev@example.org").json()
    assert world.client("owner").delete(world.url(f"invitations/{body['id']}")).status_code == 204
    assert world.client("owner").delete(world.url(f"invitations/{body['id']}")).status_code == 204  # idempotent
    response = client_for(invitee).post(f"/api/v1/invitations/{body['token']}/accept")
    assert (response.status_code, response.json()["error"]["code"]) == (409, "invitation_revoked")
    assert not Membership.objects.filter(user=invitee).exists()


def test_nobody_invites_above_their_role_or_as_owner(world):
    assert _invite(world, "x@example.org", role="OWNER", who="owner").status_code == 400
    assert _invite(world, "y@example.org", role="ADMIN", who="admin").status_code == 201
    member = world.users["member"]
    response = _invite(world, member.email, who="owner")
    assert (response.status_code, response.json()["error"]["code"]) == (409, "already_member")


def test_join_links(world):
    created = world.client("admin").post(
        world.url("join-links"), {"role": "viewer", "expires_in_days": 3}, format="json"
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["role"] == "VIEWER"
    assert body["url"].endswith(body["token"])
    assert JoinLink.objects.get(pk=body["id"]).token_hash == hashlib.sha256(body["token"].encode()).hexdigest()
    joiner = UserFactory.create()
    joined = client_for(joiner).post("/api/v1/join-links/accept", {"token": body["token"]}, format="json")
    assert joined.status_code == 201
    assert joined.json()["role"] == "VIEWER"
    again = client_for(joiner).post("/api/v1/join-links/accept", {"token": body["token"]}, format="json")
    assert (again.status_code, again.json()["error"]["code"]) == (409, "already_member")
    assert JoinLink.objects.get(pk=body["id"]).uses == 1
    # admins may not hand out admin through a link
    assert world.client("owner").post(world.url("join-links"), {"role": "ADMIN"}, format="json").status_code == 400

    assert world.client("admin").delete(world.url(f"join-links/{body['id']}")).status_code == 204
    late = client_for(UserFactory.create()).post("/api/v1/join-links/accept", {"token": body["token"]}, format="json")
    assert late.status_code == 404


def test_an_expired_join_link_is_a_404(world):
    body = world.client("owner").post(world.url("join-links"), {}, format="json").json()
    JoinLink.objects.filter(pk=body["id"]).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client_for(UserFactory.create()).post(
        "/api/v1/join-links/accept", {"token": body["token"]}, format="json"
    )
    assert response.status_code == 404
