"""Is state A committed to defend state B on a given day? The answer and its evidence."""

from dataclasses import dataclass

from django.db.models import Prefetch

from .choices import DUTY_FREE_OBLIGATIONS, Automaticity, CommitmentType, Condition, LinkStatus, LookupAnswer
from .models import CodingNote, Commitment, CommitmentCondition, Party

# Conditions that make an obligation conditional beyond the trigger itself. Where the
# attack happens is part of the trigger and is shown with every finding.
UNCONDITIONAL_AUTOMATICITY = (Automaticity.AUTOMATIC, Automaticity.DISCRETIONARY)


@dataclass
class Finding:
    commitment: object
    status: str
    suspensions: list

    @property
    def conditions(self):
        return list(self.commitment.conditions.all())

    @property
    def conditional(self):
        extra = [c for c in self.conditions if c.condition != Condition.LOCATION]
        return bool(extra) or self.commitment.automaticity not in UNCONDITIONAL_AUTOMATICITY

    @property
    def sets_a_duty(self):
        return self.commitment.obligation not in DUTY_FREE_OBLIGATIONS

    @property
    def evidence(self):
        return self.commitment.evidence()


def findings_for(obliged, protected, day):
    """Every defence commitment of a pact both states have belonged to, with its status."""
    shared = Party.objects.filter(
        state=obliged, pact__in=Party.objects.filter(state=protected).values("pact")
    ).values("pact")
    commitments = (
        Commitment.objects.filter(pact__in=shared, commitment_type=CommitmentType.DEFENSE)
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
        .order_by("pact__signed_on", "clause__order")
    )
    results = []
    for commitment in commitments:
        status = commitment.link_status(obliged, protected, day)
        suspensions = [s for s in commitment.pact.suspensions.all() if s.covers(obliged, protected)]
        results.append(Finding(commitment, status, suspensions))
    return results


def answer(findings):
    binding = [f for f in findings if f.status == LinkStatus.BINDING and f.sets_a_duty]
    if any(not f.conditional for f in binding):
        return LookupAnswer.YES
    if binding:
        return LookupAnswer.CONDITIONALLY
    if any(f.status == LinkStatus.UNKNOWN and f.sets_a_duty for f in findings):
        return LookupAnswer.UNKNOWN
    return LookupAnswer.NO
