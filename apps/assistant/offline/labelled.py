"""The labelled learner sets as examples of the intent bank, masked the way a clause is before it is classified.

Every row of the sets written for the learner of ``data/learner.json`` (``LEARNER_SETS``) whose message is
one clause and asks for one tool (or is chit-chat) becomes an example of that tool (or of ``chat``):
its text normalised, item names masked by their kind, exactly as ``understand`` prepares a clause. So
every labelled phrasing feeds the nearest-neighbour vote, not only the hand-written ``bank.BANK``.

``excluded`` (a set of message texts) leaves rows out, for cross-validation: the rows scored in a fold
must not be their own neighbours.
"""

from __future__ import annotations

import functools
import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

DATA = Path(__file__).resolve().parent / "data"
LEARNER_SETS = (
    "measure", "measure2", "measure3", "measure4", "measure5", "measure6", "measure7", "measure8", "measure9",
    "measure10", "measure11", "measure12", "measure13", "measure14", "measure15", "measure16", "measure17", "measure18",
    "measure19", "measure20", "measure21", "measure22", "measure23", "measure24", "measure25", "measure26",
    "tune", "tune3",
)  # fmt: skip
MAX_WORDS = 12  # a longer message says too much besides its request


def learner_rows() -> list[dict]:
    """Every row of the learner sets, in file order."""
    rows: list[dict] = []
    for name in LEARNER_SETS:
        path = DATA / f"{name}.jsonl"
        if path.exists():
            rows.extend(json.loads(line) for line in path.read_text().splitlines() if line.strip())
    return rows


@functools.cache
def _examples() -> tuple[tuple[str, str, str], ...]:
    """(message text, label, masked clause) for each usable row."""
    from .clauses import masked_clauses  # noqa: PLC0415 - clauses imports intent, which imports this module lazily
    from .items import Known  # noqa: PLC0415

    known = Known.from_dict(json.loads((DATA / "learner.json").read_text()))
    out: list[tuple[str, str, str]] = []
    for row in learner_rows():
        expected = row.get("expected") or []
        if expected and len(expected) == 1:
            label = expected[0]["name"]
        elif not expected and row.get("kind") == "chit-chat":
            label = "chat"
        else:
            continue
        now = datetime.fromisoformat(row["now"].replace("Z", "+00:00")).astimezone(ZoneInfo(row["timezone"]))
        clauses = masked_clauses(row["text"], today=now.date(), known=known)
        if len(clauses) == 1 and 0 < len(clauses[0].split()) <= MAX_WORDS:
            out.append((row["text"], label, clauses[0]))
    return tuple(out)


def examples(excluded: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """(label, masked clause) of the labelled rows whose text is not in ``excluded``."""
    return [(label, clause) for text, label, clause in _examples() if text not in excluded]
