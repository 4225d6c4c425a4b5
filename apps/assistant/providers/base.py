"""The provider interface: one streamed model turn, with text deltas, tool calls and usage."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from apps.learning.text import escape_snippet


@dataclass(frozen=True)
class ToolSpec:
    """A tool the model may call: name, description and JSON schema of its arguments."""

    name: str
    description: str
    parameters: dict[str, Any]


@dataclass(frozen=True)
class ToolCall:
    """The model asks for ``name`` to run with ``arguments``; ``id`` pairs it with its result."""

    id: str
    name: str
    arguments: dict[str, Any]


@dataclass(frozen=True)
class TextDelta:
    """The next piece of the reply's text."""

    text: str


@dataclass(frozen=True)
class ToolCallsRequested:
    """The turn ended asking for these tools to run before the model continues."""

    calls: tuple[ToolCall, ...]


@dataclass(frozen=True)
class TurnFinished:
    """The turn ended; tokens it used (from the API, or counted locally offline)."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    model: str = ""


TurnEvent = TextDelta | ToolCallsRequested | TurnFinished


@dataclass(frozen=True)
class Passage:
    """A passage of the learner's own notes or material retrieved for their question, citable as ``[n]``."""

    type: str  # "note" or "material"
    id: str  # the note's or the material's id
    title: str
    text: str
    similarity: float
    page: int | None = None
    chunk: str | None = None  # the material passage's id
    start_ms: int | None = None  # where a recorded lecture's passage starts

    @property
    def where(self) -> str:
        """How a reply names it: ``title, p. 3``, ``title, 12:30`` (recordings) or the title."""
        if self.page:
            return f"{self.title}, p. {self.page}"
        if self.start_ms is not None:
            minutes, seconds = divmod(self.start_ms // 1000, 60)
            hours, minutes = divmod(minutes, 60)
            at = f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
            return f"{self.title}, {at}"
        return self.title

    def citation(self) -> dict[str, object]:
        """How a reply cites it (``message.citations``)."""
        return {
            "type": self.type,
            "id": self.id,
            "title": self.title,
            "page": self.page,
            "chunk": self.chunk,
            "start_ms": self.start_ms,
            "snippet": escape_snippet(self.text[:240]),  # HTML-escaped, as every snippet (docs/api.md)
        }


@dataclass
class Message:
    """One message of the conversation sent to a provider (OpenAI chat format).

    The system message also carries the ``passages`` its text quotes, for providers that answer from them.
    """

    role: str
    content: str = ""
    tool_calls: tuple[ToolCall, ...] = field(default_factory=tuple)
    tool_call_id: str = ""
    passages: tuple[Passage, ...] = ()


class ProviderError(Exception):
    """The provider could not answer (after its own retries)."""


class Provider(Protocol):
    """Streams one model turn for ``messages`` with ``tools`` available."""

    name: str

    def stream_turn(self, *, messages: list[Message], tools: list[ToolSpec]) -> Iterator[TurnEvent]: ...
