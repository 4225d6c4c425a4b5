"""The realtime events learning publishes (docs/websockets.md): names and payloads."""

from __future__ import annotations

from uuid import UUID

from maigie.realtime.registry import Payload, declare


class Deleted(Payload):
    id: UUID


class CourseData(Payload):
    id: UUID
    title: str
    progress: float
    archived: bool


class ModuleChanged(Payload):
    """A module was added or removed: the course's new progress."""

    id: UUID
    course_id: UUID
    course_progress: float


class ModuleUpdatedData(Payload):
    id: UUID
    course_id: UUID
    title: str


class TopicChanged(Payload):
    """A topic was added or removed: the course's new progress."""

    id: UUID
    module_id: UUID
    course_id: UUID
    course_progress: float


class TopicUpdatedData(Payload):
    id: UUID
    module_id: UUID
    course_id: UUID


class TopicCompletedData(Payload):
    id: UUID
    completed: bool
    module_id: UUID
    module_completed: bool
    course_id: UUID
    course_progress: float


class NoteData(Payload):
    id: UUID
    title: str
    course_id: UUID | None
    topic_id: UUID | None
    archived: bool


class SavedResourceData(Payload):
    id: UUID
    resource_id: UUID
    completed: bool
    progress: float
    rating: int | None


class UnsavedResourceData(Payload):
    id: UUID
    resource_id: UUID


COURSE_CREATED = declare("course.created", CourseData)
COURSE_UPDATED = declare("course.updated", CourseData)
COURSE_REORDERED = declare("course.reordered", CourseData)
COURSE_DELETED = declare("course.deleted", Deleted)
MODULE_CREATED = declare("module.created", ModuleChanged)
MODULE_UPDATED = declare("module.updated", ModuleUpdatedData)
MODULE_DELETED = declare("module.deleted", ModuleChanged)
TOPIC_CREATED = declare("topic.created", TopicChanged)
TOPIC_UPDATED = declare("topic.updated", TopicUpdatedData)
TOPIC_DELETED = declare("topic.deleted", TopicChanged)
TOPIC_COMPLETED = declare("topic.completed", TopicCompletedData)
NOTE_CREATED = declare("note.created", NoteData)
NOTE_UPDATED = declare("note.updated", NoteData)
NOTE_DELETED = declare("note.deleted", Deleted)
RESOURCE_SAVED = declare("resource.saved", SavedResourceData)
RESOURCE_UPDATED = declare("resource.updated", SavedResourceData)
RESOURCE_UNSAVED = declare("resource.unsaved", UnsavedResourceData)
