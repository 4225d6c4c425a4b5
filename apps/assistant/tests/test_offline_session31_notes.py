"""Offline, session 31 (notes): classes found on the first runs of measure76 and measure77 (a note's content after
"says:", a remark in brackets after a new title, a quoted description kept word for word, the second part of a
two-part message, tags said after a note's name, a count of cards asked for, a session's topic beside its course),
each said in other words than the rows they were found on."""

from apps.assistant.tests.offline_learner import calls, say


def test_a_colon_after_says_is_no_part_of_the_content():
    [(name, arguments)] = calls("write a note called Enzymes which says: lock and key, induced fit")
    assert (name, arguments["title"], arguments["content"]) == ("create_note", "Enzymes", "lock and key, induced fit")


def test_content_after_a_quoted_title_and_saying_colon():
    [(_, arguments)] = calls("note for orgo called 'E1' saying: base takes a proton, then the leaving group goes")
    assert arguments["content"] == "base takes a proton, then the leaving group goes"
    assert arguments["course"] == "Organic Chemistry"


def test_a_remark_in_brackets_is_no_part_of_a_new_title():
    assert calls("rename the grammar module to Grammar Basics (I hate the old name)") == [
        ("rename_module", {"module": "Grammar", "title": "Grammar Basics"})
    ]
    assert calls("rename lin alg to Linear Algebra I (ugh so formal lol)") == [
        ("update_course", {"course": "Linear Algebra", "title": "Linear Algebra I"})
    ]


def test_brackets_that_qualify_a_title_stay():
    assert calls("rename the enantiomers topic to Chirality (1800s)") == [
        ("rename_topic", {"topic": "Enantiomers", "title": "Chirality (1800s)"})
    ]
    assert calls("rename lin alg to Linear Algebra (I and II)") == [
        ("update_course", {"course": "Linear Algebra", "title": "Linear Algebra (I and II)"})
    ]


def test_a_description_keeps_the_learners_words():
    assert calls("update lin alg's description to 'lin alg for eng majors, ML prereq'") == [
        ("update_course", {"course": "Linear Algebra", "description": "lin alg for eng majors, ML prereq"})
    ]


def test_a_summary_asked_with_tldr_then_something_made_of_it():
    assert calls("tldr lecture 6 pls, then turn that into cards") == [
        ("summarize_note", {"note": "Lecture 6 notes"}),
        ("make_flashcards", {"note": "Lecture 6 notes"}),
    ]


def test_a_note_turned_into_a_quiz_is_a_quiz_not_a_note():
    assert calls("summarize the krebs note and turn it into a quiz") == [
        ("summarize_note", {"note": "Krebs cycle"}),
        ("quiz_me", {"note": "Krebs cycle"}),
    ]


def test_tldr_before_the_learners_own_words_asks_nothing():
    assert say("tldr i hate stats").calls == []


def test_a_timer_asked_too_beside_a_review():
    assert calls("quiz me on the cold war and time me as well") == [
        ("quiz_me", {"topic": "Cold War"}),
        ("start_study_session", {"topic": "Cold War"}),
    ]


def test_several_notes_or_topics_removed_in_one_breath():
    assert calls("get rid of the lecture 6 note and the krebs one") == [
        ("delete_note", {"note": "Lecture 6 notes"}),
        ("delete_note", {"note": "Krebs cycle"}),
    ]
    assert calls("remove the cold war topic and the enantiomers one") == [
        ("remove_topic", {"topic": "Cold War"}),
        ("remove_topic", {"topic": "Enantiomers"}),
    ]


def test_one_more_item_said_after_a_request():
    assert calls("delete the sn1 cheat sheet, also the lecture 5 one") == [
        ("delete_note", {"note": "SN1 vs SN2 cheat sheet"}),
        ("delete_note", {"note": "Lecture 5 notes"}),
    ]
    assert calls("mark gradient descent done and also backprop") == [
        ("complete_topic", {"topic": "Gradient Descent"}),
        ("complete_topic", {"topic": "Backpropagation"}),
    ]


def test_a_removal_then_another_request_removes_only_the_first():
    found = calls("delete lecture 5 notes and also make a note called Lecture 5 redo")
    assert [name for name, _ in found] == ["delete_note", "create_note"]
    assert found[0][1] == {"note": "Lecture 5 notes"}


