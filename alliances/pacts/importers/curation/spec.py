"""How curated data is laid out in fixtures/ and how it maps onto the models.

Each model has a spec: its natural key, its fields as they appear in the fixture JSON,
and where its records nest. The loader, the differ and the exporter all read these
specs, so the file layout is described once.

Dates with a precision are written as "1996", "1996-09" or "1996-09-07": the string says
how much is known. Plain dates are "YYYY-MM-DD". References name their target by its
natural key (a state code, a source key, a pact slug, a clause label within its pact).
Empty values (blank strings, nulls, false, empty lists) are left out of the files.
"""

from dataclasses import dataclass, field

from ... import choices
from ... import models as m


@dataclass(frozen=True)
class Field:
    """One fixture key. `kind` is str, text, int, bool, choice, date, pdate, ref, localref."""

    name: str
    kind: str = "str"
    required: bool = False
    enum: type | None = None
    target: str | None = None  # spec name a ref points to
    attr: str | None = None  # model attribute, when it differs from name

    @property
    def model_attr(self):
        return self.attr or self.name


@dataclass(frozen=True)
class Spec:
    name: str  # how messages name the record type
    model: type
    fields: tuple
    key: tuple  # fixture keys forming the key within the parent (or globally)
    parent: str | None = None  # spec name of the enclosing record
    parent_attr: str | None = None  # FK attribute pointing to the parent
    nest_as: str | None = None  # JSON key of the list in the parent record
    order_by: tuple = ()  # fixture keys giving the order of records in the files
    date_order: tuple = ()  # (earlier, later) pdate pairs that must not be reversed
    verbatim: tuple = ()  # (text field, ref field to a source or excerpt) pairs
    value_list: str | None = None  # for specs written as a plain list of one field
    fixed: dict = field(default_factory=dict)  # constant model values for value lists
    together: tuple = ()  # groups of fields given all together or not at all
    evidenced_by: tuple = ()  # (field, child spec name): where the field is given, at least one such child


C = choices

STATE = Spec(
    "state",
    m.State,
    (
        Field("code", required=True),
        Field("name", required=True),
        Field("cow_code", "int"),
        Field("cow_abbreviation"),
        Field("nuclear_status", "choice", required=True, enum=C.NuclearStatus),
        Field("nuclear_since", "pdate"),
        Field("nuclear_source", "ref", target="source"),
    ),
    key=("code",),
    order_by=("code",),
)

SOURCE = Spec(
    "source",
    m.Source,
    (
        Field("key", required=True),
        Field("title", required=True),
        Field("publisher", required=True),
        Field("url"),
        Field("language", required=True),
        Field("kind", "choice", required=True, enum=C.SourceKind),
        Field("published", "pdate"),
        Field("accessed_on", "date"),
        Field("seed_file", required=True),
        Field("notes", "text"),
    ),
    key=("key",),
    order_by=("key",),
)

EXCERPT = Spec(
    "excerpt",
    m.Excerpt,
    (
        Field("key", required=True),
        Field("location"),
        Field("text", "text", required=True),
    ),
    key=("key",),
    parent="source",
    parent_attr="source",
    nest_as="excerpts",
    order_by=("key",),
    verbatim=(("text", None),),
)

PACT = Spec(
    "pact",
    m.Pact,
    (
        Field("slug", required=True),
        Field("short_name", required=True),
        Field("title", required=True),
        Field("multilaterality", "choice", required=True, enum=C.Multilaterality),
        Field("signed", "pdate", required=True),
        Field("signed_place"),
        Field("in_force", "pdate"),
        Field("in_force_inferred", "pdate"),
        Field("in_force_inference", "text"),
        Field("ended", "pdate"),
        Field("end_reason", "choice", enum=C.EndReason),
        Field("status_known_until", "date"),
        Field("duration_terms", "text"),
        Field("withdrawal_terms", "text"),
        Field("authentic_languages"),
        Field("replaces", "ref", target="pact"),
        Field("atop_id", "int"),
        Field("atop_phase", "int"),
        Field("source", "ref", required=True, target="source"),
        Field("parties_incomplete", "text"),
        Field("notes", "text"),
    ),
    key=("slug",),
    order_by=("slug",),
    date_order=(("signed", "in_force"), ("signed", "ended"), ("in_force", "ended"),
                ("signed", "in_force_inferred"), ("in_force_inferred", "ended")),
    together=(("in_force_inferred", "in_force_inference"),),
    evidenced_by=(("in_force_inferred", "in-force evidence"),),
)

def _references(name, model, parent, nest_as, target):
    """Records that only point from their parent to records of another kind, written in
    the parent as a list of the targets' keys."""
    return Spec(
        name,
        model,
        (Field(target, "ref", required=True, target=target),),
        key=(target,),
        parent=parent,
        parent_attr=parent,
        nest_as=nest_as,
        order_by=(target,),
        value_list=target,
    )


