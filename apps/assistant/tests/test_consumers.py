"""``/ws/chat``: authentication, conversations, streamed replies with actions, decisions, errors."""

import asyncio
import json
import os
import sys
import threading
import uuid

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from rest_framework.test import APIClient

from apps.accounts.models import Notification
from apps.accounts.services import token_pair_for
from apps.accounts.tests.factories import UserFactory
from apps.assistant import consumers
from apps.assistant.models import ChatMessage, Conversation
from apps.assistant.services.chat import CHAT_THROTTLE_SCOPE, MAX_MESSAGE_LENGTH
from apps.assistant.tests.openai_server import FakeOpenAI, Reply
from maigie.asgi import application

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("notify_tool")]


@pytest.fixture
def learner():
    return UserFactory.create()


@pytest.fixture
def access(learner):
    return token_pair_for(user=learner)["access"]


@pytest.fixture
def server(settings):
    with FakeOpenAI() as fake:
        settings.OPENAI_API_KEY = "sk-test"
        settings.OPENAI_BASE_URL = fake.base_url
        settings.OPENAI_MAX_RETRIES = 0
        yield fake


async def open_chat(query: str) -> WebsocketCommunicator:
    communicator = WebsocketCommunicator(application, f"/ws/chat{query}")
    connected, _ = await communicator.connect()
    assert connected
    return communicator


async def frames_until_done(communicator: WebsocketCommunicator, timeout: float = 10) -> list[dict]:
    frames = [await communicator.receive_json_from(timeout=timeout)]
    while frames[-1]["type"] != "done":
        frames.append(await communicator.receive_json_from(timeout=timeout))
    return frames


async def test_unauthenticated_chat_closes_with_4401():
    communicator = await open_chat("?token=bad")
    assert await communicator.receive_output() == {"type": "websocket.close", "code": 4401}
    await communicator.disconnect()  # end the app normally, not by cancelling it at the loop's teardown


async def test_without_a_conversation_a_new_one_is_started(access, learner):
    communicator = await open_chat(f"?token={access}")
    hello = await communicator.receive_json_from()
    assert hello["type"] == "hello"
    assert await Conversation.objects.filter(pk=hello["conversation_id"], user=learner).aexists()
    await communicator.disconnect()


async def test_a_started_conversation_nothing_was_said_in_is_removed_at_close(access, learner):
    communicator = await open_chat(f"?token={access}")
    hello = await communicator.receive_json_from()
    await communicator.send_json_to({"type": "message", "content": ""})  # refused: nothing is saved
    assert (await communicator.receive_json_from())["code"] == "validation_error"
    await communicator.disconnect()
    assert not await Conversation.objects.filter(pk=hello["conversation_id"]).aexists()


async def test_a_conversation_is_kept_at_close_once_something_was_said(server, access, learner):
    server.script.append(Reply(text_chunks=["Hello."]))
    communicator = await open_chat(f"?token={access}")
    hello = await communicator.receive_json_from()
    await communicator.send_json_to({"type": "message", "content": "Hi"})
    await frames_until_done(communicator)
    await communicator.disconnect()
    assert await Conversation.objects.filter(pk=hello["conversation_id"], user=learner).aexists()


async def test_a_resumed_empty_conversation_is_kept_at_close(access, learner):
    conversation = await Conversation.objects.acreate(user=learner, title="Made over REST")
    communicator = await open_chat(f"?token={access}&conversation={conversation.pk}")
    await communicator.receive_json_from()
    await communicator.disconnect()
    assert await Conversation.objects.filter(pk=conversation.pk).aexists()


async def test_an_existing_conversation_is_resumed(access, learner):
    conversation = await Conversation.objects.acreate(user=learner, title="Old")
    communicator = await open_chat(f"?token={access}&conversation={conversation.pk}")
    assert (await communicator.receive_json_from())["conversation_id"] == str(conversation.pk)
    await communicator.disconnect()


