"""Tools editing a course's outline: delete a course, add, rename, move and remove modules and topics.

Removals are destructive (proposed to the learner first); their undo restores the snapshot taken
before the deletion, with the same ids and links.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from pydantic import Field

from apps.accounts.models import User
from apps.assistant.tools import changes
from apps.assistant.tools.learning import Title, course_named, find_by_title
from apps.assistant.tools.planning import only_change
from apps.assistant.tools.registry import Arguments, Change, Tool, ToolOutcome, register
from apps.learning import services
from apps.learning.models import Module, Topic

CourseReference = Field(description="The course's title or id")
InCourse = Field(default=None, description="The course it is in, when the title is ambiguous")


def module_named(user: User, reference: str, course: str | None = None) -> Module:
    """One of the learner's modules, by id or title, in ``course`` when given."""
    modules = Module.objects.filter(course__user=user).select_related("course")
    if course:
        modules = modules.filter(course=course_named(user, course))
    module: Module = find_by_title(modules, reference, field="title", kind="module")
    return module


def topic_named(user: User, reference: str, course: str | None = None) -> Topic:
    """One of the learner's topics, by id or title, in ``course`` when given."""
    topics = Topic.objects.filter(module__course__user=user).select_related("module__course")
    if course:
        topics = topics.filter(module__course=course_named(user, course))
    topic: Topic = find_by_title(topics, reference, field="title", kind="topic")
    return topic


# --- courses ---------------------------------------------------------------------------------


class DeleteCourse(Arguments):
    """Delete a course with its modules and topics (its notes, goals and blocks stay, unlinked)."""

    course: str = CourseReference


def delete_course(user: User, arguments: DeleteCourse) -> ToolOutcome:
    course = course_named(user, arguments.course)
    recorded = changes.change(course, "deleted", before=services.course_snapshot(course))
    services.course_delete(course=course)
    return ToolOutcome(
        result={"course_id": recorded.pk, "summary": f"Deleted the course “{course.title}”."}, changes=(recorded,)
    )


def undo_delete_course(user: User, recorded: list[Change]) -> None:
    services.course_restore(user=user, snapshot=only_change(recorded).before)


# --- modules ---------------------------------------------------------------------------------


class AddModule(Arguments):
    """Add a module at the end of a course."""

    course: str = CourseReference
    title: Title


def add_module(user: User, arguments: AddModule) -> ToolOutcome:
    course = course_named(user, arguments.course)
    module = services.module_create(course=course, title=arguments.title)
    return ToolOutcome(
        result={"module_id": str(module.pk), "summary": f"Added the module “{module.title}” to “{course.title}”."},
        changes=changes.created(module),
    )


def undo_add_module(user: User, recorded: list[Change]) -> None:
    services.module_delete(module=Module.objects.select_related("course").get(pk=only_change(recorded).pk))


class RenameModule(Arguments):
    """Rename a module."""

    module: str = Field(description="The module's title or id")
    title: Title
    course: str | None = InCourse


def rename_module(user: User, arguments: RenameModule) -> ToolOutcome:
    module = module_named(user, arguments.module, arguments.course)
    before = changes.values(module, ["title"])
    old = module.title
    module = services.module_update(module=module, data={"title": arguments.title})
    return ToolOutcome(
        result={"module_id": str(module.pk), "summary": f"Renamed the module “{old}” to “{module.title}”."},
        changes=(changes.change(module, "updated", before=before),),
    )


def undo_rename_module(user: User, recorded: list[Change]) -> None:
    renamed = only_change(recorded)
    module = Module.objects.select_related("course").get(pk=renamed.pk)
    services.module_update(module=module, data=changes.before_values(renamed))


class RemoveModule(Arguments):
    """Remove a module and its topics from a course."""

    module: str = Field(description="The module's title or id")
    course: str | None = InCourse


def remove_module(user: User, arguments: RemoveModule) -> ToolOutcome:
    module = module_named(user, arguments.module, arguments.course)
    recorded = changes.change(module, "deleted", before=services.module_snapshot(module))
    course = services.module_delete(module=module)
    return ToolOutcome(
        result={"module_id": recorded.pk, "summary": f"Removed the module “{module.title}” from “{course.title}”."},
        changes=(recorded,),
    )


def undo_remove_module(user: User, recorded: list[Change]) -> None:
    services.module_restore(user=user, snapshot=only_change(recorded).before)


# --- topics ----------------------------------------------------------------------------------


class AddTopic(Arguments):
    """Add a topic to a course, in ``module`` (default: its last module)."""

    course: str = CourseReference
    title: Title
    module: str | None = Field(default=None, description="The module's title or id; the last module if absent")


