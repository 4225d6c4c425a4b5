"""Password hashing: OWASP's Argon2id parameters, old hashes upgraded, bounded concurrency."""

import threading

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, identify_hasher

from apps.accounts.hashers import BoundedArgon2PasswordHasher, hashing_slot
from apps.accounts.models import User
from apps.accounts.tests.factories import DEFAULT_PASSWORD

OURS = ["apps.accounts.hashers.BoundedArgon2PasswordHasher"]


def test_hashes_are_argon2id_with_19_mib_2_passes_1_lane(settings):
    settings.PASSWORD_HASHERS = OURS
    encoded = BoundedArgon2PasswordHasher().encode("a long passphrase", "saltsaltsaltsalt")

    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert BoundedArgon2PasswordHasher().verify("a long passphrase", encoded)
    assert not BoundedArgon2PasswordHasher().verify("another passphrase", encoded)


@pytest.mark.django_db
def test_a_hash_with_older_parameters_is_upgraded_at_login(settings, api_client, user):
    settings.PASSWORD_HASHERS = OURS
    User.objects.filter(pk=user.pk).update(password=Argon2PasswordHasher().encode(DEFAULT_PASSWORD, "s" * 22))

    response = api_client.post("/api/v1/auth/login", {"email": user.email, "password": DEFAULT_PASSWORD})

    assert response.status_code == 200
    stored = User.objects.get(pk=user.pk).password
    assert "$m=19456,t=2,p=1$" in stored
    assert isinstance(identify_hasher(stored), BoundedArgon2PasswordHasher)


class _Counting(Argon2PasswordHasher):
    """Below our hasher in the MRO: sees how many real Argon2 computations run at once."""

    lock = threading.Lock()
    running = 0
    peak = 0

    def encode(self, password, salt):
        with _Counting.lock:
            _Counting.running += 1
            _Counting.peak = max(_Counting.peak, _Counting.running)
        try:
            return super().encode(password, salt)
        finally:
            with _Counting.lock:
                _Counting.running -= 1


class _Probe(BoundedArgon2PasswordHasher, _Counting):
    pass


def test_no_more_hashes_than_the_limit_run_at_once(settings):
    settings.PASSWORD_HASHING_CONCURRENCY = 2
    settings.PASSWORD_HASHING_WAIT = 60
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(_Probe().encode("a long passphrase", "saltsaltsaltsalt")))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(results) == 8
    assert _Counting.peak == 2


@pytest.mark.django_db
def test_a_login_that_finds_every_slot_busy_answers_503_in_the_error_shape(settings, api_client, user):
    settings.PASSWORD_HASHERS = OURS
    settings.PASSWORD_HASHING_CONCURRENCY = 1
    settings.PASSWORD_HASHING_WAIT = 0.1

    with hashing_slot():  # the one slot is taken (by "another request")
        response = api_client.post("/api/v1/auth/login", {"email": user.email, "password": DEFAULT_PASSWORD})

    assert response.status_code == 503
    assert response["Retry-After"] == "1"
    error = response.json()["error"]
    assert error["code"] == "busy"
    assert set(error) == {"code", "message", "details", "request_id"}
