"""Idempotency-Key: a retried unsafe request replays the first answer and changes nothing twice."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django_redis import get_redis_connection
from rest_framework.test import APIClient

from apps.accounts.services import token_pair_for
from apps.assistant.models import ChatMessage
from apps.assistant.services.conversations import conversation_create
from apps.learning.models import Course
from apps.materials.models import Material
from maigie.idempotency import RUNNING_SECONDS, slot_for

pytestmark = pytest.mark.django_db

KEY = "4f1c9a2e-retry-me"


def keyed(client: APIClient, path: str, data: dict[str, object], key: str = KEY) -> Any:
    return client.post(path, data, format="json", HTTP_IDEMPOTENCY_KEY=key)


def test_a_retried_create_replays_the_first_answer_and_creates_once(auth_client, user):
    first = keyed(auth_client, "/api/v1/courses/", {"title": "Chemistry"})
    again = keyed(auth_client, "/api/v1/courses/", {"title": "Chemistry"})

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert not first.has_header("Idempotent-Replayed")
    assert again["Content-Type"] == "application/json"
    assert again.has_header("X-Request-ID")
    assert Course.objects.filter(user=user).count() == 1


def test_without_a_key_each_request_runs(auth_client, user):
    auth_client.post("/api/v1/courses/", {"title": "A"}, format="json")
    auth_client.post("/api/v1/courses/", {"title": "A"}, format="json")

    assert Course.objects.filter(user=user).count() == 2


def test_a_key_reused_for_another_request_is_refused_and_changes_nothing(auth_client, user):
    keyed(auth_client, "/api/v1/courses/", {"title": "Chemistry"})

    reused = keyed(auth_client, "/api/v1/courses/", {"title": "Physics"})

    assert reused.status_code == 422
    assert reused.json()["error"]["code"] == "idempotency_key_reused"
    assert list(Course.objects.filter(user=user).values_list("title", flat=True)) == ["Chemistry"]


def test_keys_belong_to_their_user(auth_client, user, other_user):
    other = APIClient()
    other.credentials(HTTP_AUTHORIZATION=f"Bearer {token_pair_for(user=other_user)['access']}")

    keyed(auth_client, "/api/v1/courses/", {"title": "Mine"})
    theirs = keyed(other, "/api/v1/courses/", {"title": "Theirs"})

    assert theirs.status_code == 201
    assert not theirs.has_header("Idempotent-Replayed")
    assert Course.objects.get(user=other_user).title == "Theirs"


def test_a_refusal_is_replayed_too(auth_client, user):
    first = keyed(auth_client, "/api/v1/courses/", {"title": ""})
    again = keyed(auth_client, "/api/v1/courses/", {"title": ""})

    assert first.status_code == again.status_code == 400
    assert again.json()["error"]["details"] == first.json()["error"]["details"]
    assert not Course.objects.filter(user=user).exists()


def test_the_same_request_while_the_first_still_runs_answers_409(auth_client, user):
    keyed(auth_client, "/api/v1/courses/", {"title": "Chemistry"})
    redis = get_redis_connection("default")
    slot = slot_for(caller=f"user:{user.pk}", key=KEY)
    running = {"fingerprint": json.loads(redis.get(slot))["fingerprint"]}  # as kept while the first runs
    redis.set(slot, json.dumps(running), ex=RUNNING_SECONDS)

    busy = keyed(auth_client, "/api/v1/courses/", {"title": "Chemistry"})

    assert busy.status_code == 409
    assert busy.json()["error"]["code"] == "idempotency_in_progress"
    assert busy["Retry-After"] == "1"
    assert Course.objects.filter(user=user).count() == 1


@pytest.mark.urls("maigie.tests.urls")
def test_a_server_error_frees_the_key_for_a_retry(user):
    client = APIClient(raise_request_exception=False)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_pair_for(user=user)['access']}")
    failed = client.post("/api/v1/test/broken", {}, format="json", HTTP_IDEMPOTENCY_KEY=KEY)

    assert failed.status_code == 500
    assert not get_redis_connection("default").keys("maigie:idempotency:*")
    again = client.post("/api/v1/test/broken", {}, format="json", HTTP_IDEMPOTENCY_KEY=KEY)
    assert again.status_code == 500
    assert not again.has_header("Idempotent-Replayed")


def test_a_malformed_key_is_a_validation_error(auth_client, user):
    response = keyed(auth_client, "/api/v1/courses/", {"title": "Chemistry"}, key="x" * 256)

    assert response.status_code == 400
    assert response.json()["error"]["details"] == {"Idempotency-Key": ["Must be 1 to 255 visible ASCII characters."]}
    assert not Course.objects.filter(user=user).exists()


def test_invalid_credentials_are_refused_and_nothing_is_kept(api_client, user):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")

    response = keyed(api_client, "/api/v1/courses/", {"title": "Chemistry"})

    assert response.status_code == 401
    assert not get_redis_connection("default").keys("maigie:idempotency:*")


def test_a_throttled_answer_is_not_kept(auth_client, user, settings):
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "user": "1/min"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    assert auth_client.post("/api/v1/courses/", {"title": "Uses the minute"}, format="json").status_code == 201

    throttled = keyed(auth_client, "/api/v1/courses/", {"title": "Chemistry"})

    assert throttled.status_code == 429
    assert not get_redis_connection("default").keys("maigie:idempotency:*")


def test_authentication_answers_are_never_stored(api_client, user):
    user.set_password("a long passphrase 42")
    user.save()
    body = {"email": user.email, "password": "a long passphrase 42"}

    first = api_client.post("/api/v1/auth/login", body, format="json", HTTP_IDEMPOTENCY_KEY=KEY)
    again = api_client.post("/api/v1/auth/login", body, format="json", HTTP_IDEMPOTENCY_KEY=KEY)

    assert first.status_code == again.status_code == 200
    assert not again.has_header("Idempotent-Replayed")
    assert again.json()["refresh"] != first.json()["refresh"]
    assert not get_redis_connection("default").keys("maigie:idempotency:*")


@pytest.mark.django_db(transaction=True)
def test_a_streamed_answer_is_not_replayed_and_the_message_is_not_sent_twice(auth_client, user):
    conversation = conversation_create(user=user, title="Plan")
    path = f"/api/v1/chat/conversations/{conversation.pk}/messages/"
    stream = {"format": "json", "HTTP_ACCEPT": "text/event-stream", "HTTP_IDEMPOTENCY_KEY": KEY}

    first = auth_client.post(path, {"content": "hello"}, **stream)
    b"".join(first.streaming_content)
    again = auth_client.post(path, {"content": "hello"}, **stream)

    assert first.status_code == 201
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "idempotency_replay_unavailable"
    assert ChatMessage.objects.filter(conversation=conversation, role="user").count() == 1


def _upload(client: APIClient, text: str, key: str = KEY) -> Any:
    handle = io.BytesIO(text.encode())
    handle.name = "lecture-notes.txt"
    return client.post("/api/v1/materials/", {"file": handle, "title": "Notes"}, format="multipart",
                       HTTP_IDEMPOTENCY_KEY=key)  # fmt: skip


def test_a_keyed_upload_larger_than_the_in_memory_limit_runs_once_and_replays(auth_client, user, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    big = "Photosynthesis turns light into chemical energy.\n" * 70_000  # 3.5 MB, over DATA_UPLOAD_MAX_MEMORY_SIZE
    assert len(big) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE

    first = _upload(auth_client, big)
    again = _upload(auth_client, big)
    other = _upload(auth_client, big + "Chlorophyll is green.\n")

    assert first.status_code == again.status_code == 202, first.json()
    assert again.json()["id"] == first.json()["id"]
    assert again["Idempotent-Replayed"] == "true"
    assert other.status_code == 422
    assert other.json()["error"]["code"] == "idempotency_key_reused"
    material = Material.objects.get(user=user)
    assert material.size == len(big)
    with material.file.open("rb") as stored:
        assert stored.read() == big.encode()  # the view read the whole file after the fingerprint did
