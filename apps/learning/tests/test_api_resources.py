"""Resources API: catalog, save by URL (deduplicated), saved list and updates, recommendations, ownership."""

import uuid

import pytest

from apps.learning import services
from apps.learning.models import Resource, UserResource
from apps.learning.tests.factories import ResourceFactory, UserResourceFactory

pytestmark = pytest.mark.django_db


def _error(response, status):
    assert response.status_code == status, response.content
    return response.json()["error"]


def _state():
    return list(Resource.objects.order_by("pk").values()), list(UserResource.objects.order_by("pk").values())


def test_catalog_filters_and_search(auth_client):
    video = ResourceFactory.create(title="Essence of linear algebra", type="VIDEO", difficulty="BEGINNER")
    book = ResourceFactory.create(
        title="Matrix analysis", description="Eigenvalues and linear maps", type="BOOK", difficulty="ADVANCED"
    )
    ResourceFactory.create(title="Private link", curated=False)

    def ids(query):
        response = auth_client.get(f"/api/v1/resources/{query}")
        assert response.status_code == 200, response.content
        return [r["id"] for r in response.json()["results"]]

    assert set(ids("")) == {str(video.pk), str(book.pk)}
    assert ids("?type=video") == [str(video.pk)]
    assert ids("?difficulty=advanced") == [str(book.pk)]
    assert ids("?search=linear") == [str(video.pk), str(book.pk)]  # a title match ranks first
    assert ids("?ordering=title") == [str(video.pk), str(book.pk)]
    assert _error(auth_client.get("/api/v1/resources/?type=meme"), 400)["code"] == "validation_error"


def test_save_by_url_deduplicates_equivalent_urls(auth_client, user, other_user):
    response = auth_client.post(
        "/api/v1/resources/",
        {"url": "https://Example.com:443/guide/?utm_source=newsletter", "title": "Guide", "type": "article"},
        format="json",
    )
    assert response.status_code == 201, response.content
    saved = response.json()
    assert saved["title"] == "Guide"
    assert saved["resource"]["url"] == "https://example.com/guide"
    for variant in ("HTTPS://example.com/guide", "https://example.com/guide/?utm_campaign=x&utm_medium=y"):
        response = auth_client.post("/api/v1/resources/", {"url": variant}, format="json")
        assert response.status_code == 200
        assert response.json()["id"] == saved["id"]
    services.resource_save(user=other_user, url="https://example.com/guide")
    assert Resource.objects.count() == 1
    assert UserResource.objects.count() == 2
    response = auth_client.post("/api/v1/resources/", {"url": "https://example.com/guide?page=2"}, format="json")
    assert response.status_code == 201
    assert Resource.objects.count() == 2


