"""The OpenAI-compatible provider, driving the real ``openai`` client against a local server."""

import json

import pytest

from apps.assistant.providers.base import (
    Message,
    ProviderError,
    TextDelta,
    ToolCall,
    ToolCallsRequested,
    ToolSpec,
    TurnFinished,
)
from apps.assistant.providers.openai_compatible import OpenAICompatibleProvider
from apps.assistant.tests.openai_server import Failure, FakeOpenAI, Reply
from maigie.openai_client import OpenAISettings

CREATE_NOTE = ToolSpec(
    name="create_note",
    description="Create a note.",
    parameters={"type": "object", "properties": {"title": {"type": "string"}}, "required": ["title"]},
)


@pytest.fixture
def server():
    with FakeOpenAI() as fake:
        yield fake


def provider_for(server: FakeOpenAI, *, max_retries: int = 2, timeout: float = 5.0) -> OpenAICompatibleProvider:
    return OpenAICompatibleProvider(
        OpenAISettings(
            api_key="sk-test", base_url=server.base_url, model="test-model", timeout=timeout, max_retries=max_retries
        )
    )


def run_turn(provider, messages=None, tools=None):
    return list(provider.stream_turn(messages=messages or [Message(role="user", content="hi")], tools=tools or []))


def test_text_streams_in_order_and_usage_is_reported(server):
    server.script.append(Reply(text_chunks=["Hel", "lo ", "there"], prompt_tokens=12, completion_tokens=3))

    events = run_turn(provider_for(server))

    assert [event.text for event in events if isinstance(event, TextDelta)] == ["Hel", "lo ", "there"]
    assert events[-1] == TurnFinished(prompt_tokens=12, completion_tokens=3, model="test-model")
    assert not any(isinstance(event, ToolCallsRequested) for event in events)


def test_request_carries_model_key_messages_and_tools(server):
    server.script.append(Reply(text_chunks=["ok"]))
    history = [
        Message(role="system", content="be brief"),
        Message(role="user", content="note this"),
        Message(role="assistant", tool_calls=(ToolCall(id="c1", name="create_note", arguments={"title": "x"}),)),
        Message(role="tool", content='{"id": "n1"}', tool_call_id="c1"),
    ]

    run_turn(provider_for(server), messages=history, tools=[CREATE_NOTE])

    request = server.requests[0]
    assert request["model"] == "test-model"
    assert request["stream"] is True
    assert server.headers[0]["authorization"] == "Bearer sk-test"
    assert request["tools"] == [
        {
            "type": "function",
            "function": {"name": "create_note", "description": "Create a note.", "parameters": CREATE_NOTE.parameters},
        }
    ]
    assert request["messages"][2]["tool_calls"][0]["function"] == {"name": "create_note", "arguments": '{"title": "x"}'}
    assert request["messages"][3] == {"role": "tool", "content": '{"id": "n1"}', "tool_call_id": "c1"}


def test_streamed_tool_call_fragments_are_assembled(server):
    arguments = {"title": "Organic chemistry", "modules": [{"title": "Alkanes"}]}
    server.script.append(
        Reply(tool_calls=[("call_a", "create_course", json.dumps(arguments)), ("call_b", "get_progress", "{}")])
    )

    events = run_turn(provider_for(server), tools=[CREATE_NOTE])

    requested = next(event for event in events if isinstance(event, ToolCallsRequested))
    assert requested.calls == (
        ToolCall(id="call_a", name="create_course", arguments=arguments),
        ToolCall(id="call_b", name="get_progress", arguments={}),
    )


def test_rate_limits_and_server_errors_are_retried(server):
    server.script.extend([Failure(status=429, retry_after="0"), Failure(status=503), Reply(text_chunks=["done"])])

    events = run_turn(provider_for(server, max_retries=2))

    assert [event.text for event in events if isinstance(event, TextDelta)] == ["done"]
    assert len(server.requests) == 3


def test_persistent_failure_raises_provider_error_after_the_retries(server):
    server.script.extend([Failure(status=500)] * 3)

    with pytest.raises(ProviderError, match="InternalServerError"):
        run_turn(provider_for(server, max_retries=1))
    assert len(server.requests) == 2


def test_client_errors_are_not_retried(server):
    server.script.append(Failure(status=400))

    with pytest.raises(ProviderError, match="BadRequestError"):
        run_turn(provider_for(server, max_retries=3))
    assert len(server.requests) == 1


def test_a_slow_server_times_out(server):
    server.script.append(Reply(text_chunks=["late"], delay=1.0))

    with pytest.raises(ProviderError, match="Timeout"):
        run_turn(provider_for(server, max_retries=0, timeout=0.3))


def test_invalid_tool_arguments_are_a_provider_error(server):
    server.script.append(Reply(tool_calls=[("call_a", "create_note", '{"title": ')]))

    with pytest.raises(ProviderError, match="invalid JSON"):
        run_turn(provider_for(server))
