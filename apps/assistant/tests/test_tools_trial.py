"""A call that needs confirmation is tried first: one that cannot succeed fails at once, with nothing proposed."""

import pytest

from apps.assistant.models import ActionStatus
from apps.assistant.tests.test_tools_planning import published
from apps.learning.models import Note
from apps.learning.services.notes import note_create
from apps.planning.models import OccurrenceException, ScheduleBlock

pytestmark = pytest.mark.django_db


def test_cancelling_an_occurrence_on_a_day_without_one_fails_before_it_is_proposed(run_tool, user):
    run_tool("create_schedule_block", title="Biochem", start="2030-01-07T09:00", recurrence_rule="FREQ=WEEKLY;BYDAY=MO")

    action = run_tool("cancel_schedule_block", block="Biochem", occurrence_date="2030-01-12")

    assert action.status == ActionStatus.FAILED
    assert "has no occurrence on 2030-01-12" in action.error
    assert "summary" not in action.result
    assert ScheduleBlock.objects.filter(user=user).exists()
    assert not OccurrenceException.objects.exists()


def test_a_call_that_would_succeed_is_proposed_and_its_trial_leaves_nothing_behind(run_tool, user):
    note = note_create(user=user, title="Lab safety", content="Goggles on.")

    action = run_tool("delete_note", note="Lab safety")

    assert action.status == ActionStatus.PROPOSED
    assert Note.objects.filter(pk=note.pk).exists()
    assert [event for event, _ in published(user)] == ["assistant.action"]


def test_an_unknown_object_fails_before_it_is_proposed(run_tool):
    action = run_tool("delete_exam", exam="Secret")

    assert action.status == ActionStatus.FAILED
    assert "No exam is called" in action.error
