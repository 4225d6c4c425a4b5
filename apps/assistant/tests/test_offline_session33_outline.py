"""Offline, session 33 (outline): a level said after a course title holding a level word, the one task left as "it",
"a new one" of the kind just named, modules and topics added without "add module", a course's outline said inline,
exams added and renamed, a remark after a new name, a goal's date said as "the goal date", goal tasks ticked and
unticked; each said in other words than the rows they were found on."""

from apps.assistant.tests.offline_learner import calls, say


def test_the_level_said_after_to_wins_over_the_level_in_the_title():
    assert calls("move spanish for beginners up to advanced please") == [
        ("update_course", {"course": "Spanish for Beginners", "difficulty": "ADVANCED"})
    ]
    assert calls("make spanish for beginners intermediate") == [
        ("update_course", {"course": "Spanish for Beginners", "difficulty": "INTERMEDIATE"})
    ]


def test_the_level_said_as_the_old_one_is_not_set():
    assert calls("lin alg should be intermediate, not advanced") == [
        ("update_course", {"course": "Linear Algebra", "difficulty": "INTERMEDIATE"})
    ]
    assert calls("change lin alg from advanced to beginner") == [
        ("update_course", {"course": "Linear Algebra", "difficulty": "BEGINNER"})
    ]


def test_the_one_task_left_is_it_after_its_goal_was_asked_about():
    previous = "what's left on my linear algebra goal?"
    assert calls("make it due next monday", previous=previous) == [
        ("date_goal_task", {"task": "Redo problem set 3", "due_date": "2026-03-09"})
    ]


def test_it_among_several_tasks_left_asks_which():
    said = say("give it a due date of the 20th", previous="what's left for the mcat goal")
    assert said.calls == []
    assert "Finish practice test 1" in said.question


def test_a_new_one_is_of_the_kind_named_before():
    assert calls("delete the lecture 5 notes note and write a new one called Lecture 5 redo") == [
        ("delete_note", {"note": "Lecture 5 notes"}),
        ("create_note", {"title": "Lecture 5 redo"}),
    ]
    assert calls("archive the world history course and start a new one called Art History") == [
        ("archive_course", {"course": "World History"}),
        ("create_course", {"title": "Art History"}),
    ]


def test_a_new_one_with_no_kind_named_makes_nothing():
    assert say("make a new one").calls == []


def test_a_module_put_in_a_course_is_added():
    assert calls("put a new Thermodynamics module in ML") == [
        ("add_module", {"course": "Intro to Machine Learning", "title": "Thermodynamics"})
    ]


def test_a_module_or_topic_a_course_needs_then_asked_for_by_it_is_added():
    assert calls("stats needs a Regression module as well, could you add that") == [
        ("add_module", {"course": "Probability and Statistics", "title": "Regression"})
    ]
    assert calls("world history needs a Renaissance topic, pls add it") == [
        ("add_topic", {"course": "World History", "title": "Renaissance"})
    ]


def test_a_module_without_a_title_still_asks():
    assert say("spanish needs another module, can you add it").calls == []


def test_a_new_course_lists_its_modules_after_its_other_fields():
    [(name, arguments)] = calls("new course: Macroeconomics, advanced, due june 1, modules Inflation, Trade, Growth")
    assert name == "create_course"
    assert arguments["title"] == "Macroeconomics"
    assert arguments["target_date"] == "2026-06-01"
    assert [module["title"] for module in arguments["modules"]] == ["Inflation", "Trade", "Growth"]


def test_a_module_s_topics_in_parentheses_need_no_colon():
    [(name, arguments)] = calls("create a course Optics with modules: Lenses (topics Refraction and Focus), Waves")
    assert name == "create_course"
    assert arguments["modules"] == [
        {"title": "Lenses", "topics": [{"title": "Refraction"}, {"title": "Focus"}]},
        {"title": "Waves"},
    ]


def test_a_course_taken_soon_is_the_one_set_up():
    assert calls("i take Statics in the fall, set the course up with 10 modules") == [
        ("create_course", {"title": "Statics", "module_count": 10})
    ]
    assert calls("so i'm starting Thermo next month. make a course w/ 6 modules") == [
        ("create_course", {"title": "Thermo", "module_count": 6})
    ]


def test_a_course_taken_soon_and_nothing_asked_makes_nothing():
    assert say("i start Physics 2 next month").calls == []


def test_an_exam_called_something_for_a_course_keeps_the_course_out_of_its_title():
    assert calls("add a test called Quiz 3 on may 14 for stats") == [
        ("add_exam", {"date": "2026-05-14", "courses": ["Probability and Statistics"], "title": "Quiz 3"})
    ]
    assert calls("add an exam called Oral Exam for spanish on june 3") == [
        ("add_exam", {"date": "2026-06-03", "courses": ["Spanish for Beginners"], "title": "Oral Exam"})
    ]


def test_an_exam_called_something_for_a_date_is_no_course():
    said = say("add an exam called Midterm 2 for june 2")
    assert said.calls == []
    assert "Which of your courses" in said.question


def test_an_exam_put_in_for_a_day_with_a_courtesy_is_added():
    assert calls("put my stats exam in for may 8, thanks") == [
        ("add_exam", {"date": "2026-05-08", "courses": ["Probability and Statistics"]})
    ]


def test_an_exam_renamed_and_moved_in_one_reply():
    assert calls("call it Stats Midterm and push it to may 12", previous="when is my stats exam") == [
        ("update_exam", {"exam": "Probability and Statistics", "title": "Stats Midterm", "date": "2026-05-12"})
    ]


def test_a_lower_case_remark_after_a_capitalised_new_name_is_no_part_of_it():
    assert calls("rename orgo to Organic Chem II, next term starts monday") == [
        ("update_course", {"course": "Organic Chemistry", "title": "Organic Chem II"})
    ]
    assert calls("rename the grammar module to Grammar Basics, new semester") == [
        ("rename_module", {"module": "Grammar", "title": "Grammar Basics"})
    ]


def test_a_name_with_a_comma_of_its_own_is_kept():
    assert calls("rename orgo to Orgo, Part II") == [
        ("update_course", {"course": "Organic Chemistry", "title": "Orgo, Part II"})
    ]


def test_an_emoji_between_a_remark_and_a_request_is_a_pause():
    assert calls("the reading goal slipped 😅 change the goal date to july 30") == [
        ("update_goal", {"goal": "Read 12 books this year", "target_date": "2026-07-30"})
    ]


def test_an_emoji_in_a_remark_alone_asks_nothing():
    assert say("ugh 😩 the mcat goal is stressing me out").calls == []


def test_tasks_joined_by_a_shouted_and_are_each_done():
    assert calls("reviewed amino acids AND did practice test 1, tick both") == [
        ("complete_goal_task", {"task": "Review amino acids"}),
        ("complete_goal_task", {"task": "Finish practice test 1"}),
    ]


def test_the_tick_on_a_task_undone():
    assert calls("remove the dune checkmark, havent finished it yet") == [("reopen_goal_task", {"task": "Read Dune"})]


def test_a_check_in_is_no_tick():
    assert not [name for name, _ in calls("remove the spanish check-in block") if name == "reopen_goal_task"]
