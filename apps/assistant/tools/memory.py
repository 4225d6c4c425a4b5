"""Tools over the learner's remembered facts: remember, forget, list (shown to the model in every prompt)."""

from __future__ import annotations

from pydantic import Field

from apps.accounts.models import User
from apps.assistant import selectors
from apps.assistant.models import MemoryFact
from apps.assistant.services import memory
from apps.assistant.tools import changes
from apps.assistant.tools.learning import find_by_title
from apps.assistant.tools.planning import only_change
from apps.assistant.tools.registry import Arguments, Change, Tool, ToolOutcome, register

MAX_LISTED = 50


class RememberFact(Arguments):
    """Remember something about the learner for later conversations ("I prefer mornings")."""

    fact: str = Field(min_length=1, max_length=memory.MAX_FACT_LENGTH)


def remember_fact(user: User, arguments: RememberFact) -> ToolOutcome:
    known = selectors.fact_list(user=user).filter(text__iexact=" ".join(arguments.fact.split())).exists()
    fact = memory.fact_remember(user=user, text=arguments.fact)
    summary = f"I already remember that: {fact.text}" if known else f"I'll remember that: {fact.text}"
    return ToolOutcome(
        result={"fact_id": str(fact.pk), "summary": summary},
        changes=() if known else (changes.change(fact, "created"),),
    )


def undo_remember_fact(user: User, recorded: list[Change]) -> None:
    if recorded:  # a fact already known was not written
        memory.fact_forget(fact=MemoryFact.objects.get(pk=recorded[0].pk))


class ForgetFact(Arguments):
    """Forget a fact remembered about the learner."""

    fact: str = Field(min_length=1, max_length=memory.MAX_FACT_LENGTH, description="The fact's words or id")


def forget_fact(user: User, arguments: ForgetFact) -> ToolOutcome:
    fact: MemoryFact = find_by_title(selectors.fact_list(user=user), arguments.fact, field="text", kind="fact")
    recorded = changes.change(fact, "deleted", before=changes.values(fact, ["id", "text", "created_at"]))
    memory.fact_forget(fact=fact)
    return ToolOutcome(result={"fact_id": recorded.pk, "summary": f"Forgotten: {fact.text}"}, changes=(recorded,))


def undo_forget_fact(user: User, recorded: list[Change]) -> None:
    memory.fact_restore(user=user, snapshot=only_change(recorded).before)


class ListFacts(Arguments):
    """List what the assistant remembers about the learner."""


def list_facts(user: User, arguments: ListFacts) -> ToolOutcome:
    facts = list(selectors.fact_list(user=user)[:MAX_LISTED])
    rows = [{"fact_id": str(fact.pk), "text": fact.text} for fact in facts]
    summary = "I remember: " + "; ".join(fact.text for fact in facts) + "." if facts else "I remember nothing yet."
    return ToolOutcome(result={"facts": rows, "summary": summary})


for tool in (
    Tool("remember_fact", RememberFact.__doc__ or "", RememberFact, remember_fact, undo_remember_fact),
    Tool("forget_fact", ForgetFact.__doc__ or "", ForgetFact, forget_fact, undo_forget_fact),
    Tool("list_facts", ListFacts.__doc__ or "", ListFacts, list_facts),
):
    register(tool)
