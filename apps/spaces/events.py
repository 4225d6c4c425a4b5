"""The realtime events spaces publish to every member's ``/ws/updates`` (docs/spaces.md): names and payloads."""

from __future__ import annotations

from uuid import UUID

from maigie.realtime.registry import Payload, declare


class SpaceData(Payload):
    id: UUID
    name: str


class SpaceDeleted(Payload):
    id: UUID


class MemberData(Payload):
    space_id: UUID
    user_id: UUID
    role: str


class MemberRemovedData(Payload):
    """Sent to the remaining members and to the removed one (whose client drops the space)."""

    space_id: UUID
    user_id: UUID


class SharedCourseData(Payload):
    space_id: UUID
    course_id: UUID


class OutlineChangedData(Payload):
    space_id: UUID
    course_id: UUID


class ProgressData(Payload):
    """The member's own progress on a shared course (sent to that member only)."""

    space_id: UUID
    course_id: UUID
    topic_id: UUID
    completed: bool
    progress: float


SPACE_UPDATED = declare("space.updated", SpaceData)
SPACE_DELETED = declare("space.deleted", SpaceDeleted)
MEMBER_JOINED = declare("space.member_joined", MemberData)
MEMBER_UPDATED = declare("space.member_updated", MemberData)
MEMBER_REMOVED = declare("space.member_removed", MemberRemovedData)
COURSE_SHARED = declare("space.course_shared", SharedCourseData)
COURSE_UNSHARED = declare("space.course_unshared", SharedCourseData)
OUTLINE_CHANGED = declare("space.outline_changed", OutlineChangedData)
PROGRESS_CHANGED = declare("space.progress_changed", ProgressData)
