"""Support actions staff take from the console: each goes through the owning app's service and is audited.

Every action appends a ``staff_updated`` entry to the security audit log with the staff member as
actor and ``data.action`` naming what was done (the task actions name the task instead of a user).
"""

from __future__ import annotations

from typing import Any

from celery import states
from django.core.exceptions import ValidationError
from django.db import transaction
from django_celery_results.models import TaskResult

from apps.accounts.models import SecurityEventKind, User
from apps.accounts.services.audit import Client, security_event_record
from apps.accounts.services.auth import verification_resend
from apps.accounts.services.tokens import families_revoke
from apps.accounts.services.users import user_export
from apps.billing.models import Plan, Subscription
from apps.billing.services import complimentary_grant
from maigie.jobs.results import task_result_retry


def _audit(*, actor: User, action: str, client: Client | None, user: User | None = None, **data: Any) -> None:
    security_event_record(
        kind=SecurityEventKind.STAFF_UPDATED, user=user, actor=actor, client=client, data={"action": action, **data}
    )


@transaction.atomic
def support_verification_resend(*, user: User, actor: User, client: Client | None = None) -> None:
    """E-mail ``user`` a fresh verification code (refused when already verified)."""
    verification_resend(user=user)
    _audit(user=user, actor=actor, client=client, action="verification_resent")


@transaction.atomic
def support_sessions_revoke(*, user: User, actor: User, client: Client | None = None) -> int:
    """End every session of ``user`` (refresh and access tokens, sockets); how many sessions ended."""
    revoked = families_revoke(user=user, reason="staff")
    _audit(user=user, actor=actor, client=client, action="sessions_revoked", sessions=revoked)
    return revoked


@transaction.atomic
def support_complimentary_grant(
    *, user: User, actor: User, days: int, plan: str = Plan.PREMIUM_MONTHLY, client: Client | None = None
) -> Subscription:
    """Give ``user`` a complimentary Premium period (also in the billing audit trail)."""
    record = complimentary_grant(user=user, actor=actor, days=days, plan=plan)
    _audit(user=user, actor=actor, client=client, action="complimentary_granted", days=days, plan=plan)
    return record


@transaction.atomic
def support_data_export(*, user: User, actor: User, client: Client | None = None) -> dict[str, Any]:
    """Everything ``user`` owns as JSON-ready data, the export recorded in the audit log."""
    _audit(user=user, actor=actor, client=client, action="data_exported")
    return user_export(user=user)


def _failed(task_result: TaskResult) -> None:
    if task_result.status != states.FAILURE:
        raise ValidationError(f"Task {task_result.task_id} did not fail.")


@transaction.atomic
def support_task_retry(*, task_result: TaskResult, actor: User, client: Client | None = None) -> str:
    """Send a failed task again with its arguments (after commit); the new task id."""
    _failed(task_result)
    try:
        task_id = task_result_retry(task_result=task_result)
    except ValueError as error:
        raise ValidationError(str(error)) from error
    _audit(actor=actor, client=client, action="task_retried", task_id=task_result.task_id, new_task_id=task_id)
    return task_id


@transaction.atomic
def support_task_discard(*, task_result: TaskResult, actor: User, client: Client | None = None) -> None:
    """Drop a failed task's stored result: it leaves the failure list and is not run again."""
    _failed(task_result)
    _audit(
        actor=actor,
        client=client,
        action="task_discarded",
        task_id=task_result.task_id,
        task_name=task_result.task_name or "",
        error=(task_result.result or "")[:500],
    )
    task_result.delete()
