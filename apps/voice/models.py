"""Voice usage: seconds of audio heard and spoken per learner and UTC month."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class VoiceUsageMonth(models.Model):
    """A learner's voice use in one calendar month (UTC): audio transcribed and spoken, in seconds."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="voice_months")
    month = models.DateField(help_text="The first day of the month.")
    seconds = models.FloatField(default=0)
    clips = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-month"]
        constraints = [models.UniqueConstraint(fields=["user", "month"], name="voice_usagemonth_user_month")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.month}"
