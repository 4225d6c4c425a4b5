"""Offline, session 32 (notes, searches, tags, cards, facts): the classes of measure82-84's failures, each said in
other words than the rows it was found on."""

from apps.assistant.tests.offline_learner import calls, say

# --- a search's subject, without the request's own words ---------------------------------------------------------


def test_a_search_for_it_after_a_question_searches_the_subject_asked_about():
    assert calls("how does gradient descent even work?? check the lecture slides for it") == [
        ("search_materials", {"query": "gradient descent"})
    ]


def test_everything_the_material_says_about_a_subject_is_a_search_for_the_subject():
    assert calls("show me everything the handout says about eigenvectors") == [
        ("search_materials", {"query": "eigenvectors"})
    ]


def test_a_subject_explained_from_the_material_is_a_search_for_it():
    assert calls("define linear independence from my textbook") == [
        ("search_materials", {"query": "linear independence"})
    ]


def test_a_subject_asked_with_no_material_is_no_search():
    assert calls("explain bayes theorem") == []
    assert calls("what is a grignard reagent?") == []


def test_a_vague_head_after_the_subject_is_no_part_of_the_query():
    assert calls("search my notes for the subjunctive mood thing") == [("search_notes", {"query": "subjunctive mood"})]


def test_a_request_beside_a_search_of_the_material_is_its_own():
    assert calls("recommend some videos on gradient descent, then check my slides for backprop") == [
        ("recommend_resources", {"topic": "Gradient Descent"}),
        ("search_materials", {"query": "backprop"}),
    ]


def test_a_bare_check_of_the_material_after_a_question_is_no_second_request():
    assert calls("what did the orgo lecture say about carbocations? check my slides") == [
        ("search_materials", {"query": "carbocations"})
    ]


def test_notes_named_by_their_subject_are_searched_never_made():
    assert calls("find my orgo notes") == [("search_notes", {"query": "orgo"})]


# --- a new note's content and course -----------------------------------------------------------------------------


def test_a_notes_own_question_keeps_its_question_mark():
    [(name, arguments)] = calls("jot down a note 'lab qs': is the titration endpoint pink?")
    assert (name, arguments["content"]) == ("create_note", "is the titration endpoint pink?")


def test_a_notes_stress_keeps_its_marks():
    [(_, arguments)] = calls("make a note for orgo called E2 rule: needs a strong base!!")
    assert arguments["content"] == "needs a strong base!!"


def test_the_question_mark_of_a_request_is_no_part_of_the_note():
    [(_, arguments)] = calls("can you add a note that the quiz moved to monday?")
    assert arguments["content"] == "the quiz moved to monday"


def test_a_last_sentence_filing_the_note_gives_its_course():
    [(_, arguments)] = calls("new note 'krebs recap' - citrate first, then isocitrate. file it under orgo")
    assert (arguments["content"], arguments["course"]) == ("citrate first, then isocitrate", "Organic Chemistry")


def test_a_last_sentence_filing_the_note_in_no_course_stays_content():
    [(_, arguments)] = calls("new note 'krebs recap' - citrate first, then isocitrate. link it to my cooking class")
    assert "course" not in arguments
    assert arguments["content"].endswith("link it to my cooking class")


def test_a_note_on_a_topic_named_after_its_content_has_that_title_and_no_course():
    assert calls("add a note on gradient descent: smaller steps near the minimum, call it gd tips") == [
        ("create_note", {"title": "gd tips", "content": "smaller steps near the minimum"})
    ]


def test_a_naming_right_after_the_course_keeps_the_course():
    [(_, arguments)] = calls("add a note to spanish called 'ask about ser vs estar'")
    assert (arguments["title"], arguments["course"]) == ("ask about ser vs estar", "Spanish for Beginners")


# --- tags -------------------------------------------------------------------------------------------------------


def test_each_note_listed_gets_the_tag():
    assert calls("tag the krebs cycle and lecture 6 notes with review") == [
        ("tag_note", {"note": "Krebs cycle", "add": ["review"]}),
        ("tag_note", {"note": "Lecture 6 notes", "add": ["review"]}),
    ]


def test_a_tag_with_its_number_is_one_tag():
    assert calls("tag the krebs cycle note with unit 4") == [("tag_note", {"note": "Krebs cycle", "add": ["unit 4"]})]


def test_a_tag_swapped_for_another_takes_one_off_and_puts_the_other_on():
    assert calls("change the orgo tag to final on the cheat sheet") == [
        ("tag_note", {"note": "SN1 vs SN2 cheat sheet", "remove": ["orgo"], "add": ["final"]})
    ]
    assert calls("replace the spanish tag on my vocab note with exam 1") == [
        ("tag_note", {"note": "Spanish vocab week 3", "remove": ["spanish"], "add": ["exam 1"]})
    ]


def test_a_swap_of_no_tag_tags_nothing():
    assert not [name for name, _ in calls("swap my orgo review to friday") if name == "tag_note"]


def test_that_one_after_a_search_of_several_notes_asks_which():
    understood = say("tag that one with midterm", previous="pull up my lecture notes")
    assert understood.calls == []
    assert understood.question


# --- the timer, thanks, cards ------------------------------------------------------------------------------------


def test_a_request_after_the_stop_of_the_timer_is_kept():
    assert calls("stop the timer and mark gradient descent done", previous="start a timer for gradient descent") == [
        ("stop_study_session", {}),
        ("complete_topic", {"topic": "Gradient Descent"}),
    ]


def test_a_remark_after_the_stop_of_the_timer_asks_nothing_more():
    assert calls("done, stop it, got distracted", previous="start a timer for gradient descent") == [
        ("stop_study_session", {})
    ]


def test_thanks_for_a_past_thing_asks_for_nothing():
    assert calls("thank you for last night, the flashcards really helped") == []


def test_thanks_before_a_request_keeps_the_request():
    assert calls("thanks! now quiz me on enantiomers") == [("quiz_me", {"topic": "Enantiomers"})]


def test_that_at_the_end_of_a_request_is_what_the_message_named_before():
    assert calls("i always confuse eigenvalues and eigenvectors, could you make flashcards on that") == [
        ("make_flashcards", {"topic": "Eigenvalues and Eigenvectors"})
    ]


def test_how_many_of_the_due_cards_just_listed():
    assert calls("way too many, just the first 4", previous="what cards are due?") == [("list_due_cards", {"limit": 4})]


def test_a_request_with_a_count_after_due_cards_is_that_request():
    assert calls("quiz me on bayes, just 5", previous="what cards are due?") == [
        ("quiz_me", {"topic": "Bayes Theorem"})
    ]


def test_a_sentence_proposing_a_review_after_a_question_is_its_own_request():
    assert calls("how's my streak? then let's go through my due cards") == [
        ("get_streak", {}),
        ("start_review", {}),
    ]


def test_doing_the_due_cards_then_starts_a_review():
    assert calls("ok let's do them then", previous="any cards due?") == [("start_review", {})]


# --- facts -------------------------------------------------------------------------------------------------------


def test_a_joke_taken_back_leaves_what_is_meant():
    assert calls("remember i hate mornings lol jk. but seriously, remember i work evenings") == [
        ("remember_fact", {"fact": "i work evenings"})
    ]


def test_a_joke_taken_back_with_nothing_after_asks_nothing():
    assert calls("delete the world history course lol jk") == []


def test_why_a_fact_is_forgotten_is_no_part_of_it():
    assert calls("forget that i'm left-handed, that was my roommate typing") == [
        ("forget_fact", {"fact": "i'm left-handed"})
    ]
