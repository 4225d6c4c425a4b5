"""Tools over the learning services: courses, topics, notes, progress, resources."""

from __future__ import annotations

import datetime
import uuid
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from pydantic import BeforeValidator, Field, StringConstraints

from apps.accounts.models import User
from apps.assistant.offline.grounded import related
from apps.assistant.summaries import extractive_summary
from apps.assistant.tools import changes
from apps.assistant.tools.registry import Arguments, Change, Tool, ToolOutcome, get_tool, register
from apps.learning import selectors, services
from apps.learning.embeddings.base import EmbeddingError
from apps.learning.embeddings.search import nearest
from apps.learning.models import Course, EmbeddingKind, Note, Topic

SEARCH_RESULTS = 5
SNIPPET_CHARS = 160
# A title as the REST API takes it: surrounding spaces dropped, never blank.
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
# A course's difficulty in the API's upper case; models often write it in lower case.
Level = Annotated[
    Literal["BEGINNER", "INTERMEDIATE", "ADVANCED"], BeforeValidator(lambda v: v.upper() if isinstance(v, str) else v)
]


def find_by_title(queryset: QuerySet[Any], reference: str, *, field: str, kind: str) -> Any:
    """The object ``reference`` names (an id or a title; exact, else the one partial match).

    A blank reference names nothing (a partial match on "" would pick a learner's only object).
    """
    if not reference.strip():
        raise ValidationError({kind: [f"Name the {kind}."]})
    try:
        return queryset.get(pk=uuid.UUID(reference))
    except (ValueError, queryset.model.DoesNotExist):
        pass
    exact = list(queryset.filter(**{f"{field}__iexact": reference.strip()})[:2])
    matches = exact or list(queryset.filter(**{f"{field}__icontains": reference.strip()})[:2])
    if len(matches) == 1:
        return matches[0]
    problem = f"No {kind} is called {reference!r}." if not matches else f"Several {kind}s match {reference!r}."
    raise ValidationError({kind: [problem]})


def course_named(user: User, reference: str) -> Course:
    """One of the learner's courses, by id or title."""
    course: Course = find_by_title(
        selectors.course_list(user=user, archived=None), reference, field="title", kind="course"
    )
    return course


def _get(model: type[Model], pk: str) -> Any:
    return model._default_manager.get(pk=pk)


# --- courses ---------------------------------------------------------------------------------


class TopicSpec(Arguments):
    title: Title
    estimated_hours: float | None = Field(default=None, gt=0, le=1000)


class ModuleSpec(Arguments):
    title: Title
    topics: list[TopicSpec] = Field(default_factory=list, max_length=50)


class CreateCourse(Arguments):
    """Create a course, with its outline when known."""

    title: Title
    description: str = ""
    difficulty: Level | None = None
    target_date: datetime.date | None = None
    module_count: int | None = Field(default=None, ge=1, le=30, description="Modules to outline when none are given")
    modules: list[ModuleSpec] = Field(default_factory=list, max_length=30)


def _outline(arguments: CreateCourse) -> list[dict[str, Any]]:
    if arguments.modules:
        return [module.model_dump(exclude_none=True) for module in arguments.modules]
    return [{"title": f"Module {number}"} for number in range(1, (arguments.module_count or 0) + 1)]


def create_course(user: User, arguments: CreateCourse) -> ToolOutcome:
    outline = _outline(arguments)
    course = services.course_create(
        user=user,
        title=arguments.title,
        description=arguments.description,
        difficulty=arguments.difficulty or "",
        target_date=arguments.target_date,
        is_ai_generated=True,
        modules=outline,
    )
    topics = sum(len(module.get("topics", [])) for module in outline)
    return ToolOutcome(
        result={
            "course_id": str(course.pk),
            "title": course.title,
            "summary": f"Created the course “{course.title}” with {len(outline)} modules and {topics} topics.",
        },
        changes=changes.created(course),
    )


def undo_create_course(user: User, recorded: list[Change]) -> None:
    services.course_delete(course=_get(Course, recorded[0].pk))


def _course_objects(arguments: CreateCourse) -> int:
    outline = _outline(arguments)
    return 1 + len(outline) + sum(len(module.get("topics", [])) for module in outline)


class UpdateCourse(Arguments):
    """Change a course's title, description, difficulty or target date."""

    course: str = Field(description="The course's title or id")
    title: Title | None = None
    description: str | None = None
    difficulty: Level | None = None
    target_date: datetime.date | None = None


