"""What a staff member keeps of a table: named views (filters, sort and columns) and the
columns they show.

Neither is data about pacts: they belong to the user who made them, and a view is seen by
others only when its owner shares it with all staff.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

NAME_LENGTH = 80
QUERY_LENGTH = 2000


class TableName(models.TextChoices):
    """The tables whose state can be saved, by the name their views and columns are kept under."""

    PACTS = "pacts", _("Pact list")
    MATRIX = "matrix", _("Comparison matrix")


class SavedView(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_views",
                              verbose_name=_("owner"))
    table = models.CharField(_("table"), max_length=20, choices=TableName.choices)
    name = models.CharField(_("name"), max_length=NAME_LENGTH)
    query = models.CharField(_("filters and sort"), max_length=QUERY_LENGTH, blank=True,
                             help_text=_("The table's address after “?”, without the page."))
    columns = models.JSONField(_("columns"), default=list, blank=True,
                               help_text=_("The columns shown, in order; none for the table's own."))
    shared = models.BooleanField(_("shared with all staff"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("saved view")
        verbose_name_plural = _("saved views")
        ordering = ("table", "name", "pk")
        constraints = [
            models.UniqueConstraint(fields=("owner", "table", "name"), name="saved_view_name_unique_per_owner_table"),
        ]
        permissions = [("share_savedview", _("Can share a saved view with all staff"))]

    def __str__(self):
        return self.name


class TableConfig(models.Model):
    """The columns one user shows in one table, in their order (NetBox keeps the same per
    user as its table configuration)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="table_configs",
                             verbose_name=_("user"))
    table = models.CharField(_("table"), max_length=20, choices=TableName.choices)
    columns = models.JSONField(_("columns"), default=list,
                               help_text=_("The columns shown, in order."))
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("table columns")
        verbose_name_plural = _("table columns")
        ordering = ("user", "table")
        constraints = [models.UniqueConstraint(fields=("user", "table"), name="table_config_unique_per_user_table")]

    def __str__(self):
        return f"{self.user} · {self.get_table_display()}"
