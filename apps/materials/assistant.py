"""The assistant's ``search_materials`` tool: passages of the learner's uploaded material, quoted and cited.

Registered from :class:`apps.materials.apps.MaterialsConfig`. Every provider gets the passages found for
the query (the learner's own materials and those shared with them in a space; by meaning, or by words
when the embedder is down), each kept only when it shares a content word with the query or is at least
``QUOTE_SIMILARITY`` close, quoted by title and page; the result's ``citations`` join the reply's
(``apps.assistant.services.chat.cited``).
"""

from __future__ import annotations

from pydantic import Field

from apps.accounts.models import User
from apps.assistant.offline.grounded import grounded_answer, relevant
from apps.assistant.tools.registry import Arguments, Tool, ToolOutcome, register
from apps.materials.search import passages

SNIPPET_CHARS = 600


class SearchMaterials(Arguments):
    """Search the learner's uploaded study material (PDFs, slides, documents, recorded lectures) for what they
    ask about, and answer from the passages found, naming each passage's title and page."""

    query: str = Field(min_length=1, max_length=200, description="What to look for, in the learner's words")


def search_materials(user: User, arguments: SearchMaterials) -> ToolOutcome:
    found = [
        passage
        for passage in passages(user, arguments.query, types=("material",), by_words=True)
        if relevant(arguments.query, (passage,))
    ]
    summary = (
        grounded_answer(arguments.query, tuple(found), numbered=False)
        if found
        else f"Nothing in your study materials is about “{arguments.query}”."
    )
    return ToolOutcome(
        result={
            "passages": [{"where": passage.where, "text": passage.text[:SNIPPET_CHARS]} for passage in found],
            "citations": [passage.citation() for passage in found],
            "summary": summary,
        }
    )


def register_assistant() -> None:
    """Offer the tool to the assistant."""
    register(Tool("search_materials", SearchMaterials.__doc__ or "", SearchMaterials, search_materials))