def add_topic(user: User, arguments: AddTopic) -> ToolOutcome:
    course = course_named(user, arguments.course)
    if arguments.module:
        module = module_named(user, arguments.module, str(course.pk))
    else:
        last = course.modules.order_by("-order").first()
        if last is None:
            raise ValidationError({"module": [f"“{course.title}” has no module yet; add one first."]})
        module = last
    topic = services.topic_create(module=module, title=arguments.title)
    return ToolOutcome(
        result={
            "topic_id": str(topic.pk),
            "module_id": str(module.pk),
            "summary": f"Added the topic “{topic.title}” to “{module.title}” in “{course.title}”.",
        },
        changes=changes.created(topic),
    )


def undo_add_topic(user: User, recorded: list[Change]) -> None:
    services.topic_delete(topic=Topic.objects.select_related("module__course").get(pk=only_change(recorded).pk))


class RenameTopic(Arguments):
    """Rename a topic."""

    topic: str = Field(description="The topic's title or id")
    title: Title
    course: str | None = InCourse


def rename_topic(user: User, arguments: RenameTopic) -> ToolOutcome:
    topic = topic_named(user, arguments.topic, arguments.course)
    before = changes.values(topic, ["title"])
    old = topic.title
    topic = services.topic_update(topic=topic, data={"title": arguments.title})
    return ToolOutcome(
        result={"topic_id": str(topic.pk), "summary": f"Renamed the topic “{old}” to “{topic.title}”."},
        changes=(changes.change(topic, "updated", before=before),),
    )


def undo_rename_topic(user: User, recorded: list[Change]) -> None:
    renamed = only_change(recorded)
    topic = Topic.objects.select_related("module__course").get(pk=renamed.pk)
    services.topic_update(topic=topic, data=changes.before_values(renamed))


class MoveTopic(Arguments):
    """Move a topic to the end of another module of its course."""

    topic: str = Field(description="The topic's title or id")
    module: str = Field(description="The module to move it to, by title or id")
    course: str | None = InCourse


def move_topic(user: User, arguments: MoveTopic) -> ToolOutcome:
    topic = topic_named(user, arguments.topic, arguments.course)
    before = {"module": str(topic.module_id), "order": topic.order}
    module = module_named(user, arguments.module, str(topic.module.course_id))
    topic = services.topic_move(topic=topic, module=module)
    return ToolOutcome(
        result={"topic_id": str(topic.pk), "summary": f"Moved the topic “{topic.title}” to “{module.title}”."},
        changes=(changes.change(topic, "updated", before=before),),
    )


def undo_move_topic(user: User, recorded: list[Change]) -> None:
    moved = only_change(recorded)
    topic = Topic.objects.select_related("module__course").get(pk=moved.pk)
    module = Module.objects.get(pk=moved.before["module"])
    services.topic_move(topic=topic, module=module, order=moved.before["order"])


class RemoveTopic(Arguments):
    """Remove a topic from its course."""

    topic: str = Field(description="The topic's title or id")
    course: str | None = InCourse


def remove_topic(user: User, arguments: RemoveTopic) -> ToolOutcome:
    topic = topic_named(user, arguments.topic, arguments.course)
    recorded = changes.change(topic, "deleted", before=services.topic_snapshot(topic))
    course = services.topic_delete(topic=topic)
    return ToolOutcome(
        result={"topic_id": recorded.pk, "summary": f"Removed the topic “{topic.title}” from “{course.title}”."},
        changes=(recorded,),
    )


def undo_remove_topic(user: User, recorded: list[Change]) -> None:
    services.topic_restore(user=user, snapshot=only_change(recorded).before)


for tool in (
    Tool("delete_course", DeleteCourse.__doc__ or "", DeleteCourse, delete_course, undo_delete_course,
         destructive=True),
    Tool("add_module", AddModule.__doc__ or "", AddModule, add_module, undo_add_module),
    Tool("rename_module", RenameModule.__doc__ or "", RenameModule, rename_module, undo_rename_module),
    Tool("remove_module", RemoveModule.__doc__ or "", RemoveModule, remove_module, undo_remove_module,
         destructive=True),
    Tool("add_topic", AddTopic.__doc__ or "", AddTopic, add_topic, undo_add_topic),
    Tool("rename_topic", RenameTopic.__doc__ or "", RenameTopic, rename_topic, undo_rename_topic),
    Tool("move_topic", MoveTopic.__doc__ or "", MoveTopic, move_topic, undo_move_topic),
    Tool("remove_topic", RemoveTopic.__doc__ or "", RemoveTopic, remove_topic, undo_remove_topic,
         destructive=True),
):  # fmt: skip
    register(tool)
