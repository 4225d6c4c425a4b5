"""Review test fixtures: the realtime events a user receives (planning's recorder)."""

from __future__ import annotations

import pytest

from apps.planning.tests.conftest import EventRecorder


@pytest.fixture
def events(user):
    recorder = EventRecorder(user.pk)
    yield recorder
    recorder.loop.close()
