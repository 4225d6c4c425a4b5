"""Usage and quotas: counters after replies, refusals with reset times, tier changes, endpoints, admin."""

import datetime
import json
from decimal import Decimal

import pytest
from channels.testing import WebsocketCommunicator
from django.test import Client
from django.utils import timezone

from apps.accounts.models import Tier
from apps.accounts.services import token_pair_for
from apps.accounts.services.users import user_set_tier
from apps.accounts.tests.factories import UserFactory
from apps.assistant import quotas
from apps.assistant.models import ChatMessage, Role, UsageDay
from apps.assistant.services.conversations import conversation_create
from apps.assistant.tests.openai_server import FakeOpenAI, Reply
from maigie.asgi import application
from maigie.errors import QuotaExceeded


@pytest.fixture
def server(settings):
    with FakeOpenAI() as fake:
        settings.OPENAI_API_KEY = "sk-test"
        settings.OPENAI_BASE_URL = fake.base_url
        settings.OPENAI_MODEL = "gpt-test"
        settings.OPENAI_MAX_RETRIES = 0
        settings.ASSISTANT_MODEL_PRICES = {"gpt-test": ("1.00", "2.00")}
        yield fake


@pytest.fixture
def conversation(user):
    return conversation_create(user=user)


def messages_url(conversation) -> str:
    return f"/api/v1/chat/conversations/{conversation.pk}/messages/"


ONE_DAY = datetime.timedelta(days=1)


def today() -> datetime.date:
    return timezone.now().date()


def next_midnight() -> str:
    return f"{today() + ONE_DAY}T00:00:00Z"


def next_month() -> str:
    first = today().replace(day=1)
    following = (
        first.replace(year=first.year + 1, month=1) if first.month == 12 else first.replace(month=first.month + 1)
    )
    return f"{following}T00:00:00Z"


def used_up(user, messages: int = 50) -> UsageDay:
    return UsageDay.objects.create(user=user, day=today(), messages=messages)


@pytest.mark.django_db
def test_online_replies_add_messages_tokens_and_cost_to_the_day(auth_client, server, user, conversation):
    server.script.extend(
        [
            Reply(text_chunks=["One"], prompt_tokens=40, completion_tokens=3),
            Reply(text_chunks=["Two"], prompt_tokens=10, completion_tokens=5),
        ]
    )

    for content in ("first", "second"):
        assert auth_client.post(messages_url(conversation), {"content": content}, format="json").status_code == 201

    day = UsageDay.objects.get(user=user)
    assert (day.day, day.messages, day.prompt_tokens, day.completion_tokens, day.generations) == (today(), 2, 50, 8, 0)
    assert day.cost == Decimal("0.000066")  # (50 x $1 + 8 x $2) per million tokens
    replies = ChatMessage.objects.filter(user=user, role=Role.ASSISTANT)
    assert sorted(replies.values_list("prompt_tokens", "completion_tokens")) == [(10, 5), (40, 3)]


@pytest.mark.django_db
def test_offline_replies_are_counted_locally_at_no_cost(auth_client, user, conversation):
    response = auth_client.post(
        messages_url(conversation), {"content": "what is on my schedule this week?"}, format="json"
    )
    assert response.status_code == 201

    reply = ChatMessage.objects.get(user=user, role=Role.ASSISTANT)
    day = UsageDay.objects.get(user=user)
    assert reply.provider == "offline"
    assert min(reply.prompt_tokens, reply.completion_tokens) > 0
    assert (day.messages, day.prompt_tokens, day.completion_tokens) == (1, reply.prompt_tokens, reply.completion_tokens)
    assert day.cost == 0


@pytest.mark.django_db
def test_the_last_message_of_the_day_is_answered_and_the_next_refused_with_nothing_saved(
    auth_client, user, conversation
):
    used_up(user, messages=49)
    assert auth_client.post(messages_url(conversation), {"content": "hello"}, format="json").status_code == 201
    saved = ChatMessage.objects.count()

    response = auth_client.post(messages_url(conversation), {"content": "one more"}, format="json")

    assert response.status_code == 402
    error = response.json()["error"]
    assert error["code"] == "quota_exceeded"
    assert error["details"] == {"limit": 50, "used": 50, "resets_at": next_midnight()}
    assert ChatMessage.objects.count() == saved
    assert not ChatMessage.objects.filter(content="one more").exists()
    assert UsageDay.objects.get(user=user).messages == 50


@pytest.mark.django_db
def test_yesterdays_messages_do_not_count_today(auth_client, user, conversation):
    UsageDay.objects.create(user=user, day=today() - ONE_DAY, messages=50)
    assert auth_client.post(messages_url(conversation), {"content": "hello"}, format="json").status_code == 201


@pytest.mark.django_db
def test_the_limit_changes_the_moment_the_tier_changes(auth_client, user, conversation):
    used_up(user)
    assert auth_client.post(messages_url(conversation), {"content": "refused"}, format="json").status_code == 402

    user_set_tier(user=user, tier=Tier.PREMIUM_MONTHLY, reason="test")
    assert auth_client.post(messages_url(conversation), {"content": "accepted"}, format="json").status_code == 201

    user_set_tier(user=user, tier=Tier.FREE, reason="test")
    response = auth_client.post(messages_url(conversation), {"content": "refused again"}, format="json")
    assert response.status_code == 402
    assert response.json()["error"]["details"]["used"] == 51
    assert list(ChatMessage.objects.filter(role=Role.USER).values_list("content", flat=True)) == ["accepted"]


