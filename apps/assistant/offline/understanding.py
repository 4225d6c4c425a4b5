"""What a message was understood as: the tool calls to make, or a question to ask instead."""

from __future__ import annotations

from dataclasses import dataclass, field

from .calls import ToolCall


@dataclass
class Understanding:
    """The calls for a message, or the question to ask first (then no calls)."""

    calls: list[ToolCall] = field(default_factory=list)
    question: str = ""
