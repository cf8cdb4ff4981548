"""A health check for load balancers: can this server answer pages? Reveals nothing else.

`ok` (200) only when what every page needs works:
- the database file is there (SQLite), and the tables pages read answer a query (a
  connection that still answers `SELECT 1` can sit on a deleted, overwritten or emptied
  database);
- the database takes writes (signing in writes a session): a write that matches no row,
  rolled back. On SQLite a write lock held by someone else (a load) is busy, not broken;
- with the production static storage, every static file is in the manifest that
  `collectstatic` writes (without it every page fails on its stylesheet).
Anything else is `unavailable` (503); the reason goes to the server's log only.
"""

import logging
import os
import sqlite3

from django.apps import apps
from django.contrib.sessions.models import Session
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.db import DatabaseError, connection, transaction
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def health(request):
    problem = database_problem() or static_files_problem()
    if problem:
        logger.error("Health check failed: %s", problem)
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def _tables_pages_read():
    # Signed-in pages read the session; dashboard pages read pacts.
    return [Session, apps.get_model("pacts", "Pact")]


def database_problem():
    name = str(connection.settings_dict["NAME"])
    # (A "file:" URI carries its own options, such as whether to create a missing file.)
    if connection.vendor == "sqlite" and not connection.is_in_memory_db() and not name.startswith("file:"):
        if not os.path.isfile(name):
            return "the SQLite database file is missing"
    try:
        with transaction.atomic():
            for model in _tables_pages_read():
                list(model.objects.order_by().values_list("pk")[:1])
            _write_nothing()
            transaction.set_rollback(True)
    except DatabaseError as error:
        if _busy(error):
            return None
        return f"database: {error}"
    return None


def _write_nothing():
    table = connection.ops.quote_name(Session._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor != "sqlite":
            cursor.execute(f"DELETE FROM {table} WHERE 1 = 0")
            return
        # Do not wait for another writer's lock: a busy database is not a broken one.
        cursor.execute("PRAGMA busy_timeout")
        (waits,) = cursor.fetchone()
        cursor.execute("PRAGMA busy_timeout = 0")
        try:
            cursor.execute(f"DELETE FROM {table} WHERE 1 = 0")
        finally:
            cursor.execute(f"PRAGMA busy_timeout = {int(waits)}")


def _busy(error):
    cause = error.__cause__
    return isinstance(cause, sqlite3.OperationalError) and getattr(cause, "sqlite_errorcode", None) in (
        sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED,
    )


def static_files_problem():
    if not (isinstance(staticfiles_storage, ManifestFilesMixin) and staticfiles_storage.manifest_strict):
        return None
    ignored = apps.get_app_config("staticfiles").ignore_patterns
    for finder in finders.get_finders():
        for path, _storage in finder.list(ignored):
            try:
                staticfiles_storage.stored_name(path)
            except ValueError:
                return f"{path} is not in the static files manifest: run collectstatic, then restart"
    return None
