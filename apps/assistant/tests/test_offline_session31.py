"""Offline, session 31: classes found on measure76-79's first runs and left open at session 30's end, each said
in other words than the examples they were found on."""

import pytest

from apps.assistant.offline.abstain import READ_ONLY
from apps.assistant.tests.offline_learner import calls, say


@pytest.mark.parametrize(
    ("said", "block", "day"),
    [
        ("gonna have to miss spanish practice next monday", "Spanish practice", "2026-03-09"),
        ("i'll probably miss the orgo review tmrw, cancel that one", "Orgo review", "2026-03-05"),
        ("heads up i will miss ml reading on friday", "ML reading", "2026-03-06"),
    ],
)
def test_a_block_the_learner_will_miss_is_skipped_that_day(said, block, day):
    assert calls(said) == [("cancel_schedule_block", {"block": block, "occurrence_date": day})]


@pytest.mark.parametrize("said", ["i missed spanish practice on monday", "i really miss orgo review tbh"])
def test_a_miss_past_or_longed_for_writes_nothing(said):
    assert calls(said) == []


@pytest.mark.parametrize("said", ["rename the orgo thing to 'Orgo II'", "pls retitle my spanish stuff to Spanish A2"])
def test_a_rename_of_a_thing_naming_items_of_several_kinds_asks_which(said):
    understanding = say(said)
    assert (understanding.calls, "Which do you mean" in understanding.question) == ([], True)


def test_a_rename_of_a_thing_naming_one_item_renames_it():
    assert calls("change the name of my stats stuff to statistics 101") == [
        ("update_course", {"course": "Probability and Statistics", "title": "statistics 101"})
    ]


@pytest.mark.parametrize("said", ["march already?? where did winter go", "finals week already? how did that happen"])
def test_a_message_that_only_asks_in_every_sentence_writes_nothing(said):
    assert [call.name for call in say(said).calls if call.name not in READ_ONLY] == []


@pytest.mark.parametrize(
    "said", ["wait is it thursday? what's on today", "was it already friday? what do i have today"]
)
def test_the_day_asked_is_no_item_to_name(said):
    assert calls(said) == [("get_today", {})]


@pytest.mark.parametrize("said", ["is it friday??", "hold on is it really june already", "how did that even happen"])
def test_the_day_asked_alone_or_a_rhetorical_how_reads_nothing(said):
    assert calls(said) == []


def test_a_pronoun_still_needs_its_item():
    assert "“it”" in say("is it due on friday?").question


def test_a_prep_plan_until_then_is_for_the_exam_just_told():
    previous = "my orgo final is on april 20"
    assert calls("could you plan out my studying till then, 30 min at 7pm", previous=previous) == [
        ("plan_exam_prep", {"exam": "Organic Chemistry", "hour": 19, "minutes": 30})
    ]


def test_a_cancel_after_an_opener_and_before_a_reason_still_cancels():
    assert calls("ok cancel orgo review tomorrow, im wiped") == [
        ("cancel_schedule_block", {"block": "Orgo review", "occurrence_date": "2026-03-05"})
    ]


@pytest.mark.parametrize(
    ("said", "block", "day"),
    [
        ("skip the ML reading just this once", "ML reading", "2026-03-05"),  # 08:00 daily, now 10:00: tomorrow's
        ("cancel spanish practice this one time", "Spanish practice", "2026-03-04"),  # 19:00 today, still to come
    ],
)
def test_one_occurrence_said_without_its_day_is_the_next_one(said, block, day):
    assert calls(said) == [("cancel_schedule_block", {"block": block, "occurrence_date": day})]


def test_a_cancel_of_it_after_a_question_about_one_day_is_that_days():
    assert calls("cancel it then", previous="is orgo review still happening tomorrow?") == [
        ("cancel_schedule_block", {"block": "Orgo review", "occurrence_date": "2026-03-05"})
    ]


def test_a_cancel_of_it_for_good_stays_the_whole_block():
    assert calls("cancel it for good", previous="is orgo review still happening tomorrow?") == [
        ("cancel_schedule_block", {"block": "Orgo review"})
    ]


@pytest.mark.parametrize(
    ("said", "previous"),
    [("rename the spanish practice to spanish convo", ""), ("rename it to chem drills", "is orgo review on thursday?")],
)
def test_a_rename_of_a_block_renames_no_course(said, previous):
    understanding = say(said, previous)
    assert (understanding.calls, "is your block" in understanding.question) == ([], True)
