"""Right action and right arguments of an assistant provider on the labelled learner messages.

Run: python -m bench.assistant [--provider offline|openai] [--set measure|tune|all|<path.jsonl>] [--failures] [--fast]
     python -m bench.assistant --cv N|sets [--labelled-bank] [--seed S] [--failures]

``--set`` takes a set's name or the path of any JSONL file of rows in the same shape; ``--fast`` scores the
offline understanding alone against the learner's items read from ``data/learner.json`` (no database;
any call of a tool that is not read-only counts as a write on a no-call message).

Each set (``apps/assistant/offline/data/<set>.jsonl``) holds learner messages with the clock, zone,
optional previous message and the expected calls (only the arguments that matter), or ``kind``
``chit-chat``/``ambiguous`` for messages that must write nothing. A learner whose courses, goals,
blocks and notes are those of ``data/learner.json`` is seeded in a fresh database (embedded services,
like the other benchmarks), and each message goes to the provider the way a chat turn sends it
(system prompt with the learner's context, the previous message, the message). The calls the provider
asks for are then run through the assistant's executor inside a rolled-back transaction, which counts
writes on chit-chat/ambiguous messages and destructive actions that ran without confirmation.

Figures per capability (the first expected tool, or the message kind):
- right action: the multiset of called tool names equals the expected one (none expected: none called);
- right arguments: expected calls reproduced with every expected argument equal (strings compared
  case-insensitively, whitespace collapsed); a no-call message counts as one call, right when none is made;
- right arguments (free text loose): the same, except that arguments which are free text by nature (the
  ``title`` of an object being created by a ``create_*``/``add_*`` tool, ``fact``, ``query``, note
  ``content``) match when rapidfuzz ``token_set_ratio`` of the lowercased strings is >= 85; references to
  existing objects, dates, times, enums and numbers stay exact.

``--labelled-bank`` adds every single-clause row of the learner sets (``offline/labelled.py``) to the
hand-written intent bank, so in a plain run a set's own rows are their own nearest neighbours. ``--cv N``
gives the honest figure: the learner sets' rows are pooled, shuffled (``--seed``) and cut into N folds,
and each fold is scored with its rows left out of the bank; it prints each fold's and the mean figures
(offline understanding, no database). ``--cv sets`` makes one fold per set (leave one set out). Only the
bank is held out: the rules and normalisations were written while reading these sets, so a fold of a set
that was tuned on still flatters them; the fold of the newest set is the closest to a first run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent.parent / "apps" / "assistant" / "offline" / "data"
SETS = (
    "measure", "measure2", "measure3", "measure4", "measure5", "measure6", "measure7", "measure8", "measure9",
    "measure10", "measure11", "measure12", "measure13", "measure14", "measure15", "measure16", "measure17", "measure18",
    "measure19", "measure20", "measure21", "measure22", "measure23", "measure24", "measure25", "measure26",
    "tune", "tune3",
)  # fmt: skip

Predict = Callable[[dict[str, Any]], list[dict[str, Any]]]


def rows_of(name: str) -> list[dict[str, Any]]:
    """The labelled rows of one set: a set's name, or the path of a JSONL file."""
    path = Path(name) if name.endswith(".jsonl") else DATA / f"{name}.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def learner_known() -> Any:
    """The items of ``data/learner.json`` as the offline understanding sees them, without a database."""
    from apps.assistant.offline.items import Known

    return Known.from_dict(json.loads((DATA / "learner.json").read_text()))


def normalise(value: Any) -> Any:
    """Strings case-insensitive with collapsed whitespace, recursively."""
    if isinstance(value, str):
        return re.sub(r"\s+", " ", value).strip().casefold()
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items()}
    return value


FREE_TEXT = frozenset({"fact", "query", "content"})
LOOSE_RATIO = 85


def free_text(tool: str, key: str) -> bool:
    """Whether an argument is free text by nature: a created object's title, a fact, a query, a note's content."""
    return key in FREE_TEXT or (key == "title" and tool.startswith(("create_", "add_")))


def same_recurrence(want: Any, have: Any) -> bool:
    """Whether two RRULEs repeat on the same days (``DAILY;BYDAY=MO,TU`` is ``WEEKLY;BYDAY=MO,TU``)."""
    from dateutil.rrule import rrulestr

    if not (isinstance(want, str) and isinstance(have, str)):
        return False
    start = datetime(2027, 1, 4, 9)
    try:
        rules = [rrulestr(rule.upper(), dtstart=start) for rule in (want, have)]
    except ValueError:
        return False
    first, second = (list(rule.xafter(start, count=60, inc=True)) for rule in rules)
    return first == second


