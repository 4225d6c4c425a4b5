"""The chat engine: streamed replies, the tool loop, confirmation, undo, fallback, usage."""

import json
from collections.abc import Iterator

import pytest

from apps.accounts.models import Notification
from apps.assistant.context import conversation_context
from apps.assistant.models import ActionStatus, AIActionLog, ChatMessage, Role
from apps.assistant.providers.base import Message, TextDelta, ToolSpec, TurnEvent, TurnFinished
from apps.assistant.providers.openai_compatible import OpenAICompatibleProvider
from apps.assistant.services.actions import action_confirm, action_reject, action_undo
from apps.assistant.services.chat import INTERRUPTED, MAX_TOOL_ROUNDS, chat_reply
from apps.assistant.services.conversations import conversation_create
from apps.assistant.tests.openai_server import Failure, FakeOpenAI, Reply
from maigie.errors import Conflict
from maigie.openai_client import OpenAISettings
from maigie.realtime import events

pytestmark = pytest.mark.usefixtures("notify_tool")


class ScriptedFallback:
    """A deterministic provider standing in for the fallback in these tests."""

    name = "offline"

    def stream_turn(self, *, messages: list[Message], tools: list[ToolSpec]) -> Iterator[TurnEvent]:
        yield TextDelta("offline answer")
        yield TurnFinished(prompt_tokens=3, completion_tokens=2, model="offline")


@pytest.fixture
def server():
    with FakeOpenAI() as fake:
        yield fake


@pytest.fixture
def provider(server):
    return OpenAICompatibleProvider(
        OpenAISettings(api_key="sk-test", base_url=server.base_url, model="gpt-test", timeout=5, max_retries=0)
    )


@pytest.fixture
def conversation(user):
    return conversation_create(user=user)


@pytest.fixture
def reply(user, conversation, provider, django_capture_on_commit_callbacks):
    def send(content: str):
        frames: list[dict] = []
        with django_capture_on_commit_callbacks(execute=True):
            result = chat_reply(
                user=user,
                conversation=conversation,
                content=content,
                provider=provider,
                fallback=ScriptedFallback(),
                context=conversation_context,
                emit=frames.append,
            )
        return result, frames

    return send


def published(user) -> list[dict]:
    raw = events._sync_client().zrange(f"maigie:rt:{user.pk}:log", 0, -1)
    return [json.loads(item) for item in raw]  # type: ignore[arg-type]


@pytest.mark.django_db
def test_a_text_reply_is_streamed_saved_and_counted(reply, server, user, conversation):
    server.script.append(Reply(text_chunks=["Hi ", "there!"], prompt_tokens=40, completion_tokens=3))

    result, frames = reply("hello")

    assert [frame["content"] for frame in frames if frame["type"] == "token"] == ["Hi ", "there!"]
    assert frames[-1] == {
        "type": "done",
        "message_id": str(result.message.pk),
        "content": "Hi there!",
        "actions": [],
        "citations": [],
    }
    message = ChatMessage.objects.get(pk=result.message.pk)
    assert (message.content, message.provider, message.model) == ("Hi there!", "openai", "gpt-test")
    assert (message.prompt_tokens, message.completion_tokens) == (40, 3)
    assert list(conversation.messages.values_list("role", "content")) == [
        (Role.USER, "hello"),
        (Role.ASSISTANT, "Hi there!"),
    ]
    conversation.refresh_from_db()
    assert conversation.title == "hello"
    sent = server.requests[0]["messages"]
    assert sent[0]["role"] == "system"
    assert sent[-1] == {"role": "user", "content": "hello"}


@pytest.mark.django_db
def test_tool_calls_run_through_services_and_results_go_back_to_the_model(reply, server, user):
    server.script.extend(
        [
            Reply(tool_calls=[("call_1", "notify", json.dumps({"title": "Revise", "count": 2}))]),
            Reply(text_chunks=["Added two reminders."], prompt_tokens=20, completion_tokens=5),
        ]
    )

    result, frames = reply("remind me twice to revise")

    assert Notification.objects.filter(user=user, title="Revise").count() == 2
    action = AIActionLog.objects.get(user=user)
    assert (action.action_type, action.status, action.result["created"]) == ("notify", ActionStatus.EXECUTED, 2)
    assert action.message_id == result.message.pk
    assert [frame["type"] for frame in frames] == ["ack", "action", "token", "done"]
    assert frames[1]["action"]["status"] == "executed"
    second_request = server.requests[1]["messages"]
    assert second_request[-2]["tool_calls"][0]["function"]["name"] == "notify"
    tool_message = second_request[-1]
    assert tool_message["role"] == "tool"
    assert tool_message["tool_call_id"] == "call_1"
    assert json.loads(tool_message["content"])["status"] == "executed"
    offered = {tool["function"]["name"]: tool["function"] for tool in server.requests[0]["tools"]}
    assert offered["notify"]["parameters"]["properties"]["count"]["maximum"] == 50
    assert result.message.prompt_tokens == 11 + 20
    kinds = [event["event"] for event in published(user)]
    assert kinds.count("notification.created") == 2
    assert "assistant.action" in kinds
    assert kinds[-1] == "chat.message"


