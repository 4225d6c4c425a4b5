"""Courses, modules, topics API: the contract, bad input in the one error shape, ownership, query counts."""

import uuid

import pytest

from apps.accounts.models import Tier
from apps.learning import services
from apps.learning.models import Course, Module, Topic

pytestmark = pytest.mark.django_db

OUTLINE = {
    "title": "Linear algebra",
    "difficulty": "BEGINNER",
    "modules": [
        {"title": "Vectors", "topics": [{"title": "Span", "estimated_hours": 1}, {"title": "Bases"}]},
        {"title": "Matrices", "topics": [{"title": "Products", "estimated_hours": 3}]},
    ],
}


def _snapshot():
    return (
        list(Course.objects.order_by("pk").values()),
        list(Module.objects.order_by("pk").values()),
        list(Topic.objects.order_by("pk").values()),
    )


def _assert_error(response, status, code, field=None):
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["code"] == code
    assert set(error) == {"code", "message", "details", "request_id"}
    if field is not None:
        assert field in str(error["details"]), error["details"]


def _course(user, outline=OUTLINE):
    return services.course_create(user=user, **outline)


def test_create_course_with_outline(auth_client, user):
    response = auth_client.post("/api/v1/courses/", {**OUTLINE, "difficulty": "beginner"}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["title"] == "Linear algebra"
    assert body["difficulty"] == "BEGINNER"  # enums answer in upper case and accept any case
    assert body["progress"] == 0
    assert [m["title"] for m in body["modules"]] == ["Vectors", "Matrices"]
    assert [t["title"] for t in body["modules"][0]["topics"]] == ["Span", "Bases"]
    assert body["modules"][0]["topics"][0]["estimated_hours"] == 1
    course = Course.objects.get(pk=body["id"])
    assert course.user == user
    assert Topic.objects.filter(module__course=course).count() == 3


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({}, "title"),
        (
            {"title": "x", "modules": [{"title": "m", "topics": [{"title": "t", "estimated_hours": -2}]}]},
            "estimated_hours",
        ),
        ({"title": "x", "modules": [{"title": "m", "topics": [{"title": ""}]}]}, "title"),
        ({"title": "x", "difficulty": "expert"}, "difficulty"),
        ({"title": "x", "target_date": "soon"}, "target_date"),
    ],
)
def test_create_course_bad_input_changes_nothing(auth_client, user, payload, field):
    _course(user)
    before = _snapshot()
    response = auth_client.post("/api/v1/courses/", payload, format="json")
    _assert_error(response, 400, "validation_error", field)
    assert _snapshot() == before


def test_course_list_filters_ordering_and_counts(auth_client, user, other_user):
    a = _course(user, {"title": "Algebra", "difficulty": "BEGINNER"})
    b = _course(user, OUTLINE)
    archived = _course(user, {"title": "Old"})
    services.course_set_archived(course=archived, archived=True)
    _course(other_user, {"title": "Not mine"})
    body = auth_client.get("/api/v1/courses/").json()
    assert body["count"] == 2
    assert [c["id"] for c in body["results"]] == [str(b.pk), str(a.pk)]
    outline = body["results"][0]
    assert (outline["module_count"], outline["topic_count"], outline["completed_topic_count"]) == (2, 3, 0)
    assert [c["title"] for c in auth_client.get("/api/v1/courses/?ordering=title").json()["results"]] == [
        "Algebra",
        "Linear algebra",
    ]
    assert [c["title"] for c in auth_client.get("/api/v1/courses/?archived=true").json()["results"]] == ["Old"]
    assert auth_client.get("/api/v1/courses/?archived=all").json()["count"] == 3
    assert auth_client.get("/api/v1/courses/?search=linear").json()["count"] == 1
    _assert_error(auth_client.get("/api/v1/courses/?ordering=password"), 400, "validation_error", "ordering")


@pytest.mark.parametrize("page_size", [2, 20])
def test_course_list_query_count_is_constant(auth_client, user, django_assert_max_num_queries, page_size):
    type(user).objects.filter(pk=user.pk).update(tier=Tier.PREMIUM_MONTHLY)  # 25 active courses: no cap
    for index in range(25):
        _course(user, {**OUTLINE, "title": f"Course {index}"})
    auth_client.get("/api/v1/courses/")  # the first request reads the user; later ones use the auth cache
    with django_assert_max_num_queries(2):  # count, page
        response = auth_client.get(f"/api/v1/courses/?page_size={page_size}")
    assert len(response.json()["results"]) == page_size


