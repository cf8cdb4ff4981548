"""Times a pact was invoked, consultations were asked for, or assistance was refused."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import InvocationKind, InvocationOutcome
from ..dates import format_date, precision_constraint, precision_field


class Invocation(models.Model):
    key = models.SlugField(_("key"), max_length=120, unique=True)
    pact = models.ForeignKey(
        "pacts.Pact", on_delete=models.CASCADE, related_name="invocations", verbose_name=_("pact")
    )
    clause = models.ForeignKey(
        "pacts.Clause",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invocations",
        verbose_name=_("article"),
    )
    occurred_on = models.DateField(_("date"))
    occurred_precision = precision_field(_("date precision"))
    kind = models.CharField(_("kind"), max_length=20, choices=InvocationKind.choices)
    invoked_by = models.ForeignKey(
        "pacts.State",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invocations",
        verbose_name=_("invoked or requested by"),
        help_text=_("Blank where the pact's organs acted collectively."),
    )
    on_behalf_of = models.ForeignKey(
        "pacts.State",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("in support of"),
    )
    event = models.TextField(_("event"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=InvocationOutcome.choices)
    outcome_detail = models.TextField(_("what happened"), blank=True)
    source = models.ForeignKey(
        "pacts.Source", on_delete=models.PROTECT, related_name="+", verbose_name=_("source")
    )
    excerpt = models.ForeignKey(
        "pacts.Excerpt",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("excerpt"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["pact", "occurred_on", "key"]
        verbose_name = _("invocation")
        verbose_name_plural = _("invocations")
        constraints = [precision_constraint("invocation", "occurred")]

    def __str__(self):
        return f"{self.pact}: {self.get_kind_display()} ({format_date(self.occurred_on, self.occurred_precision)})"
