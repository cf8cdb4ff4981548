"""Whole-database backup and restore, history and accounts included.

The backup is Django's XML serialisation of every table that holds data (XML, because the
JSON serialiser rounds times to milliseconds), leaving out content types and permissions,
which migrations recreate, and sessions, admin log entries and login-attempt logs, which
are transient. Restoring writes it into a database that has been migrated but holds no
data, all in one transaction.
"""

import os
from xml.sax import SAXException

from django.apps import apps
from django.core import management
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext

from .loadlock import exclusive_load
from .sortkeys import refreshed_once

# What a backup leaves out, as dumpdata's app labels and app.model labels.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "axes"]
# Rows the migrations create by themselves: an empty database holds these roles.
CREATED_BY_MIGRATIONS = ["auth.group"]


def _excluded(model, labels):
    meta = model._meta
    return meta.app_label in labels or meta.label_lower in labels


class RestoreRefused(Exception):
    pass


def backup(path):
    management.call_command(
        "dumpdata", format="xml", natural_foreign=True, exclude=EXCLUDED, indent=1, output=str(path), verbosity=0
    )


def holds_data():
    """Whether any table a backup covers has rows (the roles the migrations create aside)."""
    ignored = EXCLUDED + CREATED_BY_MIGRATIONS
    return any(model.objects.exists() for model in apps.get_models() if not _excluded(model, ignored))


def restore(path):
    with exclusive_load():
        _restore(path)


def _restore(path):
    if not os.path.isfile(path):
        raise RestoreRefused(gettext("there is no file %(path)s") % {"path": path})
    if holds_data():
        raise RestoreRefused(gettext("the database already holds data; restore only into an empty, migrated database"))
    try:
        with transaction.atomic():
            # The roles a migration recreated give way to the backup's own groups (same names).
            apps.get_model("auth", "Group").objects.all().delete()
            # An absolute path, so that loaddata never picks a same-named file elsewhere.
            # Every pact recounted once at the end: whatever values the backup held, the
            # kept sort values then match its rows.
            with refreshed_once(every_pact=True):
                management.call_command("loaddata", os.path.abspath(path), verbosity=0)
            if not holds_data():  # raised inside the transaction: the roles come back
                raise RestoreRefused(gettext("the file holds no records; the database is unchanged"))
    # What loaddata raises for a file that is not a backup of these tables: an unknown model
    # or field (a backup of another version of the application), a value of the wrong kind,
    # a reference to a record the file does not hold. The transaction has been rolled back.
    except (DeserializationError, SAXException, FieldDoesNotExist) as error:
        raise RestoreRefused(gettext("the file is not a readable backup (%(error)s)") % {"error": error}) from None
    except ValidationError as error:
        raise RestoreRefused(
            gettext("the file holds a value this database cannot take (%(error)s)") % {"error": " ".join(error.messages)}
        ) from None
    except DatabaseError as error:
        raise RestoreRefused(
            gettext("the file's records do not fit together (%(error)s)") % {"error": str(error).strip()}
        ) from None
