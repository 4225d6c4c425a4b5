"""Writes for learning, one module per sub-domain; every public service is importable from here.

Every change goes through these services (REST, admin, management commands and the assistant's tools):
they validate, recompute progress, publish a realtime event and enqueue the embedding indexer after
commit.

- :mod:`.courses`: courses (create with an outline, update, archive, delete, reorder).
- :mod:`.outline`: modules and topics, topic completion.
- :mod:`.progress`: the progress rule (module completion, course progress).
- :mod:`.notes`: notes and their course/topic links.
- :mod:`.resources`: saved resources and the curated catalog.
- :mod:`.restore`: snapshots of deleted courses, modules, topics and notes, for an undo.
- :mod:`.demo`: the demo learner's sample course.
- :mod:`.common`: helpers the modules share and the plan checks on courses.
"""

from apps.learning.services.common import (
    course_edit_check,
    course_room_check,
)
from apps.learning.services.courses import (
    COURSE_UPDATE_FIELDS,
    course_create,
    course_delete,
    course_reorder,
    course_set_archived,
    course_update,
)
from apps.learning.services.demo import (
    DEMO_COURSE_OUTLINE,
    DEMO_COURSE_TITLE,
    DEMO_RESOURCES,
    demo_course_ensure,
)
from apps.learning.services.notes import (
    MAX_TAGS,
    NOTE_EMBEDDED_FIELDS,
    NOTE_UPDATE_FIELDS,
    note_create,
    note_delete,
    note_update,
)
from apps.learning.services.outline import (
    MODULE_UPDATE_FIELDS,
    TOPIC_EMBEDDED_FIELDS,
    TOPIC_UPDATE_FIELDS,
    module_create,
    module_delete,
    module_update,
    topic_complete,
    topic_create,
    topic_delete,
    topic_move,
    topic_update,
)
from apps.learning.services.progress import (
    course_progress_recompute,
    progress_percent,
)
from apps.learning.services.resources import (
    CATALOG_RESOURCE_FIELDS,
    SAVED_RESOURCE_UPDATE_FIELDS,
    catalog_resource_create,
    catalog_resource_delete,
    catalog_resource_ensure,
    catalog_resource_update,
    resource_save,
    saved_resource_delete,
    saved_resource_update,
)
from apps.learning.services.restore import (
    course_restore,
    course_snapshot,
    module_restore,
    module_snapshot,
    note_restore,
    note_snapshot,
    topic_restore,
    topic_snapshot,
)

__all__ = [
    "CATALOG_RESOURCE_FIELDS",
    "COURSE_UPDATE_FIELDS",
    "DEMO_COURSE_OUTLINE",
    "DEMO_COURSE_TITLE",
    "DEMO_RESOURCES",
    "MAX_TAGS",
    "MODULE_UPDATE_FIELDS",
    "NOTE_EMBEDDED_FIELDS",
    "NOTE_UPDATE_FIELDS",
    "SAVED_RESOURCE_UPDATE_FIELDS",
    "TOPIC_EMBEDDED_FIELDS",
    "TOPIC_UPDATE_FIELDS",
    "catalog_resource_create",
    "catalog_resource_delete",
    "catalog_resource_ensure",
    "catalog_resource_update",
    "course_create",
    "course_delete",
    "course_edit_check",
    "course_progress_recompute",
    "course_reorder",
    "course_restore",
    "course_room_check",
    "course_set_archived",
    "course_snapshot",
    "course_update",
    "demo_course_ensure",
    "module_create",
    "module_delete",
    "module_restore",
    "module_snapshot",
    "module_update",
    "note_create",
    "note_delete",
    "note_restore",
    "note_snapshot",
    "note_update",
    "progress_percent",
    "resource_save",
    "saved_resource_delete",
    "saved_resource_update",
    "topic_complete",
    "topic_create",
    "topic_delete",
    "topic_move",
    "topic_restore",
    "topic_snapshot",
    "topic_update",
]
