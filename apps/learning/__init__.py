"""Courses, modules, topics, notes, resources, progress and search."""
