"""Factories for review models."""

import datetime

import factory
from django.utils import timezone

from apps.accounts.tests.factories import UserFactory
from apps.review.models import Card, Deck, Exam, Quiz
from apps.review.text import fingerprint


class DeckFactory(factory.django.DjangoModelFactory[Deck]):
    class Meta:
        model = Deck

    user = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Deck {n}")


class CardFactory(factory.django.DjangoModelFactory[Card]):
    class Meta:
        model = Card

    deck = factory.SubFactory(DeckFactory)
    user = factory.LazyAttribute(lambda card: card.deck.user)
    front = factory.Sequence(lambda n: f"Question {n}?")
    back = "Answer"
    fingerprint = factory.LazyAttribute(lambda card: fingerprint(front=card.front))
    due = factory.LazyFunction(timezone.now)


class QuizFactory(factory.django.DjangoModelFactory[Quiz]):
    class Meta:
        model = Quiz

    user = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Quiz {n}")


class ExamFactory(factory.django.DjangoModelFactory[Exam]):
    class Meta:
        model = Exam

    user = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Exam {n}")
    date = factory.LazyFunction(lambda: timezone.now().date() + datetime.timedelta(days=10))
