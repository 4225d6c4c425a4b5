"""Course services: outline creation, reorder, progress propagation, validation leaves the DB unchanged."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command

from apps.accounts.models import User
from apps.learning import selectors, services
from apps.learning.models import Course, Module, Resource, Topic

pytestmark = pytest.mark.django_db

OUTLINE = [
    {"title": "Vectors", "topics": [{"title": "Span", "estimated_hours": 1}, {"title": "Bases", "estimated_hours": 3}]},
    {"title": "Matrices", "topics": [{"title": "Products", "estimated_hours": 4}]},
]


def _outline(course):
    return [
        (module.title, [topic.title for topic in module.topics.order_by("order")])
        for module in course.modules.order_by("order")
    ]


@pytest.mark.parametrize(
    ("topics", "expected"),
    [
        ([], 0.0),
        ([(True, None), (False, None)], 50.0),
        ([(True, 1.0), (False, 3.0)], 25.0),
        ([(False, 1.0), (True, 3.0)], 75.0),
        ([(True, None), (False, 1.0), (False, 3.0)], 33.33),  # missing estimate weighs the mean (2h)
        ([(True, 0.0), (False, 0.0)], 50.0),
        ([(True, 2.0), (True, None)], 100.0),
    ],
)
def test_progress_percent(topics, expected):
    assert services.progress_percent(topics) == expected


def test_course_create_with_outline(user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        course = services.course_create(user=user, title="  Linear algebra ", modules=OUTLINE)
    assert course.title == "Linear algebra"
    assert _outline(course) == [("Vectors", ["Span", "Bases"]), ("Matrices", ["Products"])]
    assert [m.order for m in course.modules.order_by("order")] == [0, 1]
    assert course.progress == 0
    assert len(callbacks) == 2  # the course.created event; one indexer job for all the outline's topics


@pytest.mark.parametrize(
    ("kwargs", "error_key"),
    [
        ({"title": "   "}, "title"),
        ({"title": "ok", "modules": [{"title": ""}]}, "modules[0].title"),
        (
            {"title": "ok", "modules": [{"title": "m", "topics": [{"title": "t", "estimated_hours": -1}]}]},
            "modules[0].topics[0].estimated_hours",
        ),
        ({"title": "ok", "difficulty": "impossible"}, "difficulty"),
    ],
)
def test_course_create_refuses_bad_input_atomically(user, kwargs, error_key):
    with pytest.raises(ValidationError) as exc:
        services.course_create(user=user, **kwargs)
    assert error_key in exc.value.message_dict
    assert Course.objects.count() == Module.objects.count() == Topic.objects.count() == 0


def test_progress_propagates_through_complete_add_and_delete(user):
    course = services.course_create(user=user, title="LA", modules=OUTLINE)
    vectors, matrices = course.modules.order_by("order")
    span, bases = vectors.topics.order_by("order")

    services.topic_complete(topic=span, completed=True)
    course.refresh_from_db()
    vectors.refresh_from_db()
    assert course.progress == 12.5  # 1h of 8h
    assert vectors.completed is False
    span.refresh_from_db()
    assert span.completed_at is not None

    services.topic_complete(topic=Topic.objects.get(pk=bases.pk), completed=True)
    course.refresh_from_db()
    vectors.refresh_from_db()
    assert course.progress == 50.0
    assert vectors.completed is True

    services.topic_create(module=vectors, title="Dimension", estimated_hours=4)
    course.refresh_from_db()
    vectors.refresh_from_db()
    assert course.progress == pytest.approx(33.33)
    assert vectors.completed is False

    services.module_delete(module=matrices)
    course.refresh_from_db()
    assert course.progress == 50.0

    services.topic_update(topic=Topic.objects.get(title="Dimension"), data={"estimated_hours": 12})
    course.refresh_from_db()
    assert course.progress == 25.0

    services.topic_delete(topic=Topic.objects.get(title="Dimension"))
    course.refresh_from_db()
    vectors.refresh_from_db()
    assert course.progress == 100.0
    assert vectors.completed is True

    services.topic_complete(topic=Topic.objects.get(pk=span.pk), completed=False)
    course.refresh_from_db()
    vectors.refresh_from_db()
    assert course.progress == 75.0
    assert vectors.completed is False


def test_insert_and_delete_keep_orders_contiguous(user):
    course = services.course_create(user=user, title="LA", modules=OUTLINE)
    services.module_create(course=course, title="Intro", order=0)
    assert _outline(course)[0] == ("Intro", [])
    assert list(course.modules.order_by("order").values_list("order", flat=True)) == [0, 1, 2]
    vectors = Module.objects.get(title="Vectors")
    services.topic_create(module=vectors, title="Zero", order=0)
    assert [t.title for t in vectors.topics.order_by("order")] == ["Zero", "Span", "Bases"]
    services.topic_delete(topic=Topic.objects.get(title="Span"))
    assert list(vectors.topics.order_by("order").values_list("title", "order")) == [("Zero", 0), ("Bases", 1)]
    services.module_delete(module=Module.objects.get(title="Intro"))
    assert list(course.modules.order_by("order").values_list("title", "order")) == [("Vectors", 0), ("Matrices", 1)]


def test_reorder_moves_modules_and_topics(user):
    course = services.course_create(user=user, title="LA", modules=OUTLINE)
    vectors, matrices = course.modules.order_by("order")
    span, bases = vectors.topics.order_by("order")
    (products,) = matrices.topics.all()
    services.topic_complete(topic=products, completed=True)
    services.course_reorder(
        course=course,
        modules=[{"id": matrices.pk, "topics": [products.pk, bases.pk]}, {"id": vectors.pk, "topics": [span.pk]}],
    )
    assert _outline(course) == [("Matrices", ["Products", "Bases"]), ("Vectors", ["Span"])]
    matrices.refresh_from_db()
    assert matrices.completed is False  # it gained an unfinished topic


@pytest.mark.parametrize(
    "make_payload",
    [
        lambda v, m, s, b, p: [{"id": v, "topics": [s, b, p]}],  # a module missing
        lambda v, m, s, b, p: [{"id": v, "topics": [s, b]}, {"id": v, "topics": [p]}],  # duplicate module
        lambda v, m, s, b, p: [{"id": v, "topics": [s]}, {"id": m, "topics": [p]}],  # a topic missing
        lambda v, m, s, b, p: [{"id": v, "topics": [s, b, b]}, {"id": m, "topics": [p]}],  # duplicate topic
    ],
)
def test_reorder_refuses_non_permutations(user, make_payload):
    course = services.course_create(user=user, title="LA", modules=OUTLINE)
    vectors, matrices = course.modules.order_by("order")
    span, bases = vectors.topics.order_by("order")
    (products,) = matrices.topics.all()
    before = _outline(course)
    with pytest.raises(ValidationError):
        services.course_reorder(
            course=course, modules=make_payload(vectors.pk, matrices.pk, span.pk, bases.pk, products.pk)
        )
    assert _outline(course) == before


def test_archive_and_update(user):
    course = services.course_create(user=user, title="LA")
    services.course_set_archived(course=course, archived=True)
    course.refresh_from_db()
    assert course.archived is True
    assert course.archived_at is not None
    services.course_set_archived(course=course, archived=False)
    course.refresh_from_db()
    assert (course.archived, course.archived_at) == (False, None)
    with pytest.raises(ValidationError):
        services.course_update(course=course, data={"progress": 90})
    services.course_update(course=course, data={"title": "Linear algebra", "difficulty": "ADVANCED"})
    course.refresh_from_db()
    assert (course.title, course.difficulty, course.progress) == ("Linear algebra", "ADVANCED", 0)


def test_demo_course_ensure_is_idempotent(user):
    first, created = services.demo_course_ensure(user=user)
    second, created_again = services.demo_course_ensure(user=user)
    assert (created, created_again) == (True, False)
    assert first.pk == second.pk
    assert Course.objects.filter(user=user).count() == 1
    assert first.modules.count() == 3
    assert Topic.objects.filter(module__course=first).count() == 8
    assert Resource.objects.filter(curated=True).count() == len(services.DEMO_RESOURCES)
    assert selectors.resource_recommendations(user=user).count() == len(services.DEMO_RESOURCES)


def test_catalog_resource_ensure_curates_a_saved_url(user):
    saved, _ = services.resource_save(user=user, url="https://Example.com/guide/")
    resource, created = services.catalog_resource_ensure(url="https://example.com/guide", title="Guide")
    assert (created, resource.pk, resource.curated) == (False, saved.resource_id, True)


def test_seed_demo_creates_the_demo_course_once():
    call_command("seed_demo")
    call_command("seed_demo")
    learner = User.objects.get(email=settings.DEMO_LEARNER[0])
    course = Course.objects.get(user=learner)
    assert course.title == services.DEMO_COURSE_TITLE
    assert course.modules.count() == 3


def test_module_create_names_the_bad_topic_and_changes_nothing(user):
    course = services.course_create(user=user, title="LA", modules=OUTLINE)
    before = _outline(course)
    with pytest.raises(ValidationError) as exc:
        services.module_create(
            course=course, title="New", topics=[{"title": "ok"}, {"title": "", "estimated_hours": -1}]
        )
    assert set(exc.value.message_dict) == {"topics[1].title", "topics[1].estimated_hours"}
    assert _outline(course) == before


def test_reorder_accepts_string_ids_and_refuses_malformed_ones(user):
    course = services.course_create(user=user, title="LA", modules=OUTLINE)
    vectors, matrices = course.modules.order_by("order")
    topics = [str(t.pk) for t in Topic.objects.filter(module__course=course).order_by("module__order", "order")]
    services.course_reorder(
        course=course,
        modules=[{"id": str(matrices.pk), "topics": topics[2:]}, {"id": str(vectors.pk), "topics": topics[:2]}],
    )
    assert [m for m, _ in _outline(course)] == ["Matrices", "Vectors"]
    with pytest.raises(ValidationError) as exc:
        services.course_reorder(course=course, modules=[{"id": "nope", "topics": []}])
    assert "modules" in exc.value.message_dict


@pytest.mark.django_db(transaction=True)
def test_a_topic_added_to_a_module_deleted_meanwhile_is_refused_not_a_database_error(user):
    """The module is read, then deleted by another request before ``topic_create`` takes the course's lock."""
    course = services.course_create(user=user, title="Algebra", modules=OUTLINE)
    read = Module.objects.select_related("course").get(course=course, order=0)
    services.module_delete(module=Module.objects.get(pk=read.pk))

    with pytest.raises(ValidationError) as caught:
        services.topic_create(module=read, title="Late")

    assert "module" in caught.value.message_dict
    assert not Topic.objects.filter(title="Late").exists()
