"""Review jobs on the ``ai`` queue: each takes its job id and is idempotent."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from apps.review import generation
from maigie.jobs import BaseTask


class ReviewGenerationTask(BaseTask):
    """A generation task whose final failure marks its job failed for the learner."""

    def on_failure(self, exc: Exception, task_id: str, args: Any, kwargs: Any, einfo: Any) -> None:
        """Record the failure on the job (first argument) so clients stop waiting."""
        generation.job_fail(args[0], "The generation failed; please try again.")


@shared_task(name="ai.generate_cards", base=ReviewGenerationTask)
def generate_cards(
    job_id: str,
    *,
    note_id: str | None,
    topic_id: str | None,
    course_id: str | None,
    deck_id: str | None,
    max_cards: int,
    material_id: str | None = None,
) -> None:
    """Make cards from a note, topic, course or material into a deck (created once, duplicates skipped)."""
    generation.deck_generation_run(
        job_id=job_id,
        note_id=note_id,
        topic_id=topic_id,
        course_id=course_id,
        material_id=material_id,
        deck_id=deck_id,
        max_cards=max_cards,
    )


@shared_task(name="ai.generate_quiz", base=ReviewGenerationTask)
def generate_quiz(
    job_id: str,
    *,
    note_id: str | None,
    topic_id: str | None,
    course_id: str | None,
    questions: int,
    material_id: str | None = None,
) -> None:
    """Make a quiz from a note, topic, course or material."""
    generation.quiz_generation_run(
        job_id=job_id,
        note_id=note_id,
        topic_id=topic_id,
        course_id=course_id,
        material_id=material_id,
        questions=questions,
    )
