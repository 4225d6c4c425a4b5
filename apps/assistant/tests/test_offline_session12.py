"""Session 12 mechanisms of the offline understanding, each on phrasings and subjects that are in no labelled set."""

from __future__ import annotations

import pytest

from apps.assistant.offline.calls import ToolCall
from apps.assistant.offline.items import names_another, resolve
from apps.assistant.tests.offline_learner import KNOWN, say


@pytest.mark.parametrize(
    "message",
    [
        "tick off binomial distribution",
        "I'm done with the uniform distribution topic",
        "skip my german practice tonight",
        "cancel the bio review on thursday",
        "push practice test 3 to next week",
        "tag my lecture 9 notes with exam",
        "quiz me on the spanish vocab week 7 note",
    ],
)
def test_a_name_sharing_one_word_with_an_item_names_another_item(message):
    """A modifier or a numbered label the title lacks names another item: ask, never act on the look-alike."""
    found = say(message)
    assert found.calls == []
    assert found.question.startswith("Which ")


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("tick off the normal distribution", ToolCall("complete_topic", {"topic": "Normal Distribution"})),
        ("skip my usual ml reading", ToolCall("cancel_schedule_block", {"block": "ML reading"})),
        ("quiz me on the krebbs cycle note", ToolCall("quiz_me", {"note": "Krebs cycle"})),
        ("summarize lecture 6 notes", ToolCall("summarize_note", {"note": "Lecture 6 notes"})),
        (
            "oops, practice test 1 isn't done after all, reopen it",
            ToolCall("reopen_goal_task", {"task": "Finish practice test 1"}),
        ),
    ],
)
def test_the_item_itself_is_still_named(message, expected):
    """Its own modifier (misspelled or not), a loose time word, a request verb before a shared word, its own number."""
    assert say(message).calls == [expected]


def test_a_list_of_numbers_may_mean_either_item():
    assert not names_another("Lecture 6 notes", "flashcards from lecture 5 or 6")
    assert resolve("note", "flashcards from lecture 5 or 6", KNOWN).candidates


@pytest.mark.parametrize(
    "message",
    [
        "spanish practice should be at 9 but I never make it on time",
        "orgo review should start at 5 though honestly whatever",
        "no idea why ml reading on friday is so early",
        "no clue why the orgo review tomorrow is this late",
        "the spanish practice on monday is way too long",
    ],
)
def test_a_hedged_wish_or_a_complaint_about_a_block_changes_nothing(message):
    assert [call for call in say(message).calls if call.name not in ("list_schedule",)] == []


def test_an_unhedged_wish_still_moves_the_block():
    assert say("orgo review should be at 5 instead").calls[0].name == "move_schedule_block"


def test_the_question_naming_the_learners_items_is_one_sentence_everywhere():
    """A pronoun with nothing named, a kind word alone, and an unknown name all ask the same question."""
    first = say("rename the module to Foundations").question
    second = say("mark that module done please").question
    assert first.startswith("Which module do you mean? Yours are: ")
    assert second == first or second.startswith("Which ")


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("remind me what my goals are again", None),
        ("what are my goals right now?", {}),
        ("which goals have i already finished", {"status": "COMPLETED"}),
        ("list the goals I gave up on", {"status": "ABANDONED"}),
        ("show my abandoned goals pls", {"status": "ABANDONED"}),
        ("what goals did i achieve this year", {"status": "COMPLETED"}),
    ],
)
def test_the_list_of_goals_is_asked_with_a_status_or_a_tail(message, expected):
    """'again', 'right now', 'this year' end the request; a status said before or after the kind filters it."""
    calls = say(message).calls
    if expected is None:
        assert all(call.name in ("list_goals", "get_today") for call in calls)
    else:
        assert calls == [ToolCall("list_goals", expected)]


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            "rename the grammar module to simply Verbs",
            ToolCall("rename_module", {"module": "Grammar", "title": "Verbs"}),
        ),
        (
            "find anything on mitochondria somewhere in my notes",
            ToolCall("search_notes", {"query": "mitochondria"}),
        ),
        (
            "add a task to the mcat goal: book a tutor, due next monday",
            ToolCall("add_goal_task", {"goal": "Pass the MCAT", "title": "book a tutor", "due_date": "2026-03-09"}),
        ),
        (
            "start a session on linear algebra whenever you can",
            ToolCall("start_study_session", {"course": "Linear Algebra"}),
        ),
        ("begin a study session on world history", ToolCall("start_study_session", {"course": "World History"})),
        ("start a session on enantiomers", ToolCall("start_study_session", {"topic": "Enantiomers"})),
    ],
)
def test_a_free_text_argument_loses_what_only_talks_around_it(message, expected):
    """A leading 'just/simply', where the notes are, a due date after a comma, a remark to the assistant; a
    session's subject is the course or topic it names, not its first look-alike."""
    assert say(message).calls == [expected]