@pytest.mark.parametrize("modules", [1, 8])
def test_course_detail_query_count_is_constant(auth_client, user, django_assert_max_num_queries, modules):
    outline = {
        "title": "Big",
        "modules": [{"title": f"M{i}", "topics": [{"title": "a"}, {"title": "b"}]} for i in range(modules)],
    }
    course = _course(user, outline)
    with django_assert_max_num_queries(4):  # user, course, modules, topics
        response = auth_client.get(f"/api/v1/courses/{course.pk}/")
    assert response.status_code == 200
    assert len(response.json()["modules"]) == modules


def test_patch_archive_unarchive_delete(auth_client, user):
    course = _course(user)
    _assert_error(
        auth_client.patch(f"/api/v1/courses/{course.pk}/", {"title": "LA", "progress": 99}, format="json"),
        400,
        "validation_error",
        "progress",  # progress is never set by the client: an unknown field, and nothing changes
    )
    assert auth_client.get(f"/api/v1/courses/{course.pk}/").json()["title"] == course.title
    response = auth_client.patch(f"/api/v1/courses/{course.pk}/", {"title": "LA"}, format="json")
    assert response.status_code == 200
    assert response.json()["title"] == "LA"
    _assert_error(
        auth_client.patch(f"/api/v1/courses/{course.pk}/", {"title": ""}, format="json"),
        400,
        "validation_error",
        "title",
    )
    assert auth_client.post(f"/api/v1/courses/{course.pk}/archive").json()["archived"] is True
    assert auth_client.post(f"/api/v1/courses/{course.pk}/unarchive").json()["archived"] is False
    assert auth_client.delete(f"/api/v1/courses/{course.pk}/").status_code == 204
    assert not Course.objects.filter(pk=course.pk).exists()
    assert not Topic.objects.exists()


def test_modules_and_topics_endpoints(auth_client, user):
    course = _course(user)
    response = auth_client.post(
        f"/api/v1/courses/{course.pk}/modules/",
        {"title": "Eigen", "topics": [{"title": "Eigenvalues", "estimated_hours": 2}]},
        format="json",
    )
    assert response.status_code == 201, response.content
    module = response.json()
    assert (module["order"], [t["title"] for t in module["topics"]]) == (2, ["Eigenvalues"])
    response = auth_client.patch(f"/api/v1/modules/{module['id']}/", {"description": "The good part"}, format="json")
    assert response.json()["description"] == "The good part"
    response = auth_client.post(
        f"/api/v1/modules/{module['id']}/topics/", {"title": "Diagonalise", "order": 0}, format="json"
    )
    assert response.status_code == 201
    topic = response.json()
    assert topic["order"] == 0
    assert list(Topic.objects.filter(module_id=module["id"]).order_by("order").values_list("title", flat=True)) == [
        "Diagonalise",
        "Eigenvalues",
    ]
    response = auth_client.patch(
        f"/api/v1/topics/{topic['id']}/", {"estimated_hours": 4, "content": "P D P^-1"}, format="json"
    )
    assert (response.json()["estimated_hours"], response.json()["content"]) == (4, "P D P^-1")
    assert auth_client.delete(f"/api/v1/topics/{topic['id']}/").status_code == 204
    assert auth_client.delete(f"/api/v1/modules/{module['id']}/").status_code == 204
    assert course.modules.count() == 2


@pytest.mark.parametrize(
    ("method", "path", "payload", "field"),
    [
        ("post", "/api/v1/courses/{course}/modules/", {"title": ""}, "title"),
        ("post", "/api/v1/modules/{module}/topics/", {"title": "t", "estimated_hours": -1}, "estimated_hours"),
        ("patch", "/api/v1/topics/{topic}/", {"estimated_hours": -0.5}, "estimated_hours"),
        ("patch", "/api/v1/modules/{module}/", {"title": "  "}, "title"),
        ("post", "/api/v1/topics/{topic}/complete", {"completed": "maybe"}, "completed"),
    ],
)
def test_outline_bad_input_changes_nothing(auth_client, user, method, path, payload, field):
    course = _course(user)
    module = course.modules.get(order=0)
    topic = module.topics.get(order=0)
    before = _snapshot()
    url = path.format(course=course.pk, module=module.pk, topic=topic.pk)
    _assert_error(getattr(auth_client, method)(url, payload, format="json"), 400, "validation_error", field)
    assert _snapshot() == before