def test_a_learners_text_on_a_saved_url_never_reaches_another_learner(auth_client, user, other_user):
    services.resource_save(
        user=other_user,
        url="https://khanacademy.org/physics/kinematics",
        title="Dave private: my SSN",
        description="dave secret description",
    )
    response = auth_client.post(
        "/api/v1/resources/",
        {"url": "https://KHANACADEMY.org/physics/kinematics/?utm_source=x", "title": "Kinematics (Carol)"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert "dave" not in response.content.decode().lower()
    assert response.json()["title"] == "Kinematics (Carol)"
    assert response.json()["description"] == ""
    listed = auth_client.get("/api/v1/resources/saved/")
    assert "dave" not in listed.content.decode().lower()
    assert [entry["title"] for entry in listed.json()["results"]] == ["Kinematics (Carol)"]
    found = auth_client.get("/api/v1/search/?q=secret+description&types=resource")
    assert found.status_code == 200
    assert "dave" not in found.content.decode().lower()
    assert auth_client.get("/api/v1/search/?q=Carol&types=resource").json()["results"][0]["title"] == (
        "Kinematics (Carol)"
    )
    (shared,) = Resource.objects.all()
    assert shared.title == "https://khanacademy.org/physics/kinematics"
    assert (shared.description, shared.curated) == ("", False)
    theirs = UserResource.objects.get(user=other_user)
    assert (theirs.title, theirs.description) == ("Dave private: my SSN", "dave secret description")


def test_own_title_of_a_saved_resource_can_be_changed_and_curated_text_shows_otherwise(auth_client, user):
    curated = ResourceFactory.create(url="https://example.com/book", title="The book", description="Curated.")
    saved, _ = services.resource_save(user=user, url="https://example.com/book", title="Mine")
    assert Resource.objects.get(pk=curated.pk).title == "The book"
    response = auth_client.patch(f"/api/v1/resources/saved/{saved.pk}/", {"title": ""}, format="json")
    assert response.status_code == 200, response.content
    assert (response.json()["title"], response.json()["description"]) == ("The book", "Curated.")
    response = auth_client.patch(f"/api/v1/resources/saved/{saved.pk}/", {"description": "my notes"}, format="json")
    assert response.json()["description"] == "my notes"


def test_curating_a_url_learners_saved_takes_the_catalog_text(user):
    services.resource_save(user=user, url="https://example.com/x", title="planted", description="planted text")
    resource, created = services.catalog_resource_ensure(url="https://example.com/x", title="Real title")
    assert not created
    assert (resource.title, resource.description, resource.curated) == ("Real title", "", True)


@pytest.mark.parametrize(
    "payload", [{"url": "not a url"}, {"url": "javascript:alert(1)"}, {"url": "ftp://example.com/x"}, {}]
)
def test_save_bad_url_changes_nothing(auth_client, payload):
    before = _state()
    error = _error(auth_client.post("/api/v1/resources/", payload, format="json"), 400)
    assert "url" in error["details"]
    assert _state() == before


def test_saved_list_update_and_unsave(auth_client, user, other_user):
    mine = UserResourceFactory.create(user=user, resource__type="VIDEO")
    other = UserResourceFactory.create(user=user, resource__type="BOOK")
    UserResourceFactory.create(user=other_user)
    response = auth_client.get("/api/v1/resources/saved/")
    assert {r["id"] for r in response.json()["results"]} == {str(mine.pk), str(other.pk)}
    assert [r["id"] for r in auth_client.get("/api/v1/resources/saved/?type=video").json()["results"]] == [str(mine.pk)]
    response = auth_client.patch(
        f"/api/v1/resources/saved/{mine.pk}/",
        {"progress": 40, "rating": 5, "notes": "Great intro"},
        format="json",
    )
    assert response.status_code == 200
    assert (response.json()["progress"], response.json()["rating"], response.json()["notes"]) == (40, 5, "Great intro")
    response = auth_client.patch(f"/api/v1/resources/saved/{mine.pk}/", {"completed": True}, format="json")
    assert response.json()["completed"] is True
    assert response.json()["completed_at"] is not None
    assert [r["id"] for r in auth_client.get("/api/v1/resources/saved/?completed=true").json()["results"]] == [
        str(mine.pk)
    ]
    response = auth_client.patch(f"/api/v1/resources/saved/{mine.pk}/", {"completed": False}, format="json")
    assert response.json()["completed_at"] is None
    assert auth_client.delete(f"/api/v1/resources/saved/{mine.pk}/").status_code == 204
    assert not UserResource.objects.filter(pk=mine.pk).exists()
    assert Resource.objects.filter(pk=mine.resource_id).exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"rating": 0}, "rating"),
        ({"rating": 6}, "rating"),
        ({"progress": -1}, "progress"),
        ({"progress": 101}, "progress"),
    ],
)
def test_saved_update_bad_input_changes_nothing(auth_client, user, payload, field):
    saved = UserResourceFactory.create(user=user)
    before = _state()
    error = _error(auth_client.patch(f"/api/v1/resources/saved/{saved.pk}/", payload, format="json"), 400)
    assert field in error["details"]
    assert _state() == before


