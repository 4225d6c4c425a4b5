"""The chat REST API: conversations, replies as JSON and as server-sent events, decisions."""

import json

import pytest

from apps.accounts.models import Notification
from apps.assistant.models import ActionStatus, AIActionLog, ChatMessage
from apps.assistant.services.chat import CHAT_THROTTLE_SCOPE
from apps.assistant.services.conversations import conversation_create
from apps.assistant.tests.openai_server import FakeOpenAI, Reply
from apps.learning.tests.factories import CourseFactory, ModuleFactory, TopicFactory
from apps.planning.tests.factories import ScheduleBlockFactory

pytestmark = pytest.mark.usefixtures("notify_tool")


@pytest.fixture
def server(settings):
    with FakeOpenAI() as fake:
        settings.OPENAI_API_KEY = "sk-test"
        settings.OPENAI_BASE_URL = fake.base_url
        settings.OPENAI_MAX_RETRIES = 0
        yield fake


@pytest.fixture
def conversation(user):
    return conversation_create(user=user, title="Week plan")


def messages_url(conversation) -> str:
    return f"/api/v1/chat/conversations/{conversation.pk}/messages/"


@pytest.mark.django_db
def test_conversations_are_created_listed_read_and_deleted(auth_client, user):
    created = auth_client.post("/api/v1/chat/conversations/", {"title": "Chemistry"}, format="json")
    assert created.status_code == 201
    pk = created.json()["id"]

    listing = auth_client.get("/api/v1/chat/conversations/").json()
    assert listing["count"] == 1
    assert listing["results"][0]["title"] == "Chemistry"
    assert auth_client.get(f"/api/v1/chat/conversations/{pk}/").json()["title"] == "Chemistry"

    assert auth_client.delete(f"/api/v1/chat/conversations/{pk}/").status_code == 204
    assert auth_client.get(f"/api/v1/chat/conversations/{pk}/").status_code == 404


@pytest.mark.django_db
def test_another_users_conversations_and_actions_are_404(auth_client, other_user):
    theirs = conversation_create(user=other_user)
    action = AIActionLog.objects.create(user=other_user, action_type="notify", status=ActionStatus.PROPOSED)

    assert auth_client.get(f"/api/v1/chat/conversations/{theirs.pk}/").status_code == 404
    assert auth_client.get(messages_url(theirs)).status_code == 404
    assert auth_client.post(messages_url(theirs), {"content": "hi"}, format="json").status_code == 404
    assert auth_client.delete(f"/api/v1/chat/conversations/{theirs.pk}/").status_code == 404
    for decision in ("confirm", "reject", "undo"):
        response = auth_client.post(f"/api/v1/chat/actions/{action.pk}/{decision}")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
    assert AIActionLog.objects.get(pk=action.pk).status == ActionStatus.PROPOSED
    assert not ChatMessage.objects.exists()


@pytest.mark.django_db
def test_posting_a_message_returns_the_reply_and_its_actions(auth_client, server, user, conversation):
    server.script.extend(
        [Reply(tool_calls=[("c1", "notify", '{"title": "Revise"}')]), Reply(text_chunks=["Done, ", "added it."])]
    )

    response = auth_client.post(messages_url(conversation), {"content": "remind me to revise"}, format="json")

    assert response.status_code == 201
    body = response.json()
    assert body["message"]["role"] == "assistant"
    assert body["message"]["content"] == "Done, added it."
    assert [(action["type"], action["status"]) for action in body["actions"]] == [("notify", "executed")]
    assert Notification.objects.filter(user=user, title="Revise").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("content", ["", "   ", "x" * 4001])
