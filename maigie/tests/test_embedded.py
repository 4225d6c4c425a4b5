"""The embedded PostgreSQL (pgvector) and Redis: started once, found again, stopped."""

from pathlib import Path

import psycopg
import pytest
import redis
from django.db import connection

from maigie import embedded


@pytest.fixture
def var_dir(tmp_path: Path):
    yield tmp_path
    embedded.stop_redis(tmp_path)
    embedded.stop_postgres(tmp_path)


def test_postgres_starts_once_and_is_found_again(var_dir: Path):
    assert not embedded.postgres_running(var_dir)

    url = embedded.postgres_url(var_dir)
    pid = (var_dir / "pgdata" / "postmaster.pid").read_text().split()[0]
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
    assert not embedded.redis_running(var_dir)

    url = embedded.redis_url(var_dir)
    pid = (var_dir / "redis" / "redis.pid").read_text()
    assert url.startswith("unix://")
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


@pytest.mark.django_db
def test_migrations_enable_pgvector():
    with connection.cursor() as cursor:
        cursor.execute("SELECT extversion FROM pg_extension WHERE extname = 'vector'")
        row = cursor.fetchone()
    assert row is not None
    assert tuple(int(part) for part in row[0].split(".")[:2]) >= (0, 8)
