"""Assistant tools over exams: add one, list them with how ready the learner is, change its date or title, delete it,
put a prep plan for it into the schedule.

An exam is named by its title or by a course it covers ("my micro exam"); deleting one is proposed to the
learner first, and its undo restores it with the same id, scope and plan.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.utils import timezone
from pydantic import Field

from apps.accounts.models import User
from apps.assistant.tools import changes
from apps.assistant.tools.learning import Title, course_named, find_by_title
from apps.assistant.tools.outline import topic_named
from apps.assistant.tools.planning import only_change
from apps.assistant.tools.registry import Arguments, Change, Tool, ToolOutcome, register
from apps.planning.models import ScheduleBlock
from apps.planning.services import schedule as schedule_services
from apps.review import exams, services
from apps.review.models import Exam

ExamReference = Field(description="The exam's title, or the name of a course it covers")
MAX_LISTED = 10
TITLE_CHARS = 200  # Exam.title's length


def _local_today(user: User) -> datetime.date:
    return timezone.now().astimezone(zoneinfo.ZoneInfo(user.timezone)).date()


def exam_named(user: User, reference: str) -> Exam:
    """One of the learner's exams, by id or title, else the one exam on the course ``reference`` names (exact title,
    else the one partial match: ``course_named``)."""
    owned = exams.exam_list(user=user)
    try:
        exam: Exam = find_by_title(owned, reference, field="title", kind="exam")
    except ValidationError as by_title:
        if not reference.strip():
            raise
        try:
            course = course_named(user, reference)
        except ValidationError:
            raise by_title from None
        on_course = list(owned.filter(courses=course).distinct()[:2])
        if len(on_course) != 1:
            problem = f"No exam is on “{course.title}”." if not on_course else f"Several exams are on “{course.title}”."
            raise ValidationError({"exam": [problem]}) from None
        exam = on_course[0]
    return exam


def _future(user: User, day: datetime.date) -> datetime.date:
    if day < _local_today(user):
        raise ValidationError({"date": ["That day has passed: give the exam's coming date."]})
    return day


class AddExam(Arguments):
    """Add an exam on a local date, on some of the learner's courses or topics (at least one)."""

    date: datetime.date = Field(description="The exam's date (local)")
    courses: list[str] = Field(default_factory=list, max_length=10, description="Courses it covers (titles or ids)")
    topics: list[str] = Field(default_factory=list, max_length=50, description="Topics it covers (titles or ids)")
    title: Title | None = Field(default=None, description="Default: “<course> exam”")


def add_exam(user: User, arguments: AddExam) -> ToolOutcome:
    if not arguments.courses and not arguments.topics:
        raise ValidationError({"courses": ["Name the course or topics the exam is on."]})
    courses = [course_named(user, name) for name in arguments.courses]
    topics = [topic_named(user, name) for name in arguments.topics]
    title = arguments.title or f"{(courses[0].title if courses else topics[0].title)[: TITLE_CHARS - 5]} exam"
    if exams.exam_list(user=user).filter(title__iexact=title, date=arguments.date).exists():
        raise ValidationError({"title": [f"“{title}” on {arguments.date} is already in your exams."]})
    exam = services.exam_create(
        user=user,
        title=title,
        date=_future(user, arguments.date),
        course_ids=[course.pk for course in courses],
        topic_ids=[topic.pk for topic in topics],
    )
    days = (exam.date - _local_today(user)).days
    return ToolOutcome(
        result={
            "exam_id": str(exam.pk),
            "summary": f"Added “{exam.title}” on {exam.date:%a %d %b %Y} ({days} day(s) from today).",
        },
        changes=changes.created(exam),
    )


def undo_add_exam(user: User, recorded: list[Change]) -> None:
    services.exam_delete(exam=Exam.objects.get(pk=only_change(recorded).pk, user=user))


class ListExams(Arguments):
    """List the learner's coming exams, soonest first, with the days left and how ready they are for each."""

    include_past: bool = Field(default=False, description="Also the exams whose day has passed")


def list_exams(user: User, arguments: ListExams) -> ToolOutcome:
    upcoming_from = None if arguments.include_past else _local_today(user)
    now = timezone.now()
    rows = []
    for exam in exams.exam_list(user=user, upcoming_from=upcoming_from)[:MAX_LISTED]:
        ready = exams.readiness(exam=exam, now=now)
        rows.append(
            {
                "exam_id": str(exam.pk),
                "title": exam.title,
                "date": exam.date.isoformat(),
                "days_left": ready["days_left"],
                "readiness": round(ready["score"] * 100),
                "topics_covered": ready["topics_covered"],
                "topics_total": ready["topics_total"],
            }
        )
    listed = "; ".join(
        f"“{row['title']}” on {row['date']} ({row['days_left']} day(s) left): ready {row['readiness']}%, "
        f"{row['topics_covered']}/{row['topics_total']} topics done"
        for row in rows
    )
    summary = f"{listed}." if rows else "No exam is coming up. Tell me when one is and what it covers."
    return ToolOutcome(result={"exams": rows, "summary": summary})


