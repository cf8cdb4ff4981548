"""Run by tests/test_health.py in a process of its own, against a SQLite file it breaks in
turn, as a server process would meet it (one connection kept open across requests).
Prints {scenario: status of GET /health/} as JSON."""

import json
import os
import sqlite3
import sys
from pathlib import Path

path = Path(sys.argv[1])
os.environ["DATABASE_URL"] = f"sqlite:///{path}"
os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

call_command("migrate", verbosity=0)
client = Client()
seen = {}


def status(scenario):
    seen[scenario] = client.get("/health/").status_code


def reopen(name):
    connection.close()
    connection.settings_dict["NAME"] = name


status("intact")
good = path.read_bytes()

writer = sqlite3.connect(path, isolation_level=None)
writer.execute("BEGIN IMMEDIATE")  # another process writing (a load)
status("busy with another writer")
writer.execute("ROLLBACK")
with connection.cursor() as cursor:
    cursor.execute("PRAGMA busy_timeout")
    seen["busy timeout afterwards"] = cursor.fetchone()[0]

reopen(f"file:{path}?mode=ro")
status("read-only")
reopen(str(path))
status("writable again")

path.write_bytes(b"\0" * len(good))
status("overwritten")
path.write_bytes(good)
status("restored")

writer.execute("DROP TABLE pacts_pact")
status("a table gone")
writer.close()
path.write_bytes(good)
status("restored again")

path.unlink()
status("deleted")
print(json.dumps(seen))
