"""Tool definitions and the registry the assistant offers to its provider."""

from __future__ import annotations

import datetime
import functools
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from pydantic import BaseModel, ConfigDict, field_validator

from apps.assistant.providers.base import ToolSpec
from maigie import bounds

BULK_THRESHOLD = 10


class Arguments(BaseModel):
    """Base of every tool's arguments: unknown keys are refused, schema is generated from the fields."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*")
    @classmethod
    def _inside_window(cls, value: Any) -> Any:
        """A date or time an assistant writes lies in the window every API field accepts."""
        try:
            if isinstance(value, datetime.datetime):
                bounds.validate_moment(value if value.tzinfo else value.replace(tzinfo=datetime.UTC))
            elif isinstance(value, datetime.date):
                bounds.validate_day(value)
        except ValidationError as error:
            raise ValueError(error.messages[0]) from None
        return value


@dataclass(frozen=True)
class Change:
    """One object an action created, updated or deleted; ``version`` detects later edits."""

    model: str
    pk: str
    op: str
    version: str = ""
    before: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"model": self.model, "pk": self.pk, "op": self.op, "version": self.version, "before": self.before}


@dataclass(frozen=True)
class ToolOutcome:
    """What a tool returns: a JSON-able result for the model and the client, and its changes."""

    result: dict[str, Any]
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True)
class Tool:
    """A named action over the services, with typed arguments.

    ``destructive`` tools (deletes, archives) and calls touching more than ``BULK_THRESHOLD``
    objects (``object_count``) are proposed to the learner instead of executed.
    """

    name: str
    description: str
    arguments: type[Arguments]
    run: Callable[[Any, Any], ToolOutcome]
    undo: Callable[[Any, list[Change]], None] | None = None
    destructive: bool = False
    object_count: Callable[[Any], int] = field(default=lambda arguments: 1)

    def spec(self) -> ToolSpec:
        """The tool as the model sees it; the schema is generated from ``arguments`` (once per process)."""
        return ToolSpec(name=self.name, description=self.description, parameters=_json_schema(self.arguments))

    def needs_confirmation(self, arguments: Arguments) -> bool:
        """Whether this call must be confirmed by the learner before it runs."""
        return self.destructive or self.object_count(arguments) > BULK_THRESHOLD

    def describe_call(self, arguments: Arguments) -> str:
        """The call in words, for a confirmation prompt: 'archive course “Physics”', never an id."""
        data = arguments.model_dump(mode="json", exclude_none=True)
        text = self.name.replace("_", " ")
        named = next((data[key] for key in (*NAMING_ARGUMENTS, *data) if isinstance(data.get(key), str)), None)
        if named and not _looks_like_id(named):
            text += f" “{named}”"
        if "occurrence_date" in data:
            text += f" on {data['occurrence_date']}"
        count = self.object_count(arguments)
        return f"{text} ({count} items)" if count > 1 else text


@functools.cache
def _json_schema(arguments: type[Arguments]) -> dict[str, Any]:
    """``arguments``' JSON schema: constant per class, ~2 ms of pydantic work each time (shared: never mutate)."""
    return arguments.model_json_schema()


# Arguments that name what a call acts on, in the order a description prefers them; a call with none of them is
# named by its first text argument.
NAMING_ARGUMENTS = ("title", "fact", "task", "topic", "module", "note", "block", "exam", "goal", "course")


def _looks_like_id(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


_registry: dict[str, Tool] = {}


def register(tool: Tool) -> Tool:
    """Make ``tool`` available to the assistant."""
    if tool.name in _registry:
        raise ValueError(f"tool {tool.name!r} is registered twice")
    _registry[tool.name] = tool
    return tool


def unregister(name: str) -> None:
    """Remove a tool (used by tests that register their own)."""
    _registry.pop(name, None)


def get_tool(name: str) -> Tool | None:
    """The registered tool called ``name``, if any."""
    return _registry.get(name)


def all_tools() -> list[Tool]:
    """Every registered tool, in registration order."""
    return list(_registry.values())
