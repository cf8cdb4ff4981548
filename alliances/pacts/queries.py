"""Querysets the dashboard pages start from, with what each page shows fetched up front
(a fixed number of queries whatever the number of rows)."""

from django.db.models import Case, Count, IntegerField, OuterRef, Prefetch, Subquery, Value, When
from django.db.models.functions import Coalesce

from .choices import OBLIGATION_STRENGTH
from .models import CodingNote, Commitment, CommitmentCondition, Invocation, Pact, Party


def _count(model, **filters):
    counted = (
        model.objects.filter(pact=OuterRef("pk"), **filters)
        .order_by()
        .values("pact")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def obligation_rank():
    """0 for the strongest obligation, growing as obligations weaken."""
    return Case(
        *[When(obligation=kind, then=Value(rank)) for rank, kind in enumerate(OBLIGATION_STRENGTH)],
        default=Value(len(OBLIGATION_STRENGTH)),
        output_field=IntegerField(),
    )


def status_rank(day):
    """Sorts pacts by their standing on `day`: in force, signed, ended, not yet signed."""
    return Case(
        When(ended_on__lte=day, then=Value(3)),
        When(in_force_on__lte=day, then=Value(1)),
        When(signed_on__lte=day, then=Value(2)),
        default=Value(4),
        output_field=IntegerField(),
    )


def pact_rows(day):
    strongest = (
        Commitment.objects.filter(pact=OuterRef("pk")).annotate(rank=obligation_rank()).order_by("rank").values("rank")[:1]
    )
    return (
        Pact.objects.annotate(
            party_count=_count(Party),
            invocation_count=_count(Invocation),
            status_rank=status_rank(day),
            strongest_rank=Subquery(strongest, output_field=IntegerField()),
        )
        .prefetch_related(
            Prefetch(
                "commitments",
                queryset=Commitment.objects.select_related("clause").prefetch_related(
                    Prefetch("notes", queryset=CodingNote.objects.select_related("excerpt__source"))
                ),
            ),
            Prefetch(
                "parties",
                queryset=Party.objects.select_related("state").order_by("joined_on", "state__code"),
                to_attr="current_parties",
            ),
        )
        .order_by("signed_on", "slug", "pk")
    )


def commitment_rows():
    return (
        Commitment.objects.select_related("pact", "clause")
        .prefetch_related(
            "sides__state",
            Prefetch("notes", queryset=CodingNote.objects.select_related("excerpt__source")),
            Prefetch("conditions", queryset=CommitmentCondition.objects.select_related("excerpt__source")),
        )
        .order_by("pact__signed_on", "pact__slug", "clause__order", "key", "pk")
    )
