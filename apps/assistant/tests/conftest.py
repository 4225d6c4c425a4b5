"""Fixtures of the assistant's tests."""

import pytest

from apps.assistant.context import conversation_context
from apps.assistant.offline.learner import learner_items
from apps.assistant.providers.base import ToolCall
from apps.assistant.providers.offline import OfflineProvider
from apps.assistant.services.actions import action_run
from apps.assistant.services.chat import chat_reply
from apps.assistant.services.conversations import conversation_create
from apps.assistant.tests.tools import NotifyArguments, run_notify, undo_notify
from apps.assistant.tools.registry import Tool, register, unregister


@pytest.fixture
def notify_tool():
    """Registers the ``notify`` test tool for the duration of a test."""
    tool = register(
        Tool(
            name="notify",
            description="Add notifications.",
            arguments=NotifyArguments,
            run=run_notify,
            undo=undo_notify,
            object_count=lambda arguments: arguments.count,
        )
    )
    yield tool
    unregister("notify")


@pytest.fixture
def run_tool(user, django_capture_on_commit_callbacks):
    """Runs a tool call as ``user`` the way the chat turn does, with on-commit work executed."""

    def call(name: str, **arguments):
        with django_capture_on_commit_callbacks(execute=True):
            return action_run(user=user, call=ToolCall(id="c1", name=name, arguments=arguments), message=None)

    return call


@pytest.fixture
def say(user, django_capture_on_commit_callbacks):
    """Sends what ``user`` says, one conversation, through the offline provider the way the chat turn does: the
    provider in the learner's zone, references resolved against their items, on-commit work executed."""
    conversation = conversation_create(user=user)
    offline = OfflineProvider(timezone_name=user.timezone, items=lambda: learner_items(user))

    def send(text: str):
        with django_capture_on_commit_callbacks(execute=True):
            return chat_reply(
                user=user,
                conversation=conversation,
                content=text,
                provider=offline,
                fallback=offline,
                context=conversation_context,
            )

    return send