def test_complete_propagates_progress(auth_client, user):
    course = _course(user)
    vectors = course.modules.get(order=0)
    span, bases = vectors.topics.order_by("order")
    response = auth_client.post(f"/api/v1/topics/{span.pk}/complete", {"completed": True}, format="json")
    assert response.status_code == 200
    # Span 1h, Bases unknown (weighs the mean, 2h), Products 3h: 1 of 6 hours.
    assert response.json() == {
        "id": str(span.pk),
        "completed": True,
        "completed_at": response.json()["completed_at"],
        "module_id": str(vectors.pk),
        "module_completed": False,
        "course_id": str(course.pk),
        "course_progress": 16.67,
    }
    response = auth_client.post(f"/api/v1/topics/{bases.pk}/complete", {"completed": True}, format="json")
    assert (response.json()["module_completed"], response.json()["course_progress"]) == (True, 50.0)
    detail = auth_client.get(f"/api/v1/courses/{course.pk}/").json()
    assert detail["progress"] == 50.0
    assert [m["completed"] for m in detail["modules"]] == [True, False]
    response = auth_client.post(f"/api/v1/topics/{span.pk}/complete", {"completed": False}, format="json")
    assert (
        response.json()["module_completed"],
        response.json()["course_progress"],
        response.json()["completed_at"],
    ) == (
        False,
        33.33,
        None,
    )


def test_reorder_endpoint(auth_client, user):
    course = _course(user)
    vectors, matrices = course.modules.order_by("order")
    span, bases = vectors.topics.order_by("order")
    (products,) = matrices.topics.all()
    payload = {
        "modules": [
            {"id": str(matrices.pk), "topics": [str(products.pk), str(span.pk)]},
            {"id": str(vectors.pk), "topics": [str(bases.pk)]},
        ]
    }
    response = auth_client.post(f"/api/v1/courses/{course.pk}/reorder", payload, format="json")
    assert response.status_code == 200, response.content
    assert [(m["title"], [t["title"] for t in m["topics"]]) for m in response.json()["modules"]] == [
        ("Matrices", ["Products", "Span"]),
        ("Vectors", ["Bases"]),
    ]


@pytest.mark.parametrize(
    "make_modules",
    [
        lambda v, m, s, b, p: [{"id": v, "topics": [s, b, p]}],
        lambda v, m, s, b, p: [{"id": v, "topics": [s, b]}, {"id": m, "topics": [p, p]}],
        lambda v, m, s, b, p: [{"id": v, "topics": [s, b]}, {"id": m, "topics": []}],
        lambda v, m, s, b, p: [{"id": v, "topics": [s, b]}, {"id": str(uuid.uuid4()), "topics": [p]}],
        lambda v, m, s, b, p: [{"id": v, "topics": [s, b]}, {"id": m, "topics": [p, str(uuid.uuid4())]}],
    ],
)
def test_reorder_refuses_non_permutation(auth_client, user, make_modules):
    course = _course(user)
    vectors, matrices = course.modules.order_by("order")
    span, bases = vectors.topics.order_by("order")
    (products,) = matrices.topics.all()
    before = _snapshot()
    ids = [str(x.pk) for x in (vectors, matrices, span, bases, products)]
    response = auth_client.post(f"/api/v1/courses/{course.pk}/reorder", {"modules": make_modules(*ids)}, format="json")
    _assert_error(response, 400, "validation_error")
    assert _snapshot() == before


def test_another_users_outline_is_404(auth_client, other_user):
    course = _course(other_user)
    module = course.modules.get(order=0)
    topic = module.topics.get(order=0)
    before = _snapshot()
    calls: list[tuple[str, str, dict | None]] = [
        ("get", f"/api/v1/courses/{course.pk}/", None),
        ("patch", f"/api/v1/courses/{course.pk}/", {"title": "mine"}),
        ("delete", f"/api/v1/courses/{course.pk}/", None),
        ("post", f"/api/v1/courses/{course.pk}/archive", None),
        ("post", f"/api/v1/courses/{course.pk}/reorder", {"modules": []}),
        ("post", f"/api/v1/courses/{course.pk}/modules/", {"title": "x"}),
        ("patch", f"/api/v1/modules/{module.pk}/", {"title": "x"}),
        ("delete", f"/api/v1/modules/{module.pk}/", None),
        ("post", f"/api/v1/modules/{module.pk}/topics/", {"title": "x"}),
        ("patch", f"/api/v1/topics/{topic.pk}/", {"title": "x"}),
        ("delete", f"/api/v1/topics/{topic.pk}/", None),
        ("post", f"/api/v1/topics/{topic.pk}/complete", {"completed": True}),
        ("get", f"/api/v1/courses/{uuid.uuid4()}/", None),
    ]
    for method, url, payload in calls:
        _assert_error(getattr(auth_client, method)(url, payload, format="json"), 404, "not_found")
    assert _snapshot() == before