# The excerpts an inferred entry into force rests on.
IN_FORCE_EVIDENCE = _references("in-force evidence", m.InferenceEvidence, "pact", "in_force_evidence", "excerpt")

PARTY = Spec(
    "party",
    m.Party,
    (
        Field("state", "ref", required=True, target="state"),
        Field("ratified", "pdate"),
        Field("joined", "pdate", required=True),
        Field("left", "pdate"),
        Field("note"),
        Field("source", "ref", required=True, target="source"),
    ),
    key=("state", "joined"),
    parent="pact",
    parent_attr="pact",
    nest_as="parties",
    order_by=("joined", "state"),
    date_order=(("ratified", "joined"), ("joined", "left")),
)

CLAUSE = Spec(
    "clause",
    m.Clause,
    (
        Field("label", required=True),
        Field("order", "int", required=True),
        Field("heading"),
    ),
    key=("label",),
    parent="pact",
    parent_attr="pact",
    nest_as="clauses",
    order_by=("order",),
)

TEXT_FIELDS = (
    Field("text_status", "choice", required=True, enum=C.TextStatus),
    Field("text", "text"),
    Field("paraphrase", "text"),
    Field("note", "text"),
    Field("source", "ref", required=True, target="source"),
)

CLAUSE_VERSION = Spec(
    "clause version",
    m.ClauseVersion,
    (
        Field("label", required=True),
        Field("kind", "choice", required=True, enum=C.VersionKind),
        Field("language", required=True),
        Field("effective", "pdate"),
        *TEXT_FIELDS,
    ),
    key=("label",),
    parent="clause",
    parent_attr="clause",
    nest_as="versions",
    order_by=("effective", "label"),
    verbatim=(("text", "source"),),
)

RESERVATION = Spec(
    "reservation",
    m.Reservation,
    (
        Field("state", "ref", required=True, target="state"),
        Field("kind", "choice", required=True, enum=C.ReservationKind),
        Field("made", "pdate"),
        *TEXT_FIELDS,
    ),
    key=("state", "kind"),
    parent="clause",
    parent_attr="clause",
    nest_as="reservations",
    order_by=("state", "kind"),
    verbatim=(("text", "source"),),
)

COMMITMENT = Spec(
    "commitment",
    m.Commitment,
    (
        Field("key", required=True),
        Field("clause", "localref", required=True, target="clause"),
        Field("commitment_type", "choice", required=True, enum=C.CommitmentType),
        Field("obliged_scope", "choice", required=True, enum=C.PartyScope),
        Field("protected_scope", "choice", required=True, enum=C.PartyScope),
        Field("trigger_event", "choice", required=True, enum=C.TriggerEvent),
        Field("trigger_scope", "choice", required=True, enum=C.TriggerScope),
        Field("named_area"),
        Field("adversary_scope", "choice", required=True, enum=C.AdversaryScope),
        Field("named_adversary"),
        Field("obligation", "choice", required=True, enum=C.ObligationKind),
        Field("automaticity", "choice", required=True, enum=C.Automaticity),
        Field("immediacy", "choice", required=True, enum=C.Immediacy),
        Field("means", "choice", required=True, enum=C.Means),
        Field("cites_un_article_51", "bool"),
        Field("reports_to_security_council", "bool"),
        Field("summary", "text"),
        Field("effective", "pdate"),
        Field("superseded", "pdate"),
    ),
    key=("key",),
    parent="pact",
    parent_attr="pact",
    nest_as="commitments",
    order_by=("key",),
    date_order=(("effective", "superseded"),),
)


def _side(role):
    return Spec(
        f"{role} state",
        m.CommitmentSide,
        (Field("state", "ref", required=True, target="state"),),
        key=("state",),
        parent="commitment",
        parent_attr="commitment",
        nest_as=f"{role}_states",
        order_by=("state",),
        value_list="state",
        fixed={"role": role},
    )


OBLIGED_SIDE = _side(C.CommitmentRole.OBLIGED.value)
PROTECTED_SIDE = _side(C.CommitmentRole.PROTECTED.value)

PROVENANCE_FIELDS = (
    Field("excerpt", "ref", required=True, target="excerpt"),
    Field("rationale", "text", required=True),
    Field("confidence", "choice", required=True, enum=C.Confidence),
    Field("coded_by", required=True),
    Field("reviewed_by"),
)

CODING_NOTE = Spec(
    "coding note",
    m.CodingNote,
    (Field("dimension", "choice", required=True, enum=C.CodedDimension), *PROVENANCE_FIELDS),
    key=("dimension",),
    parent="commitment",
    parent_attr="commitment",
    nest_as="coding_notes",
    order_by=("dimension",),
)

