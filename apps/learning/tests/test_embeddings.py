"""Embedding providers: the offline models (MiniLM, WordLlama), the hashed test double and the
OpenAI-compatible API (a local server)."""

from __future__ import annotations

import math
import os
import subprocess
import sys

import pytest

from apps.assistant.tests.openai_server import Failure, FakeOpenAI
from apps.learning.embeddings.base import DIMENSIONS, EmbeddingError, provider_key
from apps.learning.embeddings.hashed import HashedEmbeddings, stem
from apps.learning.embeddings.local_model import WordLlamaEmbeddings
from apps.learning.embeddings.minilm import MiniLMEmbeddings
from apps.learning.embeddings.openai_compatible import OpenAIEmbeddings
from apps.learning.embeddings.selection import embedding_provider
from maigie.openai_client import OpenAISettings


def cosine(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))


def embed_one(text: str) -> list[float]:
    return HashedEmbeddings().embed([text])[0]


# --- offline models --------------------------------------------------------------------------


@pytest.mark.parametrize("provider", [MiniLMEmbeddings, WordLlamaEmbeddings])
def test_offline_model_matches_meaning_with_unit_vectors_of_the_column_size(provider):
    [car, automobile, revolution, blank] = provider().embed(["car", "automobile", "French Revolution", " "])

    assert len(car) == DIMENSIONS
    assert math.isclose(math.sqrt(sum(x * x for x in car)), 1.0, rel_tol=1e-5)
    assert cosine(car, automobile) > 0.5 > cosine(car, revolution)
    assert not any(blank)
    assert provider().embed([]) == []


def test_minilm_matches_the_reference_implementation_and_ranks_a_paraphrase_first():
    """The numpy forward pass gives the vector sentence-transformers gave for the same text (first six
    numbers, read once with transformers' BertModel), and a question sharing no word with its answer
    finds it among near-topic notes."""
    [question] = MiniLMEmbeddings().embed(["how do plants turn sunlight into food"])
    assert question[:6] == pytest.approx([-0.030244, 0.036241, -0.030804, 0.111434, -0.000170, -0.000193], abs=5e-4)

    notes = [
        "Photosynthesis: chloroplasts capture light and fix carbon dioxide into glucose.",
        "Cellular respiration: mitochondria break glucose down into ATP.",
        "The French Revolution began in 1789 with the storming of the Bastille.",
    ]
    similarities = [cosine(question, note) for note in MiniLMEmbeddings().embed(notes)]
    assert similarities.index(max(similarities)) == 0


def test_minilm_keeps_the_order_of_texts_of_mixed_lengths_and_batches():
    texts = [f"note {index}: " + "eigenvalues and eigenvectors " * (index % 7) for index in range(40)]
    texts[5] = "?!"
    together = MiniLMEmbeddings().embed(texts)
    one_by_one = [MiniLMEmbeddings().embed([text])[0] for text in texts]

    assert not any(together[5])
    thai, amharic = MiniLMEmbeddings().embed(["สวัสดีครับ", "ሰላም"])  # only word pieces the vocabulary lacks
    assert not any(thai)
    assert not any(amharic)
    for alone, batched in zip(one_by_one, together, strict=True):
        assert batched == pytest.approx(alone, abs=1e-5)  # padding never changes a vector


