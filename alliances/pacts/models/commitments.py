"""The comparison core: who is committed to do what for whom, on which trigger.

A commitment is coded per clause and runs from the obliged side to the protected side.
Either side is "every party of the day" or a list of named states, so mutual pacts with
changing membership and asymmetric pacts are both representable. Every coded value has
its provenance: a `CodingNote` per coded dimension, and each condition carries its own.
"""

from typing import NamedTuple

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..articles import article_label
from ..choices import (
    AdversaryScope,
    Automaticity,
    CodedDimension,
    CommitmentRole,
    CommitmentType,
    Condition,
    Confidence,
    Immediacy,
    LinkStatus,
    Means,
    MembershipStatus,
    ObligationKind,
    PactStatus,
    PartyScope,
    TriggerEvent,
    TriggerScope,
)
from ..dates import order_constraint, precision_constraint, precision_field
from ..dimensions import DIMENSIONS
from ..standing import MEMBERSHIP, PACT_STATUS, SUSPENSION_ACTIVE, WORDING_IN_FORCE, membership_of


def evidence_of(notes):
    """Of a commitment's coding notes (by coded dimension), the one that stands for the whole
    commitment: the obligation's, else the trigger's, else any; None without notes."""
    return (
        notes.get(CodedDimension.OBLIGATION)
        or notes.get(CodedDimension.TRIGGER_EVENT)
        or next(iter(notes.values()), None)
    )


