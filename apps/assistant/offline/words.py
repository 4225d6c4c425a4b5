"""The English vocabulary: words never 'corrected' into a key word nor read as an item's abbreviation."""

from __future__ import annotations

import functools
from pathlib import Path


@functools.cache
def english_words() -> frozenset[str]:
    """The words of the CMU pronouncing dictionary shipped with pocketsphinx (never 'corrected')."""
    try:
        import pocketsphinx  # noqa: PLC0415 - optional: without it no word is protected

        path = Path(pocketsphinx.get_model_path()) / "en-us" / "cmudict-en-us.dict"
        lines = path.read_text(encoding="utf-8", errors="ignore").splitlines()
    except (ImportError, OSError):
        return frozenset()
    return frozenset(line.split(" ", 1)[0].split("(", 1)[0].lower() for line in lines if line)
