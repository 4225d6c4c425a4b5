"""Fixtures of the assistant's tests."""

import pytest

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
