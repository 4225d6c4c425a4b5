"""Offline, session 26: messages that must change nothing (found by adversarial sets of chit-chat and ambiguous
messages), each class said here in other words than the examples it was fixed on."""

import pytest

from apps.assistant.tests.offline_learner import calls, say


@pytest.mark.parametrize(
    "text",
    [
        "archive linear algebra... hmm actually no, i still use it",
        "remove the krebs cycle note. jk, i need it for the quiz",
        "cancel spanish practice tonight -- nah forget it",
        "i almost deleted my orgo course but no, leave it",
        "add a goal to learn latin.. eh never mind, too busy",
    ],
)
def test_a_request_taken_back_after_it_is_said_changes_nothing(text):
    assert calls(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("add a goal to run a 5k, nah wait, call it run a 10k", "create_goal"),
    ],
)
def test_a_correction_after_taking_back_still_acts(text, name):
    assert [found[0] for found in calls(text)][-1:] == [name]


@pytest.mark.parametrize(
    "text",
    [
        "move ml reading to 7 or 7:30, not sure",
        "set the mcat goal to medium, no high, hmm or low",
        "tag the krebs note with bio or chem, whichever fits",
        "skip one of the orgo sessions next month",
    ],
)
def test_an_undecided_request_asks_which(text):
    understood = say(text)
    assert understood.calls == []
    assert understood.question


@pytest.mark.parametrize(
    "text",
    [
        "set the lin alg goal to high priority and then set it to low priority",
        "delete the krebs cycle note but keep it",
        "complete backpropagation and also not done",
        "cancel ml reading tomorrow but i still want to do it",
    ],
)
def test_a_request_and_its_opposite_asks(text):
    understood = say(text)
    assert understood.calls == []
    assert understood.question


@pytest.mark.parametrize(
    "text",
    [
        "our TA covered bayes theorem twice today",
        "professor said to start reviewing enantiomers early",
        "my lab partner dropped probability and statistics",
        "one of my classmates told me to archive world history and redo it next year",
    ],
)
def test_what_other_people_did_or_said_changes_nothing(text):
    assert [found for found in calls(text) if found[0] != "get_progress"] == []


@pytest.mark.parametrize(
    "text",
    [
        "if linear algebra gets too hard i'd drop it",
        "in a perfect world i'd finish the mcat goal by june",
        "someday i'll add a course on japanese",
        "debating whether to move orgo review to mondays",
        "thinking about archiving world history",
    ],
)
def test_a_condition_wish_or_doubt_changes_nothing(text):
    assert [found for found in calls(text) if found[0] not in {"get_progress", "list_goals"}] == []


@pytest.mark.parametrize(
    "text",
    [
        "should i delete spanish for beginners? idk",
        "what happens to my topics if i remove the grammar module, are they gone?",
        "would making flashcards from lecture 6 notes even help or nah",
    ],
)
def test_a_question_about_a_change_makes_none(text):
    assert [found for found in calls(text) if found[0] not in {"list_goals", "get_progress"}] == []


@pytest.mark.parametrize(
    "text",
    [
        "calendar looks crazy at 5 tomorrow",
        "the ml reading at 8 tomorrow is going to be painful",
        "orgo review should not be at 6 on thursdays",
        "schedule seems stacked on friday at 3",
    ],
)
def test_a_remark_on_the_schedule_at_a_time_books_and_moves_nothing(text):
    assert calls(text) == []


def test_a_number_with_a_unit_names_no_item_with_that_number():
    assert calls("remind me 1 hour before my orgo review") == []


@pytest.mark.parametrize("text", ["finished half of redo problem set 3", "did most of finish practice test 1"])
def test_part_of_a_task_done_completes_nothing(text):
    assert calls(text) == []


@pytest.mark.parametrize("text", ["last friday i studied orgo at 9pm", "woke up late, spanish practice at 7 missed"])
def test_the_past_moves_and_books_nothing(text):
    assert [found for found in calls(text) if found[0] not in {"complete_topic"}] == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [("mark the read 1984 task done", "task"), ("archive my biology 201 course", "course")],
)
def test_a_code_or_year_the_title_lacks_names_another_item(text, kind):
    understood = say(text)
    assert understood.calls == []
    assert kind in understood.question