def test_another_users_saved_resource_is_404(auth_client, other_user):
    saved = UserResourceFactory.create(user=other_user)
    before = _state()
    for method, payload in (("patch", {"rating": 1}), ("delete", None)):
        error = _error(
            getattr(auth_client, method)(f"/api/v1/resources/saved/{saved.pk}/", payload, format="json"), 404
        )
        assert error["code"] == "not_found"
    _error(auth_client.patch(f"/api/v1/resources/saved/{uuid.uuid4()}/", {"rating": 1}, format="json"), 404)
    assert _state() == before


@pytest.mark.parametrize("page_size", [2, 20])
def test_saved_list_query_count_is_constant(auth_client, user, django_assert_max_num_queries, page_size):
    UserResourceFactory.create_batch(25, user=user)
    with django_assert_max_num_queries(3):
        response = auth_client.get(f"/api/v1/resources/saved/?page_size={page_size}")
    assert len(response.json()["results"]) == page_size


def test_recommendations_match_active_courses_with_a_reason(auth_client, user, other_user):
    services.course_create(
        user=user,
        title="Linear algebra",
        modules=[{"title": "Spectral", "topics": [{"title": "Eigenvalues"}, {"title": "Fourier series"}]}],
    )
    archived = services.course_create(user=user, title="Organic chemistry")
    services.course_set_archived(course=archived, archived=True)
    services.course_create(user=other_user, title="Medieval history")
    eigen = ResourceFactory.create(title="Eigenvalues explained", description="Eigenvectors and eigenvalues")
    algebra = ResourceFactory.create(title="Linear algebra done right", description="A textbook")
    fourier = ResourceFactory.create(title="Fourier series for engineers")
    done = ResourceFactory.create(title="Eigenvalues cheat sheet")
    UserResourceFactory.create(user=user, resource=done, completed=True)
    ResourceFactory.create(title="Organic chemistry basics")  # archived course: not recommended
    ResourceFactory.create(title="Medieval history")  # someone else's course
    ResourceFactory.create(title="Eigenvalues, privately saved", curated=False)

    response = auth_client.get("/api/v1/resources/recommendations/")
    assert response.status_code == 200, response.content
    results = {r["id"]: r for r in response.json()["results"]}
    assert set(results) == {str(eigen.pk), str(algebra.pk), str(fourier.pk)}
    assert results[str(eigen.pk)]["reason"] == 'Matches topic "Eigenvalues" in your course "Linear algebra"'
    assert results[str(fourier.pk)]["reason"] == 'Matches topic "Fourier series" in your course "Linear algebra"'
    assert results[str(algebra.pk)]["reason"] == 'Matches your course "Linear algebra"'
    ranks = [r["rank"] for r in response.json()["results"]]
    assert ranks == sorted(ranks, reverse=True)


def test_recommendations_without_courses_are_empty(auth_client):
    ResourceFactory.create(title="Anything")
    assert auth_client.get("/api/v1/resources/recommendations/").json()["count"] == 0


@pytest.mark.parametrize("page_size", [2, 20])
def test_catalog_and_recommendations_query_counts_are_constant(
    auth_client, user, django_assert_max_num_queries, page_size
):
    services.course_create(user=user, title="Algebra", modules=[{"title": "M", "topics": [{"title": "Matrices"}]}])
    for index in range(25):
        ResourceFactory.create(title=f"Algebra and matrices {index}")
    with django_assert_max_num_queries(3):
        response = auth_client.get(f"/api/v1/resources/?page_size={page_size}&search=algebra")
    assert len(response.json()["results"]) == page_size
    # user, topics, course titles, ranked by words, ranked by meaning, count, page
    with django_assert_max_num_queries(7):
        response = auth_client.get(f"/api/v1/resources/recommendations/?page_size={page_size}")
    assert len(response.json()["results"]) == page_size
