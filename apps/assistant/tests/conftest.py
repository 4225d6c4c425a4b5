"""Fixtures of the assistant's tests."""

import pytest

from apps.assistant.providers.base import ToolCall
from apps.assistant.services.actions import action_run
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