@pytest.mark.parametrize("text", ["add a few tasks to the 12 books goal", "rename linear algebra please"])
def test_a_new_item_or_a_rename_without_a_name_asks_for_one(text):
    understood = say(text)
    assert understood.calls == []
    assert understood.question == "What should it be called?"


def test_it_after_two_items_named_together_names_neither():
    understood = say("remove it", previous="lecture 6 and lecture 5 notes are outdated")
    assert understood.calls == []
    assert understood.question


def test_putting_off_a_request_changes_nothing():
    assert calls("forget the goal stuff for now, i'll sort it later") == []
    assert calls("never mind renaming the module") == []
    assert calls("move orgo review to 7... actually 6 is fine, forget i said anything") == []


def test_a_range_that_would_make_a_block_of_most_of_a_day_asks():
    understood = say("book 9am to 6am friday for physics")
    assert understood.calls == []
    assert "16 hours" in understood.question
    (found,) = calls("book 11pm to 1am friday for physics")
    assert found[1]["duration_minutes"] == 120


def test_a_change_asked_of_something_is_no_new_goal():
    understood = say("reschedule the history exam")
    assert [call.name for call in understood.calls if call.name == "create_goal"] == []
    assert calls("new goal: move to a bigger flat") == [("create_goal", {"title": "Move to a bigger flat"})]


@pytest.mark.parametrize(
    "text", ["set aside 3 hours on saturday for my essay", "book a 45 minute slot monday for bio please"]
)
def test_a_day_and_a_length_without_a_clock_asks_when(text):
    understood = say(text)
    assert understood.calls == []
    assert understood.question == "What time should I put it at?"


def test_a_length_does_not_hide_a_clock_or_an_offset():
    (found,) = calls("set aside 3 hours on saturday at 10am for my essay")
    assert found[1]["start"].endswith("T10:00")
    assert found[1]["duration_minutes"] == 180


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("ta session thursday 4pm put it on my calendar", "create_schedule_block"),
        ("a tutor session on friday at 11am pls", "create_schedule_block"),
        ("my ta told us to review eigenvalues so add a 1 hr block tmrw at 4pm", "create_schedule_block"),
        ("would it be possible to move orgo review to 7pm", "move_schedule_block"),
        ("would love a study block sunday 2pm for lin alg", "create_schedule_block"),
        ("i'd rather move orgo review to friday", "move_schedule_block"),
        ("if ur free add a 30 min block at 9pm for spanish", "create_schedule_block"),
        ("welp delete lecture 6 notes", "delete_note"),
        ("sat practice test saturday 9am-1pm", "create_schedule_block"),
        ("no just move orgo review to 7pm", "move_schedule_block"),
        ("mark finish practice test 1 done, got 85 out of 100", "complete_goal_task"),
        ("move orgo review to friday and keep it at 6pm", "move_schedule_block"),
        ("nevermind reading, cancel ML reading tomorrow", "cancel_schedule_block"),
        ("whichever is easier, add a stats block tomorrow at 3pm", "create_schedule_block"),
        ("add a module called exams to the ML course", "add_module"),
        ("block out saturday 9am to 10pm for finals cram", "create_schedule_block"),
    ],
)
def test_a_real_request_that_looks_like_a_remark_still_acts(text, name):
    assert name in [found[0] for found in calls(text)]


@pytest.mark.parametrize(
    "text",
    ["two weeks ago i cancelled spanish", "no need to cancel spanish", "lowkey thinking about dropping stats"],
)
def test_the_past_a_denial_and_a_doubt_remove_nothing(text):
    assert calls(text) == []


@pytest.mark.parametrize("text", ["move orgo to fri or sat", "make the mcat goal high or medium priority"])
def test_two_values_offered_ask_which(text):
    understood = say(text)
    assert understood.calls == []
    assert understood.question


@pytest.mark.parametrize(
    "text",
    [
        "book stats revision tomorrow at 3, no wait 5",
        "push ml reading to 9pm. no, 10pm",
        "remove the lecture 6 notes. no, the krebs one",
        "cancel orgo review on thursday - nah, friday",
    ],
)
def test_a_bare_new_value_after_a_request_asks_which_never_writes_the_first(text):
    understood = say(text)
    assert understood.calls == []
    assert understood.question


def test_whats_written_short_reads_today():
    assert calls("wuts on my list today") == [("get_today", {})]