async def test_another_users_conversation_closes_with_4404(access):
    other = await UserFactory._meta.model.objects.acreate(email="someone@example.com")
    theirs = await Conversation.objects.acreate(user=other)
    communicator = await open_chat(f"?token={access}&conversation={theirs.pk}")
    assert await communicator.receive_output() == {"type": "websocket.close", "code": 4404}


async def test_an_invalid_conversation_id_closes_with_4400(access):
    communicator = await open_chat(f"?token={access}&conversation=not-a-uuid")
    assert await communicator.receive_output() == {"type": "websocket.close", "code": 4400}


async def test_a_reply_streams_ack_actions_tokens_and_done(server, access, learner):
    server.script.extend(
        [Reply(tool_calls=[("c1", "notify", '{"title": "Revise"}')]), Reply(text_chunks=["Added ", "it."])]
    )
    communicator = await open_chat(f"?token={access}")
    await communicator.receive_json_from()

    await communicator.send_json_to({"type": "message", "content": "remind me", "client_id": "m1"})
    frames = await frames_until_done(communicator)

    assert [frame["type"] for frame in frames] == ["ack", "action", "token", "token", "done"]
    assert frames[0]["client_id"] == "m1"
    assert frames[1]["action"]["status"] == "executed"
    assert [frame["index"] for frame in frames[2:4]] == [0, 1]
    assert frames[-1]["content"] == "Added it."
    assert len({frame["message_id"] for frame in frames}) == 1
    assert await Notification.objects.filter(user=learner, title="Revise").acount() == 1
    await communicator.disconnect()


async def test_messages_are_answered_in_order(server, access):
    server.script.extend([Reply(text_chunks=["first"]), Reply(text_chunks=["second"])])
    communicator = await open_chat(f"?token={access}")
    await communicator.receive_json_from()

    await communicator.send_json_to({"type": "message", "content": "one", "client_id": "a"})
    await communicator.send_json_to({"type": "message", "content": "two", "client_id": "b"})
    first, second = await frames_until_done(communicator), await frames_until_done(communicator)

    assert (first[0]["client_id"], first[-1]["content"]) == ("a", "first")
    assert (second[0]["client_id"], second[-1]["content"]) == ("b", "second")
    await communicator.disconnect()


async def test_two_sockets_turns_are_answered_at_once(server, access, learner):
    """Each reply is held until the other turn has asked the model too: both in flight on the chat threads."""
    meet = threading.Barrier(2, timeout=10)
    server.script.extend([Reply(text_chunks=["together"], meet=meet), Reply(text_chunks=["together"], meet=meet)])
    first, second = await open_chat(f"?token={access}"), await open_chat(f"?token={access}")
    try:
        await first.receive_json_from()
        await second.receive_json_from()
        await first.send_json_to({"type": "message", "content": "one"})
        await second.send_json_to({"type": "message", "content": "two"})
        replies = await asyncio.gather(frames_until_done(first, timeout=30), frames_until_done(second, timeout=30))
    finally:
        await first.disconnect()
        await second.disconnect()

    assert [frames[-1]["content"] for frames in replies] == ["together", "together"]
    assert not meet.broken


async def test_a_proposal_is_confirmed_with_a_frame(server, access, learner):
    server.script.extend([Reply(tool_calls=[("c1", "notify", '{"title": "Bulk", "count": 11}')]), Reply()])
    communicator = await open_chat(f"?token={access}")
    await communicator.receive_json_from()
    await communicator.send_json_to({"type": "message", "content": "eleven reminders"})
    proposal = next(frame for frame in await frames_until_done(communicator) if frame["type"] == "proposal")
    assert await Notification.objects.filter(user=learner).acount() == 0

    await communicator.send_json_to({"type": "confirm", "action_id": proposal["action"]["id"]})
    confirmed = await communicator.receive_json_from(timeout=10)

    assert confirmed["type"] == "action"
    assert confirmed["action"]["status"] == "executed"
    assert await Notification.objects.filter(user=learner).acount() == 11
    await communicator.send_json_to({"type": "reject", "action_id": proposal["action"]["id"]})
    assert (await communicator.receive_json_from())["code"] == "invalid_action_status"
    await communicator.send_json_to({"type": "confirm", "action_id": str(uuid.uuid4())})
    assert (await communicator.receive_json_from())["code"] == "not_found"
    await communicator.disconnect()


