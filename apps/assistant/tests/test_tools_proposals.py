"""Every proposal says what it acts on, by the name the learner gave."""

import pytest

from apps.assistant.tools.registry import all_tools

DESTRUCTIVE = [tool for tool in all_tools() if tool.destructive]


def test_the_registry_has_destructive_tools():
    assert {"delete_exam", "delete_note", "delete_course", "cancel_schedule_block"} <= {t.name for t in DESTRUCTIVE}


@pytest.mark.parametrize("tool", DESTRUCTIVE, ids=lambda tool: tool.name)
def test_a_destructive_call_names_its_object(tool):
    required = [name for name, field in tool.arguments.model_fields.items() if field.is_required()]
    arguments = tool.arguments.model_validate(dict.fromkeys(required, "Calc final"))

    assert "“Calc final”" in tool.describe_call(arguments)
