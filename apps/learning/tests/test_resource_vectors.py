"""Catalog and saved resources by meaning: vectors kept by the indexer, recommendations and search use them."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from apps.learning import services
from apps.learning.embeddings.indexing import RESOURCE, resource_embeddings_index, resource_embeddings_stale
from apps.learning.models import ResourceEmbedding
from apps.learning.tasks import index_embeddings, sweep_embeddings
from apps.learning.tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def offline(settings):
    settings.OPENAI_API_KEY = ""


def catalog(**fields):
    slug = "-".join(fields["title"].lower().split())
    resource = services.catalog_resource_create(data={"url": f"https://example.com/{slug}", **fields})
    resource_embeddings_index(ids=[resource.pk])
    return resource


def test_a_catalog_resource_is_embedded_once_and_again_after_an_edit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as created:
        resource = services.catalog_resource_create(
            data={"url": "https://example.com/cells", "title": "Cells", "description": "The parts of a cell."}
        )
    assert len(created) == 2  # after commit: the catalog cache's bump, and the indexer (run here as a worker would)
    assert index_embeddings(RESOURCE, [str(resource.pk)]) == 1
    first = ResourceEmbedding.objects.get(resource=resource)
    assert first.provider.startswith("local:")

    assert index_embeddings(RESOURCE, [str(resource.pk)]) == 0  # unchanged text is skipped
    with django_capture_on_commit_callbacks() as updated:
        services.catalog_resource_update(resource=resource, data={"description": "Organelles and membranes."})
    assert len(updated) == 2  # the cache bump and the indexer
    assert index_embeddings(RESOURCE, [str(resource.pk)]) == 1
    second = ResourceEmbedding.objects.get(resource=resource)
    assert second.content_hash != first.content_hash
    assert resource_embeddings_stale() == []


def test_the_sweep_and_reindex_embed_resources_made_without_the_services():
    resource = ResourceFactory.create(title="Volcanoes", description="Magma and eruptions")

    assert sweep_embeddings()[RESOURCE] == 1
    ResourceEmbedding.objects.all().delete()
    call_command("reindex_embeddings", "--kind", "resource", verbosity=0)
    assert ResourceEmbedding.objects.filter(resource=resource).exists()


def test_recommendations_find_resources_by_meaning_with_no_word_in_common(auth_client, user):
    services.course_create(
        user=user, title="Biology", modules=[{"title": "Plants", "topics": [{"title": "Photosynthesis"}]}]
    )
    plants = catalog(title="How leaves turn sunlight into sugar", description="Chlorophyll and light reactions.")
    castles = catalog(title="Medieval castles", description="Sieges, moats and knights.")
    by_words = catalog(title="Biology for beginners", description="An introduction.")

    results = auth_client.get("/api/v1/resources/recommendations/").json()["results"]
    ranked = [result["id"] for result in results]

    assert str(plants.pk) in ranked  # shares no word with "Biology" or "Photosynthesis"
    assert str(by_words.pk) in ranked
    assert ranked.index(str(plants.pk)) < [*ranked, str(castles.pk)].index(str(castles.pk))
    reasons = {result["id"]: result["reason"] for result in results}
    assert reasons[str(by_words.pk)] == 'Matches your course "Biology"'
    assert reasons[str(plants.pk)].startswith("Close in meaning to")


def test_saved_resources_are_found_by_meaning_and_only_the_learners(auth_client, user, other_user):
    mine, _ = services.resource_save(user=user, url="https://example.com/leaves", title="How leaves make sugar")
    theirs, _ = services.resource_save(user=other_user, url="https://example.com/other", title="How roots drink")
    resource_embeddings_index(ids=[mine.resource_id, theirs.resource_id])

    hits = auth_client.get("/api/v1/search/", {"q": "photosynthesis in plants", "types": "resource"}).json()["results"]

    assert [hit["id"] for hit in hits] == [str(mine.pk)]
    assert hits[0]["similarity"] > 0.2
