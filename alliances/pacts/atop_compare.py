"""The project's coding of a curated pact beside ATOP 5.1's, with every disagreement flagged
and, where curators have written one, its explanation (models.AtopDisagreement)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .choices import (
    AtopDimension,
    CommitmentType,
    Condition,
    DisagreementStatus,
    atop_condition_variable,
    condition_dimension,
)
from .dates import format_date
from .importers.atop import END_OF_DATA, TYPES


class ReviewState:
    """Where one disagreement stands with its explanation."""

    EXPLAINED = "explained"
    FOR_REVIEW = "for_review"  # marked so by a curator
    OUT_OF_DATE = "out_of_date"  # explained, but the values have changed since
    UNEXPLAINED = "unexplained"

    LABELS = {
        EXPLAINED: _("explained"),
        FOR_REVIEW: _("marked for review"),
        OUT_OF_DATE: _("explanation out of date: to review"),
        UNEXPLAINED: _("not yet explained: to review"),
    }


@dataclass
class Comparison:
    dimension: str  # an AtopDimension value
    ours: str
    atop: str
    detail: str = ""
    # The two values in a form that does not depend on the language of the page: what an
    # explanation records, and what decides whether the two codings agree.
    ours_key: str = ""
    atop_key: str = ""
    explanation: object = None  # the AtopDisagreement about this row, if any
    # Whether the two codings agree, where the keys cannot say it (a condition: the
    # commitments coding it here, the members ATOP codes it for).
    same: bool | None = None

    @property
    def label(self):
        return AtopDimension(self.dimension).label

    @property
    def agrees(self):
        return self.ours_key == self.atop_key if self.same is None else self.same

    @property
    def review_state(self):
        if self.agrees:
            return None
        e = self.explanation
        if e is None:
            return ReviewState.UNEXPLAINED
        if (e.ours, e.atop) != (self.ours_key, self.atop_key):
            return ReviewState.OUT_OF_DATE
        return ReviewState.EXPLAINED if e.status == DisagreementStatus.EXPLAINED else ReviewState.FOR_REVIEW

    @property
    def review_label(self):
        state = self.review_state
        return ReviewState.LABELS[state] if state else ""


def _types(names):
    return ", ".join(sorted(str(kind.label) for kind in names)) or "—"


def _date(day, precision):
    return format_date(day, precision) if day else ""


def compare_with_atop(pact):
    """Rows (dimension, project value, ATOP value) for a pact with ATOP phases, commitments
    (with their clauses and conditions) and explanations prefetched; empty when ATOP does not
    code the pact."""
    phases = sorted(pact.atop_phases.all(), key=lambda p: p.phase)
    if not phases:
        return []
    first, last = phases[0], phases[-1]
    atop_members = {m.state.code for phase in phases for m in phase.members.all()}
    # ATOP's data end in 2018: compare only what the project records up to then.
    our_members = {
        party.state.code for party in pact.parties.all() if party.joined_on is None or party.joined_on <= END_OF_DATA
    }
    our_end = pact.ended_on if pact.ended_on and pact.ended_on <= END_OF_DATA else None
    atop_types = {TYPES[name][0] for name in TYPES for phase in phases if getattr(phase, name)}
    our_types = {CommitmentType(c.commitment_type) for c in pact.commitments.all()}
    ours_began, atop_began = _date(pact.signed_on, pact.signed_precision), _date(first.began_on, first.began_precision)
    ours_ended = _date(our_end, pact.ended_precision)
    atop_ended = _date(last.ended_on, last.ended_precision)
    rows = [
        Comparison(AtopDimension.BEGAN, ours_began or str(_("unknown")), atop_began or str(_("unknown")),
                   ours_key=ours_began, atop_key=atop_began),
        Comparison(AtopDimension.ENDED, ours_ended or "—", atop_ended or "—", ours_key=ours_ended, atop_key=atop_ended),
        Comparison(AtopDimension.MEMBERS, ", ".join(sorted(our_members)), ", ".join(sorted(atop_members)),
                   _difference(our_members, atop_members),
                   ours_key=", ".join(sorted(our_members)), atop_key=", ".join(sorted(atop_members))),
        Comparison(AtopDimension.TYPES, _types(our_types), _types(atop_types),
                   _difference({str(t.label) for t in our_types}, {str(t.label) for t in atop_types}),
                   ours_key=", ".join(sorted(our_types)), atop_key=", ".join(sorted(atop_types))),
        *_conditions(pact, phases),
    ]
    explanations = {e.dimension: e for e in pact.atop_disagreements.all()}
    for row in rows:
        row.explanation = explanations.get(row.dimension)
    return rows


def _conditions(pact, phases):
    """One row per obligation type and condition that either coding gives: here, the type's
    commitments carrying the condition; in ATOP, the members coded 1 on the type's variable
    for it (choices.atop_condition_variable), in any phase."""
    commitments = {}
    for commitment in pact.commitments.all():
        # As with the members: a wording that took effect after ATOP's data end is not compared.
        if commitment.effective_on is None or commitment.effective_on <= END_OF_DATA:
            commitments.setdefault(commitment.commitment_type, []).append(commitment)
    members = [m for phase in phases for m in phase.members.all()]
    rows = []
    for kind in CommitmentType:
        ours_of_type = commitments.get(kind, [])
        for condition in Condition:
            ours = sorted((c for c in ours_of_type if any(x.condition == condition for x in c.conditions.all())),
                          key=lambda c: c.key)
            variable = atop_condition_variable(kind, condition)
            atop = sorted({m.state.code for m in members if variable and m.codes.get(variable) == "1"})
            if not ours and not atop:
                continue
            rows.append(Comparison(
                condition_dimension(kind, condition),
                _ours_condition(ours, ours_of_type), _atop_condition(kind, variable, atop),
                ours_key=", ".join(c.key for c in ours), atop_key=", ".join(atop), same=bool(ours) == bool(atop)))
    return rows


def _ours_condition(carrying, of_type):
    if carrying:
        return str(_("coded: %(clauses)s")) % {"clauses": ", ".join(sorted({c.clause.label for c in carrying}))}
    if of_type:
        return str(_("not coded"))
    return str(_("no commitment of this type coded"))


def _atop_condition(kind, variable, members):
    if variable is None:
        return str(_("ATOP has no variable for this condition on %(type)s")) % {"type": CommitmentType(kind).label}
    if members:
        return f"{variable.upper()} = 1: {', '.join(members)}"
    return f"{variable.upper()} = 0"


def _difference(ours, atop):
    parts = []
    if ours - atop:
        parts.append(str(_("only here: %(items)s")) % {"items": ", ".join(sorted(ours - atop))})
    if atop - ours:
        parts.append(str(_("only in ATOP: %(items)s")) % {"items": ", ".join(sorted(atop - ours))})
    return "; ".join(parts)
