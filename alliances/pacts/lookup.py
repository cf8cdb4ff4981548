"""Who must defend whom on a day: is state A committed to defend state B, who is committed
to defend B, whom must A defend. The answers and their evidence.

Only defence commitments (choices.DEFENCE_TYPES) answer; the pledges between the states
(non-aggression, neutrality, consultation) are listed apart and never counted. Each
commitment's status is Commitment.link_status's (through link_detail, which also says
why a link does not bind); the one-sided answers are the state's links on that day
(state_day.state_on, links.links_of).
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from . import reasons
from .choices import (
    DEFENCE_TYPES, DUTY_FREE_OBLIGATIONS, PLEDGE_TYPES, Automaticity, Condition, LinkStatus,
    LookupAnswer,
)
from .models import CodingNote, Commitment, CommitmentCondition, Pact, Party
from .state_day import MAY_BIND, NOT_IN_FORCE, state_on, with_evidence

# Conditions that make an obligation conditional beyond the trigger itself. Where the
# attack happens is part of the trigger and is shown with every finding.
UNCONDITIONAL_AUTOMATICITY = (Automaticity.AUTOMATIC, Automaticity.DISCRETIONARY)


def conditions_of(commitment):
    return list(commitment.conditions.all())


def is_conditional(commitment):
    """Whether an obligation waits on more than its trigger: a condition other than where
    the attack happens, or an automaticity short of automatic or discretionary."""
    extra = [c for c in conditions_of(commitment) if c.condition != Condition.LOCATION]
    return bool(extra) or commitment.automaticity not in UNCONDITIONAL_AUTOMATICITY


@dataclass
class Finding:
    commitment: object
    detail: object  # Commitment.LinkDetail
    reason: str = ""  # why it does not bind, or cannot be known, that day
    pact_status: object = None  # reasons.Said

    @property
    def status(self):
        return self.detail.status

    @property
    def suspensions(self):
        return list(self.detail.suspensions)

    @property
    def conditions(self):
        return conditions_of(self.commitment)

    @property
    def conditional(self):
        return is_conditional(self.commitment)

    @property
    def sets_a_duty(self):
        return self.commitment.obligation not in DUTY_FREE_OBLIGATIONS

    @property
    def evidence(self):
        return self.commitment.evidence()


def _commitments(pacts, types):
    return (
        Commitment.objects.filter(pact__in=pacts, commitment_type__in=types)
        .select_related("pact", "clause")
        .prefetch_related(
            "pact__parties",
            "pact__suspensions__from_state",
            "pact__suspensions__to_state",
            "pact__suspensions__source",
            "sides",
            Prefetch("notes", queryset=CodingNote.objects.select_related("excerpt__source")),
            Prefetch("conditions", queryset=CommitmentCondition.objects.select_related("excerpt__source")),
        )
        .order_by("pact__signed_on", "pact__slug", "clause__order", "key")
    )


def findings_for(obliged, protected, day, types=DEFENCE_TYPES):
    """Every commitment of `types` of a pact both states have belonged to, with its status
    on `day` and why it does not bind where it does not."""
    shared = Party.objects.filter(
        state=obliged, pact__in=Party.objects.filter(state=protected).values("pact")
    ).values("pact")
    results = []
    for commitment in _commitments(shared, types):
        detail = commitment.link_detail(obliged, protected, day)
        reason = reasons.link_reason(detail, commitment, obliged, protected, day)
        results.append(Finding(commitment, detail, reason, reasons.pact_status(commitment.pact, day)))
    return results


def answer(findings):
    """Yes, conditionally, no, or unknown, from the defence findings (by the recorded
    parties: the page says where a party list is known to be incomplete). A permission to
    use force (no duty to act) never counts as a commitment to defend."""
    binding = [f for f in findings if f.status == LinkStatus.BINDING and f.sets_a_duty]
    if any(not f.conditional for f in binding):
        return LookupAnswer.YES
    if binding:
        return LookupAnswer.CONDITIONALLY
    if any(f.status == LinkStatus.UNKNOWN and f.sets_a_duty for f in findings):
        return LookupAnswer.UNKNOWN
    return LookupAnswer.NO


def party_list_gaps(states, day):
    """The pacts with a defence commitment that may bind on `day`, one of `states` a party to
    it and another recorded as none, whose party list is known to be incomplete: the
    answer between them reads a list that may lack the other."""
    ids = {state.pk for state in states}
    pacts = (
        Pact.objects.filter(parties__state__in=ids, commitments__commitment_type__in=DEFENCE_TYPES)
        .exclude(parties_incomplete="")
        .distinct()
        .prefetch_related("parties")
        .order_by("signed_on", "slug")
    )
    gaps = []
    for pact in pacts:
        present = {party.state_id for party in pact.parties.all()} & ids
        if 0 < len(present) < len(ids) and reasons.pact_status(pact, day).value in MAY_BIND:
            gaps.append(pact)
    return gaps


@dataclass
class PairAnswer:
    obliged: object
    protected: object
    day: object
    findings: list  # defence
    pledges: list  # the pledges between them, never counted
    gaps: list  # pacts whose incomplete party list the answer reads
    answer: str = ""


def pair(obliged, protected, day):
    """Is `obliged` committed to defend `protected` on `day`?"""
    every = findings_for(obliged, protected, day, DEFENCE_TYPES + PLEDGE_TYPES)
    defence = [f for f in every if f.commitment.commitment_type in DEFENCE_TYPES]
    pledges = [f for f in every if f.commitment.commitment_type not in DEFENCE_TYPES]
    gaps = party_list_gaps([obliged, protected], day)
    return PairAnswer(obliged, protected, day, defence, pledges, gaps, answer(defence))


@dataclass
class OneSided:
    """Who is committed to defend a state (`inbound`), or whom it must defend, on a day."""

    state: object
    day: object
    inbound: bool
    groups: list  # state_day.LinkGroup, with their notes and conditions read
    pledges: list  # (commitment type, groups)
    not_binding: list = field(default_factory=list)  # (Membership, reason): its defence pacts that do not bind that day
    incomplete: list = field(default_factory=list)  # pacts whose party list is known to be incomplete
    nuclear: object = None

    @property
    def answer(self):
        """Yes (someone, unconditionally), conditionally, unknown, or no, as for a pair (a
        permission to use force, with no duty to act, never counts)."""
        duties = [g for g in self.groups if g.commitment.obligation not in DUTY_FREE_OBLIGATIONS]
        binding = [g for g in duties if g.status == LinkStatus.BINDING]
        if any(not is_conditional(g.commitment) for g in binding):
            return LookupAnswer.YES
        if binding:
            return LookupAnswer.CONDITIONALLY
        if any(g.status == LinkStatus.UNKNOWN for g in duties):
            return LookupAnswer.UNKNOWN
        return LookupAnswer.NO


def one_sided(state, day, inbound):
    """Who is committed to defend `state` on `day` (inbound), or whom it must defend."""
    on_day = state_on(state, day)
    groups = with_evidence(on_day.defended_by if inbound else on_day.defends)
    pledges = [(kind, to_it if inbound else from_it) for kind, to_it, from_it in on_day.pledges]
    with_defence = set(
        Commitment.objects.filter(pact__in=[m.pact.pk for m in on_day.pacts], commitment_type__in=DEFENCE_TYPES)
        .values_list("pact", flat=True)
    )
    not_binding = [(m, _not_in_force(m)) for m in on_day.pacts if m.standing == NOT_IN_FORCE and m.pact.pk in with_defence]
    return OneSided(state, day, inbound, groups, pledges, not_binding, on_day.incomplete, on_day.nuclear)


def _not_in_force(membership):
    """Why a pact of the state does not bind it that day: the pact's dates, else its own."""
    return reasons.not_in_force(membership.pact, membership.status.value) or str(membership.membership)
