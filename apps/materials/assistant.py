"""The assistant's ``search_materials`` tool: passages of the learner's uploaded material, quoted and cited.

Registered from :class:`apps.materials.apps.MaterialsConfig`. Every provider gets the passages close in
meaning to the query (the learner's own materials and those shared with them in a space), each kept only
when it shares a content word with the query or is at least ``QUOTE_SIMILARITY`` close; the result's
``citations`` become the reply's (``apps.assistant.services.chat``).
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
    ask about, and answer from the passages found, citing them as [n]."""

    query: str = Field(min_length=1, max_length=200, description="What to look for, in the learner's words")


def search_materials(user: User, arguments: SearchMaterials) -> ToolOutcome:
    found = [
        passage
        for passage in passages(user, arguments.query, types=("material",))
        if relevant(arguments.query, (passage,))
    ]
    summary = (
        grounded_answer(arguments.query, tuple(found))
        if found
        else f"Nothing in your study materials is about “{arguments.query}”."
    )
    return ToolOutcome(
        result={
            "passages": [
                {"number": number, "where": passage.where, "text": passage.text[:SNIPPET_CHARS]}
                for number, passage in enumerate(found, start=1)
            ],
            "citations": [passage.citation() for passage in found],
            "summary": summary,
        }
    )


def register_assistant() -> None:
    """Offer the tool to the assistant."""
    register(Tool("search_materials", SearchMaterials.__doc__ or "", SearchMaterials, search_materials))
