from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def sync_roles(sender, **kwargs):
    """Keep the roles' permissions complete after every migrate (and every flush), so a
    model added later is readable by Analysts and editable by Editors without a new step."""
    from django.apps import apps

    from .roles import create_roles

    create_roles(apps)


class PactsConfig(AppConfig):
    name = "alliances.pacts"
    label = "pacts"
    verbose_name = _("Defence pacts")

    def ready(self):
        post_migrate.connect(sync_roles, sender=self)
        from .sortkeys import connect_signals

        connect_signals()
