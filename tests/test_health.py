"""The health check says 503 whenever pages would fail: a database that answers `SELECT 1`
is not enough."""

import json
import subprocess
import sys

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection

from alliances.pacts.models import Pact
from tests.conftest import PROJECT

pytestmark = pytest.mark.django_db


def _health(client, method="get"):
    response = getattr(client, method)("/health/")
    return response.status_code, response.content


def test_a_healthy_server_answers_get_and_head(client):
    assert _health(client) == (200, b'{"status": "ok"}')
    assert _health(client, "head") == (200, b"")
    assert client.post("/health/").status_code == 405


@pytest.mark.parametrize("model", [Pact, Session])
def test_a_table_pages_read_that_is_gone_is_unavailable(client, model):
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:  # undone with the test's transaction
        cursor.execute(f"ALTER TABLE {table} RENAME TO {connection.ops.quote_name('gone')}")
    assert _health(client) == (503, b'{"status": "unavailable"}')


def test_a_database_that_refuses_writes_is_unavailable(client):
    read_only, writable = {
        "postgresql": ("SET TRANSACTION READ ONLY", None),  # until the test's transaction ends
        "sqlite": ("PRAGMA query_only = ON", "PRAGMA query_only = OFF"),
    }[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(read_only)
    try:
        assert _health(client)[0] == 503
    finally:
        if writable:
            with connection.cursor() as cursor:
                cursor.execute(writable)
    if writable:
        assert _health(client)[0] == 200


def test_a_sqlite_file_deleted_overwritten_emptied_or_read_only_is_unavailable(tmp_path):
    result = subprocess.run(
        [sys.executable, str(PROJECT / "tests" / "sqlite_health_scenarios.py"), str(tmp_path / "db.sqlite3")],
        cwd=PROJECT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == {
        "intact": 200,
        "busy with another writer": 200,  # a load holds the write lock: busy, not broken
        "busy timeout afterwards": 5000,
        "read-only": 503,
        "writable again": 200,
        "overwritten": 503,
        "restored": 200,
        "a table gone": 503,
        "restored again": 200,
        "deleted": 503,
    }


def test_production_static_files_without_collectstatic_are_unavailable(client, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
    assert _health(client)[0] == 503
    call_command("collectstatic", interactive=False, verbosity=0)
    assert _health(client)[0] == 200
