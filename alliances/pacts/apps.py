from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PactsConfig(AppConfig):
    name = "alliances.pacts"
    label = "pacts"
    verbose_name = _("Defence pacts")
