"""Querysets the dashboard pages start from, with what each page shows fetched up front
(a fixed number of queries whatever the number of rows)."""

from collections import namedtuple
from functools import lru_cache

from django.db.models import Case, Count, IntegerField, OuterRef, Prefetch, Subquery, Value, When
from django.db.models.functions import Coalesce

from .choices import OBLIGATION_STRENGTH
from .models import CodingNote, Commitment, CommitmentCondition, CommitmentSide, Invocation, Pact, Party


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
    """The pact list: one row per pact, with what it sorts on defined as aliases: computed
    only when a sort uses them, never selected for every row (see pact_page_rows)."""
    return _pact_rows(day).all()


@lru_cache(maxsize=4)
def _pact_rows(day):
    # Building these expressions costs about a millisecond, a tenth of a page; the
    # unevaluated queryset depends on the day alone, and callers get a copy of it.
    strongest = (
        Commitment.objects.filter(pact=OuterRef("pk")).annotate(rank=obligation_rank()).order_by("rank").values("rank")[:1]
    )
    return Pact.objects.alias(
        party_count=_count(Party),
        invocation_count=_count(Invocation),
        status_rank=status_rank(day),
        strongest_rank=Subquery(strongest, output_field=IntegerField()),
    ).order_by("signed_on", "slug", "pk")


def pact_page_rows(queryset):
    """The rows of one page of the pact list with the counts they show."""
    return queryset.annotate(invocation_count=_count(Invocation))


def pact_export_rows(queryset):
    """Pact rows with what an export writes of each (see exports.PACT_COLUMNS)."""
    return queryset.select_related("source").prefetch_related(
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


def _grouped(rows):
    grouped = {}
    for key, *rest in rows:
        grouped.setdefault(key, []).append(tuple(rest))
    return grouped


def pact_page_details(pact_ids):
    """For a page of the pact list: each pact's party codes (in order of joining) and its
    commitments' headline values, as plain tuples in two queries."""
    codes = Party.objects.filter(pact__in=pact_ids).order_by("pact", "joined_on", "state__code")
    headlines = Commitment.objects.filter(pact__in=pact_ids).order_by("pact", "clause__order", "key").values_list(
        "pact", "commitment_type", "obligation", "automaticity", "immediacy", "clause__label"
    )
    return {
        "party_codes": {pact: [code for (code,) in rows] for pact, rows in
                        _grouped(codes.values_list("pact", "state__code")).items()},
        "headlines": _grouped(headlines),
    }


# A coded value's evidence, as the matrix shows it.
Evidence = namedtuple("Evidence", "text rationale confidence excerpt_key source_key publisher")
SIDE, NOTE, CONDITION = "side", "note", "condition"
EVIDENCE_FIELDS = ("excerpt__text", "rationale", "confidence", "excerpt__key", "excerpt__source__key",
                   "excerpt__source__publisher")


def commitment_page_details(commitment_ids):
    """For a page of the matrix: each commitment's listed sides, coding notes and conditions
    with their evidence, as plain tuples. The three share their columns, so one UNION ALL
    reads them all."""
    ids = {"commitment__in": commitment_ids}
    blank_evidence = {f"blank{i}": Value("") for i in range(len(EVIDENCE_FIELDS))}
    sides = (
        CommitmentSide.objects.filter(**ids)
        .annotate(kind=Value(SIDE), **blank_evidence)
        .values_list("commitment", "kind", "role", "state__name", *blank_evidence)
    )
    notes = (
        CodingNote.objects.filter(**ids)
        .annotate(kind=Value(NOTE), detail=Value(""))
        .values_list("commitment", "kind", "dimension", "detail", *EVIDENCE_FIELDS)
    )
    conditions = (
        CommitmentCondition.objects.filter(**ids)
        .annotate(kind=Value(CONDITION))
        .values_list("commitment", "kind", "condition", "detail", *EVIDENCE_FIELDS)
    )
    details = {"sides": {}, "notes": {}, "conditions": {}}
    rows = sides.order_by().union(notes.order_by(), conditions.order_by(), all=True)
    for commitment, kind, value, detail, *evidence in sorted(rows):
        if kind == SIDE:
            details["sides"].setdefault(commitment, []).append((value, detail))
        elif kind == NOTE:
            details["notes"].setdefault(commitment, {})[value] = Evidence(*evidence)
        else:
            details["conditions"].setdefault(commitment, []).append((value, detail, Evidence(*evidence)))
    return details


def commitment_rows():
    """The matrix: one row per commitment, with its pact and clause."""
    return Commitment.objects.select_related("pact", "clause").order_by(
        "pact__signed_on", "pact__slug", "clause__order", "key", "pk"
    )


def commitment_export_rows(queryset):
    """Commitment rows with what an export writes of each (see exports.COMMITMENT_COLUMNS)."""
    return queryset.prefetch_related(
        "sides__state",
        Prefetch("notes", queryset=CodingNote.objects.select_related("excerpt__source")),
        Prefetch("conditions", queryset=CommitmentCondition.objects.select_related("excerpt__source")),
    )
