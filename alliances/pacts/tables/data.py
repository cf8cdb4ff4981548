"""What the tables' cells show beyond their own row, read for a page at a time.

A PageData reads, for the records of one page (or one batch of an export), what some
columns need, in one query, and returns it by record key. A column names the PageData it
reads (Column.reads); a table runs each PageData its columns name once per page, however
many columns share it: the matrix's sides, coding notes and conditions are one query for
eleven columns.
"""

from collections import namedtuple

from django.db.models import Prefetch, Value

from ..models import CodingNote, Commitment, CommitmentCondition, CommitmentSide, Party
from ..prepared import KeyedQuery


class PageData:
    """`read(records)`: {record key: what the columns naming it need of that record}."""

    def __init__(self, name, read):
        self.name = name
        self.read = read

    def __repr__(self):
        return f"<PageData {self.name}>"


def _grouped(rows):
    grouped = {}
    for key, *rest in rows:
        grouped.setdefault(key, []).append(tuple(rest))
    return grouped


def _keys(records):
    return [record.pk for record in records]


_PARTY_CODES = KeyedQuery(
    lambda pact_ids: Party.objects.filter(pact__in=pact_ids)
    .order_by("pact", "joined_on", "state__code")
    .values_list("pact", "state__code")
)

# Each pact's parties' codes, in order of joining.
PARTY_CODES = PageData(
    "party codes",
    lambda pacts: {pact: [code for (code,) in rows] for pact, rows in _grouped(_PARTY_CODES.rows(_keys(pacts))).items()},
)

# Each pact's parties' names, in order of joining (a state that left and joined again once).
_PARTY_NAMES = KeyedQuery(
    lambda pact_ids: Party.objects.filter(pact__in=pact_ids)
    .order_by("pact", "joined_on", "state__name")
    .values_list("pact", "state__name")
)


def _pacts_party_names(commitments):
    rows = _grouped(_PARTY_NAMES.rows(sorted({commitment.pact_id for commitment in commitments})))
    names = {pact: list(dict.fromkeys(name for (name,) in found)) for pact, found in rows.items()}
    return {commitment.pk: names.get(commitment.pact_id, []) for commitment in commitments}


# Exports only: the names of every party of each commitment's pact, which "every party" stands for.
PACT_PARTY_NAMES = PageData("the names of the pact's parties", _pacts_party_names)


# What a pact's headline shows of each of its commitments, in the order of its clauses.
Headline = namedtuple("Headline", "commitment_type obligation automaticity immediacy article")
_HEADLINES = KeyedQuery(
    lambda pact_ids: Commitment.objects.filter(pact__in=pact_ids)
    .order_by("pact", "clause__order", "key")
    .values_list("pact", *Headline._fields[:-1], "clause__label")
)
HEADLINES = PageData(
    "headlines",
    lambda pacts: {pact: [Headline(*row) for row in rows] for pact, rows in _grouped(_HEADLINES.rows(_keys(pacts))).items()},
)


def _commitments_with_evidence(pacts):
    """Each pact's commitments, with their clause and coding notes (and the notes' excerpts
    and sources) prefetched, for the rules that pick among them (strength.strongest,
    Commitment.evidence)."""
    commitments = (
        Commitment.objects.filter(pact__in=_keys(pacts))
        .select_related("clause")
        .prefetch_related(Prefetch("notes", queryset=CodingNote.objects.select_related("excerpt__source")))
        .order_by("pact", "clause__order", "key")
    )
    grouped = {}
    for commitment in commitments:
        grouped.setdefault(commitment.pact_id, []).append(commitment)
    return grouped


# Exports only: each pact's commitments as model instances.
PACT_COMMITMENTS = PageData("commitments with their evidence", _commitments_with_evidence)


# A coded value's evidence, as the matrix shows it.
Evidence = namedtuple("Evidence", "text rationale confidence excerpt_key source_key publisher source_url "
                                 "coded_by reviewed_by language")
EVIDENCE_FIELDS = ("excerpt__text", "rationale", "confidence", "excerpt__key", "excerpt__source__key",
                   "excerpt__source__publisher", "excerpt__source__url", "coded_by", "reviewed_by",
                   "excerpt__source__language")
_SIDE, _NOTE, _CONDITION = "side", "note", "condition"


def _details_query(commitment_ids):
    ids = {"commitment__in": commitment_ids}
    blank_evidence = {f"blank{i}": Value("") for i in range(len(EVIDENCE_FIELDS))}
    sides = (
        CommitmentSide.objects.filter(**ids)
        .annotate(kind=Value(_SIDE), **blank_evidence)
        .values_list("commitment", "kind", "role", "state__name", *blank_evidence)
    )
    notes = (
        CodingNote.objects.filter(**ids)
        .annotate(kind=Value(_NOTE), detail=Value(""))
        .values_list("commitment", "kind", "dimension", "detail", *EVIDENCE_FIELDS)
    )
    conditions = (
        CommitmentCondition.objects.filter(**ids)
        .annotate(kind=Value(_CONDITION))
        .values_list("commitment", "kind", "condition", "detail", *EVIDENCE_FIELDS)
    )
    return sides.order_by().union(notes.order_by(), conditions.order_by(), all=True)


_DETAILS = KeyedQuery(_details_query)


class Details:
    """A commitment's listed sides (role, state name), coding notes (by dimension) and
    conditions (condition, detail, evidence)."""

    __slots__ = ("sides", "notes", "conditions")

    def __init__(self):
        self.sides, self.notes, self.conditions = [], {}, []


def _details(commitments):
    """The three share their columns, so one UNION ALL reads them all."""
    details = {}
    for commitment, kind, value, detail, *evidence in sorted(_DETAILS.rows(_keys(commitments))):
        of = details.get(commitment)
        if of is None:
            of = details[commitment] = Details()
        if kind == _SIDE:
            of.sides.append((value, detail))
        elif kind == _NOTE:
            of.notes[value] = Evidence(*evidence)
        else:
            of.conditions.append((value, detail, Evidence(*evidence)))
    return details


COMMITMENT_DETAILS = PageData("sides, coding notes and conditions", _details)
