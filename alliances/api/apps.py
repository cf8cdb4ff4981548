from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "alliances.api"
    label = "api"
    verbose_name = _("API for analysts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Teaches the schema generator how tokens are sent.
        from . import schema  # noqa: F401
