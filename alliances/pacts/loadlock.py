"""One load at a time: loading fixtures, importing ATOP and restoring a backup take a lock.

Two loads at once would compare against the same database and both write (on PostgreSQL
the edit history got each change twice; on SQLite one failed on the database's own lock,
reported as a problem in the fixtures). The lock is one that the system releases when the
process holding it ends, however it ends:
- PostgreSQL: a session-level advisory lock, held by the database connection;
- SQLite: an exclusive lock (flock) on a file beside the database file; for an in-memory
  database, which only its own process can reach, on a file named for that process.
Taking it never waits: a second load stops at once with LoadRunning.
"""

import fcntl
import os
import tempfile
import zlib
from contextlib import contextmanager
from urllib.parse import urlsplit

from django.db import DatabaseError
from django.db import connection as default_connection
from django.utils.translation import gettext as _

# The advisory lock's key: any fixed number; this one is the CRC of the project's name.
ADVISORY_KEY = zlib.crc32(b"alliances load")


class LoadRunning(Exception):
    def __init__(self):
        super().__init__(_(
            "Another load is running on this database (load_seeds, import_atop or restore_database); "
            "nothing was done. Run this again when it has finished."
        ))


@contextmanager
def exclusive_load(connection=None):
    connection = connection or default_connection
    if connection.vendor == "postgresql":
        with _advisory_lock(connection):
            yield
    else:
        with _file_lock(_lock_path(connection)):
            yield


@contextmanager
def _advisory_lock(connection):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [ADVISORY_KEY])
        (taken,) = cursor.fetchone()
    if not taken:
        raise LoadRunning
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_KEY])
        except DatabaseError:
            # In a transaction that failed, the unlock waits for the connection to close,
            # which releases the lock as well.
            pass


def _lock_path(connection):
    if connection.is_in_memory_db():
        return os.path.join(tempfile.gettempdir(), f"alliances-load-{os.getpid()}.lock")
    name = str(connection.settings_dict["NAME"])
    return (urlsplit(name).path if name.startswith("file:") else name) + ".load-lock"


@contextmanager
def _file_lock(path):
    with open(path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LoadRunning from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
