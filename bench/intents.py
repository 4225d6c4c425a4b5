"""Measure the offline parser on the labelled utterances: intent and argument accuracy, dev and held-out.

Sets: dev (rules were fixed against it), heldout (written before any rule, run only at the end),
blind (new phrasings written after the rules, run once, never tuned on).
Run: python -m bench.intents [--only dev|heldout|blind|blind2]
"""

from __future__ import annotations

import argparse
import json
import re
from datetime import datetime
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "apps" / "assistant" / "offline" / "data"
SETS = ("dev", "heldout", "blind", "blind2")


def normalise(value):
    """Compare strings case-insensitively with collapsed whitespace, recursively."""
    if isinstance(value, str):
        return re.sub(r"\s+", " ", value).strip().casefold()
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items()}
    return value


def evaluate(path: Path, *, understanding: bool = False) -> dict:
    """Score one JSON-lines file (rules alone, or the whole understanding); return totals and the failures."""
    from apps.assistant.offline.parser import parse as rules
    from apps.assistant.offline.understand import understand

    def parse(text, *, now, timezone):
        if understanding:
            return understand(text, now=now, timezone=timezone).calls
        return rules(text, now=now, timezone=timezone)

    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    intent_ok = calls_total = calls_ok = 0
    failures = []
    for row in rows:
        now = datetime.fromisoformat(row["now"].replace("Z", "+00:00"))
        got = [c.as_dict() for c in parse(row["text"], now=now, timezone=row["timezone"])]
        expected = row["expected"]
        same_intents = sorted(c["name"] for c in got) == sorted(c["name"] for c in expected)
        intent_ok += same_intents
        remaining = [normalise(c) for c in got]
        row_ok = 0
        for call in expected:
            calls_total += 1
            if normalise(call) in remaining:
                remaining.remove(normalise(call))
                row_ok += 1
        calls_ok += row_ok
        if not same_intents or row_ok < len(expected) or remaining:
            failures.append({"text": row["text"], "expected": expected, "got": got})
    # An utterance with no expected call counts as one "call" that must produce nothing.
    empty_rows = [r for r in rows if not r["expected"]]
    empty_ok = sum(1 for r in empty_rows if not any(f["text"] == r["text"] for f in failures))
    return {
        "utterances": len(rows),
        "intent_ok": intent_ok,
        "calls": calls_total + len(empty_rows),
        "calls_ok": calls_ok + empty_ok,
        "failures": failures,
    }


def report(name: str, result: dict) -> None:
    """Print one set's figures and every failure."""
    n, calls = result["utterances"], result["calls"]
    print(f"== {name}: {n} utterances, {calls} expected calls (a no-call utterance counts as one)")
    print(f"   intent accuracy   {result['intent_ok']}/{n} = {100 * result['intent_ok'] / n:.1f}%")
    print(f"   argument accuracy {result['calls_ok']}/{calls} = {100 * result['calls_ok'] / calls:.1f}%")
    for failure in result["failures"]:
        print(f"   FAIL {failure['text']!r}")
        print(f"        expected {json.dumps(failure['expected'])}")
        print(f"        got      {json.dumps(failure['got'])}")


def main() -> None:
    """Evaluate every labelled set."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", choices=list(SETS))
    parser.add_argument("--understand", action="store_true", help="run the whole offline understanding")
    args = parser.parse_args()
    for name in SETS:
        if args.only in (None, name):
            report(name, evaluate(DATA / f"{name}.jsonl", understanding=args.understand))


if __name__ == "__main__":
    main()
