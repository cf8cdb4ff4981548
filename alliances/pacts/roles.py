"""The two staff roles: Analysts read the dashboard and the admin; Editors also change data.

A user's own table preferences (saved views, the columns shown) change no data about
pacts: Analysts keep their own too. Sharing a view with all staff publishes it to everyone's
menu, and is the Editors' (the `share_savedview` permission).

Used by the data migration that creates them (with the migration's historical models)
and by anything that must restore them after a database flush.
"""

from django.contrib.auth.management import create_permissions
from django.db.models import Q

ANALYSTS = "Analysts"
EDITORS = "Editors"
# The models of a user's own preferences, which every role may add, change and delete.
PERSONAL_MODELS = ("savedview", "tableconfig")
PERSONAL_ACTIONS = ("add", "change", "delete", "view")


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
    personal = [f"{action}_{model}" for model in PERSONAL_MODELS for action in PERSONAL_ACTIONS]
    analysts.permissions.set(pacts.filter(Q(codename__startswith="view_") | Q(codename__in=personal)))
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.set(pacts)
