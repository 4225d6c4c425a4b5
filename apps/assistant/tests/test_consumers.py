"""``/ws/chat``: authentication, per-conversation hello, ordered streamed replies, error frames."""

import uuid

import pytest
from channels.testing import WebsocketCommunicator

from apps.accounts.services import token_pair_for
from apps.accounts.tests.factories import UserFactory
from maigie.asgi import application

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def access():
    return token_pair_for(user=UserFactory.create())["access"]


async def open_chat(query: str) -> WebsocketCommunicator:
    communicator = WebsocketCommunicator(application, f"/ws/chat{query}")
    connected, _ = await communicator.connect()
    assert connected
    return communicator


async def test_unauthenticated_chat_closes_with_4401():
    communicator = await open_chat("?token=bad")
    assert await communicator.receive_output() == {"type": "websocket.close", "code": 4401}


async def test_hello_names_the_requested_conversation(access):
    conversation = str(uuid.uuid4())
    communicator = await open_chat(f"?token={access}&conversation={conversation}")
    hello = await communicator.receive_json_from()
    assert hello["type"] == "hello"
    assert hello["conversation_id"] == conversation
    await communicator.disconnect()


async def test_an_invalid_conversation_id_closes_with_4400(access):
    communicator = await open_chat(f"?token={access}&conversation=not-a-uuid")
    assert await communicator.receive_output() == {"type": "websocket.close", "code": 4400}


async def test_messages_are_acknowledged_streamed_and_done_in_order(access):
    communicator = await open_chat(f"?token={access}")
    await communicator.receive_json_from()

    await communicator.send_json_to({"type": "message", "content": "plan my week please", "client_id": "a"})
    await communicator.send_json_to({"type": "message", "content": "thanks", "client_id": "b"})

    frames: list[dict] = []
    while len([frame for frame in frames if frame["type"] == "done"]) < 2:
        frames.append(await communicator.receive_json_from(timeout=5))
    first_ack, *rest = frames
    assert first_ack["type"] == "ack"
    assert first_ack["client_id"] == "a"
    first_id = first_ack["message_id"]
    first_tokens = [frame for frame in rest if frame.get("message_id") == first_id and frame["type"] == "token"]
    assert "".join(frame["content"] for frame in first_tokens) == "plan my week please"
    assert [frame["index"] for frame in first_tokens] == list(range(len(first_tokens)))
    kinds = [frame["type"] for frame in frames]
    assert kinds.index("done") < next(i for i, f in enumerate(frames) if f.get("client_id") == "b")
    assert frames[-1] == {"type": "done", "message_id": frames[-1]["message_id"], "content": "thanks", "actions": []}
    await communicator.disconnect()


@pytest.mark.parametrize("content", ["", "   ", None, "x" * 4001])
async def test_invalid_message_content_gets_an_error_frame(access, content):
    communicator = await open_chat(f"?token={access}")
    await communicator.receive_json_from()
    await communicator.send_json_to({"type": "message", "content": content, "client_id": "c1"})
    error = await communicator.receive_json_from()
    assert error["type"] == "error"
    assert error["code"] == "validation_error"
    assert error["client_id"] == "c1"
    await communicator.send_json_to({"type": "ping"})
    assert await communicator.receive_json_from() == {"type": "pong"}  # still open
    await communicator.disconnect()
