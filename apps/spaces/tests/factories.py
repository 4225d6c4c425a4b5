"""Factories for spaces."""

import factory

from apps.accounts.tests.factories import UserFactory
from apps.spaces.models import Membership, Role, SharedCourse, SharedDeck, SharedMaterial, Space


class SpaceFactory(factory.django.DjangoModelFactory[Space]):
    class Meta:
        model = Space

    name = factory.Sequence(lambda n: f"Space {n}")


class MembershipFactory(factory.django.DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    space = factory.SubFactory(SpaceFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.MEMBER


class SharedCourseFactory(factory.django.DjangoModelFactory[SharedCourse]):
    class Meta:
        model = SharedCourse

    space = factory.SubFactory(SpaceFactory)
    course = factory.SubFactory("apps.learning.tests.factories.CourseFactory")
    shared_by = factory.LazyAttribute(lambda obj: obj.course.user)


class SharedDeckFactory(factory.django.DjangoModelFactory[SharedDeck]):
    class Meta:
        model = SharedDeck

    space = factory.SubFactory(SpaceFactory)
    deck = factory.SubFactory("apps.review.tests.factories.DeckFactory")
    shared_by = factory.LazyAttribute(lambda obj: obj.deck.user)


class SharedMaterialFactory(factory.django.DjangoModelFactory[SharedMaterial]):
    class Meta:
        model = SharedMaterial

    space = factory.SubFactory(SpaceFactory)
    material = factory.SubFactory("apps.materials.tests.factories.MaterialFactory")
    shared_by = factory.LazyAttribute(lambda obj: obj.material.user)