def call_matches(expected: dict[str, Any], got: dict[str, Any], *, loose: bool = False) -> bool:
    """Same tool and every expected argument equal (free text by token_set_ratio when ``loose``)."""
    from rapidfuzz import fuzz

    if expected["name"] != got["name"]:
        return False
    args = normalise(got.get("arguments") or {})
    for key, value in expected.get("arguments", {}).items():
        want, have = normalise(value), args.get(key)
        if want == have or (key == "recurrence_rule" and same_recurrence(want, have)):
            continue
        if not (loose and free_text(expected["name"], key) and isinstance(want, str) and isinstance(have, str)):
            return False
        if fuzz.token_set_ratio(want, have) < LOOSE_RATIO:
            return False
    return True


@dataclass
class Tally:
    """Counts for one capability."""

    messages: int = 0
    action_ok: int = 0
    calls: int = 0
    calls_ok: int = 0
    calls_loose: int = 0


@dataclass
class Result:
    """A set's figures."""

    by_capability: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    writes_on_no_call: int = 0
    unconfirmed_destructive: int = 0
    failures: list[dict[str, Any]] = field(default_factory=list)

    def total(self) -> Tally:
        """All capabilities summed."""
        total = Tally()
        for tally in self.by_capability.values():
            total.messages += tally.messages
            total.action_ok += tally.action_ok
            total.calls += tally.calls
            total.calls_ok += tally.calls_ok
            total.calls_loose += tally.calls_loose
        return total


def score(rows: list[dict[str, Any]], predict: Predict, *, is_write: Callable[[dict[str, Any]], bool]) -> Result:
    """Run ``predict`` on every row and count right actions and arguments per capability."""
    result = Result()
    for row in rows:
        got = predict(row)
        expected = row["expected"]
        capability = expected[0]["name"] if expected else row.get("kind", "no-call")
        tally = result.by_capability[capability]
        tally.messages += 1
        action_ok = sorted(c["name"] for c in got) == sorted(c["name"] for c in expected)
        tally.action_ok += action_ok
        if expected:
            remaining, remaining_loose = list(got), list(got)
            for call in expected:
                tally.calls += 1
                match = next((g for g in remaining if call_matches(call, g)), None)
                if match is not None:
                    remaining.remove(match)
                    tally.calls_ok += 1
                loose = next((g for g in remaining_loose if call_matches(call, g, loose=True)), None)
                if loose is not None:
                    remaining_loose.remove(loose)
                    tally.calls_loose += 1
            args_ok = action_ok and not remaining
        else:
            tally.calls += 1
            tally.calls_ok += not got
            tally.calls_loose += not got
            args_ok = not got
            result.writes_on_no_call += sum(1 for call in got if is_write(call))
        result.unconfirmed_destructive += sum(1 for call in got if call.get("ran_destructive"))
        if not (action_ok and args_ok):
            result.failures.append({"text": row["text"], "expected": expected, "got": got})
    return result


def report(name: str, result: Result, *, failures: bool) -> None:
    """Print one set's figures per capability and overall."""
    print(f"== {name}")
    print(f"   {'capability':26} {'msgs':>4} {'action':>8} {'args':>8}")
    for capability, tally in sorted(result.by_capability.items()):
        print(
            f"   {capability:26} {tally.messages:>4} {tally.action_ok:>3}/{tally.messages:<4}"
            f" {tally.calls_ok:>3}/{tally.calls:<4}"
        )
    total = result.total()
    print(f"   right action     {total.action_ok}/{total.messages} = {100 * total.action_ok / total.messages:.1f}%")
    print(f"   right arguments  {total.calls_ok}/{total.calls} = {100 * total.calls_ok / total.calls:.1f}%")
    print(
        f"   right arguments (free text loose)  {total.calls_loose}/{total.calls}"
        f" = {100 * total.calls_loose / total.calls:.1f}%"
    )
    print(f"   writes on chit-chat/ambiguous: {result.writes_on_no_call}")
    print(f"   destructive actions run without confirmation: {result.unconfirmed_destructive}")
    for failure in result.failures if failures else ():
        print(f"   FAIL {failure['text']!r}")
        print(f"        expected {json.dumps(failure['expected'])}")
        print(f"        got      {json.dumps(failure['got'])}")


def offline_predict(known: Any) -> Predict:
    """The offline understanding alone (no database): calls for a row, given the learner's items."""
    from apps.assistant.offline.understand import understand

    def predict(row: dict[str, Any]) -> list[dict[str, Any]]:
        now = datetime.fromisoformat(row["now"].replace("Z", "+00:00"))
        found = understand(
            row["text"], now=now, timezone=row["timezone"], known=known, previous=row.get("previous", "")
        )
        return [call.as_dict() for call in found.calls]

    return predict


