"""Pacts, their parties over time, and suspensions of directed links between parties."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import NO_COMMITMENT_RANK, EndReason, Multilaterality
from ..dates import order_constraint, precision_constraint, precision_field
from ..standing import MEMBERSHIP, PACT_STATUS, SUSPENSION_ACTIVE


class Pact(models.Model):
    title = models.CharField(_("official title"), max_length=500)
    short_name = models.CharField(_("short name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    multilaterality = models.CharField(
        _("bilateral or multilateral"), max_length=12, choices=Multilaterality.choices
    )
    signed_on = models.DateField(_("signed"), null=True, blank=True)
    signed_precision = precision_field(_("signature date precision"))
    signed_place = models.CharField(_("place of signature"), max_length=200, blank=True)
    in_force_on = models.DateField(_("entered into force"), null=True, blank=True)
    in_force_precision = precision_field(_("entry-into-force date precision"))
    # Where no source states the entry into force, what the evidence that exists implies
    # (its end by expiry and the duration clause, a dataset's dates...): kept apart from the
    # recorded date, which always wins, with its basis and the excerpts it rests on
    # (InferenceEvidence); the status reads it (standing.PACT_STATUS) and every page that
    # shows it says "inferred".
    in_force_inferred_on = models.DateField(
        _("entry into force, inferred"),
        null=True,
        blank=True,
        help_text=_("Only where no source states the date; read when no entry into force is recorded."),
    )
    in_force_inferred_precision = precision_field(_("inferred date precision"))
    in_force_inference = models.TextField(
        _("how the entry into force was inferred"), blank=True, help_text=_("The reasoning, naming its evidence.")
    )
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    ended_precision = precision_field(_("end date precision"))
    end_reason = models.CharField(
        _("how it ended"), max_length=12, choices=EndReason.choices, blank=True
    )
    status_known_until = models.DateField(
        _("status known until"),
        null=True,
        blank=True,
        help_text=_("After this date the data cannot say whether the pact is in force."),
    )
    duration_terms = models.TextField(_("duration"), blank=True)
    withdrawal_terms = models.TextField(_("withdrawal terms"), blank=True)
    authentic_languages = models.CharField(
        _("authentic languages"),
        max_length=200,
        blank=True,
        help_text=_("Language tags separated by commas, e.g. ru,ko."),
    )
    replaces = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("pact it replaced"),
    )
    atop_id = models.PositiveIntegerField(_("ATOP id"), null=True, blank=True)
    atop_phase = models.PositiveIntegerField(_("ATOP phase"), null=True, blank=True)
    source = models.ForeignKey(
        "pacts.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("source for the dates"),
    )
    parties_incomplete = models.TextField(
        _("party list incomplete"),
        blank=True,
        help_text=_("Why the recorded parties are not all the pact's parties; blank where the list is complete as far "
                    "as the sources show."),
    )
    name_evidence = models.ForeignKey(
        "pacts.Excerpt",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("where the name is used"),
        help_text=_("For a pact known only from a dataset: the passage of a source that uses its name."),
    )
    notes = models.TextField(_("notes"), blank=True)
    curated = models.BooleanField(
        _("curated"), default=True, help_text=_("False for pacts known only from the ATOP import.")
    )
    # Counted over other rows and kept here for the pact list's sorts, which would
    # otherwise count them for every pact at each request (docs/performance.md). Set by
    # sortkeys.refresh_sort_keys whenever a party, invocation or commitment changes; never
    # edited, shown or recorded in the edit history.
    sort_parties = models.PositiveIntegerField(_("number of parties"), default=0, editable=False)
    sort_invocations = models.PositiveIntegerField(_("number of invocations"), default=0, editable=False)
    sort_strongest = models.PositiveSmallIntegerField(
        _("rank of the strongest obligation"), default=NO_COMMITMENT_RANK, editable=False
    )
    SORT_KEYS = ("sort_parties", "sort_invocations", "sort_strongest")
    history = HistoricalRecords(excluded_fields=list(SORT_KEYS))

    class Meta:
        ordering = ["signed_on", "slug"]
        verbose_name = _("pact")
        verbose_name_plural = _("pacts")
        # The pact list's sorts on stored values, ties broken by id, read a page along an
        # index on both rather than sorting every pact (see docs/performance.md); the
        # matrix sorts by (signed, slug).
        indexes = [
            models.Index(fields=["signed_on", "slug"], name="pact_signed_slug"),
            models.Index(fields=["signed_on", "id"], name="pact_signed_id"),
            models.Index(fields=["short_name", "id"], name="pact_short_name_id"),
            models.Index(fields=["in_force_on", "id"], name="pact_in_force_id"),
            # The status on a day (standing.PACT_STATUS) reads these alone: with them in one
            # index the database counts and selects the pacts in force on a day without
            # reading the pacts' rows.
            models.Index(
                fields=["in_force_on", "in_force_precision", "ended_on", "ended_precision", "status_known_until",
                        "signed_on", "signed_precision", "in_force_inferred_on", "in_force_inferred_precision"],
                name="pact_status_dates",
            ),
            models.Index(fields=["ended_on", "id"], name="pact_ended_id"),
            models.Index(fields=["multilaterality", "id"], name="pact_multilaterality_id"),
            models.Index(fields=["sort_parties", "id"], name="pact_sort_parties"),
            models.Index(fields=["sort_invocations", "id"], name="pact_sort_invocations"),
            models.Index(fields=["sort_strongest", "id"], name="pact_sort_strongest"),
            # The curated pacts are a handful among thousands: the home page and the diff
            # start from them.
            models.Index(fields=["curated"], name="pact_curated"),
        ]
        constraints = [
            precision_constraint("pact", "signed"),
            precision_constraint("pact", "in_force"),
            precision_constraint("pact", "ended"),
            order_constraint("pact", "signed", "in_force"),
            order_constraint("pact", "signed", "ended"),
            order_constraint("pact", "in_force", "ended"),
            precision_constraint("pact", "in_force_inferred"),
            order_constraint("pact", "signed", "in_force_inferred"),
            order_constraint("pact", "in_force_inferred", "ended"),
            models.CheckConstraint(
                condition=Q(in_force_inferred_on__isnull=True, in_force_inference="")
                | Q(in_force_inferred_on__isnull=False) & ~Q(in_force_inference=""),
                name="pact_inference_iff_inferred_date",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True, end_reason="")
                | Q(ended_on__isnull=False) & ~Q(end_reason=""),
                name="pact_end_reason_iff_ended",
            ),
            models.CheckConstraint(
                condition=Q(atop_phase__isnull=True) | Q(atop_id__isnull=False),
                name="pact_atop_phase_needs_id",
            ),
            models.UniqueConstraint(
                fields=["atop_id", "atop_phase"],
                condition=Q(atop_id__isnull=False),
                name="pact_atop_id_phase_unique",
            ),
            models.CheckConstraint(condition=~Q(slug=""), name="pact_slug_not_empty"),
        ]

    def save(self, *args, **kwargs):
        """The kept sort values are written by sortkeys.refresh_sort_keys alone: saving a
        stored pact writes every other field (an instance read before one of its parties
        was added must not write its old count back), and a new pact starts with nothing
        counted."""
        stored = not self._state.adding and self.pk is not None  # not a new row, nor a copy being made
        if not stored:
            # A new pact has no party, invocation or commitment yet; a copy of another pact
            # must not take over its counts.
            for name in self.SORT_KEYS:
                setattr(self, name, self._meta.get_field(name).get_default())
        elif not args and not kwargs.get("force_insert") and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                field.name for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in self.SORT_KEYS
            ]
        super().save(*args, **kwargs)

    def __str__(self):
        return self.short_name

    def get_absolute_url(self):
        return reverse("pacts:pact-detail", args=[self.slug])

    def status_on(self, day):
        """The pact's standing on `day`, derived from its dates (standing.PACT_STATUS)."""
        return PACT_STATUS.of(self, day)

    def status_decision(self, day):
        """status_on with how it was reached (standing.Decision): what `reasons` words."""
        return PACT_STATUS.decision(self, day)

    @property
    def in_force_by_inference(self):
        """True where the entry into force the status reads is the inferred one."""
        return self.in_force_on is None and self.in_force_inferred_on is not None


