"""Shared materials: members read them and search and the assistant cite them; others' stay invisible."""

from __future__ import annotations

import pytest

from apps.materials.models import Material
from apps.materials.search import passages, search
from apps.materials.tests import files
from apps.materials.tests.test_search_and_answers import add_material, ask
from apps.spaces import selectors, services
from apps.spaces.models import SharedMaterial

pytestmark = pytest.mark.django_db

PLANTS = "Chloroplasts capture sunlight with chlorophyll. The Calvin cycle fixes carbon dioxide into glucose."


def _membership(world, who: str):
    return selectors.space_membership(user=world.users[who], space_id=world.space.pk)


@pytest.fixture
def plants(world) -> Material:
    """The owner's processed PDF on photosynthesis, shared into the space."""
    material = add_material(world.client("owner"), files.pdf([PLANTS]), "plants.pdf")
    services.material_share(actor=_membership(world, "owner"), material_id=material.pk)
    return material


def test_members_read_a_shared_materials_metadata_and_passages(world, plants):
    for who in ("member", "viewer"):
        client = world.client(who)
        detail = client.get(world.url(f"materials/{plants.pk}/"))
        assert detail.status_code == 200
        assert (detail.json()["material"]["title"], detail.json()["owner_id"]) == (
            "plants",
            str(world.users["owner"].pk),
        )
        chunks = client.get(world.url(f"materials/{plants.pk}/chunks/")).json()["results"]
        assert chunks[0]["page"] == 1
        assert "Calvin cycle" in chunks[0]["text"]


def test_others_materials_stay_invisible(world, plants):
    outsider = world.client("outsider")
    assert outsider.get(world.url(f"materials/{plants.pk}/")).status_code == 404
    assert outsider.get(world.url(f"materials/{plants.pk}/chunks/")).status_code == 404
    member = world.client("member")
    assert member.get(f"/api/v1/materials/{plants.pk}/").status_code == 404  # the owner's own API
    assert member.get(world.url(f"materials/{world.own_material.pk}/")).status_code == 404  # not shared
    assert member.delete(f"/api/v1/materials/{plants.pk}/").status_code == 404  # only the owner deletes the file
    assert Material.objects.filter(pk=plants.pk).exists()


def test_search_and_the_assistant_include_shared_passages_for_members_only(world, plants):
    def found(who: str) -> list:
        return [hit.material for hit in search(user=world.users[who], query="Calvin cycle", types=("material",)).hits]

    assert found("member") == [plants.pk]
    assert found("viewer") == [plants.pk]
    assert found("outsider") == []
    question = "how do plants turn sunshine into sugar?"
    assert str(plants.pk) in {passage.id for passage in passages(world.users["member"], question)}
    assert str(plants.pk) not in {passage.id for passage in passages(world.users["outsider"], question)}

    message = ask(world.client("member"), "how do plants turn sunshine into sugar?")
    assert "plants, p. 1" in message["content"]
    assert str(plants.pk) in {c["id"] for c in message["citations"]}
    outsider = ask(world.client("outsider"), "how do plants turn sunshine into sugar?")
    assert str(plants.pk) not in {c["id"] for c in outsider["citations"]}

    services.material_unshare(actor=_membership(world, "admin"), shared=SharedMaterial.objects.get(material=plants))
    assert found("member") == []
    assert world.client("member").get(world.url(f"materials/{plants.pk}/")).status_code == 404


def test_leaders_rename_and_only_the_owner_deletes_the_file(world, plants):
    response = world.client("admin").patch(
        world.url(f"materials/{plants.pk}/"), {"title": "Photosynthesis"}, format="json"
    )
    assert (response.status_code, response.json()["title"]) == (200, "Photosynthesis")
    assert (
        world.client("member").get(world.url(f"materials/{plants.pk}/")).json()["material"]["title"] == "Photosynthesis"
    )

    assert world.client("owner").delete(f"/api/v1/materials/{plants.pk}/").status_code == 204
    assert not SharedMaterial.objects.filter(material_id=plants.pk).exists()
    assert world.client("member").get(world.url(f"materials/{plants.pk}/")).status_code == 404


def test_removal_revokes_material_access_at_once(world, plants):
    admin = _membership(world, "admin")
    services.member_remove(actor=admin, target=selectors.member_get(membership=admin, user_id=world.users["member"].pk))
    assert world.client("member").get(world.url(f"materials/{plants.pk}/chunks/")).status_code == 404
    assert search(user=world.users["member"], query="Calvin cycle", types=("material",)).hits == []
