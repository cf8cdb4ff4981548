"""One load at a time: a second load_seeds, import_atop or restore_database, started while
another runs, stops at once with a clear message and changes nothing."""

import fcntl
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connections

from alliances.pacts.curation.loader import LoadError, load
from alliances.pacts.loadlock import LoadRunning, exclusive_load
from alliances.pacts.models import Pact
from tests.conftest import PROJECT
from tests.test_atop import SAMPLE, STATES
from tests.test_loader import database_dump, edit_json, nato

pytestmark = pytest.mark.django_db

RUNNING = "Another load is running on this database"


@pytest.fixture
def another_load():
    """The lock held as another process's load holds it: through a connection of its own."""
    other = connections.create_connection("default")
    try:
        with exclusive_load(other):
            yield
    finally:
        other.close()


@pytest.mark.parametrize("command", ["load_seeds", "import_atop", "restore_database"])
def test_a_second_load_stops_at_once_and_changes_nothing(curated, another_load, tmp_path, command):
    Pact.objects.filter(slug="north-atlantic-treaty").update(title="Edited by an editor")
    before = database_dump()
    arguments = {
        "load_seeds": (["--apply"], {}),
        "import_atop": ([str(SAMPLE)], {"states": str(STATES)}),
        "restore_database": ([str(tmp_path / "backup.xml")], {}),
    }[command]
    (tmp_path / "backup.xml").write_text("<django-objects/>")
    with pytest.raises(CommandError, match=RUNNING):
        call_command(command, *arguments[0], **arguments[1])
    assert database_dump() == before


def test_the_lock_is_released_when_a_load_ends_well_or_badly(data_copy):
    fixtures, seeds = data_copy
    load(fixtures, seeds)
    edit_json(nato(fixtures), lambda d: d.update(in_force="1948-01-01"))
    with pytest.raises(LoadError):
        load(fixtures, seeds, apply=True)
    other = connections.create_connection("default")
    try:
        with exclusive_load(other):  # free again
            with pytest.raises(LoadRunning):
                load(fixtures, seeds, apply=True)
    finally:
        other.close()


def test_a_load_against_a_sqlite_file_is_refused_while_another_process_holds_its_lock(tmp_path):
    database = tmp_path / "alliances.sqlite3"
    with open(f"{database}.load-lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running load holds it
        result = subprocess.run(
            [sys.executable, "manage.py", "load_seeds", "--apply"], cwd=PROJECT, capture_output=True, text=True,
            timeout=120, env={"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite:///{database}", "ALLIANCES_DEBUG": "1",
                              "ALLIANCES_FIXTURES_DIR": str(settings.FIXTURES_DIR)},
        )
    assert result.returncode != 0 and RUNNING in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
