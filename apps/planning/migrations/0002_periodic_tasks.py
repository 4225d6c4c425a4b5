"""Register the planning jobs in the django-celery-beat database schedule (idempotent)."""

from django.db import migrations
from django.utils import timezone

REMINDERS = "planning.dispatch_reminders"
ANALYTICS = "planning.aggregate_daily_metrics"


def register(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every_minute, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.update_or_create(
        name=REMINDERS,
        defaults={"task": REMINDERS, "interval": every_minute, "crontab": None, "enabled": True},
    )
    # Every quarter hour, so each user's local midnight (whatever the offset) is rolled up soon after.
    quarter_hourly, _ = CrontabSchedule.objects.get_or_create(
        minute="*/15", hour="*", day_of_week="*", day_of_month="*", month_of_year="*", timezone="UTC"
    )
    PeriodicTask.objects.update_or_create(
        name=ANALYTICS,
        defaults={"task": ANALYTICS, "crontab": quarter_hourly, "interval": None, "enabled": True},
    )
    touch_schedule(apps)


def touch_schedule(apps):
    """Tell a running beat that the schedule changed (what the model's save signal does)."""
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def unregister(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=[REMINDERS, ANALYTICS]).delete()
    touch_schedule(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(register, unregister)]
