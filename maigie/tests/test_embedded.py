"""The embedded PostgreSQL (pgvector) and Redis: URLs known before they start, started once, found again, stopped."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg
import pytest
import redis
from django.db import connection

from maigie import embedded
from maigie.testing import PROJECT_ROOT, is_test_var_dir


@pytest.fixture
def var_dir(tmp_path: Path):
    yield tmp_path
    embedded.stop_redis(tmp_path)
    embedded.stop_postgres(tmp_path)


def test_postgres_starts_once_and_is_found_again(var_dir: Path):
    url = embedded.postgres_url(var_dir)
    assert not embedded.postgres_running(var_dir)

    embedded.start_postgres(var_dir)
    pid = (var_dir / "pgdata" / "postmaster.pid").read_text().split()[0]
    embedded.start_postgres(var_dir)
    assert embedded.postgres_url(var_dir) == url
    assert (var_dir / "pgdata" / "postmaster.pid").read_text().split()[0] == pid

    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT current_database()").fetchone() == (embedded.DATABASE_NAME,)
        conn.execute("CREATE EXTENSION IF NOT EXISTS vector")
        assert conn.execute("SELECT '[1,2,3]'::vector <-> '[1,2,4]'::vector").fetchone() == (1.0,)

    assert embedded.stop_postgres(var_dir)
    assert not embedded.postgres_running(var_dir)
    assert not embedded.stop_postgres(var_dir)


def test_redis_starts_once_and_is_found_again(var_dir: Path):
    url = embedded.redis_url(var_dir)
    assert not embedded.redis_running(var_dir)

    embedded.start_redis(var_dir)
    pid = (var_dir / "redis" / "redis.pid").read_text()
    assert url.startswith("unix://")
    embedded.start_redis(var_dir)
    assert embedded.redis_url(var_dir) == url
    assert (var_dir / "redis" / "redis.pid").read_text() == pid

    client = redis.Redis.from_url(url)
    client.set("greeting", "hello")
    assert client.get("greeting") == b"hello"
    client.close()

    assert embedded.stop_redis(var_dir)
    assert not embedded.redis_running(var_dir)


def test_long_paths_put_the_redis_socket_elsewhere(tmp_path: Path):
    deep = tmp_path / ("d" * 60) / ("e" * 60)
    socket = embedded._redis_socket(deep)
    assert len(str(socket)) <= 100
    assert socket != deep / "redis" / "redis.sock"


def test_a_long_data_directory_still_gives_a_reachable_postgres_url(tmp_path: Path):
    deep = tmp_path / ("d" * 60) / ("e" * 60)
    url = embedded.postgres_url(deep)
    assert len(url) < 200
    try:
        embedded.start_postgres(deep)
        with psycopg.connect(url) as conn:
            assert conn.execute("SELECT current_database()").fetchone() == (embedded.DATABASE_NAME,)
    finally:
        embedded.stop_postgres(deep)


def _run(code: list[str], var_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(MAIGIE_VAR_DIR=str(var_dir), DJANGO_SETTINGS_MODULE="maigie.settings.local")
    return subprocess.run(code, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=300)


def test_loading_the_settings_starts_nothing_and_manage_py_starts_the_services(var_dir: Path):
    loaded = _run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.DATABASE_URL); print(settings.REDIS_URL)",
        ],
        var_dir,
    )
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.split() == [embedded.postgres_url(var_dir), embedded.redis_url(var_dir)]
    assert not embedded.postgres_running(var_dir)
    assert not embedded.redis_running(var_dir)

    checked = _run([sys.executable, "manage.py", "check"], var_dir)
    assert checked.returncode == 0, checked.stderr
    assert embedded.postgres_running(var_dir)
    assert embedded.redis_running(var_dir)
    with psycopg.connect(embedded.postgres_url(var_dir)) as conn:
        assert conn.execute("SELECT current_database()").fetchone() == (embedded.DATABASE_NAME,)


@pytest.mark.django_db
def test_migrations_enable_pgvector():
    with connection.cursor() as cursor:
        cursor.execute("SELECT extversion FROM pg_extension WHERE extname = 'vector'")
        row = cursor.fetchone()
    assert row is not None
    assert tuple(int(part) for part in row[0].split(".")[:2]) >= (0, 8)


def test_the_test_run_removes_only_a_services_directory_it_made(tmp_path):
    made = Path(tempfile.gettempdir()) / "maigie-test-123-456"
    assert is_test_var_dir(made)
    assert not is_test_var_dir(Path(""))  # an empty MAIGIE_VAR_DIR is the current directory: the checkout
    assert not is_test_var_dir(Path.cwd())
    assert not is_test_var_dir(tmp_path)
    assert not is_test_var_dir(made / "..")
