"""Notes API: CRUD, filters, full-text search ranking with snippets, sanitised HTML, ownership."""

import uuid

import pytest

from apps.learning import services
from apps.learning.models import Note

pytestmark = pytest.mark.django_db


def _error(response, status):
    assert response.status_code == status, response.content
    return response.json()["error"]


def _notes():
    return list(Note.objects.order_by("pk").values())


def _course(user):
    return services.course_create(
        user=user, title="Algebra", modules=[{"title": "Vectors", "topics": [{"title": "Span"}]}]
    )


def test_create_read_update_delete(auth_client, user):
    course = _course(user)
    topic = course.modules.get().topics.get()
    response = auth_client.post(
        "/api/v1/notes/",
        {
            "title": "Span",
            "content": "The **span** of vectors <script>alert(1)</script>",
            "topic": str(topic.pk),
            "tags": [" Algebra", "algebra", "Vectors"],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    note = response.json()
    assert note["content"] == "The **span** of vectors <script>alert(1)</script>"
    assert "<strong>span</strong>" in note["content_html"]
    assert "<script" not in note["content_html"]
    assert (note["course_id"], note["topic_id"]) == (str(course.pk), str(topic.pk))  # a topic implies its course
    assert (note["course"], note["topic"]) == (note["course_id"], note["topic_id"])  # the deprecated names
    assert note["tags"] == ["algebra", "vectors"]
    assert auth_client.get(f"/api/v1/notes/{note['id']}/").json()["title"] == "Span"
    response = auth_client.patch(
        f"/api/v1/notes/{note['id']}/",
        {"content": '[x](javascript:alert(1)) <b onclick="x()">b</b>', "archived": True},
        format="json",
    )
    assert response.status_code == 200
    html = response.json()["content_html"]
    assert "javascript:" not in html
    assert "onclick" not in html
    assert "<b>b</b>" in html
    assert response.json()["archived"] is True
    other_course = services.course_create(user=user, title="Geometry")
    response = auth_client.patch(f"/api/v1/notes/{note['id']}/", {"course_id": str(other_course.pk)}, format="json")
    assert (response.json()["course_id"], response.json()["topic_id"]) == (str(other_course.pk), None)
    response = auth_client.patch(f"/api/v1/notes/{note['id']}/", {"course": None}, format="json")  # the old name
    assert (response.json()["course_id"], response.json()["topic_id"]) == (None, None)
    assert auth_client.delete(f"/api/v1/notes/{note['id']}/").status_code == 204
    assert not Note.objects.exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"title": ""}, "title"),
        ({"content": "no title"}, "title"),
        ({"title": "t", "course_id": str(uuid.uuid4())}, "course_id"),
        ({"title": "t", "topic": str(uuid.uuid4())}, "topic_id"),
        ({"title": "t", "course": "not-a-uuid"}, "course_id"),
        ({"title": "t", "course": str(uuid.uuid4()), "course_id": str(uuid.uuid4())}, "course"),
        ({"title": "t", "tags": [f"t{i}" for i in range(30)]}, "tags"),
    ],
)
def test_create_bad_input_changes_nothing(auth_client, user, payload, field):
    services.note_create(user=user, title="kept")
    before = _notes()
    error = _error(auth_client.post("/api/v1/notes/", payload, format="json"), 400)
    assert error["code"] == "validation_error"
    assert field in error["details"]
    assert _notes() == before


def test_linking_another_users_course_or_topic_is_refused(auth_client, user, other_user):
    course = _course(other_user)
    topic = course.modules.get().topics.get()
    note = services.note_create(user=user, title="mine")
    my_topic = str(_course(user).modules.get().topics.get().pk)
    cases = (
        ({"course_id": str(course.pk)}, {"course_id": ["No such course."]}),
        ({"topic_id": str(topic.pk)}, {"topic_id": ["No such topic."]}),
        (
            {"course_id": str(uuid.uuid4()), "topic_id": str(topic.pk)},
            {"course_id": ["No such course."], "topic_id": ["No such topic."]},
        ),
        ({"course_id": str(course.pk), "topic_id": my_topic}, {"course_id": ["No such course."]}),
        (
            {"course_id": str(_course(user).pk), "topic_id": my_topic},
            {"topic_id": ["The topic is not in this course."]},
        ),
    )
    for payload, details in cases:  # the link rule planning uses too (apps/learning/links.py)
        assert _error(auth_client.patch(f"/api/v1/notes/{note.pk}/", payload, format="json"), 400)["details"] == details
    note.refresh_from_db()
    assert (note.course_id, note.topic_id) == (None, None)


