"""Factories for notifications models."""

import factory

from apps.accounts.tests.factories import UserFactory
from apps.notifications.models import Device, DeviceKind


class FcmDeviceFactory(factory.django.DjangoModelFactory[Device]):
    class Meta:
        model = Device

    user = factory.SubFactory(UserFactory)
    kind = DeviceKind.FCM
    token = factory.Sequence(lambda n: f"fcm-token-{n}")
