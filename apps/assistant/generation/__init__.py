"""AI generation jobs: course outlines, schedule proposals and note summaries, on the ``ai`` queue."""