@pytest.mark.django_db
def test_bulk_actions_are_proposed_and_run_only_when_confirmed(reply, server, user):
    server.script.extend([Reply(tool_calls=[("c", "notify", '{"title": "Bulk", "count": 11}')]), Reply()])

    _, frames = reply("eleven reminders")

    action = AIActionLog.objects.get(user=user)
    assert action.status == ActionStatus.PROPOSED
    assert frames[1]["type"] == "proposal"
    assert not Notification.objects.filter(user=user).exists()

    action_confirm(action=action)

    action.refresh_from_db()
    assert action.status == ActionStatus.EXECUTED
    assert Notification.objects.filter(user=user, title="Bulk").count() == 11
    with pytest.raises(Conflict):
        action_confirm(action=action)


@pytest.mark.django_db
def test_a_rejected_proposal_changes_nothing(reply, server, user):
    server.script.extend([Reply(tool_calls=[("c", "notify", '{"title": "Bulk", "count": 20}')]), Reply()])
    reply("twenty reminders")
    action = AIActionLog.objects.get(user=user)

    action_reject(action=action)

    action.refresh_from_db()
    assert action.status == ActionStatus.REJECTED
    assert not Notification.objects.exists()
    with pytest.raises(Conflict):
        action_confirm(action=action)


@pytest.mark.django_db
def test_undo_reverts_and_is_refused_after_a_later_edit(reply, server, user):
    server.script.extend(
        [
            Reply(tool_calls=[("c1", "notify", '{"title": "One"}')]),
            Reply(),
            Reply(tool_calls=[("c2", "notify", '{"title": "Two"}')]),
            Reply(),
        ]
    )
    reply("one")
    reply("two")
    first, second = AIActionLog.objects.filter(user=user).order_by("created_at")

    action_undo(action=first)
    assert not Notification.objects.filter(title="One").exists()
    assert AIActionLog.objects.get(pk=first.pk).status == ActionStatus.UNDONE

    Notification.objects.filter(title="Two").update(title="Two, edited")
    with pytest.raises(Conflict) as refused:
        action_undo(action=second)
    assert refused.value.code == "undo_conflict"
    assert Notification.objects.filter(title="Two, edited").exists()
    assert AIActionLog.objects.get(pk=second.pk).status == ActionStatus.EXECUTED


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "arguments", "error"),
    [
        ("notify", '{"title": ""}', "title"),
        ("notify", '{"title": "x", "colour": "red"}', "colour"),
        ("teleport", "{}", "Unknown tool"),
    ],
)
def test_bad_tool_calls_fail_and_change_nothing(reply, server, user, name, arguments, error):
    server.script.extend([Reply(tool_calls=[("c", name, arguments)]), Reply(text_chunks=["Sorry."])])

    reply("do it")

    action = AIActionLog.objects.get(user=user)
    assert action.status == ActionStatus.FAILED
    assert error in action.error
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_the_tool_loop_is_capped(reply, server, user):
    for index in range(MAX_TOOL_ROUNDS + 2):
        server.script.append(Reply(tool_calls=[(f"c{index}", "notify", '{"title": "again"}')]))

    reply("loop forever")

    assert len(server.requests) == MAX_TOOL_ROUNDS
    assert Notification.objects.filter(user=user).count() == MAX_TOOL_ROUNDS


@pytest.mark.django_db
def test_a_failing_provider_falls_back_to_the_offline_one(reply, server):
    server.script.append(Failure(status=500))

    result, frames = reply("hello?")

    assert result.message.provider == "offline"
    assert result.message.content == "offline answer"
    assert frames[-1]["content"] == "offline answer"


@pytest.mark.django_db
def test_a_failure_after_actions_reports_them_instead_of_repeating_them(reply, server, user):
    server.script.extend([Reply(tool_calls=[("c", "notify", '{"title": "Once"}')]), Failure(status=500)])

    result, _ = reply("remind me once")

    assert Notification.objects.filter(title="Once").count() == 1
    assert result.message.provider == "openai"
    assert result.message.content.endswith(INTERRUPTED)


@pytest.mark.django_db
def test_history_is_sent_back_within_the_budget(reply, server):
    server.script.extend([Reply(text_chunks=["first answer"]), Reply(text_chunks=["second answer"])])
    reply("first question")
    reply("second question")

    contents = [message["content"] for message in server.requests[1]["messages"][1:]]
    assert contents == ["first question", "first answer", "second question"]


@pytest.mark.django_db
def test_the_system_prompt_carries_the_learners_courses_goals_and_schedule(user):
    import datetime

    from django.utils import timezone

    from apps.learning.services import course_create
    from apps.planning.services.goals import goal_create
    from apps.planning.services.schedule import schedule_block_create

    user.timezone = "Europe/Paris"
    course_create(user=user, title="Calculus", modules=[{"title": "M", "topics": [{"title": "Limits"}]}])
    goal_create(user=user, title="Pass the exam", target_date=datetime.date(2030, 6, 1))
    start = timezone.now() + datetime.timedelta(days=1)
    schedule_block_create(user=user, title="Revision", start_time=start, end_time=start + datetime.timedelta(hours=1))

    prompt = conversation_context(user, conversation_create(user=user))[0].content

    assert "Europe/Paris" in prompt
    assert "Course “Calculus”: 0% done" in prompt
    assert "Goal “Pass the exam” (not started, 0%, due 2030-06-01)" in prompt
    assert "Scheduled “Revision”" in prompt
    assert "&" not in prompt  # plain text, not HTML-escaped
