"""Remembered facts: the tools, the API, isolation, the prompt; the running summary of long conversations."""

import pytest

from apps.assistant.context import HISTORY_TOKEN_BUDGET, conversation_context
from apps.assistant.models import ActionStatus, ChatMessage, Conversation, MemoryFact, Role
from apps.assistant.providers.base import ToolCall
from apps.assistant.services.actions import action_run, action_undo
from apps.assistant.services.conversations import conversation_create, conversation_summarise
from apps.assistant.services.memory import fact_remember
from apps.billing import entitlements

pytestmark = pytest.mark.django_db
URL = "/api/v1/assistant/memory/"


@pytest.fixture
def run(user, django_capture_on_commit_callbacks):
    def call(name: str, **arguments):
        with django_capture_on_commit_callbacks(execute=True):
            return action_run(user=user, call=ToolCall(id="c1", name=name, arguments=arguments), message=None)

    return call


def test_facts_are_remembered_once_listed_forgotten_and_undone(run, user):
    remembered = run("remember_fact", fact="I prefer  mornings")
    assert remembered.result["summary"] == "I'll remember that: I prefer mornings"
    again = run("remember_fact", fact="i prefer mornings")
    assert again.result["summary"].startswith("I already remember")
    assert MemoryFact.objects.filter(user=user).count() == 1
    assert run("list_facts").result["summary"] == "I remember: I prefer mornings."

    forgotten = run("forget_fact", fact="mornings")
    assert forgotten.status == ActionStatus.EXECUTED
    assert not MemoryFact.objects.filter(user=user).exists()
    action_undo(action=forgotten)
    assert MemoryFact.objects.get(user=user).text == "I prefer mornings"
    action_undo(action=remembered)
    assert not MemoryFact.objects.filter(user=user).exists()
    assert run("remember_fact", fact="").status == ActionStatus.FAILED


def test_the_plan_caps_facts(run, user):
    for number in range(entitlements.FREE.memory_facts or 0):
        fact_remember(user=user, text=f"fact {number}")
    action = run("remember_fact", fact="one too many")
    assert action.status == ActionStatus.FAILED
    assert "memory facts" in action.error


def test_the_api_lists_and_deletes_only_the_learners_facts(auth_client, user, other_user):
    mine = fact_remember(user=user, text="I prefer mornings")
    theirs = fact_remember(user=other_user, text="I live in Paris")

    listed = auth_client.get(URL).json()["results"]
    assert [(row["id"], row["text"]) for row in listed] == [(str(mine.pk), "I prefer mornings")]
    assert auth_client.delete(f"{URL}{theirs.pk}/").status_code == 404
    assert MemoryFact.objects.filter(pk=theirs.pk).exists()
    assert auth_client.delete(f"{URL}{mine.pk}/").status_code == 204
    assert not MemoryFact.objects.filter(pk=mine.pk).exists()


def test_facts_are_in_the_learners_prompt_and_never_in_anothers(user, other_user):
    fact_remember(user=user, text="I prefer mornings")
    fact_remember(user=other_user, text="I live in Paris")
    prompt = conversation_context(user, conversation_create(user=user))[0].content
    assert "The learner told you: I prefer mornings" in prompt
    assert "Paris" not in prompt
    assert run_forget_of_anothers_fact(user) == ActionStatus.FAILED


def run_forget_of_anothers_fact(user) -> str:
    action = action_run(user=user, call=ToolCall(id="c", name="forget_fact", arguments={"fact": "Paris"}), message=None)
    return action.status


def test_a_long_conversation_keeps_a_running_summary_in_the_prompt(user):
    conversation = conversation_create(user=user)
    pad = " ".join(["Photosynthesis turns light into sugar."] * (HISTORY_TOKEN_BUDGET // 30))  # ~1/3 of the budget
    messages = [
        ChatMessage.objects.create(
            conversation=conversation, user=user, role=Role.USER if n % 2 == 0 else Role.ASSISTANT, content=pad
        )
        for n in range(8)
    ]
    assert conversation_summarise(conversation=conversation_create(user=user)).summary == ""

    summarised = conversation_summarise(conversation=conversation)
    assert summarised.summary.startswith("Photosynthesis turns light into sugar.")
    kept = len(conversation_context(user, conversation)) - 1
    assert 0 < kept < len(messages)
    assert summarised.summary_upto == messages[len(messages) - kept - 1].created_at
    conversation.refresh_from_db()
    assert f"Earlier in this conversation (summary): {conversation.summary}" in (
        conversation_context(user, conversation)[0].content
    )
    upto = conversation.summary_upto
    conversation_summarise(conversation=conversation)  # nothing newly dropped: unchanged
    assert Conversation.objects.get(pk=conversation.pk).summary_upto == upto