async def test_the_offline_provider_answers_without_a_key(settings, access, learner):
    settings.OPENAI_API_KEY = ""
    conversation = await Conversation.objects.acreate(user=learner)
    communicator = await open_chat(f"?token={access}&conversation={conversation.pk}")
    await communicator.receive_json_from()
    await communicator.send_json_to({"type": "message", "content": "hi!"})
    frames = await frames_until_done(communicator)
    assert frames[-1]["content"].startswith("Hi! What are we studying today? I can create")
    assert await ChatMessage.objects.filter(conversation=conversation, provider="offline").aexists()
    await communicator.disconnect()


@pytest.mark.parametrize("content", ["", "   ", None, "x" * 4001])
async def test_invalid_message_content_gets_an_error_frame(access, content):
    communicator = await open_chat(f"?token={access}")
    await communicator.receive_json_from()
    await communicator.send_json_to({"type": "message", "content": content, "client_id": "c1"})
    error = await communicator.receive_json_from()
    assert (error["type"], error["code"], error["client_id"]) == ("error", "validation_error", "c1")
    await communicator.send_json_to({"type": "ping"})
    assert await communicator.receive_json_from() == {"type": "pong"}
    await communicator.disconnect()


async def test_messages_share_the_chat_rate_limit_with_the_rest_api(settings, access, learner):
    settings.OPENAI_API_KEY = ""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], CHAT_THROTTLE_SCOPE: "2/min"},
    }
    conversation = await Conversation.objects.acreate(user=learner)
    posted = await sync_to_async(rest_post)(access, conversation)  # one of the two, spent over REST
    assert posted == 201
    communicator = await open_chat(f"?token={access}&conversation={conversation.pk}")
    await communicator.receive_json_from()

    await communicator.send_json_to({"type": "message", "content": "hi!", "client_id": "a"})
    assert (await frames_until_done(communicator))[0]["client_id"] == "a"
    await communicator.send_json_to({"type": "message", "content": "again", "client_id": "b"})
    error = await communicator.receive_json_from()

    assert (error["type"], error["code"], error["client_id"]) == ("error", "throttled", "b")
    retry_after = error["details"]["retry_after"]
    assert 0 < retry_after <= 60
    assert error["message"] == f"Request was throttled. Expected available in {retry_after} seconds."
    said = ChatMessage.objects.filter(conversation=conversation, role="user").values_list("content", flat=True)
    contents = [content async for content in said]
    assert sorted(contents) == ["hi!", "rest"]
    assert await sync_to_async(rest_post)(access, conversation) == 429
    await communicator.send_json_to({"type": "ping"})
    assert await communicator.receive_json_from() == {"type": "pong"}
    await communicator.disconnect()


def rest_answer(access, conversation, content, accept):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    url = f"/api/v1/chat/conversations/{conversation.pk}/messages/"
    response = client.post(url, {"content": content}, format="json", HTTP_ACCEPT=accept)
    body = response.getvalue()
    return response.status_code, body.decode()


