"""The two staff roles: Analysts read the dashboard; Editors also change data in the admin."""

from django.db import migrations

from alliances.pacts.roles import ANALYSTS, EDITORS, create_roles


def forwards(apps, schema_editor):
    create_roles(apps)


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[ANALYSTS, EDITORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pacts", "0002_invocation_outcome_recognised"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