class Commitment(models.Model):
    key = models.SlugField(_("key"), max_length=120, unique=True)
    pact = models.ForeignKey(
        "pacts.Pact", on_delete=models.CASCADE, related_name="commitments", verbose_name=_("pact")
    )
    clause = models.ForeignKey(
        "pacts.Clause", on_delete=models.PROTECT, related_name="commitments", verbose_name=_("clause")
    )
    commitment_type = models.CharField(_("type"), max_length=16, choices=CommitmentType.choices)
    obliged_scope = models.CharField(
        _("obliged"), max_length=12, choices=PartyScope.choices, default=PartyScope.ALL_PARTIES
    )
    protected_scope = models.CharField(
        _("protected"), max_length=12, choices=PartyScope.choices, default=PartyScope.ALL_PARTIES
    )
    # Trigger
    trigger_event = models.CharField(_("trigger event"), max_length=24, choices=TriggerEvent.choices)
    trigger_scope = models.CharField(_("where"), max_length=20, choices=TriggerScope.choices)
    named_area = models.CharField(_("named area"), max_length=300, blank=True)
    adversary_scope = models.CharField(
        _("against whom"), max_length=12, choices=AdversaryScope.choices
    )
    named_adversary = models.CharField(_("named adversary"), max_length=300, blank=True)
    # Obligation
    obligation = models.CharField(_("obligation"), max_length=24, choices=ObligationKind.choices)
    automaticity = models.CharField(_("automaticity"), max_length=24, choices=Automaticity.choices)
    immediacy = models.CharField(_("immediacy"), max_length=14, choices=Immediacy.choices)
    means = models.CharField(_("means"), max_length=24, choices=Means.choices)
    cites_un_article_51 = models.BooleanField(_("cites UN Charter Article 51"), default=False)
    reports_to_security_council = models.BooleanField(
        _("reports to the Security Council"), default=False
    )
    summary = models.TextField(_("summary"), blank=True)
    # An amended article is coded once per wording: each commitment binds only while the
    # wording it was coded from was in force (blank: for the whole life of the pact).
    effective_on = models.DateField(
        _("wording in force from"), null=True, blank=True,
        help_text=_("For an amended article: the day the coded wording took effect."),
    )
    effective_precision = precision_field(_("precision of that date"))
    superseded_on = models.DateField(
        _("wording superseded on"), null=True, blank=True,
        help_text=_("The day a later wording of the article replaced the coded one."),
    )
    superseded_precision = precision_field(_("precision of that date"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["pact", "clause__order", "key"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            precision_constraint("commitment", "effective"),
            precision_constraint("commitment", "superseded"),
            order_constraint("commitment", "effective", "superseded"),
        ]
        # The matrix sorts on each coded value, ties broken by id; with an index on both
        # a page is read along it rather than after sorting every commitment (an index on
        # the value alone leaves PostgreSQL sorting each value's rows by id; see
        # docs/performance.md).
        indexes = [
            models.Index(fields=[dimension.field, "id"], name=f"cmt_{dimension.field}_id"[:30])
            for dimension in DIMENSIONS if dimension.sortable
        ] + [
            # The pact list keeps the pacts with a commitment of a given type, trigger,
            # obligation...: with the pact beside the value, the index alone says which.
            models.Index(fields=[dimension.field, "pact"], name=f"cmt_{dimension.field}_pact")
            for dimension in DIMENSIONS if dimension.sortable and dimension.filter_name and dimension.filter_on == "value"
        ]

    def __str__(self):
        return f"{self.pact}, {article_label(self.clause.label)}: {self.get_commitment_type_display()}"

    def evidence(self):
        """The coding note that stands for the whole commitment (evidence_of; uses prefetched notes)."""
        return evidence_of({note.dimension: note for note in self.notes.all()})

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.clause_id and self.pact_id and self.clause.pact_id != self.pact_id:
            raise ValidationError({"clause": _("The clause belongs to another pact.")})

    # A state page asks link_status of every pair of parties of every pact; these read the
    # (prefetched) sides, parties and suspensions once per instance instead of once per pair.
    def _listed(self):
        if not hasattr(self, "_listed_sides"):
            self._listed_sides = {(link.state_id, link.role) for link in self.sides.all()}
        return self._listed_sides

    def _spells_of(self, state_id):
        pact = self.pact
        if not hasattr(pact, "_parties_by_state"):
            pact._parties_by_state = {}
            for party in pact.parties.all():
                pact._parties_by_state.setdefault(party.state_id, []).append(party)
        return pact._parties_by_state.get(state_id, ())

    def _membership(self, state_id, day):
        """membership_of the state's spells in the pact on `day`, worked out once per pact
        instance and day: both sides of every commitment of a pact ask it."""
        memo = self.pact.__dict__.setdefault("_membership_on", {})
        if (state_id, day) not in memo:
            memo[state_id, day] = membership_of(self._spells_of(state_id), day)
        return memo[state_id, day]

    def side_standing(self, state, role, day):
        """Whether `state` stands on one side of this commitment on `day` (True, False, or
        None where the data cannot say), and why: whether a listed side names it, and its
        membership of the pact that day from all its spells (standing.membership_of; None
        where it never was a party)."""
        scope = self.obliged_scope if role == CommitmentRole.OBLIGED else self.protected_scope
        listed = scope != PartyScope.LISTED or (state.pk, role) in self._listed()
        if not listed:
            return SideStanding(False, False, None)
        membership = self._membership(state.pk, day)
        on_side = {MembershipStatus.PARTY: True, MembershipStatus.UNKNOWN: None}.get(membership, False)
        return SideStanding(on_side, True, membership)

    def _suspensions(self):
        pact = self.pact
        if not hasattr(pact, "_suspension_list"):
            pact._suspension_list = list(pact.suspensions.all())
        return pact._suspension_list

    def _on_side(self, state, role, day):
        """Whether `state` stands on one side of this commitment on `day` (True/False/None)."""
        return self.side_standing(state, role, day).on_side

    def wording_in_force_on(self, day):
        """Whether the wording this commitment was coded from was in force on `day`:
        True, False, or None where the dates cannot say (standing.WORDING_IN_FORCE)."""
        return WORDING_IN_FORCE.of(self, day)

    def link_status(self, obliged, protected, day):
        """Whether this commitment binds `obliged` to defend `protected` on `day`."""
        if obliged.pk == protected.pk:
            return LinkStatus.NOT_BINDING
        return self.link_detail(obliged, protected, day).status

    def link_detail(self, obliged, protected, day):
        """link_status with what it was decided from, for a page that says why a link does
        not bind or cannot be known (reasons.link_reason)."""
        pact_status = self.pact.status_on(day)
        obliged_side = self.side_standing(obliged, CommitmentRole.OBLIGED, day)
        protected_side = self.side_standing(protected, CommitmentRole.PROTECTED, day)
        status = self._link(pact_status, self.wording_in_force_on(day), obliged_side.on_side, protected_side.on_side,
                            obliged, protected, day)
        suspensions = tuple(s for s in self._suspensions() if s.covers(obliged, protected))
        return LinkDetail(status, pact_status, obliged_side, protected_side, suspensions)

    def links_on(self, day, obliged=None, protected=None):
        """(obliged state, protected state, status) for every pair of states this commitment
        may bind on `day` (binding, suspended or unknown; never "not binding"), each state's
        side read once. `obliged` and `protected`, sets of state ids, narrow the sides."""
        pact_status = self.pact.status_on(day)
        wording = self.wording_in_force_on(day)
        if pact_status not in (PactStatus.IN_FORCE, PactStatus.UNKNOWN) or wording is False:
            return
        states = {party.state_id: party.state for party in self.pact.parties.all()}

        def side(role, among):
            standing = {
                state: self._on_side(state, role, day)
                for pk, state in states.items()
                if among is None or pk in among
            }
            return [(state, on_side) for state, on_side in standing.items() if on_side is not False]

        # The narrowed side first: where none of its states stands on it, the other side's
        # states are not read at all.
        if protected is not None and obliged is None:
            protected_side = side(CommitmentRole.PROTECTED, protected)
            obliged_side = side(CommitmentRole.OBLIGED, obliged) if protected_side else []
        else:
            obliged_side = side(CommitmentRole.OBLIGED, obliged)
            protected_side = side(CommitmentRole.PROTECTED, protected) if obliged_side else []
        for a, a_side in obliged_side:
            for b, b_side in protected_side:
                if a.pk != b.pk:
                    status = self._link(pact_status, wording, a_side, b_side, a, b, day)
                    if status != LinkStatus.NOT_BINDING:
                        yield a, b, status

    def link_changes(self):
        """The days on which links_on's answer may differ from the day before's: where the
        pact's status, the commitment's wording, a party's membership or a suspension may
        change (standing's `changes`). Uses the prefetched pact, parties and suspensions."""
        days = PACT_STATUS.changes(self.pact) | WORDING_IN_FORCE.changes(self)
        for party in self.pact.parties.all():
            days |= MEMBERSHIP.changes(party)
        for suspension in self.pact.suspensions.all():
            days |= SUSPENSION_ACTIVE.changes(suspension)
        return days

    def _link(self, pact_status, wording, obliged_side, protected_side, obliged, protected, day):
        """The link's status from the pact's status, whether the coded wording is in force
        (wording_in_force_on) and each state's standing on its side (True, False, or None
        where the data cannot say)."""
        if pact_status not in (PactStatus.IN_FORCE, PactStatus.UNKNOWN):
            return LinkStatus.NOT_BINDING
        if wording is False:
            return LinkStatus.NOT_BINDING
        sides = [obliged_side, protected_side]
        # A state known not to stand on a side that day is not bound, nor defended, even
        # where the pact's own standing is unknown (a state that had ceased to exist, say,
        # after the data on the pact stops).
        if False in sides:
            return LinkStatus.NOT_BINDING
        if pact_status == PactStatus.UNKNOWN or None in sides or wording is None:
            return LinkStatus.UNKNOWN
        suspended = [s.active_on(day) for s in self._suspensions() if s.covers(obliged, protected)]
        if True in suspended:
            return LinkStatus.SUSPENDED
        if None in suspended:
            return LinkStatus.UNKNOWN
        return LinkStatus.BINDING


class SideStanding(NamedTuple):
    on_side: object  # True, False, or None where the data cannot say
    listed: bool  # False where the side lists its states and this one is not among them
    membership: object  # MembershipStatus from all the state's spells; None if never a party


class LinkDetail(NamedTuple):
    status: str  # LinkStatus
    pact_status: str  # PactStatus on that day
    obliged: SideStanding
    protected: SideStanding
    suspensions: tuple  # the pact's suspensions that cover this pair, whatever their dates


class CommitmentSide(models.Model):
    """A named state on one side of a commitment whose side is a list."""

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="sides", verbose_name=_("commitment")
    )
    state = models.ForeignKey("pacts.State", on_delete=models.PROTECT, related_name="+", verbose_name=_("state"))
    role = models.CharField(_("role"), max_length=10, choices=CommitmentRole.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["commitment", "role", "state__name"]
        verbose_name = _("named state on a side")
        verbose_name_plural = _("named states on the sides")
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "state", "role"], name="commitmentside_unique"
            )
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.state}"


