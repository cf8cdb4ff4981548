"""Whole-database backup and restore, history and accounts included.

The backup is Django's XML serialisation of every table that holds data (XML, because the
JSON serialiser rounds times to milliseconds), leaving out content types and permissions,
which migrations recreate, and sessions and login-attempt logs, which are transient. Restoring writes it into a database that has been migrated but
holds no data, all in one transaction.
"""

import os
from xml.sax import SAXException

from django.apps import apps
from django.core import management
from django.core.serializers.base import DeserializationError
from django.db import transaction
from django.utils.translation import gettext

EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "axes"]


class RestoreRefused(Exception):
    pass


def backup(path):
    management.call_command(
        "dumpdata", format="xml", natural_foreign=True, exclude=EXCLUDED, indent=1, output=str(path), verbosity=0
    )


def holds_data():
    """Whether any table a backup covers has rows (the roles the migrations create aside)."""
    for model in apps.get_models():
        label = model._meta.label_lower
        transient = model._meta.app_label in ("contenttypes", "sessions", "axes")
        if transient or label in ("auth.permission", "auth.group", "admin.logentry"):
            continue
        if model.objects.exists():
            return True
    return False


def restore(path):
    if holds_data():
        raise RestoreRefused(gettext("the database already holds data; restore only into an empty, migrated database"))
    try:
        with transaction.atomic():
            # The roles a migration recreated give way to the backup's own groups (same names).
            apps.get_model("auth", "Group").objects.all().delete()
            # An absolute path, so that loaddata never picks a same-named file elsewhere.
            management.call_command("loaddata", os.path.abspath(path), verbosity=0)
            if not holds_data():  # raised inside the transaction: the roles come back
                raise RestoreRefused(gettext("the file holds no records; the database is unchanged"))
    except (DeserializationError, SAXException) as error:
        raise RestoreRefused(gettext("the file is not a readable backup (%(error)s)") % {"error": error}) from None
