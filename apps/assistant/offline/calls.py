"""The tool call the offline parser emits: the same shape the LLM path produces."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ToolCall:
    """One tool invocation: a tool name and its JSON arguments."""

    name: str
    arguments: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """Return the call as a JSON-ready dict."""
        return {"name": self.name, "arguments": self.arguments}
