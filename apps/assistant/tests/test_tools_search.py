"""The assistant's note search: by meaning on every plan, by words when the embedder fails."""

from __future__ import annotations

import pytest

from apps.accounts.models import Tier
from apps.accounts.services.users import user_set_tier
from apps.assistant.tools.learning import SearchNotes, search_notes
from apps.learning.embeddings.base import EmbeddingError
from apps.learning.embeddings.indexing import embeddings_index
from apps.learning.embeddings.minilm import MiniLMEmbeddings
from apps.learning.models import EmbeddingKind
from apps.learning.tests.factories import NoteFactory

pytestmark = pytest.mark.django_db

PHOTOSYNTHESIS = "Photosynthesis in plants: leaves turn light into chemical energy and store it as sugar."
REVOLUTION = "The French Revolution began in 1789 with the storming of the Bastille."
QUERY = "how do plants make energy from light"


@pytest.fixture
def notes(user):
    created = [
        NoteFactory.create(user=user, title="Biology", content=PHOTOSYNTHESIS),
        NoteFactory.create(user=user, title="History", content=REVOLUTION),
    ]
    embeddings_index(kind=EmbeddingKind.NOTE, ids=[note.pk for note in created])
    return created


def found_titles(user, query: str) -> list[str]:
    outcome = search_notes(user, SearchNotes(query=query))
    return [note["title"] for note in outcome.result["notes"]]


@pytest.mark.parametrize("tier", [Tier.FREE, Tier.PREMIUM_MONTHLY])
def test_every_plan_finds_notes_by_meaning(user, notes, tier):
    user_set_tier(user=user, tier=tier, reason="test")

    assert found_titles(user, QUERY)[0] == "Biology"  # no note holds all these words


def test_when_the_embedder_fails_the_words_still_match(user, notes, monkeypatch):
    def unreachable(texts):
        raise EmbeddingError("embedding server unreachable")

    monkeypatch.setattr(MiniLMEmbeddings, "embed", lambda self, texts: unreachable(texts))

    outcome = search_notes(user, SearchNotes(query="Bastille"))

    assert [note["title"] for note in outcome.result["notes"]] == ["History"]
    assert "Bastille" in outcome.result["notes"][0]["snippet"]
