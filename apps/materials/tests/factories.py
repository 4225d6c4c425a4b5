"""Factories for materials: a READY text material with one passage."""

import factory
from django.core.files.base import ContentFile

from apps.accounts.tests.factories import UserFactory
from apps.materials.models import Material, MaterialChunk, MaterialKind, MaterialStatus

TEXT = b"Enzymes speed up reactions."


class MaterialFactory(factory.django.DjangoModelFactory[Material]):
    class Meta:
        model = Material
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Material {n}")
    kind = MaterialKind.TEXT
    file = factory.LazyFunction(lambda: ContentFile(TEXT, name="material.text"))
    size = len(TEXT)
    status = MaterialStatus.READY
    chunk_count = 1
    chunk = factory.RelatedFactory(
        "apps.materials.tests.factories.MaterialChunkFactory", factory_related_name="material"
    )


class MaterialChunkFactory(factory.django.DjangoModelFactory[MaterialChunk]):
    class Meta:
        model = MaterialChunk

    material = factory.SubFactory(MaterialFactory, chunk=None)
    user = factory.SelfAttribute("material.user")
    index = 0
    text = TEXT.decode()
