"""Every difference between the curated coding and ATOP 5.1's, each with its explanation or
marked for review (the explanations are curated data: fixtures/atop_disagreements.json)."""

from django.db.models import Prefetch
from django.views.generic import TemplateView

from ..atop_compare import ReviewState, compare_with_atop
from ..models import AtopDisagreement, AtopPhase, Commitment, CommitmentCondition, Pact, Party


class AtopDisagreementsView(TemplateView):
    template_name = "pacts/atop_disagreements.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pacts = list(
            Pact.objects.filter(curated=True)
            .order_by("signed_on", "slug")
            .prefetch_related(
                Prefetch("atop_phases", queryset=AtopPhase.objects.prefetch_related("members__state")),
                Prefetch("parties", queryset=Party.objects.select_related("state")),
                Prefetch("commitments", queryset=Commitment.objects.select_related("clause").only(
                    "pk", "pact_id", "key", "commitment_type", "effective_on", "clause__label",
                ).prefetch_related(Prefetch("conditions", queryset=CommitmentCondition.objects.only(
                    "pk", "commitment_id", "condition")))),
                Prefetch("atop_disagreements", queryset=AtopDisagreement.objects.select_related("source", "excerpt")),
            )
        )
        compared = [(pact, [row for row in compare_with_atop(pact) if not row.agrees]) for pact in pacts]
        rows = [(pact, row) for pact, differing in compared for row in differing]
        counts = {state: 0 for state in ReviewState.LABELS}
        for _pact, row in rows:
            counts[row.review_state] += 1
        # Explanations of a difference the codings no longer show (the data were corrected, or
        # ATOP is not imported): listed for the curators, never shown as holding.
        current = {(pact.pk, row.dimension) for pact, row in rows}
        coded = {pact.pk for pact in pacts if pact.atop_phases.all()}
        idle = [
            (pact, e) for pact in pacts for e in pact.atop_disagreements.all()
            if (pact.pk, e.dimension) not in current
        ]
        context.update(
            rows=rows,
            counts=[(ReviewState.LABELS[state], counts[state], state) for state in ReviewState.LABELS],
            to_review=len(rows) - counts[ReviewState.EXPLAINED],
            compared=len(coded),
            atop_imported=bool(coded),
            idle=[(pact, e, pact.pk in coded) for pact, e in idle],
        )
        return context