def test_tags_said_right_after_the_notes_name():
    assert calls("tag my lecture 6 note stats, exam") == [
        ("tag_note", {"note": "Lecture 6 notes", "add": ["stats", "exam"]})
    ]


def test_a_count_of_cards_asked_for():
    assert calls("could i have 15 cards for the krebs note") == [
        ("make_flashcards", {"note": "Krebs cycle", "max_cards": 15})
    ]
    assert calls("can i get 12 cards on eigenvalues") == [
        ("make_flashcards", {"topic": "Eigenvalues and Eigenvectors", "max_cards": 12})
    ]


def test_minutes_asked_for_are_no_cards():
    assert not [name for name, _ in calls("can i get like 30 minutes for orgo") if name == "make_flashcards"]


def test_a_sessions_topic_said_after_its_course():
    assert calls("start a session for ML, gradient") == [
        ("start_study_session", {"course": "Intro to Machine Learning", "topic": "Gradient Descent"})
    ]
    assert calls("start a timer for linear algebra, linear independence") == [
        ("start_study_session", {"course": "Linear Algebra", "topic": "Linear Independence"})
    ]


def test_a_session_on_a_course_alone_has_no_topic():
    assert calls("start a session for linear algebra") == [("start_study_session", {"course": "Linear Algebra"})]


def test_a_search_said_again_after_the_question_is_no_part_of_the_query():
    assert calls("what does the orgo handout say about chirality? look in my pdfs") == [
        ("search_materials", {"query": "chirality"})
    ]


def test_the_material_put_in_by_the_learner_is_still_searched():
    assert calls("check the pdf i added for what it says about eigenvectors") == [
        ("search_materials", {"query": "eigenvectors"})
    ]


def test_it_is_the_item_the_previous_request_read_when_named_as_strongly():
    previous = "gimme some practice questions on bayes"  # "practice" names "Spanish practice" as strongly
    assert calls("actually just turn it into flashcards instead, like 20", previous=previous) == [
        ("make_flashcards", {"topic": "Bayes Theorem", "max_cards": 20})
    ]


def test_cards_due_gone_through_after_asking_about_them():
    assert calls("alright let's review those", previous="any cards due in orgo?") == [
        ("start_review", {"course": "Organic Chemistry"})
    ]
    assert calls("just do the spanish ones first", previous="what's due for review?") == [
        ("start_review", {"course": "Spanish for Beginners"})
    ]


def test_a_remark_after_asking_about_cards_due_reviews_nothing():
    assert say("ugh that's a lot", previous="any cards due for stats?").calls == []
    assert say("just do the hard ones", previous="what's due for review?").calls == []


def test_a_module_renamed_by_it_to_a_quoted_name_sharing_its_words():
    assert calls("can you rename it to 'Grammar & Verbs'", previous="how far along am i in the grammar module") == [
        ("rename_module", {"module": "Grammar", "title": "Grammar & Verbs"})
    ]


def test_another_window_after_a_clash_question():
    assert calls("and next week?", previous="any clashes this week?") == [
        ("find_schedule_conflicts", {"start": "2026-03-09", "end": "2026-03-15"})
    ]
    assert calls("and the week after that? like the 16th to the 22nd", previous="any overlaps next week?") == [
        ("find_schedule_conflicts", {"start": "2026-03-16", "end": "2026-03-22"})
    ]


def test_a_bare_range_of_days_of_the_month():
    assert calls("whats on the 11th to the 17th") == [("list_schedule", {"start": "2026-03-11", "end": "2026-03-17"})]
    assert calls("list my schedule from april 2nd to the 9th") == [
        ("list_schedule", {"start": "2026-04-02", "end": "2026-04-09"})
    ]


def test_a_greeting_before_a_request_keeps_the_request():
    assert calls("merry xmas!! anyway what's on my plate today") == [("get_today", {})]
    assert say("happy thanksgiving lol").calls == []
    assert say("happy new year!! taking the week off from studying").calls == []  # a remark, not a request


def test_asking_if_the_assistant_is_there_reads_nothing():
    for said in ("you still there?", "r u there", "anyone home?"):
        assert say(said).calls == [], said


def test_asking_whether_anything_was_done_in_a_period():
    assert calls("have i studied at all this week") == [("summarize_activity", {"period": "this_week"})]
    assert say("did i do anything wrong").calls == []


def test_a_count_of_cards_after_whats_due_is_the_cards_due():
    assert calls("whats due, show me 8 cards") == [("list_due_cards", {"limit": 8})]
