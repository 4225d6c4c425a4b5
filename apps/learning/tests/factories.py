"""Factories for learning models."""

import factory

from apps.accounts.tests.factories import UserFactory
from apps.learning.models import Course, Module, Note, Resource, Topic, UserResource


class CourseFactory(factory.django.DjangoModelFactory[Course]):
    class Meta:
        model = Course

    user = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Course {n}")


class ModuleFactory(factory.django.DjangoModelFactory[Module]):
    class Meta:
        model = Module

    course = factory.SubFactory(CourseFactory)
    title = factory.Sequence(lambda n: f"Module {n}")
    order = factory.LazyAttribute(lambda obj: obj.course.modules.count())


class TopicFactory(factory.django.DjangoModelFactory[Topic]):
    class Meta:
        model = Topic

    module = factory.SubFactory(ModuleFactory)
    title = factory.Sequence(lambda n: f"Topic {n}")
    order = factory.LazyAttribute(lambda obj: obj.module.topics.count())


class NoteFactory(factory.django.DjangoModelFactory[Note]):
    class Meta:
        model = Note

    user = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Note {n}")
    content = "Some *markdown*."


class ResourceFactory(factory.django.DjangoModelFactory[Resource]):
    class Meta:
        model = Resource

    title = factory.Sequence(lambda n: f"Resource {n}")
    url = factory.Sequence(lambda n: f"https://example.com/resource/{n}")
    curated = True


class UserResourceFactory(factory.django.DjangoModelFactory[UserResource]):
    class Meta:
        model = UserResource

    user = factory.SubFactory(UserFactory)
    resource = factory.SubFactory(ResourceFactory)