async def test_rest_json_server_sent_events_and_the_socket_share_one_length_limit(settings, access, learner):
    settings.OPENAI_API_KEY = ""
    conversation = await Conversation.objects.acreate(user=learner)
    longest, too_long = "x" * MAX_MESSAGE_LENGTH, "x" * (MAX_MESSAGE_LENGTH + 1)
    for accept in ("application/json", "text/event-stream"):  # an SSE refusal is one error event
        status, body = await sync_to_async(rest_answer)(access, conversation, too_long, accept)
        assert status == 400
        if accept == "application/json":  # maigie.json_errors rewrites the SSE error event as a bare 400
            assert json.loads(body)["error"]["code"] == "validation_error"
        status, body = await sync_to_async(rest_answer)(access, conversation, longest, accept)
        assert status == 201
        assert ("event: done" in body) == (accept == "text/event-stream")
    communicator = await open_chat(f"?token={access}&conversation={conversation.pk}")
    await communicator.receive_json_from()
    await communicator.send_json_to({"type": "message", "content": too_long, "client_id": "c1"})
    error = await communicator.receive_json_from()
    assert (error["type"], error["code"]) == ("error", "validation_error")
    assert str(MAX_MESSAGE_LENGTH) in error["message"]
    await communicator.send_json_to({"type": "message", "content": longest, "client_id": "c2"})
    assert (await frames_until_done(communicator))[-1]["type"] == "done"
    await communicator.disconnect()
    said = ChatMessage.objects.filter(conversation=conversation, role="user").values_list("content", flat=True)
    assert [content async for content in said] == [longest] * 3


def rest_post(access: str, conversation: Conversation) -> int:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    url = f"/api/v1/chat/conversations/{conversation.pk}/messages/"
    return client.post(url, {"content": "rest"}, format="json").status_code


async def test_a_message_with_u0000_gets_an_error_frame_and_nothing_is_stored(access, learner):
    """PostgreSQL cannot store U+0000: the frame used to crash the consumer (1011)."""
    communicator = await open_chat(f"?token={access}")
    await communicator.receive_json_from()
    await communicator.send_to(text_data='{"type": "message", "content": "plan my week\\u0000", "client_id": "c1"}')
    error = await communicator.receive_json_from()
    assert (error["type"], error["code"]) == ("error", "bad_frame")
    assert "U+0000" in error["details"]["forbidden_characters"]
    assert not await ChatMessage.objects.filter(conversation__user=learner).aexists()
    await communicator.send_json_to({"type": "ping"})
    assert await communicator.receive_json_from() == {"type": "pong"}
    await communicator.disconnect()


async def test_rest_json_server_sent_events_and_the_socket_tell_the_model_the_learners_facts(server, access, learner):
    from apps.assistant.services.memory import fact_remember

    await sync_to_async(fact_remember)(user=learner, text="I prefer mornings")
    await sync_to_async(fact_remember)(user=await sync_to_async(UserFactory.create)(), text="I live in Paris")
    server.script.extend([Reply(text_chunks=["ok"]) for _ in range(3)])
    conversation = await Conversation.objects.acreate(user=learner)
    for accept in ("application/json", "text/event-stream"):
        status, _ = await sync_to_async(rest_answer)(access, conversation, "hello", accept)
        assert status == 201
    communicator = await open_chat(f"?token={access}&conversation={conversation.pk}")
    await communicator.receive_json_from()
    await communicator.send_json_to({"type": "message", "content": "hello", "client_id": "c1"})
    assert (await frames_until_done(communicator))[-1]["type"] == "done"
    await communicator.disconnect()
    prompts = [request["messages"][0]["content"] for request in server.requests]
    assert len(prompts) == 3
    assert all("The learner told you: I prefer mornings" in prompt and "Paris" not in prompt for prompt in prompts)


@pytest.mark.skipif(sys.platform != "linux", reason="a per-thread nice value is a Linux feature")
def test_chat_turns_run_below_the_request_path(settings):
    """A chat thread's nice value is raised by CHAT_THREAD_NICE, so HTTP workers win the CPU from chat turns."""

    def priority() -> int:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    here = priority()
    there = {consumers._chat_threads.submit(priority).result() for _ in range(consumers.CHAT_THREADS * 2)}

    assert settings.CHAT_THREAD_NICE > 0
    assert there == {min(19, here + settings.CHAT_THREAD_NICE)}
