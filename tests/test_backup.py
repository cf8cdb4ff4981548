"""Backup and restore lose nothing, history included."""

import re

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import CommandError, call_command

from alliances.pacts.backup import EXCLUDED, holds_data
from alliances.pacts.models import Pact


def everything():
    models = [
        m for m in apps.get_models()
        if m._meta.app_label not in ("contenttypes", "sessions", "axes")
        and m._meta.label_lower not in ("auth.permission", "admin.logentry")
    ]
    return serializers.serialize("json", [o for m in models for o in m.objects.order_by("pk")],
                                 use_natural_foreign_keys=True)


def empty_the_database():
    """Like a new database: flushed, with content types and permissions recreated."""
    call_command("flush", interactive=False, verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_an_empty_database_loses_nothing(curated, superuser, tmp_path):
    pact = Pact.objects.get(slug="russia-dprk-2000")
    pact.notes = "Edited after loading."
    pact.save()  # one more history record
    before = everything()
    path = tmp_path / "backup.xml"
    call_command("backup_database", str(path))

    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore_database", str(path))

    empty_the_database()
    assert not Pact.objects.exists() and not Pact.history.exists()
    call_command("restore_database", str(path))
    assert everything() == before
    assert Pact.history.filter(notes="Edited after loading.").exists()


def test_transient_tables_stay_out_of_backups():
    assert "sessions" in EXCLUDED and "axes" in EXCLUDED


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("content", ["{}", "[]", "<django-objects", "not a backup at all"])
def test_a_file_that_is_no_backup_is_refused_and_changes_nothing(tmp_path, content):
    empty_the_database()
    groups = sorted(apps.get_model("auth", "Group").objects.values_list("name", flat=True))
    path = tmp_path / ("backup.xml" if content.startswith("<") else "backup.json")
    path.write_text(content)
    with pytest.raises(CommandError, match="Nothing was restored"):
        call_command("restore_database", str(path))
    assert sorted(apps.get_model("auth", "Group").objects.values_list("name", flat=True)) == groups


def _spoiled_backups(text):
    """A backup spoiled in each way a file from elsewhere could differ."""
    # A clause's pact (historical records keep ids without a constraint).
    clause_pact = r'(<object model="pacts.clause" pk="\d+">\s*(?:<field[^\n]*\n\s*)*?<field name="pact" [^>]*>)\d+'
    spoiled = {
        "an unknown field": text.replace(
            '<field name="short_name"', '<field name="colour" type="CharField">blue</field><field name="short_name"', 1),
        "an unknown model": text.replace('model="pacts.pact"', 'model="pacts.alliance"', 1),
        "a value of the wrong kind": re.sub(r'(<field name="signed_on" type="DateField">)[^<]+', r"\g<1>not a date", text, count=1),
        "an id that is no number": re.sub(r'(<object model="pacts.pact" pk=")\d+', r"\g<1>abc", text, count=1),
        "a reference to a record it does not hold": re.sub(clause_pact, r"\g<1>999999", text, count=1),
    }
    assert all(body != text for body in spoiled.values())
    return spoiled


@pytest.mark.django_db(transaction=True)
def test_a_backup_that_does_not_fit_is_refused_with_a_message_and_changes_nothing(curated, tmp_path):
    path = tmp_path / "backup.xml"
    call_command("backup_database", str(path))
    empty_the_database()
    groups = sorted(apps.get_model("auth", "Group").objects.values_list("name", flat=True))
    for what, body in _spoiled_backups(path.read_text(encoding="utf-8")).items():
        spoiled = tmp_path / "spoiled.xml"
        spoiled.write_text(body, encoding="utf-8")
        with pytest.raises(CommandError, match="Nothing was restored: the file") as refused:
            call_command("restore_database", str(spoiled))
        assert "Traceback" not in str(refused.value), what
        assert not holds_data(), what
        assert sorted(apps.get_model("auth", "Group").objects.values_list("name", flat=True)) == groups, what
    with pytest.raises(CommandError, match="Nothing was restored: there is no file"):
        call_command("restore_database", str(tmp_path / "no-such-backup.xml"))
    call_command("restore_database", str(path))  # the unspoiled file restores
    assert Pact.objects.exists()
