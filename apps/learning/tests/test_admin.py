"""Admin: course outline pages and progress, resource catalog import from CSV and JSON."""

import json

import pytest
import tablib  # type: ignore[import-untyped]
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.accounts.tests.factories import UserFactory
from apps.learning import services
from apps.learning.admin import ResourceImport
from apps.learning.models import Course, Module, Resource
from maigie.testing import realtime_log

pytestmark = pytest.mark.django_db

CSV_ROWS = (
    "url,title,description,type,difficulty,estimated_minutes\n"
    "https://Example.com/eigen/?utm_source=x,Eigenvalues explained,Eigenvectors and eigenvalues,video,beginner,12\n"
    "https://example.com/matrices,Matrices,Matrix algebra,article,,\n"
)


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory.create(is_staff=True, is_superuser=True))
    return client


def test_course_changelist_search_filter_and_progress(staff_client, user):
    course = services.course_create(
        user=user,
        title="Linear algebra",
        modules=[{"title": "Vectors", "topics": [{"title": "Span"}, {"title": "Bases"}]}],
    )
    services.topic_complete(topic=course.modules.get().topics.get(order=0))
    services.course_create(user=user, title="Chemistry")
    url = reverse("admin:learning_course_changelist")
    response = staff_client.get(url, {"q": "linear", "archived__exact": "0"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Linear algebra" in body
    assert "Chemistry" not in body
    assert "50%" in body


def test_course_change_page_adds_module_and_recomputes_progress(staff_client, user):
    course = services.course_create(
        user=user, title="LA", modules=[{"title": "Vectors", "topics": [{"title": "Span"}]}]
    )
    services.topic_complete(topic=course.modules.get().topics.get())
    url = reverse("admin:learning_course_change", args=[course.pk])
    page = staff_client.get(url)
    assert page.status_code == 200
    assert "Span" in page.content.decode()  # the outline lists the topics
    existing = course.modules.get()
    response = staff_client.post(
        url,
        {
            "user": str(user.pk),
            "title": "LA",
            "description": "",
            "difficulty": "",
            "target_date": "",
            "modules-TOTAL_FORMS": "2",
            "modules-INITIAL_FORMS": "1",
            "modules-MIN_NUM_FORMS": "0",
            "modules-MAX_NUM_FORMS": "1000",
            "modules-0-id": str(existing.pk),
            "modules-0-course": str(course.pk),
            "modules-0-title": "Vectors",
            "modules-0-description": "",
            "modules-1-id": "",
            "modules-1-course": str(course.pk),
            "modules-1-title": "Matrices",
            "modules-1-description": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(course.modules.order_by("order").values_list("title", "order")) == [("Vectors", 0), ("Matrices", 1)]
    course.refresh_from_db()
    assert course.progress == 100.0  # the new module has no topics yet


def test_module_admin_adds_topics_and_recomputes_progress(staff_client, user):
    course = services.course_create(
        user=user, title="LA", modules=[{"title": "Vectors", "topics": [{"title": "Span"}]}]
    )
    module = course.modules.get()
    services.topic_complete(topic=module.topics.get())
    url = reverse("admin:learning_module_change", args=[module.pk])
    existing = module.topics.get()
    response = staff_client.post(
        url,
        {
            "course": str(course.pk),
            "title": "Vectors",
            "description": "",
            "topics-TOTAL_FORMS": "2",
            "topics-INITIAL_FORMS": "1",
            "topics-MIN_NUM_FORMS": "0",
            "topics-MAX_NUM_FORMS": "1000",
            "topics-0-id": str(existing.pk),
            "topics-0-module": str(module.pk),
            "topics-0-title": "Span",
            "topics-0-estimated_hours": "1",
            "topics-1-id": "",
            "topics-1-module": str(module.pk),
            "topics-1-title": "Bases",
            "topics-1-estimated_hours": "3",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    course.refresh_from_db()
    module.refresh_from_db()
    assert course.progress == 25.0
    assert module.completed is False


def test_archive_action_uses_the_service(staff_client, user):
    course = services.course_create(user=user, title="LA")
    response = staff_client.post(
        reverse("admin:learning_course_changelist"), {"action": "archive", "_selected_action": [str(course.pk)]}
    )
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.archived is True
    assert course.archived_at is not None


def test_resource_import_from_csv_and_json_deduplicates_by_url():
    result = ResourceImport().import_data(tablib.Dataset().load(CSV_ROWS, format="csv"), raise_errors=True)
    assert result.totals["new"] == 2
    eigen = Resource.objects.get(title="Eigenvalues explained")
    assert (eigen.normalized_url, eigen.type, eigen.estimated_minutes, eigen.curated) == (
        "https://example.com/eigen",
        "VIDEO",
        12,
        True,
    )
    rows = [{"url": "https://example.com/eigen", "title": "Eigenvalues, explained again", "type": "video"}]
    result = ResourceImport().import_data(tablib.Dataset().load(json.dumps(rows), format="json"), raise_errors=True)
    assert result.totals["update"] == 1
    assert Resource.objects.count() == 2
    eigen.refresh_from_db()
    assert eigen.title == "Eigenvalues, explained again"


def test_resource_import_rejects_invalid_rows():
    rows = [{"url": "not a url", "title": "", "type": "meme"}]
    result = ResourceImport().import_data(tablib.Dataset().load(json.dumps(rows), format="json"))
    assert result.has_validation_errors()
    assert not Resource.objects.exists()


def test_resource_admin_import_flow(staff_client):
    import_url = reverse("admin:learning_resource_import")
    page = staff_client.get(import_url)
    assert page.status_code == 200
    formats = [label for _, label in page.context["form"].fields["format"].choices if label != "---"]
    assert formats == ["csv", "json"]
    upload = SimpleUploadedFile("catalog.csv", CSV_ROWS.encode(), content_type="text/csv")
    response = staff_client.post(import_url, {"import_file": upload, "format": "0", "resource": "0"})
    assert response.status_code == 200
    confirm = response.context["confirm_form"]
    response = staff_client.post(reverse("admin:learning_resource_process_import"), confirm.initial)
    assert response.status_code == 302
    assert set(Resource.objects.values_list("title", flat=True)) == {"Eigenvalues explained", "Matrices"}
    assert Course.objects.count() == Module.objects.count() == 0


def test_course_edits_in_the_admin_go_through_the_services(staff_client, user, django_capture_on_commit_callbacks):
    course = services.course_create(user=user, title="LA")
    form = {
        "user": str(user.pk),
        "title": "Linear algebra",
        "description": "Vectors first",
        "difficulty": "BEGINNER",
        "target_date": "",
        "archived": "on",
        "modules-TOTAL_FORMS": "0",
        "modules-INITIAL_FORMS": "0",
        "modules-MIN_NUM_FORMS": "0",
        "modules-MAX_NUM_FORMS": "1000",
    }
    with django_capture_on_commit_callbacks() as published:
        response = staff_client.post(reverse("admin:learning_course_change", args=[course.pk]), form)

    assert response.status_code == 302
    course.refresh_from_db()
    assert (course.title, course.difficulty, course.archived) == ("Linear algebra", "BEGINNER", True)
    assert course.archived_at is not None  # set by the archiving service
    assert len(published) >= 2  # course.updated for the fields, then for archiving


def test_a_course_added_in_the_admin_is_created_by_the_service(staff_client, user):
    form = {
        "user": str(user.pk),
        "title": "  Chemistry  ",
        "description": "",
        "difficulty": "",
        "target_date": "",
        "modules-TOTAL_FORMS": "0",
        "modules-INITIAL_FORMS": "0",
        "modules-MIN_NUM_FORMS": "0",
        "modules-MAX_NUM_FORMS": "1000",
    }
    response = staff_client.post(reverse("admin:learning_course_add"), form)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert Course.objects.get(user=user).title == "Chemistry"  # stripped by the service


def test_the_admin_refuses_a_course_over_the_learners_plan_with_a_form_error(staff_client, user):
    for index in range(3):
        services.course_create(user=user, title=f"C{index}")
    form = {
        "user": str(user.pk),
        "title": "Fourth",
        "modules-TOTAL_FORMS": "0",
        "modules-INITIAL_FORMS": "0",
        "modules-MIN_NUM_FORMS": "0",
        "modules-MAX_NUM_FORMS": "1000",
    }

    response = staff_client.post(reverse("admin:learning_course_add"), form)

    assert response.status_code == 200
    assert "Your plan allows 3 active courses" in response.content.decode()
    assert Course.objects.filter(user=user).count() == 3


def test_the_unarchive_action_reports_courses_the_plan_has_no_room_for(staff_client, user):
    archived = services.course_create(user=user, title="Old")
    services.course_set_archived(course=archived, archived=True)
    for index in range(3):
        services.course_create(user=user, title=f"C{index}")

    response = staff_client.post(
        reverse("admin:learning_course_changelist"),
        {"action": "unarchive", "_selected_action": [str(archived.pk)]},
        follow=True,
    )

    page = response.content.decode()
    assert "Old: Your plan allows 3 active courses" in page
    assert "Unarchived 0 course(s)." in page
    archived.refresh_from_db()
    assert archived.archived is True


# Every admin write goes through the services: what a learner's clients receive proves it. -------------


def _inline_management(prefix: str, total: int, initial: int) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_course_change_with_module_inlines_publishes_each_service_event(
    staff_client, user, django_capture_on_commit_callbacks
):
    course = services.course_create(
        user=user, title="LA", modules=[{"title": "Vectors"}, {"title": "Old"}, {"title": "Spaces"}]
    )
    vectors, old, spaces = course.modules.order_by("order")
    form = {
        "title": "LA",
        "description": "",
        "difficulty": "",
        "target_date": "",
        **_inline_management("modules", total=4, initial=3),
        "modules-0-id": str(vectors.pk),
        "modules-0-course": str(course.pk),
        "modules-0-title": "Vector spaces",
        "modules-0-description": "",
        "modules-1-id": str(old.pk),
        "modules-1-course": str(course.pk),
        "modules-1-title": "Old",
        "modules-1-description": "",
        "modules-1-DELETE": "on",
        "modules-2-id": str(spaces.pk),
        "modules-2-course": str(course.pk),
        "modules-2-title": "Spaces",
        "modules-2-description": "",
        "modules-3-id": "",
        "modules-3-course": str(course.pk),
        "modules-3-title": "Matrices",
        "modules-3-description": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("admin:learning_course_change", args=[course.pk]), form)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(course.modules.order_by("order").values_list("title", "order")) == [
        ("Vector spaces", 0),
        ("Spaces", 1),
        ("Matrices", 2),
    ]
    published = [event for event, _ in realtime_log(user.pk) if event.startswith("module.")]
    assert published[-3:] == ["module.deleted", "module.updated", "module.created"]


def test_module_change_with_topic_inlines_publishes_each_service_event(
    staff_client, user, django_capture_on_commit_callbacks
):
    course = services.course_create(
        user=user, title="LA", modules=[{"title": "Vectors", "topics": [{"title": "Span"}, {"title": "Gone"}]}]
    )
    module = course.modules.get()
    span, gone = module.topics.order_by("order")
    form = {
        "title": "Vectors",
        "description": "",
        **_inline_management("topics", total=3, initial=2),
        "topics-0-id": str(span.pk),
        "topics-0-module": str(module.pk),
        "topics-0-title": "Span and bases",
        "topics-0-estimated_hours": "",
        "topics-1-id": str(gone.pk),
        "topics-1-module": str(module.pk),
        "topics-1-title": "Gone",
        "topics-1-estimated_hours": "",
        "topics-1-DELETE": "on",
        "topics-2-id": "",
        "topics-2-module": str(module.pk),
        "topics-2-title": "Rank",
        "topics-2-estimated_hours": "2",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("admin:learning_module_change", args=[module.pk]), form)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(module.topics.order_by("order").values_list("title", "order")) == [("Span and bases", 0), ("Rank", 1)]
    published = [event for event, _ in realtime_log(user.pk) if event.startswith("topic.")]
    assert published[-3:] == ["topic.deleted", "topic.updated", "topic.created"]


def test_note_edit_in_the_admin_is_the_services(staff_client, user, django_capture_on_commit_callbacks):
    note = services.note_create(user=user, title="Draft", content="plain")
    form = {"title": "  Eigen  ", "content": "**bold**", "summary": "", "course": "", "topic": "", "tags": "a,b"}
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("admin:learning_note_change", args=[note.pk]), form)

    assert response.status_code == 302, response.content.decode()[:2000]
    note.refresh_from_db()
    assert (note.title, note.tags) == ("Eigen", ["a", "b"])  # stripped and cleaned by the service
    assert "<strong>bold</strong>" in note.content_html
    event, data = realtime_log(user.pk)[-1]
    assert (event, data["title"]) == ("note.updated", "Eigen")


@pytest.mark.parametrize(
    ("changelist", "make", "deleted_event"),
    [
        (
            "admin:learning_course_changelist",
            lambda user, n: services.course_create(user=user, title=f"C{n}"),
            "course.deleted",
        ),
        (
            "admin:learning_note_changelist",
            lambda user, n: services.note_create(user=user, title=f"N{n}"),
            "note.deleted",
        ),
    ],
)
def test_bulk_delete_in_the_admin_calls_the_delete_service_per_row(
    staff_client, user, django_capture_on_commit_callbacks, changelist, make, deleted_event
):
    rows = [make(user, n) for n in range(2)]
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse(changelist),
            {"action": "delete_selected", "post": "yes", "_selected_action": [str(row.pk) for row in rows]},
        )

    assert response.status_code == 302
    assert not type(rows[0]).objects.filter(pk__in=[row.pk for row in rows]).exists()
    deleted = {data["id"] for event, data in realtime_log(user.pk) if event == deleted_event}
    assert deleted == {str(row.pk) for row in rows}


def test_deleting_a_course_from_its_page_is_the_service(staff_client, user, django_capture_on_commit_callbacks):
    course = services.course_create(user=user, title="LA")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("admin:learning_course_delete", args=[course.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert realtime_log(user.pk)[-1] == ("course.deleted", {"id": str(course.pk)})


def test_resource_import_updates_through_the_catalog_service(staff_client, user, django_capture_on_commit_callbacks):
    saved, _ = services.resource_save(user=user, url="https://example.com/eigen", title="Eigen")
    import_url = reverse("admin:learning_resource_import")
    upload = SimpleUploadedFile("catalog.csv", CSV_ROWS.encode(), content_type="text/csv")
    confirm = staff_client.post(import_url, {"import_file": upload, "format": "0", "resource": "0"}).context[
        "confirm_form"
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("admin:learning_resource_process_import"), confirm.initial)

    assert response.status_code == 302
    saved.resource.refresh_from_db()
    assert (saved.resource.title, saved.resource.curated) == ("Eigenvalues explained", True)
    assert Resource.objects.get(title="Matrices").curated is True
    assert realtime_log(user.pk)[-1] == (
        "resource.updated",
        {
            "id": str(saved.pk),
            "resource_id": str(saved.resource_id),
            "completed": False,
            "progress": 0.0,
            "rating": None,
        },
    )


def test_a_change_a_service_refuses_returns_to_the_page_with_the_reason_and_writes_nothing(staff_client, user):
    """The form accepts any course id; the note service refuses another learner's course."""
    note = services.note_create(user=user, title="Draft", content="plain")
    strangers_course = services.course_create(user=UserFactory.create(), title="Not yours")
    url = reverse("admin:learning_note_change", args=[note.pk])
    form = {"title": "Renamed", "content": "plain", "summary": "", "course": str(strangers_course.pk), "tags": ""}

    response = staff_client.post(url, form, follow=True)

    assert response.redirect_chain == [(url, 302)]
    assert response.status_code == 200
    assert "Not saved: course_id: No such course." in response.content.decode()
    note.refresh_from_db()
    assert (note.title, note.course_id) == ("Draft", None)
