"""``/ws/updates``: JWT auth (close 4401), hello, ping/pong, and published events."""

from datetime import timedelta

import jwt
import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from rest_framework_simplejwt.tokens import AccessToken

from apps.accounts.services import token_pair_for
from apps.accounts.tests.factories import UserFactory
from maigie.asgi import application
from maigie.realtime.publish import publish

pytestmark = pytest.mark.django_db(transaction=True)


async def connect(query: str) -> tuple[WebsocketCommunicator, bool]:
    communicator = WebsocketCommunicator(application, f"/ws/updates{query}")
    connected, _ = await communicator.connect()
    return communicator, connected


async def assert_closed_unauthenticated(query: str) -> None:
    communicator, connected = await connect(query)
    assert connected  # accepted only to say why it closes
    assert await communicator.receive_output() == {"type": "websocket.close", "code": 4401}
    await communicator.disconnect()


@pytest.fixture
def learner():
    return UserFactory.create()


@pytest.fixture
def tokens(learner):
    return token_pair_for(user=learner)


@pytest.fixture
def other_tokens():
    return token_pair_for(user=UserFactory.create())


async def test_missing_token_closes_with_4401():
    await assert_closed_unauthenticated("")


async def test_garbage_token_closes_with_4401():
    await assert_closed_unauthenticated("?token=garbage")


async def test_expired_token_closes_with_4401(learner):
    token = AccessToken.for_user(learner)
    token.set_exp(lifetime=-timedelta(seconds=1))
    await assert_closed_unauthenticated(f"?token={token}")


def forged(learner, **changes) -> str:
    algorithm = changes.pop("alg", settings.SIMPLE_JWT["ALGORITHM"])
    payload = {
        **AccessToken.for_user(learner).payload,
        "aud": settings.SIMPLE_JWT["AUDIENCE"],
        "iss": settings.SIMPLE_JWT["ISSUER"],
        **changes,
    }
    key = settings.SIMPLE_JWT["SIGNING_KEY"] if algorithm != "none" else ""
    return jwt.encode(payload, key, algorithm=algorithm)


async def test_token_for_another_audience_closes_with_4401(learner):
    await assert_closed_unauthenticated(f"?token={forged(learner, aud='some-other-api')}")


async def test_token_from_another_issuer_closes_with_4401(learner):
    await assert_closed_unauthenticated(f"?token={forged(learner, iss='someone-else')}")


async def test_unsigned_alg_none_token_closes_with_4401(learner):
    await assert_closed_unauthenticated(f"?token={forged(learner, alg='none')}")


async def test_well_formed_token_passes_the_forging_helper(learner):
    communicator, _connected = await connect(f"?token={forged(learner)}")
    assert (await communicator.receive_json_from())["type"] == "hello"
    await communicator.disconnect()


async def test_refresh_token_is_not_an_access_token(tokens):
    await assert_closed_unauthenticated(f"?token={tokens['refresh']}")


async def test_inactive_user_closes_with_4401(learner, tokens):
    learner.is_active = False
    await learner.asave()
    await assert_closed_unauthenticated(f"?token={tokens['access']}")


async def test_valid_token_gets_hello_and_pong(learner, tokens):
    communicator, connected = await connect(f"?token={tokens['access']}")
    assert connected
    assert await communicator.receive_json_from() == {"type": "hello", "user_id": str(learner.pk)}

    await communicator.send_json_to({"type": "ping"})
    assert await communicator.receive_json_from() == {"type": "pong"}

    await communicator.send_json_to({"type": "dance"})
    assert (await communicator.receive_json_from())["code"] == "unknown_type"
    await communicator.disconnect()


async def test_published_events_reach_only_their_user(learner, tokens, other_tokens):
    mine, _ = await connect(f"?token={tokens['access']}")
    theirs, _ = await connect(f"?token={other_tokens['access']}")
    await mine.receive_json_from()
    await theirs.receive_json_from()

    await sync_to_async(publish)(user_id=learner.pk, event="course.updated", data={"id": "c1"})

    frame = await mine.receive_json_from(timeout=5)
    assert frame["type"] == "event"
    assert frame["event"] == "course.updated"
    assert frame["data"] == {"id": "c1"}
    assert await theirs.receive_nothing(timeout=0.5)
    await mine.disconnect()
    await theirs.disconnect()
