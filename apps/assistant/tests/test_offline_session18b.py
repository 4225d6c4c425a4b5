"""Session 18, second round: measure22's classes of failure (what is unsaid is asked, code-switched requests)."""

from __future__ import annotations

from apps.assistant.offline.codeswitch import in_english
from apps.assistant.tests.offline_learner import say


def test_a_note_with_no_content_is_asked_about() -> None:
    found = say("take a note")
    assert not found.calls
    assert found.question


def test_that_topic_pointing_at_nothing_is_asked_about() -> None:
    found = say("delete that topic from linear algebra")
    assert not found.calls
    assert found.question


def test_a_past_remark_with_no_subject_asks_for_nothing() -> None:
    assert not say("just nailed my orgo quiz!!").calls


def test_something_put_on_the_calendar_is_asked_about() -> None:
    found = say("can you put something on my calendar for friday")
    assert not found.calls
    assert found.question


def test_scheduling_at_a_loose_time_is_asked_about_whatever_the_intent() -> None:
    found = say("schedule a stats session after dinner tomorrow")
    assert not found.calls
    assert found.question


def test_a_request_verb_of_another_language_asks_like_the_english_one() -> None:
    found = say("necesito add a course for Japanese, beginner")
    assert [call.name for call in found.calls] == ["create_course"]
    assert found.calls[0].arguments["title"] == "Japanese"


def test_the_day_said_in_another_language_is_read() -> None:
    assert in_english("cancela orgo de hoy bitte") == "cancel orgo today please"


def test_a_title_in_another_language_keeps_its_words() -> None:
    assert in_english("add a topic called por versus para") == "add a topic called por versus para"


def test_the_goals_of_a_status_asked_with_a_reason_are_listed() -> None:
    found = say("show me the goals i've finished, wanna see how far i came")
    assert [(call.name, call.arguments) for call in found.calls] == [("list_goals", {"status": "COMPLETED"})]


def test_done_with_how_tired_after_a_timer_stops_it() -> None:
    assert [call.name for call in say("ok i'm done, my brain is mush", previous="start a timer for orgo").calls] == [
        "stop_study_session"
    ]


def test_a_most_to_make_asks_for_cards() -> None:
    found = say("cards for the orgo course, 30 max")
    assert [call.name for call in found.calls] == ["make_flashcards"]
    assert found.calls[0].arguments["max_cards"] == 30


def test_an_aside_about_forgetting_asks_nothing_to_be_forgotten() -> None:
    found = say("quick note so i don't forget, call it Enzymes: enzymes lower activation energy")
    assert [(call.name, call.arguments.get("title")) for call in found.calls] == [("create_note", "Enzymes")]


def test_a_wish_then_add_that_as_a_goal_makes_the_goal() -> None:
    found = say("i want to read 5 papers this month, make that a goal")
    assert [call.name for call in found.calls] == ["create_goal"]
    assert found.calls[0].arguments["title"].lower().startswith("read 5 papers")


def test_a_goal_named_first_then_add_task() -> None:
    found = say("mcat goal: add task review enzymes")
    assert [(call.name, call.arguments.get("goal")) for call in found.calls] == [("add_goal_task", "Pass the MCAT")]


def test_the_x_one_with_a_priority_is_the_x_goal() -> None:
    found = say("bump the mcat one to low priority")
    assert [(call.name, call.arguments) for call in found.calls] == [
        ("update_goal", {"goal": "Pass the MCAT", "priority": "LOW"})
    ]


def test_a_goal_that_should_be_on_a_date_gets_that_target_date() -> None:
    found = say("my mcat goal should be june 3 now")
    assert [(call.name, call.arguments.get("target_date")) for call in found.calls] == [("update_goal", "2026-06-03")]


def test_a_quoted_note_saying_its_content_tagged_with_plus() -> None:
    found = say("make a note 'Ser' saying ser is permanent, and tag it spanish + exam")
    assert [(call.name, call.arguments.get("content") or call.arguments.get("add")) for call in found.calls] == [
        ("create_note", "ser is permanent"),
        ("tag_note", ["spanish", "exam"]),
    ]


def test_a_purpose_said_first_is_no_part_of_the_block_title() -> None:
    found = say("for my mcat goal schedule MCAT drills every sunday 9am for 2 hrs")
    assert [(call.name, call.arguments.get("title"), call.arguments.get("goal")) for call in found.calls] == [
        ("create_schedule_block", "MCAT drills", "Pass the MCAT")
    ]


def test_how_often_a_wanted_block_recurs_is_no_part_of_its_title() -> None:
    found = say("i need a weekly Cold War reading block every tuesday at 17:30, 45 min, for world history")
    assert [call.arguments.get("title") for call in found.calls] == ["Cold War reading"]


def test_it_is_the_item_the_previous_request_read() -> None:
    found = say("quiz me on it then", previous="how am i doing in spanish")
    assert [(call.name, call.arguments) for call in found.calls] == [("quiz_me", {"course": "Spanish for Beginners"})]


def test_it_moved_to_a_clock_keeps_the_day_the_previous_message_named() -> None:
    found = say("push it to 8pm", previous="my orgo review on friday clashes with lab")
    assert [(call.name, call.arguments.get("occurrence_date")) for call in found.calls] == [
        ("move_schedule_block", "2026-03-06")
    ]


def test_a_short_label_before_a_dash_is_the_note_title() -> None:
    found = say("take a note: Krebs summary — acetyl-CoA in, CO2 and NADH out")
    assert [(call.arguments.get("title"), call.arguments.get("content")) for call in found.calls] == [
        ("Krebs summary", "acetyl-CoA in, CO2 and NADH out")
    ]


def test_a_second_question_asking_is_there_is_its_own_request() -> None:
    found = say("what's on tomorrow? and are there any clashes coming up")
    assert [call.name for call in found.calls] == ["list_schedule", "find_schedule_conflicts"]


def test_a_course_put_away_is_archived_and_keeping_progress_reads_nothing() -> None:
    found = say("put the orgo course away for now. keep my progress")
    assert [(call.name, call.arguments) for call in found.calls] == [
        ("archive_course", {"course": "Organic Chemistry"})
    ]
