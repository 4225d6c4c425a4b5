"""The live API against its own OpenAPI schema, with schemathesis (``make check-api``).

A real daphne serves the test database; schemathesis generates valid and invalid requests for
every operation as a signed-in learner and checks: no 5xx, every status code and content type
documented, every body matching its schema. ``CHECK_API_SECONDS`` bounds the run (default 180),
``CHECK_API_SEED`` replays one (the seed is printed), ``CHECK_API_EXAMPLES`` caps cases per operation.
``auth/logout-everywhere`` is left out: its first success would revoke the run's own token, and
every later request would only meet a 401 (it has its own tests).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from apps.accounts.services import token_pair_for
from apps.accounts.tests.google_keys import KeyPair, jwks_server
from apps.notifications.services.vapid import vapid_keys_generate
from maigie import testing

pytestmark = pytest.mark.django_db(transaction=True)

CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"


@pytest.mark.timeout(1800)
def test_the_api_answers_as_its_schema_says(user):
    user.tier = "PREMIUM_MONTHLY"  # every feature on, higher limits: fewer requests end at a 402
    user.save(update_fields=["tier"])
    vapid_keys_generate()  # Web Push configured: GET /push/public-key answers 200, not 503 not_configured
    seconds = int(os.environ.get("CHECK_API_SECONDS", "180"))
    seed = int(os.environ.get("CHECK_API_SEED", str(random.randrange(2**31))))  # noqa: S311
    print(f"schemathesis seed: {seed} (replay with CHECK_API_SEED={seed})")  # noqa: T201
    env = testing.subprocess_env()
    env.update(THROTTLE_USER="100000/min", THROTTLE_ANON="100000/min", THROTTLE_AUTH="100000/min")
    env.update(THROTTLE_AUTH_EMAIL="100000/min", THROTTLE_CHAT="100000/min", THROTTLE_EXPORT="100000/hour")
    env.update(THROTTLE_REFRESH="100000/min", THROTTLE_VOICE="100000/min")
    with jwks_server(KeyPair("contract")) as jwks_url:  # Google sign-in configured, against a local key server
        env.update(GOOGLE_CLIENT_IDS="contract-client", GOOGLE_JWKS_URL=jwks_url)
        result = _run(env=env, seed=seed, seconds=seconds, token=token_pair_for(user=user)["access"])
    print(result.stdout[-20000:], result.stderr[-5000:])  # noqa: T201
    assert result.returncode == 0, result.stdout[-20000:]


def _run(*, env: dict[str, str], seed: int, seconds: int, token: str) -> subprocess.CompletedProcess[str]:
    port = testing.free_port()
    server = testing.start_daphne(env=env, port=port)
    schemathesis = Path(sys.executable).with_name("schemathesis")
    try:
        return subprocess.run(
            [
                str(schemathesis),
                "run",
                f"http://127.0.0.1:{port}/api/schema/",
                "--header",
                f"Authorization: Bearer {token}",
                "--checks",
                CHECKS,
                "--seed",
                str(seed),
                "--max-time",
                str(seconds),
                "--max-examples",
                os.environ.get("CHECK_API_EXAMPLES", "25"),
                "--phases",
                "examples,coverage,fuzzing",
                "--request-timeout",
                "30",
                "--workers",
                "1",
                "--exclude-path",
                "/api/v1/auth/logout-everywhere",
                "--no-color",
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 600,
            cwd=testing.log_path("schemathesis").parent,  # its cache directory stays out of the repository
            env=env,
            check=False,
        )
    finally:
        testing.stop_process(server)