def test_anonymous_is_refused(api_client):
    assert api_client.get("/api/v1/courses/").status_code == 401


def test_endpoints_are_in_the_schema(auth_client):
    paths = auth_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()["paths"]
    for path in [
        "/api/v1/courses/",
        "/api/v1/courses/{course_id}/",
        "/api/v1/courses/{course_id}/archive",
        "/api/v1/courses/{course_id}/unarchive",
        "/api/v1/courses/{course_id}/reorder",
        "/api/v1/courses/{course_id}/modules/",
        "/api/v1/modules/{module_id}/",
        "/api/v1/modules/{module_id}/topics/",
        "/api/v1/topics/{topic_id}/",
        "/api/v1/topics/{topic_id}/complete",
        "/api/v1/notes/",
        "/api/v1/notes/{note_id}/",
        "/api/v1/resources/",
        "/api/v1/resources/saved/",
        "/api/v1/resources/saved/{saved_id}/",
        "/api/v1/resources/recommendations/",
    ]:
        assert path in paths, path
    assert "Paginated" in str(paths["/api/v1/courses/"]["get"]["responses"]["200"])


def test_course_list_page_that_is_not_full_needs_no_count(auth_client, user, django_assert_max_num_queries):
    for index in range(3):
        _course(user, {**OUTLINE, "title": f"Course {index}"})
    auth_client.get("/api/v1/courses/")  # the first request reads the user; later ones use the auth cache
    with django_assert_max_num_queries(1):  # the page, read one row past its end
        response = auth_client.get("/api/v1/courses/?page_size=5")
    assert response.json()["count"] == 3
    assert len(response.json()["results"]) == 3
    with django_assert_max_num_queries(2):  # a full page with more after it counts
        response = auth_client.get("/api/v1/courses/?page_size=2")
    assert response.json()["count"] == 3
    assert response.json()["next"]
    response = auth_client.get("/api/v1/courses/?page_size=2&page=2")
    assert response.json()["count"] == 3
    assert [c["title"] for c in response.json()["results"]] == ["Course 0"]
    assert auth_client.get("/api/v1/courses/?page_size=2&page=3").status_code == 404


def test_course_list_and_detail_answer_304_to_a_matching_etag(auth_client, user):
    course = _course(user, OUTLINE)
    for path in ("/api/v1/courses/", f"/api/v1/courses/{course.pk}/"):
        first = auth_client.get(path)
        etag = first.headers["ETag"]
        again = auth_client.get(path, HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304
        assert again.content == b""
        assert again.headers["ETag"] == etag
    auth_client.patch(f"/api/v1/courses/{course.pk}/", {"title": "Renamed"}, format="json")
    changed = auth_client.get(f"/api/v1/courses/{course.pk}/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed.json()["title"] == "Renamed"


def test_write_query_counts_are_fixed(auth_client, user, django_assert_max_num_queries):
    """The benchmark's writes (bench.http): a 4 x 5 outline in one request, then completing a topic."""
    type(user).objects.filter(pk=user.pk).update(tier=Tier.PREMIUM_MONTHLY)
    outline = {"title": "Bench", "modules": [{"title": f"M{m}", "topics": [{"title": f"T{t}"} for t in range(5)]}
                                             for m in range(4)]}  # fmt: skip
    auth_client.get("/api/v1/courses/")  # authenticates once: the user is cached
    with django_assert_max_num_queries(13):  # 11 statements on the production path: the outline in two inserts
        created = auth_client.post("/api/v1/courses/", outline, format="json")
    assert created.status_code == 201
    topic_id = created.json()["modules"][0]["topics"][0]["id"]
    # 12, and 5 for the achievements it may earn (the learner, earned codes, counters, the streak, the insert)
    with django_assert_max_num_queries(17):
        completed = auth_client.post(f"/api/v1/topics/{topic_id}/complete", {"completed": True}, format="json")
    assert completed.json()["completed"] is True
    assert completed.json()["course_progress"] > 0
