"""Signals an app sends so that apps built on it can react without being imported by it."""

from django.dispatch import Signal

# Sent inside the sender's transaction when a learner made progress that achievements count,
# with ``user``, ``now`` and ``metrics`` (the names of the counts that may have grown).
progress_made = Signal()
