"""Voice usage in the admin: listed per learner and month with minutes, filed under the console's learners section."""

import datetime

import pytest

from apps.accounts.tests.factories import UserFactory
from apps.console.site import section_of
from apps.voice.models import VoiceUsageMonth

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory.create(is_staff=True, is_superuser=True))
    return client


def test_voice_usage_is_listed_searchable_and_read_only(admin_client, user, other_user):
    mine = VoiceUsageMonth.objects.create(user=user, month=datetime.date(2026, 3, 1), seconds=61.5, clips=4)
    VoiceUsageMonth.objects.create(user=other_user, month=datetime.date(2026, 3, 1), seconds=10, clips=1)

    listing = admin_client.get("/admin/voice/voiceusagemonth/", {"q": user.email})
    page = listing.content.decode()

    assert listing.status_code == 200
    assert user.email in page
    assert other_user.email not in page
    assert '<td class="field-minutes">2</td>' in page  # 61.5 s rounds up to 2 minutes
    assert admin_client.get("/admin/voice/voiceusagemonth/add/").status_code == 403
    assert admin_client.post(f"/admin/voice/voiceusagemonth/{mine.pk}/delete/", {"post": "yes"}).status_code == 403
    assert VoiceUsageMonth.objects.count() == 2
    assert section_of("voice", "voiceusagemonth").slug == "learners"
