"""The project's coding of a curated pact beside ATOP 5.1's, with every disagreement flagged."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .importers.atop import END_OF_DATA, TYPES
from .choices import CommitmentType
from .dates import format_date


@dataclass
class Comparison:
    label: str
    ours: str
    atop: str
    detail: str = ""

    @property
    def agrees(self):
        return self.ours == self.atop


def _types(names):
    return ", ".join(sorted(str(kind.label) for kind in names)) or "—"


def compare_with_atop(pact):
    """Rows (dimension, project value, ATOP value) for a pact with ATOP phases prefetched;
    empty when ATOP does not code the pact."""
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
    our_types = {c.commitment_type for c in pact.commitments.all()}
    return [
        Comparison(_("began (signature)"), format_date(pact.signed_on, pact.signed_precision),
                   format_date(first.began_on, first.began_precision)),
        Comparison(_("ended (by the end of 2018)"), format_date(our_end, pact.ended_precision) if our_end else "—",
                   format_date(last.ended_on, last.ended_precision) if last.ended_on else "—"),
        Comparison(_("members"), ", ".join(sorted(our_members)), ", ".join(sorted(atop_members)),
                   _difference(our_members, atop_members)),
        Comparison(_("obligation types"), _types({CommitmentType(t) for t in our_types}), _types(atop_types),
                   _difference({str(CommitmentType(t).label) for t in our_types}, {str(t.label) for t in atop_types})),
    ]



def _difference(ours, atop):
    parts = []
    if ours - atop:
        parts.append(str(_("only here: %(items)s")) % {"items": ", ".join(sorted(ours - atop))})
    if atop - ours:
        parts.append(str(_("only in ATOP: %(items)s")) % {"items": ", ".join(sorted(atop - ours))})
    return "; ".join(parts)