def cross_validate(folds: str, seed: int, *, failures: bool, rows_at_most: int | None = None) -> None:
    """Score each fold with its rows left out of the intent bank: ``folds`` shuffled folds, or one per set ("sets").

    ``rows_at_most`` keeps that many shuffled rows (a quick look; the folds still leave their rows out of the bank).
    """
    import random

    from apps.assistant.offline import intent
    from apps.assistant.offline.labelled import LEARNER_SETS, learner_rows
    from apps.assistant.offline.understand import READ_ONLY

    if folds == "sets":
        chunks = [(name, rows_of(name)) for name in LEARNER_SETS if (DATA / f"{name}.jsonl").exists()]
    else:
        rows = learner_rows()
        order = list(range(len(rows)))
        random.Random(seed).shuffle(order)
        order = order[:rows_at_most]
        chunks = [(f"{k + 1}/{folds}", [rows[i] for i in order[k :: int(folds)]]) for k in range(int(folds))]
    predict = offline_predict(learner_known())
    labelled = intent.BANK_CHOICE.labelled
    figures = []
    for label, fold in chunks:
        intent.use_bank(labelled=labelled, excluded=frozenset(row["text"] for row in fold))
        result = score(fold, predict, is_write=lambda call: call["name"] not in READ_ONLY)
        total = result.total()
        figures.append(
            (total.action_ok / total.messages, total.calls_ok / total.calls, total.calls_loose / total.calls)
        )
        print(
            f"fold {label}: {total.messages} msgs, action {100 * figures[-1][0]:.1f}%,"
            f" args {100 * figures[-1][1]:.1f}% (loose {100 * figures[-1][2]:.1f}%),"
            f" writes on chit-chat/ambiguous {result.writes_on_no_call},"
            f" unconfirmed destructive {result.unconfirmed_destructive}"
        )
        for failure in result.failures if failures else ():
            print(f"   FAIL {failure['text']!r}")
            print(f"        expected {json.dumps(failure['expected'])}")
            print(f"        got      {json.dumps(failure['got'])}")
    intent.use_bank(labelled=labelled)
    mean = [100 * sum(f[i] for f in figures) / len(figures) for i in range(3)]
    bank = "labelled rows in the bank" if labelled else "hand-written bank"
    rows_in = sum(len(fold) for _, fold in chunks)
    print(
        f"mean of {len(chunks)} folds ({rows_in} rows, seed {seed}, {bank}):"
        f" action {mean[0]:.1f}%, args {mean[1]:.1f}% (loose {mean[2]:.1f}%)"
    )


def main() -> None:
    """Seed the learner, run the chosen provider on the chosen sets, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--provider", choices=("offline", "openai"), default="offline")
    parser.add_argument("--set", default="all", help="a set's name (measure, tune, ...), a .jsonl path, or all")
    parser.add_argument("--failures", action="store_true", help="list every failing message")
    parser.add_argument("--fast", action="store_true", help="offline understanding only, no database")
    parser.add_argument(
        "--cv", default="", metavar="N|sets", help="cross-validate the intent bank: N folds, or a fold per set"
    )
    parser.add_argument("--seed", type=int, default=0, help="the shuffle of --cv")
    parser.add_argument("--cv-rows", type=int, default=None, metavar="N", help="--cv on N shuffled rows only")
    parser.add_argument("--labelled-bank", action="store_true", help="add the labelled rows to the intent bank")
    args = parser.parse_args()
    names = tuple(n for n in SETS if (DATA / f"{n}.jsonl").exists()) if args.set == "all" else (args.set,)
    if args.labelled_bank:
        from apps.assistant.offline import intent

        intent.use_bank(labelled=True)
    if args.cv:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maigie.settings.test")
        import django

        django.setup()
        cross_validate(args.cv, args.seed, failures=args.failures, rows_at_most=args.cv_rows)
        return
    if args.fast:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maigie.settings.test")
        import django

        django.setup()
        from apps.assistant.offline.understand import READ_ONLY

        understand_only = offline_predict(learner_known())
        for name in names:
            result = score(rows_of(name), understand_only, is_write=lambda call: call["name"] not in READ_ONLY)
            report(f"{name} (offline, no database)", result, failures=args.failures)
        return
    from bench.common import setup_django, stop_embedded_services

    setup_django()
    try:
        from bench.assistant_db import provider_predict, seeded_learner

        with seeded_learner() as user:
            run = provider_predict(user, args.provider)
            for name in names:
                report(f"{name} ({args.provider})", run.score(rows_of(name)), failures=args.failures)
    finally:
        if not os.environ.get("DATABASE_URL"):
            stop_embedded_services()


if __name__ == "__main__":
    main()
