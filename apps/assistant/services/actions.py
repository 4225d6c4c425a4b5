"""Running the assistant's tool calls: execute, propose, confirm, reject, undo; all logged."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from pydantic import ValidationError as ArgumentsError

from apps.accounts.models import User
from apps.assistant import events
from apps.assistant.models import ActionStatus, AIActionLog, ChatMessage
from apps.assistant.providers.base import ToolCall
from apps.assistant.tools.changes import unchanged_since, used_since
from apps.assistant.tools.registry import Arguments, Change, Tool, get_tool
from maigie.errors import Conflict, PaymentRequired
from maigie.realtime.publish import publish


def action_view(action: AIActionLog) -> dict[str, Any]:
    """An action as clients and the model see it."""
    view: dict[str, Any] = {
        "id": str(action.pk),
        "type": action.action_type,
        "status": action.status,
        "input": action.action_data,
        "result": action.result,
    }
    if action.error:
        view["error"] = action.error
    return view


def _publish(action: AIActionLog) -> None:
    publish(user_id=action.user_id, event=events.ASSISTANT_ACTION, data=action_view(action))


def _errors(exc: DjangoValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return "; ".join(f"{field}: {' '.join(messages)}" for field, messages in exc.message_dict.items())
    return " ".join(exc.messages)


class _TrialRun(Exception):
    """Raised after a proposal's trial run, so that its savepoint rolls back."""


def _why_not(run: Callable[[], None]) -> str | None:
    """Run ``run`` in a savepoint; the reason it fails (a validation error, a plan limit, a conflict), else None."""
    try:
        with transaction.atomic():
            run()
    except DjangoValidationError as exc:
        return _errors(exc)
    except (PaymentRequired, Conflict) as exc:  # the plan's cap on active courses; no study day left before an exam
        return exc.message
    return None


def _execute(action: AIActionLog, tool: Tool) -> AIActionLog:
    arguments = tool.arguments.model_validate(action.action_data)

    def run() -> None:
        outcome = tool.run(action.user, arguments)
        action.status = ActionStatus.EXECUTED
        action.result = outcome.result
        action.changes = [recorded.as_dict() for recorded in outcome.changes]
        action.save()

    error = _why_not(run)
    if error is not None:
        action.status, action.error = ActionStatus.FAILED, error
        action.save()
    _publish(action)
    return action


def _trial_failure(user: User, tool: Tool, arguments: Arguments) -> str | None:
    """Why a call would fail, found by running it in a savepoint rolled back after, so a proposal is one that
    succeeds when confirmed; the rolled-back run's realtime events and on-commit work are dropped with it."""

    def run() -> None:
        tool.run(user, arguments)
        raise _TrialRun

    try:
        return _why_not(run)
    except _TrialRun:
        return None


def action_run(*, user: User, call: ToolCall, message: ChatMessage | None) -> AIActionLog:
    """Log the tool call, then execute it, or propose it when it needs the learner's confirmation."""
    action = AIActionLog(user=user, message=message, action_type=call.name, action_data=call.arguments)
    tool = get_tool(call.name)
    if tool is None:
        action.status, action.error = ActionStatus.FAILED, f"Unknown tool {call.name!r}."
        action.save()
        return action
    try:
        arguments = tool.arguments.model_validate(call.arguments)
    except ArgumentsError as exc:
        action.status = ActionStatus.FAILED
        action.error = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        action.save()
        return action
    action.action_data = arguments.model_dump(mode="json", exclude_none=True)
    if tool.needs_confirmation(arguments):
        error = _trial_failure(user, tool, arguments)
        if error is not None:
            action.status, action.error = ActionStatus.FAILED, error
            action.save()
            _publish(action)
            return action
        action.status = ActionStatus.PROPOSED
        action.result = {"summary": tool.describe_call(arguments)}
        action.save()
        _publish(action)
        return action
    return _execute(action, tool)


def _tool_for(action: AIActionLog) -> Tool:
    tool = get_tool(action.action_type)
    if tool is None:
        raise Conflict(f"The tool {action.action_type!r} no longer exists.", code="unknown_tool")
    return tool


def _locked(action: AIActionLog, *, expected: str) -> AIActionLog:
    locked = AIActionLog.objects.select_for_update().select_related("user").get(pk=action.pk)
    if locked.status != expected:
        raise Conflict(f"The action is {locked.status}, not {expected}.", code="invalid_action_status")
    return locked


@transaction.atomic
def action_confirm(*, action: AIActionLog) -> AIActionLog:
    """Execute a proposed action the learner confirmed."""
    locked = _locked(action, expected=ActionStatus.PROPOSED)
    return _execute(locked, _tool_for(locked))


@transaction.atomic
def action_reject(*, action: AIActionLog) -> AIActionLog:
    """Drop a proposed action the learner rejected."""
    locked = _locked(action, expected=ActionStatus.PROPOSED)
    locked.status = ActionStatus.REJECTED
    locked.save(update_fields=["status", "updated_at"])
    _publish(locked)
    return locked


@transaction.atomic
def action_undo(*, action: AIActionLog) -> AIActionLog:
    """Revert an executed action, refused once anything it touched has changed since."""
    locked = _locked(action, expected=ActionStatus.EXECUTED)
    tool = _tool_for(locked)
    if tool.undo is None:
        raise Conflict(f"{tool.name} cannot be undone.", code="not_undoable")
    changes = [Change(**recorded) for recorded in locked.changes]
    if not all(unchanged_since(recorded) for recorded in changes) or used_since(changes):
        raise Conflict(
            "Something this action changed has been edited or used since; it cannot be undone.", code="undo_conflict"
        )
    try:
        tool.undo(locked.user, changes)
    except ObjectDoesNotExist as exc:  # what the undo puts back refers to (a module, a space) is gone since
        raise Conflict(
            "Something this action refers to has been deleted since; it cannot be undone.", code="undo_conflict"
        ) from exc
    locked.status = ActionStatus.UNDONE
    locked.save(update_fields=["status", "updated_at"])
    _publish(locked)
    return locked