class UpdateExam(Arguments):
    """Change an exam's date or title (the blocks of a plan already put in the schedule stay)."""

    exam: str = ExamReference
    date: datetime.date | None = Field(default=None, description="The new date (local)")
    title: Title | None = None


def update_exam(user: User, arguments: UpdateExam) -> ToolOutcome:
    data = arguments.model_dump(include={"date", "title"}, exclude_none=True)
    if not data:
        raise ValidationError({"date": ["Say the exam's new date or title."]})
    if "date" in data:
        _future(user, data["date"])
    exam = exam_named(user, arguments.exam)
    before = changes.values(exam, data)
    exam = services.exam_update(exam=exam, data=data)
    return ToolOutcome(
        result={"exam_id": str(exam.pk), "summary": f"“{exam.title}” is now on {exam.date:%a %d %b %Y}."},
        changes=(changes.change(exam, "updated", before=before),),
    )


def undo_update_exam(user: User, recorded: list[Change]) -> None:
    updated = only_change(recorded)
    services.exam_update(exam=Exam.objects.get(pk=updated.pk, user=user), data=changes.before_values(updated))


class DeleteExam(Arguments):
    """Delete an exam (the blocks of its plan stay in the schedule)."""

    exam: str = ExamReference


def delete_exam(user: User, arguments: DeleteExam) -> ToolOutcome:
    exam = exam_named(user, arguments.exam)
    recorded = changes.change(exam, "deleted", before=services.exam_snapshot(exam))
    services.exam_delete(exam=exam)
    return ToolOutcome(result={"exam_id": recorded.pk, "summary": f"Deleted “{exam.title}”."}, changes=(recorded,))


def undo_delete_exam(user: User, recorded: list[Change]) -> None:
    services.exam_restore(user=user, snapshot=only_change(recorded).before)


class PlanExamPrep(Arguments):
    """Put a prep plan for an exam into the schedule: a block a day until the exam, weakest topics first, the last
    day a review of everything. It replaces the blocks of a plan put in before; always confirmed first."""

    exam: str = ExamReference
    hour: int | None = Field(default=None, ge=0, le=22, description="Local start hour of each block (default 18)")
    minutes: int | None = Field(default=None, ge=15, le=240, description="Length of each block (default 60)")


def plan_exam_prep(user: User, arguments: PlanExamPrep) -> ToolOutcome:
    exam = exam_named(user, arguments.exam)
    replaced = [
        changes.change(block, "deleted", before=schedule_services.block_snapshot(block))
        for block in ScheduleBlock.objects.filter(user=user, pk__in=exam.plan_block_ids)
    ]
    before = changes.values(exam, ["plan_block_ids"])
    options = arguments.model_dump(include={"hour", "minutes"}, exclude_none=True)
    blocks = services.exam_plan_accept(exam=exam, now=timezone.now(), **options)
    local = [block.start_time.astimezone(zoneinfo.ZoneInfo(user.timezone)) for block in blocks]
    summary = (
        f"Planned {len(blocks)} study block(s) for “{exam.title}”, {local[0]:%a %d %b} to {local[-1]:%a %d %b}"
        f" at {local[0]:%H:%M}, weakest topics first."
    )
    return ToolOutcome(
        result={"exam_id": str(exam.pk), "block_ids": [str(block.pk) for block in blocks], "summary": summary},
        changes=(
            changes.change(exam, "updated", before=before),
            *(item for block in blocks for item in changes.created(block)),
            *replaced,
        ),
    )


def undo_plan_exam_prep(user: User, recorded: list[Change]) -> None:
    planned, blocks = only_change(recorded), recorded[1:]
    services.exam_plan_undo(
        exam=Exam.objects.get(pk=planned.pk, user=user),
        block_ids=[change.pk for change in blocks if change.op == "created"],
        replaced=[change.before for change in blocks if change.op == "deleted"],
        plan_block_ids=planned.before["plan_block_ids"],
    )


for tool in (
    Tool("add_exam", AddExam.__doc__ or "", AddExam, add_exam, undo_add_exam),
    Tool("list_exams", ListExams.__doc__ or "", ListExams, list_exams),
    Tool("update_exam", UpdateExam.__doc__ or "", UpdateExam, update_exam, undo_update_exam),
    Tool("delete_exam", DeleteExam.__doc__ or "", DeleteExam, delete_exam, undo_delete_exam, destructive=True),
    Tool("plan_exam_prep", PlanExamPrep.__doc__ or "", PlanExamPrep, plan_exam_prep, undo_plan_exam_prep,
         destructive=True),
):  # fmt: skip
    register(tool)
