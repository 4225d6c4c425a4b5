"""Revocation takes effect at once: old access tokens answer 401, open WebSockets close with 4401."""

from datetime import timedelta

import jwt
import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import AccessToken

from apps.accounts.services import token_pair_for
from apps.accounts.services.auth import password_change
from apps.accounts.services.users import user_deactivate
from apps.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from maigie.asgi import application

NEW = "a brand new passphrase"


def _me(access):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client.get("/api/v1/users/me")


@pytest.mark.django_db
def test_password_change_refuses_the_old_access_token_at_once(user):
    old = token_pair_for(user=user)["access"]
    assert _me(old).status_code == 200

    new = password_change(user=user, current_password=DEFAULT_PASSWORD, new_password=NEW)

    response = _me(old)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "token_revoked"
    assert _me(new["access"]).status_code == 200


@pytest.mark.django_db
def test_deactivation_refuses_the_old_access_token_and_a_reactivated_user_must_sign_in_again(user):
    staff = UserFactory.create(is_staff=True)
    old = token_pair_for(user=user)["access"]

    user_deactivate(user=user, actor=staff)
    assert _me(old).status_code == 401
    user.is_active = True
    user.save(update_fields=["is_active"])

    assert _me(old).status_code == 401
    assert _me(token_pair_for(user=user)["access"]).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("user_id", ["not-a-uuid", 12, None, ["x"]], ids=["text", "int", "null", "list"])
def test_a_signed_token_naming_no_valid_user_id_answers_401(user, user_id):
    claims = {**AccessToken.for_user(user).payload, "user_id": user_id}
    claims.update(aud=settings.SIMPLE_JWT["AUDIENCE"], iss=settings.SIMPLE_JWT["ISSUER"])

    response = _me(jwt.encode(claims, settings.SIMPLE_JWT["SIGNING_KEY"], "HS256"))

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "token_not_valid"


# WebSockets ----------------------------------------------------------------------------------


async def _open(path: str, access: str) -> WebsocketCommunicator:
    communicator = WebsocketCommunicator(application, f"{path}?token={access}")
    connected, _ = await communicator.connect()
    assert connected
    assert (await communicator.receive_json_from(timeout=5))["type"] == "hello"
    return communicator


async def _assert_closed_4401(communicator: WebsocketCommunicator, timeout: float = 5) -> None:
    assert await communicator.receive_output(timeout=timeout) == {"type": "websocket.close", "code": 4401}
    await communicator.disconnect()


def _change_password(user):
    password_change(user=user, current_password=DEFAULT_PASSWORD, new_password=NEW)


def _deactivate(user):
    user_deactivate(user=user, actor=UserFactory.create(is_staff=True))


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", ["/ws/updates", "/ws/chat"])
@pytest.mark.parametrize("revoke", [_change_password, _deactivate], ids=["password-change", "deactivation"])
async def test_revocation_closes_open_sockets_with_4401(path, revoke):
    user = await sync_to_async(UserFactory.create)()
    other = await sync_to_async(UserFactory.create)()
    socket = await _open(path, (await sync_to_async(token_pair_for)(user=user))["access"])
    bystander = await _open(path, (await sync_to_async(token_pair_for)(user=other))["access"])

    await sync_to_async(revoke)(user)

    await _assert_closed_4401(socket)
    assert await bystander.receive_nothing(timeout=0.3)
    await bystander.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_a_socket_opened_with_the_new_token_survives_the_revocation_it_came_from():
    user = await sync_to_async(UserFactory.create)()
    old = await _open("/ws/updates", (await sync_to_async(token_pair_for)(user=user))["access"])
    pair = await sync_to_async(password_change)(user=user, current_password=DEFAULT_PASSWORD, new_password=NEW)
    await _assert_closed_4401(old)

    fresh = await _open("/ws/updates", pair["access"])

    assert await fresh.receive_nothing(timeout=0.3)
    await fresh.disconnect()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", ["/ws/updates", "/ws/chat"])
async def test_a_socket_closes_when_its_token_expires(path):
    user = await sync_to_async(UserFactory.create)()
    token = AccessToken.for_user(user)
    token.set_exp(lifetime=timedelta(seconds=3))  # a loaded machine can take over a second to connect
    socket = await _open(path, str(token))

    await _assert_closed_4401(socket, timeout=8)
