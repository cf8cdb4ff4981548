"""ATOP 5.1's coding of an alliance, kept beside the project's own (never over it).

Every value ATOP gives is kept as it stands in the CSV files (`codes`); the columns the
dashboard filters on are copied out of it.
"""

from django.db import models
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import AtopDimension, DisagreementStatus
from ..dates import precision_constraint, precision_field


class AtopPhase(models.Model):
    """One phase of an ATOP alliance (phase 0 where ATOP codes no phases)."""

    pact = models.ForeignKey("pacts.Pact", on_delete=models.CASCADE, related_name="atop_phases", verbose_name=_("pact"))
    atop_id = models.PositiveIntegerField(_("ATOP id"))
    phase = models.PositiveIntegerField(_("phase"))
    began_on = models.DateField(_("began"), null=True, blank=True)
    began_precision = precision_field(_("precision"))
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    ended_precision = precision_field(_("precision"))
    defense = models.BooleanField(_("defence"), default=False)
    offense = models.BooleanField(_("offence"), default=False)
    neutral = models.BooleanField(_("neutrality"), default=False)
    nonagg = models.BooleanField(_("non-aggression"), default=False)
    consul = models.BooleanField(_("consultation"), default=False)
    milaid = models.PositiveSmallIntegerField(_("military aid"), null=True, blank=True)
    intcom = models.PositiveSmallIntegerField(_("integrated command"), null=True, blank=True)
    base = models.PositiveSmallIntegerField(_("bases"), null=True, blank=True)
    codes = models.JSONField(_("ATOP's values"), default=dict)
    version = models.CharField(_("ATOP version"), max_length=10)

    class Meta:
        ordering = ["atop_id", "phase"]
        verbose_name = _("ATOP phase")
        verbose_name_plural = _("ATOP phases")
        constraints = [
            models.UniqueConstraint(fields=["atop_id", "phase"], name="atopphase_unique"),
            precision_constraint("atopphase", "began"),
            precision_constraint("atopphase", "ended"),
        ]

    def __str__(self):
        if not self.phase:
            return gettext("ATOP %(id)s") % {"id": self.atop_id}
        return gettext("ATOP %(id)s, phase %(phase)s") % {"id": self.atop_id, "phase": self.phase}


class AtopMember(models.Model):
    phase = models.ForeignKey(AtopPhase, on_delete=models.CASCADE, related_name="members", verbose_name=_("phase"))
    state = models.ForeignKey(
        "pacts.State", on_delete=models.PROTECT, related_name="atop_memberships", verbose_name=_("state")
    )
    member_code = models.PositiveIntegerField(_("ATOP member code"))
    entered_on = models.DateField(_("entered"), null=True, blank=True)
    entered_precision = precision_field(_("precision"))
    exited_on = models.DateField(_("exited"), null=True, blank=True)
    exited_precision = precision_field(_("precision"))
    codes = models.JSONField(_("ATOP's values"), default=dict)

    class Meta:
        ordering = ["phase", "member_code"]
        verbose_name = _("ATOP member")
        verbose_name_plural = _("ATOP members")
        constraints = [
            models.UniqueConstraint(fields=["phase", "member_code", "entered_on"], name="atopmember_unique"),
            precision_constraint("atopmember", "entered"),
            precision_constraint("atopmember", "exited"),
        ]

    def __str__(self):
        return pgettext("an ATOP member in an ATOP phase", "%(state)s in %(phase)s") % {"state": self.state, "phase": self.phase}


class AtopDisagreement(models.Model):
    """Why the project's coding of a pact differs from ATOP 5.1's on one compared dimension
    (atop_compare.compare_with_atop), or that the difference awaits review. Curated, like
    the coding it explains: fixtures/atop_disagreements.json. `ours` and `atop` keep the
    two values as they stood when the explanation was written, so that an explanation of
    a difference that has since changed is shown as out of date, never as still holding."""

    pact = models.ForeignKey(
        "pacts.Pact", on_delete=models.CASCADE, related_name="atop_disagreements", verbose_name=_("pact")
    )
    dimension = models.CharField(_("compared dimension"), max_length=40, choices=AtopDimension.choices)
    ours = models.TextField(_("this project's value, as explained"), blank=True)
    atop = models.TextField(_("ATOP's value, as explained"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=DisagreementStatus.choices)
    explanation = models.TextField(_("explanation"))
    source = models.ForeignKey(
        "pacts.Source", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("source")
    )
    excerpt = models.ForeignKey(
        "pacts.Excerpt", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("excerpt")
    )
    coded_by = models.CharField(_("written by"), max_length=120)
    reviewed_by = models.CharField(_("reviewed by"), max_length=120, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pact", "dimension"]
        verbose_name = _("explanation of a difference from ATOP")
        verbose_name_plural = _("explanations of differences from ATOP")
        constraints = [
            models.UniqueConstraint(fields=["pact", "dimension"], name="atopdisagreement_unique"),
        ]

    def __str__(self):
        return f"{self.pact}: {self.get_dimension_display()}"
