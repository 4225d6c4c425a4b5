"""The realtime events materials publishes (docs/websockets.md): names and payloads."""

from __future__ import annotations

from uuid import UUID

from maigie.realtime.registry import Payload, declare


class MaterialData(Payload):
    id: UUID
    title: str
    status: str
    error: str
    pages: int | None
    chunk_count: int


class Deleted(Payload):
    id: UUID


MATERIAL_CREATED = declare("material.created", MaterialData)
MATERIAL_UPDATED = declare("material.updated", MaterialData)
MATERIAL_DELETED = declare("material.deleted", Deleted)