@pytest.mark.parametrize(
    ("module", "provider"), [("minilm", "MiniLMEmbeddings"), ("local_model", "WordLlamaEmbeddings")]
)
def test_offline_model_loads_without_network(tmp_path, module, provider):
    """A fresh process with sockets refused and the hub offline loads the bundled files and embeds."""
    script = (
        "import socket\n"
        "def refuse(*args, **kwargs): raise OSError('network used')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        f"from apps.learning.embeddings.{module} import {provider}\n"
        f"print(len({provider}().embed(['eigenvalues'])[0]))\n"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(DIMENSIONS)
    assert not any(tmp_path.iterdir())  # nothing cached or downloaded


# --- hashed test double ----------------------------------------------------------------------


def test_offline_vectors_are_deterministic_unit_length_and_of_the_column_size():
    first, again = embed_one("Eigenvalues of a matrix"), embed_one("Eigenvalues of a matrix")

    assert first == again
    assert len(first) == DIMENSIONS
    assert math.isclose(math.sqrt(sum(x * x for x in first)), 1.0)


def test_offline_similarity_follows_shared_stems_not_word_forms():
    query = embed_one("how do plants make energy from light")
    related = embed_one("Photosynthesis: plants turn light into chemical energy, making sugar.")
    unrelated = embed_one("The French Revolution began in 1789 with the storming of the Bastille.")

    assert cosine(query, related) > 0.5
    assert abs(cosine(query, unrelated)) < 0.1
    assert cosine(embed_one("studying matrices"), embed_one("study matrix")) > 0.5  # stems and trigrams
    assert [stem(word) for word in ("plants", "making", "make", "studies", "study")] == [
        "plant",
        "mak",
        "mak",
        "stud",
        "stud",
    ]


def test_offline_ignores_case_punctuation_and_stop_words():
    assert cosine(embed_one("The MATRIX, of course!"), embed_one("matrix course")) > 0.99


def test_offline_cannot_match_synonyms_and_has_no_vector_without_words():
    assert abs(cosine(embed_one("car"), embed_one("automobile"))) < 0.1  # the documented trade-off
    assert not any(embed_one("?! …"))
    assert not any(embed_one("the of and"))


def test_selection_is_offline_without_a_key_and_openai_with_one(settings):
    settings.OPENAI_API_KEY, settings.EMBEDDING_PROVIDER = "", "auto"
    assert provider_key(embedding_provider()) == "local:all-minilm-l6-v2"

    settings.OPENAI_API_KEY, settings.OPENAI_EMBEDDING_MODEL = "sk-test", "text-embedding-3-small"
    assert provider_key(embedding_provider()) == "openai:text-embedding-3-small"

    settings.EMBEDDING_PROVIDER = "offline"
    assert provider_key(embedding_provider()) == "local:all-minilm-l6-v2"
    settings.EMBEDDING_PROVIDER = "wordllama"
    assert provider_key(embedding_provider()) == "local:wordllama-l2_supercat-256"
    settings.EMBEDDING_PROVIDER = "hashed"
    assert embedding_provider().name == "hashed"


# --- OpenAI-compatible -----------------------------------------------------------------------


@pytest.fixture
def server():
    with FakeOpenAI() as fake:
        yield fake


def openai_embeddings(server: FakeOpenAI) -> OpenAIEmbeddings:
    return OpenAIEmbeddings(
        OpenAISettings(
            api_key="sk-test", base_url=server.base_url, model="text-embedding-3-small", timeout=5, max_retries=0
        )
    )


def test_openai_provider_asks_for_the_column_size_and_answers_unit_vectors_in_order(server):
    vectors = openai_embeddings(server).embed(["plants and light", "", "plants and light"])

    assert [len(vector) for vector in vectors] == [DIMENSIONS] * 3
    assert vectors[0] == vectors[2] != vectors[1]
    assert math.isclose(math.sqrt(sum(x * x for x in vectors[0])), 1.0, rel_tol=1e-6)
    [request] = server.embedding_requests
    assert request == {
        "model": "text-embedding-3-small",
        "input": ["plants and light", " ", "plants and light"],
        "dimensions": DIMENSIONS,
        "encoding_format": "float",
    }
    assert server.requests == []  # chat completions untouched


def test_openai_provider_sends_large_inputs_in_batches(server):
    texts = [f"note number {n}" for n in range(70)]

    vectors = openai_embeddings(server).embed(texts)

    assert len(vectors) == 70
    assert [len(request["input"]) for request in server.embedding_requests] == [64, 6]


@pytest.mark.parametrize(("status", "transient"), [(500, True), (429, True), (401, False), (400, False)])
def test_openai_errors_say_whether_a_retry_can_help(server, status, transient):
    server.embedding_failures.append(Failure(status=status))

    with pytest.raises(EmbeddingError) as caught:
        openai_embeddings(server).embed(["anything"])

    assert caught.value.transient is transient


def test_unreachable_api_is_a_transient_error():
    provider = OpenAIEmbeddings(
        OpenAISettings(api_key="sk-test", base_url="http://127.0.0.1:9/v1", model="m", timeout=2, max_retries=0)
    )
    with pytest.raises(EmbeddingError) as caught:
        provider.embed(["anything"])
    assert caught.value.transient
