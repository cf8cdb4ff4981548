"""States, with their codes and nuclear-weapon status."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import NuclearStatus
from ..dates import precision_constraint, precision_field
from ..standing import NUCLEAR_ARMED


class State(models.Model):
    code = models.CharField(
        _("code"),
        max_length=3,
        unique=True,
        help_text=_(
            "ISO 3166-1 alpha-3 where one exists (withdrawn codes included, e.g. SUN for "
            "the USSR), else the Correlates of War letter code. Used in URLs."
        ),
    )
    name = models.CharField(_("name"), max_length=200)
    cow_code = models.PositiveIntegerField(
        _("COW code"),
        null=True,
        blank=True,
        help_text=_("Correlates of War numeric code. Not unique: Russia and the USSR share 365."),
    )
    cow_abbreviation = models.CharField(_("COW letter code"), max_length=3, blank=True)
    nuclear_status = models.CharField(
        _("nuclear-weapon status"),
        max_length=20,
        choices=NuclearStatus.choices,
        default=NuclearStatus.UNKNOWN,
    )
    nuclear_since_on = models.DateField(_("nuclear-armed since"), null=True, blank=True)
    nuclear_since_precision = precision_field(_("precision of that date"))
    nuclear_source = models.ForeignKey(
        "pacts.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("source for the nuclear status"),
    )
    curated = models.BooleanField(
        _("curated"), default=True, help_text=_("False for states the ATOP import added.")
    )
    history = HistoricalRecords()

    ARMED = (NuclearStatus.NPT_NUCLEAR_WEAPON_STATE, NuclearStatus.NUCLEAR_ARMED_OUTSIDE_NPT)

    class Meta:
        ordering = ["name"]
        verbose_name = _("state")
        verbose_name_plural = _("states")
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=r"^[A-Z]{3}$"), name="state_code_format"),
            precision_constraint("state", "nuclear_since"),
            # A nuclear-armed state says since when and on whose word.
            models.CheckConstraint(
                condition=~Q(nuclear_status__in=["npt_nws", "armed_non_npt"])
                | Q(nuclear_since_on__isnull=False, nuclear_source__isnull=False),
                name="state_nuclear_armed_has_date_and_source",
            ),
            models.CheckConstraint(
                condition=~Q(nuclear_status__in=["none", "unknown"]) | Q(nuclear_since_on__isnull=True),
                name="state_unarmed_has_no_date",
            ),
        ]

    def __str__(self):
        return self.name

    def nuclear_armed_on(self, day):
        """True, False, or None where the data cannot say (standing.NUCLEAR_ARMED)."""
        return NUCLEAR_ARMED.of(self, day)
