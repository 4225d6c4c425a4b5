"""Factories for spaces."""

import factory

from apps.accounts.tests.factories import UserFactory
from apps.spaces.models import Membership, Role, SharedCourse, Space


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