@pytest.mark.django_db(transaction=True)
def test_server_sent_events_are_refused_before_the_stream_starts(auth_client, user, conversation):
    used_up(user)

    response = auth_client.post(
        messages_url(conversation), {"content": "hi"}, format="json", HTTP_ACCEPT="text/event-stream"
    )

    assert response.status_code == 402
    event, data = response.content.decode().strip().split("\n")
    assert event == "event: error"
    assert json.loads(data[len("data: ") :])["error"]["details"]["limit"] == 50
    assert not ChatMessage.objects.exists()


@pytest.fixture
def exhausted_learner():
    learner = UserFactory.create()
    used_up(learner)
    return learner


@pytest.fixture
def access(exhausted_learner):
    return token_pair_for(user=exhausted_learner)["access"]


@pytest.mark.django_db(transaction=True)
async def test_the_chat_socket_answers_an_error_frame_and_saves_nothing(exhausted_learner, access):
    communicator = WebsocketCommunicator(application, f"/ws/chat?token={access}")
    communicator = WebsocketCommunicator(application, f"/ws/chat?token={access}")
    assert (await communicator.connect())[0]
    assert (await communicator.receive_json_from())["type"] == "hello"

    await communicator.send_json_to({"type": "message", "content": "hello", "client_id": "c1"})
    frame = await communicator.receive_json_from(timeout=10)

    assert frame["type"] == "error"
    assert (frame["code"], frame["client_id"]) == ("quota_exceeded", "c1")
    assert frame["details"] == {"limit": 50, "used": 50, "resets_at": next_midnight()}
    assert not await ChatMessage.objects.filter(user=exhausted_learner).aexists()
    await communicator.disconnect()


@pytest.mark.django_db
def test_generations_are_limited_per_month(user):
    UsageDay.objects.create(user=user, day=today().replace(day=1) - ONE_DAY, generations=2)
    for _ in range(2):
        quotas.generation_quota_check(user)
        quotas.generation_record(user, counted_at=timezone.now())

    with pytest.raises(QuotaExceeded) as refused:
        quotas.generation_quota_check(user)

    assert refused.value.details == {"limit": 2, "used": 2, "resets_at": next_month()}
    user_set_tier(user=user, tier=Tier.PREMIUM_YEARLY, reason="test")
    quotas.generation_quota_check(user)


@pytest.mark.django_db
def test_usage_endpoint_shows_today_and_this_month_with_quotas(auth_client, user, other_user):
    UsageDay.objects.create(user=user, day=today(), messages=3, prompt_tokens=100, completion_tokens=20)
    UsageDay.objects.create(user=user, day=today().replace(day=1) - ONE_DAY, messages=9)
    UsageDay.objects.create(user=other_user, day=today(), messages=40, generations=2)
    quotas.generation_record(user, counted_at=timezone.now())

    body = auth_client.get("/api/v1/users/me/usage").json()

    assert body["plan"] == Tier.FREE
    assert body["today"] == {
        "date": str(today()),
        "messages": 3,
        "prompt_tokens": 100,
        "completion_tokens": 20,
        "generations": 1,
        "resets_at": next_midnight(),
    }
    assert body["month"] == {
        "start": str(today().replace(day=1)),
        "messages": 3,
        "prompt_tokens": 100,
        "completion_tokens": 20,
        "generations": 1,
        "resets_at": next_month(),
    }
    assert body["quotas"] == {
        "assistant_messages_per_day": {"limit": 50, "used": 3, "resets_at": next_midnight()},
        "ai_course_generations_per_month": {"limit": 2, "used": 1, "resets_at": next_month()},
    }


@pytest.mark.django_db
def test_usage_endpoint_needs_authentication(api_client):
    assert api_client.get("/api/v1/users/me/usage").status_code == 401


@pytest.mark.django_db
def test_the_subscription_shows_limits_beside_usage(auth_client, user):
    UsageDay.objects.create(user=user, day=today(), messages=12, generations=1)

    body = auth_client.get("/api/v1/subscription/").json()

    assert body["limits"]["assistant_messages_per_day"] == 50
    assert body["usage"] == {
        "assistant_messages_per_day": 12,
        "ai_course_generations_per_month": 1,
        "active_courses": 0,
        "active_goals": 0,
        "notes": 0,
        "resources": 0,
        "cards": 0,
        "spaces_owned": 0,
        "voice_minutes_per_month": 0,
        "memory_facts": 0,
    }


@pytest.mark.django_db
def test_admin_lists_usage_per_user_and_day_with_totals():
    staff = Client()
    staff.force_login(UserFactory.create(is_staff=True, is_superuser=True))
    ada, bob = UserFactory.create(email="ada@example.com"), UserFactory.create(email="bob@example.com")
    yesterday = today() - ONE_DAY
    UsageDay.objects.create(user=ada, day=today(), messages=5, prompt_tokens=100, cost=Decimal("0.25"))
    UsageDay.objects.create(user=ada, day=yesterday, messages=1, cost=Decimal("0.05"))
    UsageDay.objects.create(user=bob, day=today(), messages=2, prompt_tokens=10, cost=Decimal("0.50"))

    everyone = staff.get("/admin/assistant/usageday/")
    ada_only = staff.get("/admin/assistant/usageday/", {"q": "ada@"})
    on_the_day = staff.get("/admin/assistant/usageday/", {"day__gte": str(today()), "day__lt": str(today() + ONE_DAY)})

    assert everyone.status_code == 200
    assert b"Totals (the rows listed)" in everyone.content
    totals = everyone.context["usage_totals"]
    assert (totals["messages"], totals["prompt_tokens"], totals["cost"], totals["learners"]) == (
        8,
        110,
        Decimal("0.80"),
        2,
    )
    assert (ada_only.context["usage_totals"]["messages"], ada_only.context["usage_totals"]["learners"]) == (6, 1)
    assert (on_the_day.context["usage_totals"]["messages"], on_the_day.context["usage_totals"]["cost"]) == (
        7,
        Decimal("0.75"),
    )