def test_bad_message_content_is_400_and_nothing_is_saved(auth_client, server, conversation, content):
    response = auth_client.post(messages_url(conversation), {"content": content}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["details"].keys() == {"content"}
    assert not ChatMessage.objects.exists()
    assert server.requests == []


@pytest.mark.django_db
def test_message_history_lists_in_constant_queries(auth_client, server, conversation, django_assert_max_num_queries):
    for index in range(3):
        server.script.extend([Reply(tool_calls=[(f"c{index}", "notify", '{"title": "x"}')]), Reply(text_chunks=["ok"])])
        auth_client.post(messages_url(conversation), {"content": f"message {index}"}, format="json")

    for page_size in (2, 6):
        with django_assert_max_num_queries(6):
            page = auth_client.get(f"{messages_url(conversation)}?page_size={page_size}").json()
        assert len(page["results"]) == page_size
    assert page["count"] == 6
    assert [message["role"] for message in page["results"]] == ["user", "assistant"] * 3
    assert page["results"][1]["actions"][0]["type"] == "notify"

    latest = auth_client.get(f"{messages_url(conversation)}?page_size=2&ordering=-created_at").json()
    assert [m["content"] for m in latest["results"]] == ["ok", "message 2"]
    assert auth_client.get(f"{messages_url(conversation)}?ordering=title").status_code == 400


@pytest.mark.django_db(transaction=True)
def test_server_sent_events_stream_the_reply(auth_client, server, conversation):
    server.script.append(Reply(text_chunks=["Hello ", "again"]))

    response = auth_client.post(
        messages_url(conversation), {"content": "hi"}, format="json", HTTP_ACCEPT="text/event-stream"
    )

    assert response.status_code == 201
    assert response["Content-Type"] == "text/event-stream"
    blocks = [block for block in b"".join(response.streaming_content).decode().split("\n\n") if block]
    events = [
        (block.split("\n")[0][len("event: ") :], json.loads(block.split("\n")[1][len("data: ") :])) for block in blocks
    ]
    assert [kind for kind, _ in events] == ["ack", "token", "token", "done"]
    assert events[-1][1]["content"] == "Hello again"


@pytest.mark.django_db
def test_confirm_reject_and_undo_endpoints(auth_client, server, user, conversation):
    server.script.extend(
        [
            Reply(tool_calls=[("c1", "notify", '{"title": "Bulk", "count": 12}')]),
            Reply(),
            Reply(tool_calls=[("c2", "notify", '{"title": "Bulk again", "count": 15}')]),
            Reply(),
        ]
    )
    first = auth_client.post(messages_url(conversation), {"content": "12 please"}, format="json").json()["actions"][0]
    second = auth_client.post(messages_url(conversation), {"content": "15 please"}, format="json").json()["actions"][0]
    assert first["status"] == second["status"] == "proposed"

    confirmed = auth_client.post(f"/api/v1/chat/actions/{first['id']}/confirm")
    assert confirmed.status_code == 200
    assert confirmed.json()["status"] == "executed"
    assert Notification.objects.filter(user=user).count() == 12

    again = auth_client.post(f"/api/v1/chat/actions/{first['id']}/confirm")
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "invalid_action_status"

    assert auth_client.post(f"/api/v1/chat/actions/{second['id']}/reject").json()["status"] == "rejected"
    assert Notification.objects.filter(user=user).count() == 12

    undone = auth_client.post(f"/api/v1/chat/actions/{first['id']}/undo")
    assert undone.json()["status"] == "undone"
    assert not Notification.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_without_a_key_the_offline_provider_answers(auth_client, settings, conversation):
    settings.OPENAI_API_KEY = ""

    response = auth_client.post(messages_url(conversation), {"content": "hello there"}, format="json")

    assert response.status_code == 201
    message = response.json()["message"]
    assert message["provider"] == "offline"
    assert message["content"].startswith("Hi! What are we studying today? I can create and organise courses")
    assert message["prompt_tokens"] > 0


@pytest.mark.django_db
def test_an_offline_chat_turn_runs_in_fixed_queries(
    auth_client, settings, user, conversation, django_assert_num_queries
):
    """The turn ``bench.mixed`` sends: context, passages, learner items, the insights tool (docs/performance.md)."""
    settings.OPENAI_API_KEY = ""
    course = CourseFactory(user=user, title="Biology")
    TopicFactory(module=ModuleFactory(course=course, title="Cells"), title="Mitosis")
    ScheduleBlockFactory(user=user, title="Study", course=course)
    content = {"content": "What should I study next?"}
    auth_client.post(messages_url(conversation), content, format="json")  # the day's usage row is created

    with django_assert_num_queries(35):  # 36 once the history outgrows the prompt (the summary is saved)
        response = auth_client.post(messages_url(conversation), content, format="json")

    assert response.status_code == 201
    assert [action["type"] for action in response.json()["actions"]] == ["get_insights"]
    assert response.json()["message"]["content"].startswith("Streak: 0 day(s)")


@pytest.mark.django_db
def test_posting_messages_is_rate_limited_in_the_chat_scope(auth_client, settings, conversation):
    settings.OPENAI_API_KEY = ""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], CHAT_THROTTLE_SCOPE: "2/min"},
    }
    statuses = [
        auth_client.post(messages_url(conversation), {"content": f"hi {n}"}, format="json").status_code
        for n in range(3)
    ]
    assert statuses == [201, 201, 429]
    assert auth_client.get(messages_url(conversation)).status_code == 200
    assert ChatMessage.objects.filter(role="user").count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("content", ["study at 25:00", "schedule linear algebra every day at 24:30"])
def test_an_offline_reply_to_a_wording_its_rules_fail_on_is_an_answer_not_a_500(
    auth_client, settings, conversation, content
):
    settings.OPENAI_API_KEY = ""
    response = auth_client.post(messages_url(conversation), {"content": content}, format="json")

    assert response.status_code == 201
    assert response.json()["message"]["content"]  # answered as not understood
    assert response.json()["actions"] == []
    replies = ChatMessage.objects.filter(conversation=conversation, role="assistant")
    assert [reply.content for reply in replies] == [response.json()["message"]["content"]]