def update_course(user: User, arguments: UpdateCourse) -> ToolOutcome:
    course = course_named(user, arguments.course)
    data = arguments.model_dump(exclude_none=True, exclude={"course"})
    before = changes.values(course, data)
    course = services.course_update(course=course, data=data)
    return ToolOutcome(
        result={"course_id": str(course.pk), "summary": f"Updated the course “{course.title}”."},
        changes=(changes.change(course, "updated", before=before),),
    )


def undo_update_course(user: User, recorded: list[Change]) -> None:
    services.course_update(course=_get(Course, recorded[0].pk), data=changes.before_values(recorded[0]))


class ArchiveCourse(Arguments):
    """Archive a course (hidden from active lists, kept with its progress)."""

    course: str = Field(description="The course's title or id")


def archive_course(user: User, arguments: ArchiveCourse) -> ToolOutcome:
    course = services.course_set_archived(course=course_named(user, arguments.course), archived=True)
    return ToolOutcome(
        result={"course_id": str(course.pk), "summary": f"Archived the course “{course.title}”."},
        changes=(changes.change(course, "updated"),),
    )


def undo_archive_course(user: User, recorded: list[Change]) -> None:
    services.course_set_archived(course=_get(Course, recorded[0].pk), archived=False)


# --- topics and progress ---------------------------------------------------------------------


class CompleteTopic(Arguments):
    """Mark a topic as done."""

    topic: str = Field(description="The topic's title or id")
    course: str | None = Field(default=None, description="The course it is in, when the title is ambiguous")


def complete_topic(user: User, arguments: CompleteTopic) -> ToolOutcome:
    topics = Topic.objects.filter(module__course__user=user).select_related("module__course")
    if arguments.course:
        topics = topics.filter(module__course=course_named(user, arguments.course))
    topic = find_by_title(topics, arguments.topic, field="title", kind="topic")
    topic = services.topic_complete(topic=topic, completed=True)
    course = topic.module.course
    return ToolOutcome(
        result={
            "topic_id": str(topic.pk),
            "course_progress": course.progress,
            "summary": f"Marked “{topic.title}” done; “{course.title}” is now {course.progress:.0f}% complete.",
        },
        changes=(changes.change(topic, "updated"),),
    )


def undo_complete_topic(user: User, recorded: list[Change]) -> None:
    topic = Topic.objects.select_related("module__course").get(pk=recorded[0].pk)
    services.topic_complete(topic=topic, completed=False)


class GetProgress(Arguments):
    """Show progress on one course, or on every active course."""

    course: str | None = Field(default=None, description="The course's title or id; all active courses if absent")


def get_progress(user: User, arguments: GetProgress) -> ToolOutcome:
    courses = [course_named(user, arguments.course)] if arguments.course else list(selectors.course_list(user=user))
    rows = [{"course": course.title, "progress": course.progress} for course in courses]
    summary = "; ".join(f"{row['course']}: {row['progress']:.0f}%" for row in rows) or "You have no active courses."
    return ToolOutcome(result={"courses": rows, "summary": summary})


# --- notes -----------------------------------------------------------------------------------


class CreateNote(Arguments):
    """Write a note, optionally linked to a course."""

    title: Title
    content: str = Field(default="", max_length=100_000)
    course: str | None = Field(default=None, description="The course's title or id")


def create_note(user: User, arguments: CreateNote) -> ToolOutcome:
    course = course_named(user, arguments.course) if arguments.course else None
    note = services.note_create(
        user=user, title=arguments.title, content=arguments.content, course_id=course.pk if course else None
    )
    return ToolOutcome(
        result={"note_id": str(note.pk), "summary": f"Saved the note “{note.title}”."},
        changes=changes.created(note),
    )


def undo_create_note(user: User, recorded: list[Change]) -> None:
    services.note_delete(note=_get(Note, recorded[0].pk))


class SearchNotes(Arguments):
    """Search the learner's notes by meaning, else (when nothing is that close) by words."""

    query: Title


def _notes_by_meaning(user: User, query: str) -> list[dict[str, str]]:
    """Up to five notes nearest in meaning that are about the query (``grounded.related``: a shared word or close
    enough; a note merely nearest is not found); none when embedding fails."""
    try:
        matches = nearest(user=user, query=query, kind=EmbeddingKind.NOTE, limit=SEARCH_RESULTS)
    except EmbeddingError:
        return []
    return [
        {"note_id": str(match.id), "title": match.title, "snippet": match.text[:SNIPPET_CHARS]}
        for match in matches
        if related(query, f"{match.title} {match.text}", match.similarity)
    ]


