"""A test tool over a real service (notifications), to exercise the tool loop end to end."""

from pydantic import Field

from apps.accounts.models import Notification
from apps.accounts.services import notification_create
from apps.assistant.tools import changes
from apps.assistant.tools.registry import Arguments, ToolOutcome


class NotifyArguments(Arguments):
    title: str = Field(min_length=1)
    count: int = Field(default=1, ge=1, le=50)


def run_notify(user, arguments: NotifyArguments) -> ToolOutcome:
    created = [notification_create(user=user, kind="test", title=arguments.title) for _ in range(arguments.count)]
    return ToolOutcome(
        result={"created": len(created), "summary": f"Added {len(created)} notification(s)."},
        changes=tuple(changes.change(item, "created") for item in created),
    )


def undo_notify(user, recorded) -> None:
    Notification.objects.filter(user=user, pk__in=[change.pk for change in recorded]).delete()
