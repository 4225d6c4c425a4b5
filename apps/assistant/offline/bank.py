"""The labelled example bank the intent classifier compares a clause with.

Names of the learner's items are masked by their kind ("the topic", "the course") before a clause is
compared, so the examples say "the topic" rather than any particular title. ``chat`` means no call.
"""

from __future__ import annotations

BANK: dict[str, tuple[str, ...]] = {
    "create_course": (
        "create a course on a subject", "make me a course about it", "i need a course for french",
        "new course: astronomy", "build a beginner course on cooking", "teach me calculus",
        "can you set up a course in photography", "start a new class on economics with 4 modules",
    ),
    "update_course": (
        "change the course target to june", "change the course deadline", "rename the course to x",
        "make the course advanced", "the course should finish by may", "update the course description",
    ),
    "archive_course": (
        "archive the course", "put the course on hold and hide it", "shelve the course for now",
        "archive course", "move the course to the archive",
    ),
    "delete_course": (
        "delete the course", "get rid of the course", "remove the course entirely", "i dropped the course delete it",
        "erase the course", "trash the course", "delete my course",
    ),
    "add_module": (
        "add a module to the course", "new module in the course",
        "add module x to the course", "create a module called x in the course", "another module for the course",
    ),
    "rename_module": (
        "rename the module to x", "call the module something else", "change the module name",
        "rename module x to y", "the module should be called y",
    ),
    "remove_module": (
        "remove the module", "delete the module", "get rid of the module", "take the module out",
    ),
    "add_topic": (
        "add a topic to the course",
        "put a topic called x in the module", "the course needs a topic on y", "add topic to the module",
        "add a new topic called x in the module",
    ),
    "rename_topic": (
        "rename the topic to x", "rename topic to y", "call the topic something else", "change the topic name",
    ),
    "move_topic": (
        "move topic to the module", "put the topic under the module",
        "the topic belongs in the module",
    ),
    "remove_topic": (
        "delete the topic", "get rid of the topic", "drop the topic", "take the topic out",
    ),
    "complete_topic": (
        "finished the topic", "done with the topic", "mark the topic as done", "completed the topic",
        "finally done with the topic", "topic done", "check off the topic",
    ),
    "add_goal_task": (
        "add a task to the goal", "add x to my goal", "new task for the goal",
        "the goal needs a step", "add task to the goal",
    ),
    "complete_goal_task": (
        "finished the task", "done with the task", "tick off the task", "mark the task complete",
        "task done", "check off the task", "completed the task",
    ),
    "reopen_goal_task": (
        "reopen the task", "the task isn't done", "undo the task, not finished", "mark the task as not done",
        "reopen task, i have to redo it",
    ),
    "date_goal_task": (
        "set the due date of the task", "the task is due friday", "the task is due next monday",
        "the task is due in 5 days", "deadline for the task",
    ),
    "create_goal": (
        "set a goal to pass the exam", "goal: read 20 books by december", "i want to be fluent by june",
        "new goal finish the course by april", "my goal is to run a marathon", "add a goal",
    ),
    "update_goal": (
        "i gave up on the goal", "mark the goal done", "the goal is achieved",
        "make the goal high priority", "abandon the goal", "rename the goal", "move the goal deadline",
    ),
    "create_schedule_block": (
        "schedule chemistry tomorrow at 4pm", "study physics friday 2pm", "block 2 hours for math on monday",
        "spanish every monday and wednesday at 8am", "history tomorrow 6-8pm", "math sun 9-11",
        "put a study session on the calendar", "tue thu 6pm biology 45 min",
        "the course tomorrow at 5", "math in 3 days at 5pm for an hour", "biology reading on the 5th at 3pm",
        "the course on the 12th at 9am",
    ),
    "move_schedule_block": (
        "move the session to friday 5pm", "push the block to sunday", "reschedule the session",
        "shift the session to 9am", "make the session 45 minutes", "move it to monday 3pm",
    ),
    "cancel_schedule_block": (
        "cancel the session", "skip the session tonight",
        "call off the session on monday", "no session tomorrow",
    ),
    "list_schedule": (
        "what's on my schedule tomorrow", "what have i got this week", "what's my week like?", "what do i have on friday", "show me this week",
        "my calendar for next week", "what's next on my schedule",
    ),
    "find_schedule_conflicts": (
        "any conflicts in my schedule", "do two sessions collide",
        "are there overlapping blocks", "double booked anywhere?", "check my schedule for clashes",
    ),
    "create_note": (
        "note: water boils at 100c", "note to self ask the professor", "write down that x is y",
        "jot down: mitochondria make atp", "take a note", "save a note about this",
    ),
    "tag_note": (
        "tag note as biology",
        "untag the note", "label the note important", "add the tag exam to the note",
    ),
    "search_notes": (
        "search notes for enzymes", "search my notes for x", "where did i write about x",
        "look through my notes for y",
    ),
    "summarize_note": (
        "summarize the note", "summarise my note", "give me a summary of the note", "tl;dr of the note",
    ),
    "get_progress": (
        "how am i doing in the course", "show my progress",
        "how far am i in the course", "progress report",
    ),
    "get_insights": (
        "what now?", "which topics am i struggling with",
        "anything overdue?", "what needs attention", "give me some insights", "what's next", "what are my weak spots in the course",
        "how is my streak",
    ),
    "summarize_activity": (
        "what did i do this week", "weekly recap", "summary of my study time",
        "what have i done lately", "how did last week go", "what did i do this month",
    ),
    "recommend_resources": (
        "recommend resources for the topic", "suggest some reading", "where can i learn more about the topic",
        "recommend something for the topic", "good books on this",
    ),
    "start_study_session": (
        "start a study session", "study session on the course now", "starting the topic now", "time to study the course",
        "start studying the topic", "begin a session on the topic",
    ),
    "stop_study_session": (
        "stop the session", "done studying, stop", "stop the timer", "end my study session",
        "finished studying for now",
    ),
    "remember_fact": (
        "remember i prefer mornings", "remember that i'm a visual learner", "keep in mind i commute by train",
        "pls remember my exams start in may", "keep in mind i have adhd", "remember my name is sam",
    ),
    "forget_fact": (
        "forget that i like evenings", "forget about the part time job", "you can forget what i said about x",
        "stop remembering that",
    ),
    "list_facts": (
        "what do you remember about me", "what have you remembered about me", "list what you remember",
        "show my saved facts",
    ),
    "chat": (
        "thanks", "thank you so much", "lol", "hey", "hello there", "you rock",
        "this app is cool", "i hate mondays", "im exhausted", "this subject is brutal", "ok", "cool",
        "what is a nucleophile", "why is the sky blue", "explain entropy",
        "how are you", "nice", "haha", "i'm stressed about exams", "what's up?", "what is 2 plus 2?",
        "what's the capital of france?", "who wrote hamlet?", "can you help me?", "i can't make it",
    ),
}
