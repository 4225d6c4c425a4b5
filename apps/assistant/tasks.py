"""The assistant's background jobs on the ``ai`` queue: each takes its job id and is idempotent."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from apps.assistant.generation import runs
from maigie.jobs import BaseTask


class GenerationTask(BaseTask):
    """A generation task whose final failure (after any retries) marks its job failed for the learner."""

    def before_retry(self, *, delay: float) -> None:
        """Show the job as waiting for its next attempt."""
        runs.job_retrying((self.request.args or [None])[0], delay=delay)

    def on_failure(self, exc: Exception, task_id: str, args: Any, kwargs: Any, einfo: Any) -> None:
        """Record the failure on the job (first argument) so clients stop waiting."""
        runs.job_fail(args[0], "The generation failed; please try again.")


@shared_task(name="ai.generate_course", base=GenerationTask)
def generate_course(job_id: str, *, topic: str, level: str, weeks: int, hours_per_week: int) -> None:
    """Generate a course outline and create the course (once, whatever the redeliveries)."""
    runs.course_generation_run(job_id=job_id, topic=topic, level=level, weeks=weeks, hours_per_week=hours_per_week)


@shared_task(name="ai.generate_schedule", base=GenerationTask)
def generate_schedule(
    job_id: str,
    *,
    course_id: str | None,
    goal_id: str | None,
    sessions_per_week: int,
    minutes_per_session: int,
    windows: list[dict[str, Any]],
    until: str | None,
) -> None:
    """Propose study blocks for a course or goal; the proposal is the job's result."""
    runs.schedule_generation_run(
        job_id=job_id,
        course_id=course_id,
        goal_id=goal_id,
        sessions_per_week=sessions_per_week,
        minutes_per_session=minutes_per_session,
        windows=windows,
        until=until,
    )


@shared_task(name="ai.summarize_note", base=GenerationTask)
def summarize_note(job_id: str, *, note_id: str) -> None:
    """Write a note's summary (extractive offline, the model online)."""
    runs.note_summary_run(job_id=job_id, note_id=note_id)