def search_notes(user: User, arguments: SearchNotes) -> ToolOutcome:
    found = _notes_by_meaning(user, arguments.query) or [
        {
            "note_id": str(note.pk),
            "title": note.title,
            "snippet": getattr(note, "snippet", "") or note.content[:SNIPPET_CHARS],
        }
        for note in selectors.note_list(user=user, search=arguments.query)[:SEARCH_RESULTS]
    ]
    if found:
        titles = ", ".join(f"“{note['title']}”" for note in found)
        return ToolOutcome(result={"notes": found, "summary": f"Found {len(found)} note(s): {titles}."})
    return _from_material(user, arguments.query)


def _from_material(user: User, query: str) -> ToolOutcome:
    """No note matches: what ``search_materials`` finds in the learner's uploads, quoted and cited, if anything
    (learners call their lecture PDFs notes too)."""
    summary = f"No note matches “{query}”."
    tool = get_tool("search_materials")
    found = tool.run(user, tool.arguments.model_validate({"query": query})).result if tool else {}
    if not found.get("citations"):
        return ToolOutcome(result={"notes": [], "summary": summary})
    return ToolOutcome(
        result={"notes": [], "summary": f"{summary} {found['summary']}", "citations": found["citations"]}
    )


class SummarizeNote(Arguments):
    """Write a short summary of a note into the note."""

    note: str = Field(description="The note's title or id")


def summarize_note(user: User, arguments: SummarizeNote) -> ToolOutcome:
    note = find_by_title(selectors.note_list(user=user, archived=None), arguments.note, field="title", kind="note")
    before = changes.values(note, ["summary"])
    note = services.note_update(note=note, data={"summary": extractive_summary(note.content)})
    return ToolOutcome(
        result={"note_id": str(note.pk), "summary": f"Summary of “{note.title}”: {note.summary}"},
        changes=(changes.change(note, "updated", before=before),),
    )


def undo_summarize_note(user: User, recorded: list[Change]) -> None:
    services.note_update(note=_get(Note, recorded[0].pk), data=changes.before_values(recorded[0]))


# --- resources -------------------------------------------------------------------------------


class RecommendResources(Arguments):
    """Suggest resources for the learner's active courses and topics."""

    topic: str | None = Field(default=None, description="Narrow to resources about this")


def recommend_resources(user: User, arguments: RecommendResources) -> ToolOutcome:
    resources = list(selectors.resource_recommendations(user=user)[:20])
    if arguments.topic:
        wanted = arguments.topic.lower()
        matching = [item for item in resources if wanted in f"{item.title} {getattr(item, 'reason', '')}".lower()]
        resources = matching or resources
    found = [{"title": item.title, "url": item.url, "reason": getattr(item, "reason", "")} for item in resources[:5]]
    titles = "; ".join(f"{item['title']} ({item['url']})" for item in found)
    summary = f"Suggested: {titles}." if found else "I have no resource to suggest yet."
    return ToolOutcome(result={"resources": found, "summary": summary})


for tool in (
    Tool("create_course", CreateCourse.__doc__ or "", CreateCourse, create_course, undo_create_course,
         object_count=_course_objects),
    Tool("update_course", UpdateCourse.__doc__ or "", UpdateCourse, update_course, undo_update_course),
    Tool("archive_course", ArchiveCourse.__doc__ or "", ArchiveCourse, archive_course, undo_archive_course,
         destructive=True),
    Tool("complete_topic", CompleteTopic.__doc__ or "", CompleteTopic, complete_topic, undo_complete_topic),
    Tool("get_progress", GetProgress.__doc__ or "", GetProgress, get_progress),
    Tool("create_note", CreateNote.__doc__ or "", CreateNote, create_note, undo_create_note),
    Tool("search_notes", SearchNotes.__doc__ or "", SearchNotes, search_notes),
    Tool("summarize_note", SummarizeNote.__doc__ or "", SummarizeNote, summarize_note, undo_summarize_note),
    Tool("recommend_resources", RecommendResources.__doc__ or "", RecommendResources, recommend_resources),
):  # fmt: skip
    register(tool)