def test_a_timer_said_on_is_a_study_session():
    assert [call.name for call in say("stopwatch running, on eigenvalues now").calls] == ["start_study_session"]


@pytest.mark.parametrize("message", ["find photosynthesis in my notes", "locate anything about torque in all my notes"])
def test_finding_something_in_the_notes_searches_them_and_writes_no_note(message):
    (call,) = say(message).calls
    assert call.name == "search_notes"
    assert call.arguments["query"] in ("photosynthesis", "torque")


@pytest.mark.parametrize(
    ("message", "start"),
    [
        ("book bio revision on friday at half past five in the afternoon", "2026-03-06T17:30"),
        ("schedule chem practice tomorrow at quarter past 7 in the evening", "2026-03-05T19:15"),
        ("set up a vocab block saturday quarter to nine in the morning", "2026-03-07T08:45"),
    ],
)
def test_a_clock_said_in_words_keeps_its_minutes(message, start):
    (call,) = say(message).calls
    assert (call.name, call.arguments["start"]) == ("create_schedule_block", start)


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            "could you show me what's on between the 3rd and the 8th of next month",
            ToolCall("list_schedule", {"start": "2026-04-03", "end": "2026-04-08"}),
        ),
        (
            "what do i have from the 10th to 14th",
            ToolCall("list_schedule", {"start": "2026-03-10", "end": "2026-03-14"}),
        ),
        (
            "anything clashing during may?",
            ToolCall("find_schedule_conflicts", {"start": "2026-05-01", "end": "2026-05-31"}),
        ),
    ],
)
def test_a_span_of_days_bounds_a_listing_or_a_conflict_check(message, expected):
    assert say(message).calls == [expected]


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("tag the krebs note with 'metabolism' and take off the bio tag", {"add": ["metabolism"], "remove": ["bio"]}),
        ("untag 'draft' from my lecture 5 notes", {"remove": ["draft"]}),
        ("strip the #old tag off lecture 6 notes and label it #final", {"remove": ["old"], "add": ["final"]}),
        ("get rid of the physics tag on lecture 6 notes", {"remove": ["physics"]}),
        ("tag lecture 5 notes as kinematics, midterm", {"add": ["kinematics", "midterm"]}),
    ],
)
def test_a_tagging_request_reads_the_tags_each_verb_adds_or_takes_off(message, expected):
    (call,) = say(message).calls
    assert call.name == "tag_note"
    assert {k: v for k, v in call.arguments.items() if k != "note"} == expected


def test_tags_said_after_it_go_on_the_note_the_conversation_named():
    (call,) = say("tag it organic and final", previous="summarize the sn1 vs sn2 cheat sheet").calls
    assert call.arguments == {"note": "SN1 vs SN2 cheat sheet", "add": ["organic", "final"]}


@pytest.mark.parametrize(
    ("previous", "message", "expected"),
    [
        (
            "make a note called Treaty dates for world history",
            "and tag it plants",
            ToolCall("tag_note", {"note": "Treaty dates", "add": ["plants"]}),
        ),
        (
            "add a task 'Book the test centre' to the mcat goal",
            "make it due on the 20th",
            ToolCall("date_goal_task", {"task": "Book the test centre", "due_date": "2026-03-20"}),
        ),
        ("I finished enantiomers", "oh and linear independence as well", None),
        (
            "mark review amino acids done",
            "hmm no, revert that",
            ToolCall("reopen_goal_task", {"task": "Review amino acids"}),
        ),
        (
            "remember that I take the bus on mondays",
            "scratch that, forget it",
            ToolCall("forget_fact", {"fact": "I take the bus on mondays"}),
        ),
    ],
)
def test_a_reply_that_points_back_at_the_previous_request(previous, message, expected):
    """'it' is what the previous request made; 'X as well' repeats it for X; 'undo/revert that' reverses it;
    'forget it' drops the fact just remembered."""
    calls = say(message, previous=previous).calls
    if expected is None:
        assert calls == [ToolCall("complete_topic", {"topic": "Linear Independence"})]
    else:
        assert calls == [expected]


