"""A failed action reads well to the learner: the call in words, the reason without field names, one final stop."""

import pytest

from apps.assistant.models import ActionStatus
from apps.assistant.providers.base import ToolCall
from apps.assistant.services.actions import action_run, action_view
from apps.assistant.tools.wording import failure_reply


@pytest.mark.parametrize(
    ("name", "error", "reply"),
    [
        (
            "quiz_me",
            "note_id: No definitions found in the text to ask about.",
            "I could not quiz you: No definitions found in the text to ask about.",
        ),
        (
            "create_schedule_block",
            "duration_minutes: Input should be less than or equal to 1440",
            "I could not create the schedule block: Duration minutes should be less than or equal to 1440.",
        ),
        (
            "add_exam",
            "modules.0.title: Value error, A title cannot be blank.; date: That day has passed.",
            "I could not add the exam: A title cannot be blank; That day has passed.",
        ),
        ("delete_note", "No note is called 'Lab'.", "I could not delete the note: No note is called 'Lab'."),
        ("search_my_notes", "Which one did you mean?", "I could not search your notes: Which one did you mean?"),
        ("get_progress", "", "I could not get the progress."),
    ],
)
def test_a_failure_is_told_in_words(name, error, reply):
    assert failure_reply(tool_name=name, error=error) == reply


@pytest.mark.django_db
def test_a_refused_argument_of_a_real_call_reads_well(user):
    call = ToolCall(
        id="c",
        name="create_schedule_block",
        arguments={"title": "Long", "start": "2030-01-01T09:00", "duration_minutes": 2000},
    )
    action = action_run(user=user, call=call, message=None)
    assert action.status == ActionStatus.FAILED

    view = action_view(action)
    assert failure_reply(tool_name=view["type"], error=view["error"]) == (
        "I could not create the schedule block: Duration minutes should be less than or equal to 1440."
    )