class Party(models.Model):
    """A state's membership of a pact, from joining to leaving."""

    pact = models.ForeignKey(Pact, on_delete=models.CASCADE, related_name="parties", verbose_name=_("pact"))
    state = models.ForeignKey(
        "pacts.State", on_delete=models.PROTECT, related_name="memberships", verbose_name=_("state")
    )
    ratified_on = models.DateField(_("ratified"), null=True, blank=True)
    ratified_precision = precision_field(_("ratification date precision"))
    joined_on = models.DateField(
        _("joined"),
        null=True,
        blank=True,
        help_text=_("The day the pact began to bind this state (entry into force or accession)."),
    )
    joined_precision = precision_field(_("joining date precision"))
    left_on = models.DateField(_("left"), null=True, blank=True)
    left_precision = precision_field(_("leaving date precision"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    source = models.ForeignKey(
        "pacts.Source", on_delete=models.PROTECT, related_name="+", verbose_name=_("source")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["pact", "joined_on", "state__name"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            precision_constraint("party", "ratified"),
            precision_constraint("party", "joined"),
            precision_constraint("party", "left"),
            order_constraint("party", "ratified", "joined"),
            order_constraint("party", "joined", "left"),
            models.UniqueConstraint(
                fields=["pact", "state", "joined_on"], name="party_unique_spell"
            ),
        ]

    def __str__(self):
        return f"{self.state} – {self.pact}"

    def status_on(self, day):
        """The state's standing in the pact on `day` (standing.MEMBERSHIP)."""
        return MEMBERSHIP.of(self, day)


class InferenceEvidence(models.Model):
    """An excerpt an inferred entry into force rests on (Pact.in_force_inference)."""

    pact = models.ForeignKey(Pact, on_delete=models.CASCADE, related_name="in_force_evidence", verbose_name=_("pact"))
    excerpt = models.ForeignKey(
        "pacts.Excerpt", on_delete=models.PROTECT, related_name="+", verbose_name=_("excerpt")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["pact", "excerpt__key"]
        verbose_name = _("evidence of an inferred date")
        verbose_name_plural = _("evidence of inferred dates")
        constraints = [
            models.UniqueConstraint(fields=["pact", "excerpt"], name="inferenceevidence_unique"),
        ]

    def __str__(self):
        return f"{self.pact}: {self.excerpt}"


class Suspension(models.Model):
    """A directed link between parties that stopped binding for a time, e.g. US
    obligations to New Zealand under ANZUS since 1986. A blank side means every party."""

    pact = models.ForeignKey(Pact, on_delete=models.CASCADE, related_name="suspensions", verbose_name=_("pact"))
    from_state = models.ForeignKey(
        "pacts.State",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("obliged state"),
    )
    to_state = models.ForeignKey(
        "pacts.State",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("protected state"),
    )
    started_on = models.DateField(_("from"))
    started_precision = precision_field(_("start date precision"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    ended_precision = precision_field(_("end date precision"))
    description = models.TextField(_("description"))
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
        ordering = ["pact", "started_on"]
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")
        constraints = [
            precision_constraint("suspension", "started"),
            precision_constraint("suspension", "ended"),
            order_constraint("suspension", "started", "ended"),
            models.CheckConstraint(
                condition=Q(from_state__isnull=False) | Q(to_state__isnull=False),
                name="suspension_names_a_state",
            ),
        ]

    def __str__(self):
        return self.description[:80]

    def covers(self, obliged, protected):
        return (self.from_state_id in (None, obliged.pk)) and (
            self.to_state_id in (None, protected.pk)
        )

    def active_on(self, day):
        """True, False, or None where the data cannot say (standing.SUSPENSION_ACTIVE)."""
        return SUSPENSION_ACTIVE.of(self, day)