def test_the_same_block_on_another_day_keeps_its_time_and_length():
    (call,) = say("same time thursday too", previous="schedule chem revision friday at 4pm for 90 minutes").calls
    assert (call.name, call.arguments["start"], call.arguments["duration_minutes"]) == (
        "create_schedule_block",
        "2026-03-05T16:00",
        90,
    )


@pytest.mark.parametrize(
    ("previous", "message"),
    [("mark gradient descent done", "and photosynthesis too"), ("", "also the krebs cycle"), ("", "lecture 5 notes")],
)
def test_a_name_alone_or_an_unknown_one_more_writes_nothing(previous, message):
    """A message that only names an item asks for nothing; 'X too' for an X the learner lacks asks which."""
    assert say(message, previous=previous).calls == []


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("enantiomers finally make sense haha tick them off", ToolCall("complete_topic", {"topic": "Enantiomers"})),
        (
            "please unmark the task 'Read Dune'; I lost track of the plot",
            ToolCall("reopen_goal_task", {"task": "Read Dune"}),
        ),
        ("go through my linear algebra cards", ToolCall("start_review", {"course": "Linear Algebra"})),
        ("make 15 flashcards on world history", None),
    ],
)
def test_a_request_after_a_remark_or_about_cards_is_read(message, expected):
    """Laughter ends a remark, a request may follow; 'them' names no title ('Bayes Theorem'); cards to go through are
    a review, cards for a subject are made; 'start' abbreviates no 'statistics'."""
    calls = say(message).calls
    if expected is None:
        assert [call.name for call in calls] == ["make_flashcards"]
    else:
        assert calls == [expected]


def test_a_course_made_in_the_message_is_the_one_studied_after_it():
    calls = say("create a course on Astronomy and study it every sunday at 5pm").calls
    assert [call.name for call in calls] == ["create_course", "create_schedule_block"]
    assert calls[1].arguments["course"] == "Astronomy"


def test_a_labelled_number_only_rules_out_an_item_it_stands_next_to():
    """'practice test 1 for mcat': the number is the task's, not a reason to doubt the goal named after it."""
    (call,) = say("finally did practice test 1 for the mcat, mark it done").calls
    assert call == ToolCall("complete_goal_task", {"task": "Finish practice test 1"})


def test_a_list_of_weekdays_is_one_weekly_block():
    (call,) = say("set up a block called Piano theory on Mondays and Thursdays at 6pm").calls
    assert call.arguments["recurrence_rule"] == "FREQ=WEEKLY;BYDAY=MO,TH"
    assert call.arguments["start"].endswith("T18:00")


def test_a_conflict_check_after_a_listing_takes_its_window():
    calls = say("list what I have next week and tell me whether anything clashes").calls
    assert [call.name for call in calls] == ["list_schedule", "find_schedule_conflicts"]
    assert calls[0].arguments == calls[1].arguments == {"start": "2026-03-09", "end": "2026-03-15"}


@pytest.mark.parametrize(
    "message",
    ["for my mcat goal, new name is Crush the MCAT", "the mcat goal - call it Crush the MCAT instead"],
)
def test_a_goal_new_name_said_apart_from_the_verb_renames_it(message):
    assert say(message).calls == [ToolCall("update_goal", {"goal": "Pass the MCAT", "title": "Crush the MCAT"})]


def test_there_is_the_module_just_made_and_an_ampersand_joins_a_name():
    calls = say("create a module Series & Sequences in lin alg and move linear independence there").calls
    assert calls == [
        ToolCall("add_module", {"course": "Linear Algebra", "title": "Series & Sequences"}),
        ToolCall("move_topic", {"topic": "Linear Independence", "module": "Series & Sequences"}),
    ]
