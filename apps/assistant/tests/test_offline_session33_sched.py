"""Offline, session 33 (schedule): a block's occurrence given a new time "instead of" its own, a removal asked after a
change of plan told, several blocks called off in one clause, a block put in the slot of one called off, a recurring
block beside a course's short name, a prep plan's start hour, a block filed under a course, "it" after a day's plan;
each said in other words than the rows they were found on."""

from apps.assistant.tests.offline_learner import calls, say

# the learner is in New York on Wednesday 2026-03-04 at 10:00; Spanish practice Mon/Wed 19:00, Orgo review Thu
# 18:00, Linear Algebra problem sets Sun 10:00, ML reading daily 08:00


def _cancel(block: str, day: str = "") -> tuple[str, dict]:
    return ("cancel_schedule_block", {"block": block, **({"occurrence_date": day} if day else {})})


def test_a_new_time_instead_of_the_old_one_moves_that_days_occurrence():
    assert calls("thursday's orgo review - could we do 7:30pm instead of 6?") == [
        (
            "move_schedule_block",
            {"block": "Orgo review", "start": "2026-03-05T19:30", "occurrence_date": "2026-03-05"},
        )
    ]
    [(name, arguments)] = calls("sunday's linear algebra problem sets session, can we do 1pm instead of 10")
    assert (name, arguments["block"], arguments["start"]) == (
        "move_schedule_block",
        "Linear Algebra problem sets",
        "2026-03-08T13:00",
    )


def test_a_new_block_said_beside_an_old_time_moves_nothing_and_a_vague_ask_writes_nothing():
    assert calls("can we do a new orgo block at 7 instead of 6") == []
    assert say("can we do this at 9 tomorrow?").calls == []


def test_a_removal_after_a_change_of_plan_told_removes_the_series():
    assert calls("i'm moving orgo review to saturdays, so just remove the thursday one") == [_cancel("Orgo review")]
    assert calls("get rid of the thursday orgo review for good") == [_cancel("Orgo review")]
    assert calls("permanently delete the sunday lin alg block") == [_cancel("Linear Algebra problem sets")]
    assert calls("remove my thursday orgo review") == [_cancel("Orgo review")]  # the day it keeps, said as its name


def test_a_block_skipped_on_a_day_and_a_remark_after_it_stays_that_days():
    assert calls("skip orgo review tomorrow im completely wiped") == [_cancel("Orgo review", "2026-03-05")]
    assert calls("remove orgo review on thursday") == [_cancel("Orgo review", "2026-03-05")]
    assert say("skip the sunday block").calls == []  # ML reading meets on sundays too


def test_several_blocks_called_off_on_one_day_are_each_called_off():
    assert calls("cancel tonight's spanish practice and the ml reading, feeling awful") == [
        _cancel("Spanish practice", "2026-03-04"),
        _cancel("ML reading", "2026-03-04"),
    ]


def test_several_blocks_called_off_each_on_its_own_day():
    assert calls("skip ml reading on friday and thursday's orgo review, conference trip") == [
        _cancel("ML reading", "2026-03-06"),
        _cancel("Orgo review", "2026-03-05"),
    ]


def test_several_blocks_called_off_on_a_day_one_never_meets_on_is_asked_about():
    understood = say("skip orgo review and spanish practice tomorrow")
    assert understood.calls == []
    assert "doesn't meet" in understood.question


def test_a_block_put_in_the_slot_of_one_called_off_takes_its_day_and_hour():
    assert calls("cancel orgo review tomorrow, put a 'lab writeup' block in its place") == [
        _cancel("Orgo review", "2026-03-05"),
        ("create_schedule_block", {"title": "lab writeup", "start": "2026-03-05T18:00", "duration_minutes": 60}),
    ]
    [_, (name, arguments)] = calls("skip ML reading friday and add a 'flashcards' block at the same time on saturday")
    assert (name, arguments["start"]) == ("create_schedule_block", "2026-03-07T08:00")


def test_a_new_block_said_instead_of_one_called_off_is_made_not_moved():
    [cancel, (name, arguments)] = calls(
        "cancel orgo review thursday and do a 90 min orgo session on friday at 4pm instead"
    )
    assert cancel == _cancel("Orgo review", "2026-03-05")
    assert (name, arguments["start"], arguments["duration_minutes"]) == (
        "create_schedule_block",
        "2026-03-06T16:00",
        90,
    )


def test_a_recurring_block_for_a_class_said_by_its_short_name_is_no_progress_read():
    [(name, arguments)] = calls("could u add orgo drills for my orgo class every mon + wed 2 to 3:30pm")
    assert (name, arguments["recurrence_rule"], arguments["duration_minutes"], arguments["course"]) == (
        "create_schedule_block",
        "FREQ=WEEKLY;BYDAY=MO,WE",
        90,
        "Organic Chemistry",
    )


def test_the_hour_a_prep_plan_starts_is_no_block():
    assert calls("build me a revision plan for my world history final, start every day at 9am") == [
        ("plan_exam_prep", {"exam": "World History", "hour": 9})
    ]


def test_a_block_filed_under_a_course_keeps_the_reminder_asked_with_it():
    [(name, arguments)] = calls(
        "block 7-9pm tomorrow for the essay draft, file it under world history and remind me 15 min before"
    )
    assert (name, arguments["course"], arguments["reminder_minutes"]) == ("create_schedule_block", "World History", 15)
    [(_, arguments)] = calls("book 9-10am saturday for mcat flashcards, link it to my mcat goal")
    assert arguments["goal"] == "Pass the MCAT"
    understood = say("block 7-9pm tomorrow for the essay draft, put it in my pottery class")
    assert understood.calls == []
    assert understood.question


def test_a_course_said_in_brackets_after_a_block_title_is_its_course():
    [(name, arguments)] = calls("book 90 min saturday at 10am for lab report 2 (orgo)")
    assert (name, arguments["title"].lower(), arguments["course"]) == (
        "create_schedule_block",
        "lab report 2",
        "Organic Chemistry",
    )
    [(_, arguments)] = calls("book 90 min saturday at 10am for lab report (draft 2)")
    assert "course" not in arguments


def test_it_after_a_days_plan_with_one_block_still_to_come_is_that_block():
    assert calls("skip it, i have a dinner", previous="anything on tonight?") == [
        _cancel("Spanish practice", "2026-03-04")
    ]
    understood = say("cancel it", previous="what do i have on sunday")  # two blocks meet on sundays
    assert understood.calls == []
    assert understood.question


def test_a_day_of_the_week_a_reason_spans_keeps_the_listed_days_occurrence():
    assert calls("cancel the orgo one, the lab ran late all day", previous="what's on tomorrow") == [
        _cancel("Orgo review", "2026-03-05")
    ]
