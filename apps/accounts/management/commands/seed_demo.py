"""``manage.py seed_demo``: the demo learner and staff user (idempotent)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from apps.accounts.services import user_ensure
from apps.learning.services import demo_course_ensure


class Command(BaseCommand):
    help = "Create or refresh the demo learner and the demo staff user, and print their logins."

    def handle(self, *args: Any, **options: Any) -> None:
        learner_email, learner_password = settings.DEMO_LEARNER
        staff_email, staff_password = settings.DEMO_STAFF
        demo_course_ensure(user=user_ensure(email=learner_email, password=learner_password, name="Demo Learner")[0])
        user_ensure(email=staff_email, password=staff_password, name="Maigie Admin", is_staff=True, is_superuser=True)
        self.stdout.write(f"Demo learner: {learner_email} / {learner_password}")
        self.stdout.write(f"Demo staff:   {staff_email} / {staff_password}  (admin at /admin/)")
