"""Goals, tasks, schedule blocks, recurrence, reminders, calendar feed, analytics."""
