"""The notification inbox."""

import pytest

from apps.accounts.models import Notification
from apps.accounts.services import notification_create

pytestmark = pytest.mark.django_db


def test_list_shows_only_my_notifications_newest_first(auth_client, user, other_user):
    first = notification_create(user=user, kind="reminder", title="First")
    second = notification_create(user=user, kind="job", title="Second", data={"course_id": "abc"})
    notification_create(user=other_user, kind="reminder", title="Not mine")

    body = auth_client.get("/api/v1/notifications/").json()

    assert body["count"] == 2
    assert [item["id"] for item in body["results"]] == [str(second.pk), str(first.pk)]
    assert body["results"][0]["data"] == {"course_id": "abc"}
    assert body["results"][0]["read_at"] is None


def test_unread_filter(auth_client, user):
    read = notification_create(user=user, kind="reminder", title="Read")
    unread = notification_create(user=user, kind="reminder", title="Unread")
    auth_client.post(f"/api/v1/notifications/{read.pk}/read")

    assert [n["id"] for n in auth_client.get("/api/v1/notifications/?unread=true").json()["results"]] == [
        str(unread.pk)
    ]
    assert [n["id"] for n in auth_client.get("/api/v1/notifications/?unread=false").json()["results"]] == [str(read.pk)]


@pytest.mark.parametrize("size", [1, 30])
def test_list_query_count_does_not_grow_with_the_page(auth_client, user, size, django_assert_max_num_queries):
    Notification.objects.bulk_create(Notification(user=user, kind="k", title=f"n{i}") for i in range(size))
    auth_client.get("/api/v1/users/me")  # the first authenticated request of the day records activity
    with django_assert_max_num_queries(3):
        response = auth_client.get("/api/v1/notifications/?page_size=50")
    assert len(response.json()["results"]) == size


def test_mark_read_keeps_the_first_read_time(auth_client, user):
    notification = notification_create(user=user, kind="reminder", title="Hi")

    first = auth_client.post(f"/api/v1/notifications/{notification.pk}/read")
    second = auth_client.post(f"/api/v1/notifications/{notification.pk}/read")

    assert first.status_code == second.status_code == 200
    assert first.json()["read_at"] is not None
    assert first.json()["read_at"] == second.json()["read_at"]


def test_someone_elses_notification_is_404(auth_client, other_user):
    theirs = notification_create(user=other_user, kind="reminder", title="Theirs")

    response = auth_client.post(f"/api/v1/notifications/{theirs.pk}/read")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_read_all_marks_only_mine(auth_client, user, other_user):
    notification_create(user=user, kind="a", title="1")
    notification_create(user=user, kind="a", title="2")
    theirs = notification_create(user=other_user, kind="a", title="3")

    response = auth_client.post("/api/v1/notifications/read-all")

    assert response.json() == {"updated": 2}
    assert not Notification.objects.filter(user=user, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None
