"""Writes of the assistant: conversations, chat replies, actions (execute, confirm, reject, undo)."""
