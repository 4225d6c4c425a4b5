"""Fixtures of the accounts tests: e-mail delivered through the real task, eagerly."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from maigie.celery import app

CODE = re.compile(r"\b(\d{6})\b")


@pytest.fixture
def eager_tasks() -> Iterator[None]:
    """Run Celery tasks in-process so queued e-mail lands in ``mailoutbox``."""
    app.conf.task_always_eager = True
    try:
        yield
    finally:
        app.conf.task_always_eager = False


@pytest.fixture
def send(api_client: Any, django_capture_on_commit_callbacks: Any, eager_tasks: None) -> Callable[..., Any]:
    """POST with on-commit callbacks (e-mail) executed, as they would be after a real commit."""

    def post(path: str, data: dict[str, Any] | None = None, client: Any = None) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return (client or api_client).post(path, data or {})

    return post


def code_in(message: Any) -> str:
    """The one-time code in an e-mail."""
    match = CODE.search(message.body)
    assert match, message.body
    return match.group(1)