class Provenance(models.Model):
    """Why a coded value is what it is."""

    excerpt = models.ForeignKey(
        "pacts.Excerpt", on_delete=models.PROTECT, related_name="+", verbose_name=_("excerpt")
    )
    rationale = models.TextField(_("rationale"))
    confidence = models.CharField(_("confidence"), max_length=8, choices=Confidence.choices)
    coded_by = models.CharField(_("coded by"), max_length=120)
    reviewed_by = models.CharField(_("reviewed by"), max_length=120, blank=True)

    class Meta:
        abstract = True


class CodingNote(Provenance):
    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="notes", verbose_name=_("commitment")
    )
    dimension = models.CharField(_("coded field"), max_length=20, choices=CodedDimension.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["commitment", "dimension"]
        verbose_name = _("coding note")
        verbose_name_plural = _("coding notes")
        constraints = [
            models.UniqueConstraint(fields=["commitment", "dimension"], name="codingnote_unique")
        ]

    def __str__(self):
        return f"{self.commitment}: {self.get_dimension_display()}"


class CommitmentCondition(Provenance):
    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="conditions", verbose_name=_("commitment")
    )
    condition = models.CharField(_("condition"), max_length=24, choices=Condition.choices)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["commitment", "condition"]
        verbose_name = _("condition")
        verbose_name_plural = _("conditions")
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "condition"], name="commitmentcondition_unique"
            )
        ]

    def __str__(self):
        return self.get_condition_display()