CONDITION = Spec(
    "condition",
    m.CommitmentCondition,
    (
        Field("condition", "choice", required=True, enum=C.Condition),
        Field("detail"),
        *PROVENANCE_FIELDS,
    ),
    key=("condition",),
    parent="commitment",
    parent_attr="commitment",
    nest_as="conditions",
    order_by=("condition",),
)

INVOCATION = Spec(
    "invocation",
    m.Invocation,
    (
        Field("key", required=True),
        Field("clause", "localref", target="clause"),
        Field("occurred", "pdate", required=True),
        Field("kind", "choice", required=True, enum=C.InvocationKind),
        Field("invoked_by", "ref", target="state"),
        Field("on_behalf_of", "ref", target="state"),
        Field("event", "text", required=True),
        Field("outcome", "choice", required=True, enum=C.InvocationOutcome),
        Field("outcome_detail", "text"),
        Field("source", "ref", required=True, target="source"),
        Field("excerpt", "ref", target="excerpt"),
    ),
    key=("key",),
    parent="pact",
    parent_attr="pact",
    nest_as="invocations",
    order_by=("occurred", "key"),
)

SUSPENSION = Spec(
    "suspension",
    m.Suspension,
    (
        Field("from_state", "ref", target="state"),
        Field("to_state", "ref", target="state"),
        Field("started", "pdate", required=True),
        Field("ended", "pdate"),
        Field("description", "text", required=True),
        Field("source", "ref", required=True, target="source"),
        Field("excerpt", "ref", target="excerpt"),
    ),
    key=("from_state", "to_state", "started"),
    parent="pact",
    parent_attr="pact",
    nest_as="suspensions",
    order_by=("started", "from_state", "to_state"),
    date_order=(("started", "ended"),),
)

CLAIM = Spec(
    "claim",
    m.Claim,
    (
        Field("key", required=True),
        Field("order", "int", required=True),
        Field("source", "ref", required=True, target="source"),
        Field("excerpt", "ref", required=True, target="excerpt"),
        Field("summary", required=True),
        Field("gloss", "text"),
        Field("verdict", "choice", required=True, enum=C.Verdict),
        Field("verdict_reasons", "text"),
    ),
    key=("key",),
    order_by=("order", "key"),
)

CLAIM_PACT = _references("claim subject", m.ClaimPact, "claim", "pacts", "pact")

ATOP_DISAGREEMENT = Spec(
    "ATOP disagreement",
    m.AtopDisagreement,
    (
        Field("pact", "ref", required=True, target="pact"),
        Field("dimension", "choice", required=True, enum=C.AtopDimension),
        Field("ours", "text"),
        Field("atop", "text"),
        Field("status", "choice", required=True, enum=C.DisagreementStatus),
        Field("explanation", "text", required=True),
        Field("source", "ref", target="source"),
        Field("excerpt", "ref", target="excerpt"),
        Field("coded_by", required=True),
        Field("reviewed_by"),
    ),
    key=("pact", "dimension"),
    order_by=("pact", "dimension"),
)

# In dependency order: a record only refers to records of earlier specs (or, for a
# pact replacing another, to its own spec; the loader sets such links in a second pass).
SPECS = (
    SOURCE,
    EXCERPT,
    STATE,
    PACT,
    IN_FORCE_EVIDENCE,
    PARTY,
    CLAUSE,
    CLAUSE_VERSION,
    RESERVATION,
    COMMITMENT,
    OBLIGED_SIDE,
    PROTECTED_SIDE,
    CODING_NOTE,
    CONDITION,
    INVOCATION,
    SUSPENSION,
    CLAIM,
    CLAIM_PACT,
    ATOP_DISAGREEMENT,
)
BY_NAME = {spec.name: spec for spec in SPECS}

# The files: (path under fixtures/, top-level spec, JSON key of the list or None when
# each record has a file of its own, named by its key, inside that folder).
FILES = (
    ("sources.json", SOURCE, "sources"),
    ("states.json", STATE, "states"),
    ("pacts", PACT, None),
    ("claims.json", CLAIM, "claims"),
    ("atop_disagreements.json", ATOP_DISAGREEMENT, "disagreements"),
)


def children_of(spec):
    return [child for child in SPECS if child.parent == spec.name]


def curated_filter(spec):
    """Lookups keeping only curated records: those an importer (ATOP) made stay out of the
    fixtures, the comparison and the export."""
    path, current = "", spec
    while True:
        if any(f.name == "curated" for f in current.model._meta.fields):
            return {f"{path}curated": True}
        if current.parent is None:
            return {}
        path += current.parent_attr + "__"
        current = BY_NAME[current.parent]
