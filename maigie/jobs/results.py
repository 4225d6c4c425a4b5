"""Failed task results (django-celery-results): send a failed task again."""

from __future__ import annotations

import ast
import json
from typing import Any

from celery import states
from django.db import transaction
from django_celery_results.models import TaskResult

from maigie.celery import app


def _decode(stored: str | None, empty: Any) -> Any:
    """Arguments as django-celery-results stores them: JSON of the task's ``repr`` of them."""
    if not stored:
        return empty
    value = json.loads(stored)
    return ast.literal_eval(value) if isinstance(value, str) else value


def task_result_retry(*, task_result: TaskResult) -> str:
    """Send the failed task of ``task_result`` again with the same arguments; the new task id.

    Raises ``ValueError`` for a task that did not fail or whose arguments cannot be read back.
    """
    if task_result.status != states.FAILURE or not task_result.task_name:
        raise ValueError(f"task {task_result.task_id} did not fail")
    try:
        args = _decode(task_result.task_args, ())
        kwargs = _decode(task_result.task_kwargs, {})
    except (ValueError, SyntaxError) as exc:
        raise ValueError(f"arguments of task {task_result.task_id} cannot be read back") from exc
    task_id = f"{task_result.task_id}-retry-{task_result.pk}"
    transaction.on_commit(
        lambda: app.send_task(task_result.task_name, args=tuple(args), kwargs=kwargs, task_id=task_id)
    )
    return task_id
