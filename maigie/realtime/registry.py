"""The realtime events the apps declare: each name with the pydantic model of its payload.

Each app lists what it publishes in ``apps/<app>/events.py`` (as Zulip's ``event_types.py``)::

    class CourseData(Payload):
        id: UUID
        title: str

    COURSE_CREATED = declare("course.created", CourseData)

and its services publish with the constant: ``publish(user_id=..., event=COURSE_CREATED, data=...)``.
With ``REALTIME_VALIDATE_EVENTS`` on (tests and ``DEBUG``), :func:`maigie.realtime.publish.publish`
checks every payload against its declaration and raises :class:`InvalidEvent` for an undeclared name
or a payload that does not fit, so the test suite validates every event it makes the services
publish. In production the check is off and publishing costs nothing more.
"""

from __future__ import annotations

import threading
from importlib import import_module
from typing import Annotated, Any

from django.apps import apps
from django.utils.module_loading import module_has_submodule
from pydantic import BaseModel, ConfigDict, StringConstraints
from pydantic import ValidationError as PydanticValidationError

#: A time as payloads carry it: :func:`maigie.encoding.utc_iso` (ISO-8601, UTC, ``Z``).
UtcTime = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")]


class Payload(BaseModel):
    """The base of every event payload: a key not declared is an error."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class InvalidEvent(Exception):
    """A published event whose name is not declared or whose payload does not fit its declaration."""


_declared: dict[str, type[Payload]] = {}
_discovered = False
_lock = threading.Lock()


def declare(name: str, payload: type[Payload]) -> str:
    """Declare the event ``name`` with its payload model; answers ``name`` (the app's constant)."""
    known = _declared.get(name)
    if known is not None and known is not payload:
        raise ValueError(f"Realtime event {name!r} is declared twice ({known.__qualname__}, {payload.__qualname__}).")
    _declared[name] = payload
    return name


def declared() -> dict[str, type[Payload]]:
    """Every declared event name with its payload model (the apps' ``events`` modules are loaded first)."""
    global _discovered
    if not _discovered:
        with _lock:
            for config in apps.get_app_configs():
                if config.name.startswith("apps.") and module_has_submodule(config.module, "events"):
                    import_module(f"{config.name}.events")
            _discovered = True
    return dict(_declared)


def validate(name: str, data: dict[str, Any]) -> None:
    """Raise :class:`InvalidEvent` unless ``name`` is declared and ``data`` fits its payload model."""
    payload = declared().get(name)
    if payload is None:
        raise InvalidEvent(f"Realtime event {name!r} is not declared in any app's events.py.")
    try:
        payload.model_validate(data)
    except PydanticValidationError as exc:
        raise InvalidEvent(f"Realtime event {name!r} has an invalid payload: {exc}") from exc
