"""Articles of a pact, their texts in each version, and parties' reservations to them."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..articles import article_label
from ..choices import ReservationKind, TextStatus, VersionKind
from ..dates import precision_constraint, precision_field


class Clause(models.Model):
    pact = models.ForeignKey("pacts.Pact", on_delete=models.CASCADE, related_name="clauses", verbose_name=_("pact"))
    label = models.CharField(
        _("article"), max_length=60, help_text=_('As the text numbers it: "Article 5", "Art. 42(7)".')
    )
    order = models.PositiveIntegerField(_("order"))
    heading = models.CharField(_("heading"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pact", "order"]
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")
        constraints = [
            models.UniqueConstraint(fields=["pact", "label"], name="clause_unique_label"),
            models.UniqueConstraint(fields=["pact", "order"], name="clause_unique_order"),
        ]

    def __str__(self):
        return f"{self.pact}, {article_label(self.label)}"


class TextFields(models.Model):
    """Verbatim text from a source, part of it, or an honest record that none was found."""

    text_status = models.CharField(
        _("text status"), max_length=12, choices=TextStatus.choices, default=TextStatus.VERBATIM
    )
    text = models.TextField(_("text"), blank=True)
    paraphrase = models.TextField(
        _("paraphrase"), blank=True, help_text=_("Where the text was not located: what was found instead.")
    )
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_("What is missing from a partial text, or how the text was matched to the article."),
    )
    source = models.ForeignKey(
        "pacts.Source", on_delete=models.PROTECT, related_name="+", verbose_name=_("source")
    )

    class Meta:
        abstract = True

    @classmethod
    def text_constraints(cls, label):
        return [
            models.CheckConstraint(
                condition=Q(text_status=TextStatus.VERBATIM) & ~Q(text="")
                | Q(text_status=TextStatus.PARTIAL) & ~Q(text="") & ~Q(note="")
                | Q(text_status=TextStatus.NOT_LOCATED, text="") & ~Q(paraphrase=""),
                name=f"{label}_text_or_paraphrase",
            )
        ]


class ClauseVersion(TextFields):
    """One text of a clause: an authentic text, a named translation, or an amendment."""

    clause = models.ForeignKey(Clause, on_delete=models.CASCADE, related_name="versions", verbose_name=_("clause"))
    label = models.CharField(
        _("version"), max_length=120, help_text=_("e.g. \"KCNA English\", \"as amended 1952\".")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=VersionKind.choices)
    language = models.CharField(_("language"), max_length=20)
    effective_on = models.DateField(_("in effect from"), null=True, blank=True)
    effective_precision = precision_field(_("precision of that date"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["clause", "effective_on", "label"]
        verbose_name = _("clause text")
        verbose_name_plural = _("clause texts")
        constraints = [
            models.UniqueConstraint(fields=["clause", "label"], name="clauseversion_unique_label"),
            precision_constraint("clauseversion", "effective"),
            models.CheckConstraint(
                condition=~Q(kind=VersionKind.AMENDED) | Q(effective_on__isnull=False),
                name="clauseversion_amendment_has_date",
            ),
            *TextFields.text_constraints("clauseversion"),
        ]

    def __str__(self):
        return f"{self.clause} ({self.label})"


class Reservation(TextFields):
    """A reservation, understanding or declaration a party attached to a clause."""

    clause = models.ForeignKey(
        Clause, on_delete=models.CASCADE, related_name="reservations", verbose_name=_("clause")
    )
    state = models.ForeignKey(
        "pacts.State", on_delete=models.PROTECT, related_name="reservations", verbose_name=_("state")
    )
    kind = models.CharField(_("kind"), max_length=14, choices=ReservationKind.choices)
    made_on = models.DateField(_("made"), null=True, blank=True)
    made_precision = precision_field(_("precision of that date"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["clause", "state__name"]
        verbose_name = _("reservation or understanding")
        verbose_name_plural = _("reservations and understandings")
        constraints = [
            precision_constraint("reservation", "made"),
            models.UniqueConstraint(fields=["clause", "state", "kind"], name="reservation_unique"),
            *TextFields.text_constraints("reservation"),
        ]

    def __str__(self):
        return gettext("%(state)s: %(kind)s to %(clause)s") % {
            "state": self.state, "kind": self.get_kind_display(), "clause": self.clause}
