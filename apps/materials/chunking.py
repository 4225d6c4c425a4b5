"""Split a material's pages into overlapping passages along paragraphs and sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass

from apps.materials.extraction import Page

TARGET_CHARS = 900  # about 200 words: small enough to cite, large enough to carry a thought
OVERLAP_SENTENCES = 1
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_BLOCK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Chunk:
    page: int | None
    text: str
    start_ms: int | None = None  # recordings: where the passage starts


def _sentences(block: str) -> list[str]:
    """A paragraph's sentences; a sentence longer than the target is cut at spaces."""
    pieces = []
    for sentence in _SENTENCE_END.split(" ".join(block.split())):
        while len(sentence) > TARGET_CHARS:
            cut = sentence.rfind(" ", 0, TARGET_CHARS)
            cut = cut if cut > 0 else TARGET_CHARS
            pieces.append(sentence[:cut])
            sentence = sentence[cut:].lstrip()
        if sentence:
            pieces.append(sentence)
    return pieces


def chunk_pages(pages: list[Page]) -> list[Chunk]:
    """Passages of at most about ``TARGET_CHARS``, never across pages; a heading starts a new passage,
    and each passage repeats the previous one's last sentence so a thought cut in two is found whole."""
    chunks: list[Chunk] = []
    for page in pages:
        current: list[str] = []
        for block in _BLOCK.split(page.text.replace("\r\n", "\n")):
            if not block.strip():
                continue
            heading = block.lstrip().startswith("#")
            for sentence in _sentences(block):
                size = sum(len(s) + 1 for s in current)
                if current and (heading or size + len(sentence) > TARGET_CHARS):
                    chunks.append(Chunk(page.number, " ".join(current)))
                    current = [] if heading else current[-OVERLAP_SENTENCES:]
                heading = False
                current.append(sentence)
        if current:
            chunks.append(Chunk(page.number, " ".join(current)))
    return chunks


def chunk_transcript(segments: list[tuple[int, str]]) -> list[Chunk]:
    """A recording's transcribed ``(start_ms, text)`` segments gathered into passages of about ``TARGET_CHARS``,
    each starting where its first segment does (a recogniser writes no sentences to split at)."""
    chunks: list[Chunk] = []
    current: list[str] = []
    start = 0
    for start_ms, text in segments:
        if current and sum(len(piece) + 1 for piece in current) + len(text) > TARGET_CHARS:
            chunks.append(Chunk(None, " ".join(current), start_ms=start))
            current = []
        if not current:
            start = start_ms
        current.append(text)
    if current:
        chunks.append(Chunk(None, " ".join(current), start_ms=start))
    return chunks
