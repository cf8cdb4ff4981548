"""The two staff roles: Analysts read the dashboard and the admin; Editors also change data.

Used by the data migration that creates them (with the migration's historical models)
and by anything that must restore them after a database flush.
"""

from django.contrib.auth.management import create_permissions

ANALYSTS = "Analysts"
EDITORS = "Editors"


def create_roles(apps):
    # Permissions are normally created after all migrations; the roles need them now.
    config = apps.get_app_config("pacts")
    had_models = getattr(config, "models_module", None)
    config.models_module = had_models or True  # historical app configs lack it
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = had_models
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    pacts = Permission.objects.filter(content_type__app_label="pacts")
    analysts, _ = Group.objects.get_or_create(name=ANALYSTS)
    analysts.permissions.set(pacts.filter(codename__startswith="view_"))
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.set(pacts)
