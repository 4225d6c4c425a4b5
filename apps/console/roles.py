"""Staff roles as Django groups: what each kind of staff member sees and may do in the console.

``manage.py setup_roles`` (also run after every ``migrate``) creates or updates the groups below
with exactly these permissions; a permission added to a group by hand is removed on the next run,
so the roles stay as documented (docs/operations.md). Superusers (``is_superuser``) have every
permission and need no group. A permission is ``app_label.codename`` or ``view:app_label`` for the
view permission of every model of an app.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

SUPPORT, CONTENT_EDITOR, FINANCE, OPERATOR = "Support", "Content editor", "Finance", "Operator"

_LEARNER_DATA = (
    "view:learning",
    "view:planning",
    "view:review",
    "view:materials",
    "view:spaces",
    "notifications.view_device",
    "notifications.view_notificationsettings",
    "notifications.view_delivery",
    "view:assistant",
    "view:voice",
)

ROLES: dict[str, tuple[str, ...]] = {
    # Learners and their content: read everything, support actions on users (resend verification,
    # sign out everywhere, export, view as learner), no billing, no jobs, no deletes.
    SUPPORT: (
        "accounts.view_user",
        "accounts.change_user",
        "accounts.view_securityevent",
        "accounts.view_tokenfamily",
        "accounts.view_dailyactivity",
        "accounts.view_notification",
        "accounts.view_emaildelivery",
        *_LEARNER_DATA,
    ),
    # The resource catalog learners are recommended from; no learner's own data.
    CONTENT_EDITOR: (
        "learning.view_resource",
        "learning.add_resource",
        "learning.change_resource",
        "learning.delete_resource",
    ),
    # Subscriptions, complimentary grants and the Stripe mirror (and the MRR/churn figures).
    FINANCE: (
        "accounts.view_user",
        "view:billing",
        "billing.add_subscription",
        "billing.change_subscription",
        "view:djstripe",
    ),
    # Jobs, e-mail and the schedule: retry or discard failed tasks, edit periodic tasks.
    OPERATOR: (
        "accounts.view_job",
        "accounts.view_emaildelivery",
        "planning.view_reminderdelivery",
        "notifications.view_delivery",
        "view:django_celery_results",
        "django_celery_results.delete_taskresult",
        "view:django_celery_beat",
        "django_celery_beat.add_periodictask",
        "django_celery_beat.change_periodictask",
        "planning.view_dailymetric",
        "accounts.view_dailyactivity",
    ),
}


def permissions_of(role: str) -> list[Permission]:
    """The permissions a role's group holds (every one must exist: a typo is an error)."""
    wanted = Q(pk__in=[])
    named = []
    for entry in ROLES[role]:
        if entry.startswith("view:"):
            wanted |= Q(content_type__app_label=entry.removeprefix("view:"), codename__startswith="view_")
        else:
            app_label, codename = entry.split(".")
            named.append((app_label, codename))
            wanted |= Q(content_type__app_label=app_label, codename=codename)
    found = list(Permission.objects.filter(wanted).select_related("content_type"))
    present = {(p.content_type.app_label, p.codename) for p in found}
    missing = [f"{app}.{code}" for app, code in named if (app, code) not in present]
    if missing:
        raise LookupError(f"Role {role}: no such permission {', '.join(missing)}.")
    return found


@transaction.atomic
def roles_ensure() -> dict[str, int]:
    """Create or update each role's group with exactly its permissions; answers the count per role."""
    counts = {}
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        permissions = permissions_of(role)
        group.permissions.set(permissions)
        counts[role] = len(permissions)
    return counts
