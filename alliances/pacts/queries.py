"""Querysets the dashboard pages start from, with what each page shows fetched up front
(a fixed number of queries whatever the number of rows)."""

from collections import namedtuple

from django.db.models import Prefetch, Value

from .models import CodingNote, Commitment, CommitmentCondition, CommitmentSide, Invocation, Pact, Party
from .prepared import KeyedQuery
from .sortkeys import count_of


def pact_rows():
    """The pact list: one row per pact, in order of signature. Beyond its columns it sorts
    on values kept on each pact (sortkeys.py) and on its status on a day
    (standing.pact_status_rank)."""
    return Pact.objects.order_by("signed_on", "slug", "pk")


def pact_page_rows(queryset):
    """The rows of one page of the pact list with the counts they show."""
    return queryset.annotate(invocation_count=count_of(Invocation))


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


_PARTY_CODES = KeyedQuery(
    lambda pact_ids: Party.objects.filter(pact__in=pact_ids)
    .order_by("pact", "joined_on", "state__code")
    .values_list("pact", "state__code")
)
_HEADLINES = KeyedQuery(
    lambda pact_ids: Commitment.objects.filter(pact__in=pact_ids)
    .order_by("pact", "clause__order", "key")
    .values_list("pact", "commitment_type", "obligation", "automaticity", "immediacy", "clause__label")
)


def pact_page_details(pact_ids):
    """For a page of the pact list: each pact's party codes (in order of joining) and its
    commitments' headline values, as plain tuples in two queries."""
    return {
        "party_codes": {pact: [code for (code,) in rows] for pact, rows in _grouped(_PARTY_CODES.rows(pact_ids)).items()},
        "headlines": _grouped(_HEADLINES.rows(pact_ids)),
    }


# A coded value's evidence, as the matrix shows it.
Evidence = namedtuple("Evidence", "text rationale confidence excerpt_key source_key publisher coded_by reviewed_by")
SIDE, NOTE, CONDITION = "side", "note", "condition"
EVIDENCE_FIELDS = ("excerpt__text", "rationale", "confidence", "excerpt__key", "excerpt__source__key",
                   "excerpt__source__publisher", "coded_by", "reviewed_by")


def _commitment_details_query(commitment_ids):
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
    return sides.order_by().union(notes.order_by(), conditions.order_by(), all=True)


_COMMITMENT_DETAILS = KeyedQuery(_commitment_details_query)


def commitment_page_details(commitment_ids):
    """For a page of the matrix: each commitment's listed sides, coding notes and conditions
    with their evidence, as plain tuples. The three share their columns, so one UNION ALL
    reads them all."""
    details = {"sides": {}, "notes": {}, "conditions": {}}
    for commitment, kind, value, detail, *evidence in sorted(_COMMITMENT_DETAILS.rows(commitment_ids)):
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
