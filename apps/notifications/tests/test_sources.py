"""Spaces messages go through notify() with the spaces kind and its preferences."""

from __future__ import annotations

import pytest

from apps.accounts.models import Notification
from apps.accounts.tests.factories import UserFactory
from apps.learning.tests.factories import CourseFactory
from apps.notifications.models import Channel, Delivery, NotificationSettings
from apps.spaces import services
from apps.spaces.models import Role
from apps.spaces.tests.factories import MembershipFactory, SharedCourseFactory, SpaceFactory


@pytest.mark.django_db
def test_joining_tells_the_leaders_a_role_change_tells_the_member():
    space = SpaceFactory.create(name="Physics 101")
    owner = MembershipFactory.create(space=space, role=Role.OWNER)
    MembershipFactory.create(space=space, role=Role.MEMBER)  # a plain member is not told of joins
    _, token = services.join_link_create(actor=owner, role=Role.MEMBER)
    newcomer = UserFactory.create(name="Grace")

    joined = services.join_link_accept(user=newcomer, token=token)
    services.member_role_change(actor=owner, target=joined, role=Role.VIEWER)

    told = Notification.objects.get(kind="spaces.member_joined")
    assert (told.user_id, told.title) == (owner.user_id, "Grace joined Physics 101")
    assert told.data["url"] == f"/spaces/{space.pk}"
    changed = Notification.objects.get(kind="spaces.role_changed")
    assert (changed.user_id, changed.title) == (newcomer.pk, "You are now viewer of Physics 101")
    assert Notification.objects.count() == 2
    push = Delivery.objects.filter(kind="SPACES", channel=Channel.PUSH)
    assert not push.exists()  # no devices registered: nothing to push to


@pytest.mark.django_db
def test_outline_changes_tell_each_member_once_a_day_by_their_preferences():
    space = SpaceFactory.create(name="Physics 101")
    admin = MembershipFactory.create(space=space, role=Role.ADMIN)
    member = MembershipFactory.create(space=space, role=Role.MEMBER)
    silent = MembershipFactory.create(space=space, role=Role.MEMBER)
    NotificationSettings.objects.create(user=silent.user, channels={"spaces": {"in_app": False}})
    course = CourseFactory.create(user=admin.user, title="Mechanics")
    SharedCourseFactory.create(space=space, course=course)

    services.shared_module_create(actor=admin, course=course, title="Kinematics")
    services.shared_module_create(actor=admin, course=course, title="Dynamics")

    [notification] = Notification.objects.all()
    assert (notification.user_id, notification.kind) == (member.user_id, "spaces.outline_changed")
    assert notification.title == "Mechanics changed in Physics 101"
