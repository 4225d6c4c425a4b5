"""Periodic tasks of the billing app (installed by ``manage.py setup_schedule``)."""

from maigie.jobs.schedule import Periodic

PERIODIC_TASKS = [
    Periodic(
        name="billing.check_subscriptions",
        task="billing.check_subscriptions",
        crontab="0 5 * * *",
        description="Reconcile subscriptions with Stripe (missed webhooks) and expire what has ended.",
    ),
]