def test_filters(auth_client, user, other_user):
    course = _course(user)
    topic = course.modules.get().topics.get()
    on_course = services.note_create(user=user, title="Course note", course_id=course.pk, tags=["exam"])
    on_topic = services.note_create(user=user, title="Topic note", topic_id=topic.pk)
    archived = services.note_create(user=user, title="Old note", tags=["exam"])
    services.note_update(note=archived, data={"archived": True})
    services.note_create(user=other_user, title="Not mine", tags=["exam"])

    def ids(query):
        response = auth_client.get(f"/api/v1/notes/{query}")
        assert response.status_code == 200, response.content
        return {note["id"] for note in response.json()["results"]}

    assert ids("") == {str(on_course.pk), str(on_topic.pk)}
    assert ids(f"?course={course.pk}") == {str(on_course.pk), str(on_topic.pk)}
    assert ids(f"?topic={topic.pk}") == {str(on_topic.pk)}
    assert ids(f"?course_id={course.pk}") == ids(f"?course={course.pk}")
    assert ids(f"?topic_id={topic.pk}") == {str(on_topic.pk)}
    assert ids("?tag=EXAM") == {str(on_course.pk)}
    assert ids("?archived=true") == {str(archived.pk)}
    assert ids("?archived=all&tag=exam") == {str(on_course.pk), str(archived.pk)}
    results = auth_client.get("/api/v1/notes/?ordering=title").json()["results"]
    assert {(n["rank"], n["snippet"]) for n in results} == {(None, None)}  # only a search ranks
    titles = [n["title"] for n in results]
    assert titles == ["Course note", "Topic note"]


def test_full_text_search_is_stemmed_ranked_and_highlighted(auth_client, user):
    title_match = services.note_create(
        user=user, title="Eigenvalues", content="Notes on the characteristic polynomial."
    )
    body_match = services.note_create(
        user=user, title="Week 3", content="Today we computed eigenvalues of a <b>2x2</b> matrix by hand."
    )
    services.note_create(user=user, title="Groceries", content="Milk, eggs.")
    response = auth_client.get("/api/v1/notes/?search=eigenvalue")  # stemmed: matches "eigenvalues"
    assert response.status_code == 200
    results = response.json()["results"]
    assert [n["id"] for n in results] == [str(title_match.pk), str(body_match.pk)]  # title weighs more
    assert results[0]["rank"] > results[1]["rank"]
    snippet = results[1]["snippet"]
    assert "<mark>eigenvalues</mark>" in snippet
    assert "<b>" not in snippet  # the note's own markup is escaped in the snippet
    assert auth_client.get('/api/v1/notes/?search="computed eigenvalues" -groceries').json()["count"] == 1
    assert auth_client.get("/api/v1/notes/?search=milk or polynomial").json()["count"] == 2
    assert auth_client.get("/api/v1/notes/?search=quaternion").json()["count"] == 0


@pytest.mark.parametrize("page_size", [2, 20])
def test_list_query_count_is_constant(auth_client, user, django_assert_max_num_queries, page_size):
    for index in range(25):
        services.note_create(user=user, title=f"Vector note {index}", content="vectors and matrices")
    with django_assert_max_num_queries(3):
        response = auth_client.get(f"/api/v1/notes/?page_size={page_size}&search=vector")
    assert len(response.json()["results"]) == page_size


def test_another_users_note_is_404(auth_client, other_user):
    note = services.note_create(user=other_user, title="secret")
    before = _notes()
    for method, payload in (("get", None), ("patch", {"title": "mine"}), ("delete", None)):
        error = _error(getattr(auth_client, method)(f"/api/v1/notes/{note.pk}/", payload, format="json"), 404)
        assert error["code"] == "not_found"
    assert _notes() == before
    assert auth_client.get("/api/v1/notes/?search=secret").json()["count"] == 0
