"""A standing on a day, said with its qualifications: that it rests on an inferred date,
why the data cannot say, why a link does not bind.

Each reads what the rule itself decided (standing.Decision, Commitment.link_detail) and
only words it: no date is compared here.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .choices import LinkStatus, MembershipStatus, NuclearStatus, PactStatus
from .dates import format_date, format_day
from .standing import (
    MEMBERSHIP,
    MISSING,
    NUCLEAR_ARMED,
    UNCERTAIN,
    BoundStep,
    DatedStep,
    ValueStep,
    membership_of,
)

# Why a standing is unknown, by the date that decided it and its case.
UNKNOWN_BECAUSE = {
    ("signed", MISSING): gettext_lazy("no signature date is recorded"),
    ("signed", UNCERTAIN): gettext_lazy("signed some day in %(period)s"),
    ("ended", UNCERTAIN): gettext_lazy("ended some day in %(period)s"),
    ("in_force", MISSING): gettext_lazy("no entry into force is recorded, nor inferred"),
    ("in_force", UNCERTAIN): gettext_lazy("entered into force some day in %(period)s"),
    ("in_force_inferred", UNCERTAIN): gettext_lazy("entered into force, by inference, some day in %(period)s"),
    ("joined", MISSING): gettext_lazy("no joining date is recorded"),
    ("joined", UNCERTAIN): gettext_lazy("joined some day in %(period)s"),
    ("left", UNCERTAIN): gettext_lazy("left some day in %(period)s"),
    ("nuclear_since", UNCERTAIN): gettext_lazy("nuclear-armed from some day in %(period)s"),
    ("nuclear_status", NuclearStatus.UNKNOWN): gettext_lazy("no nuclear-weapon status is recorded for this state"),
}


def _date(row, name):
    return format_date(getattr(row, f"{name}_on"), getattr(row, f"{name}_precision"))


def why_unknown(decision, row):
    """Why a decision that the data cannot say was reached, in words ("" otherwise)."""
    step = decision.step
    if isinstance(step, DatedStep):
        name = step.read(row)
        words = UNKNOWN_BECAUSE.get((name, decision.case))
        return str(words) % {"period": _date(row, name)} if words else ""
    if isinstance(step, BoundStep):
        return _("the data on it stop on %(date)s") % {"date": format_day(getattr(row, step.field))}
    if isinstance(step, ValueStep):
        return str(UNKNOWN_BECAUSE.get((step.field, decision.case), ""))
    return ""


@dataclass(frozen=True)
class Said:
    """A standing as a page shows it."""

    value: object  # the rule's answer (a PactStatus, a MembershipStatus, True/False/None)
    label: str
    why: str = ""  # why the data cannot say
    inferred: str = ""  # the inferred date the answer rests on, as precisely as known

    def __str__(self):
        text = self.label
        if self.inferred:
            text += " " + _("(by an entry into force inferred as %(date)s)") % {"date": self.inferred}
        if self.why:
            text += ": " + self.why
        return text


def pact_status(pact, day):
    """The pact's status on `day` (standing.PACT_STATUS), with the inferred entry into force
    it rests on and why it is unknown where it is."""
    decision = pact.status_decision(day)
    inferred = _date(pact, "in_force_inferred") if decision.inferred else ""
    why = why_unknown(decision, pact) if decision.outcome == PactStatus.UNKNOWN else ""
    return Said(decision.outcome, str(PactStatus(decision.outcome).label), why, inferred)


def membership(spells, day):
    """A state's membership of a pact on `day` from its spells (standing.membership_of), and
    why it is unknown where it is: the spell that leaves it open."""
    status = membership_of(spells, day)
    if status is None:
        return Said(None, _("never a party"))
    why = ""
    if status == MembershipStatus.UNKNOWN:
        decision, spell = next((d, s) for s in spells if (d := MEMBERSHIP.decision(s, day)).outcome == status)
        why = why_unknown(decision, spell)
    return Said(status, str(MembershipStatus(status).label), why)


def nuclear(state, day):
    """A state's nuclear weapons on `day` (standing.NUCLEAR_ARMED), and why unknown."""
    decision = NUCLEAR_ARMED.decision(state, day)
    if decision.outcome is None:
        return Said(None, _("the data cannot say"), why_unknown(decision, state))
    return Said(decision.outcome, _("yes") if decision.outcome else _("no"))


def not_in_force(pact, status):
    """Why a pact does not bind on a day with this status: "the pact ended on 1996-09-10",
    "the pact was not yet in force (signed …)"; "" for a pact in force or unknown."""
    if status == PactStatus.ENDED:
        return _("the pact ended on %(date)s") % {"date": _date(pact, "ended")}
    if status in (PactStatus.NOT_SIGNED, PactStatus.SIGNED):
        return not_yet_in_force(pact)
    return ""


def not_yet_in_force(pact):
    """"Not yet in force", with the dates known: signed on…, in force from… (or inferred)."""
    dates = [_("signed %(date)s") % {"date": _date(pact, "signed")}] if pact.signed_on else []
    if pact.in_force_on:
        dates.append(_("in force from %(date)s") % {"date": _date(pact, "in_force")})
    elif pact.in_force_inferred_on:
        dates.append(_("entry into force inferred as %(date)s") % {"date": _date(pact, "in_force_inferred")})
    if not dates:
        return _("the pact was not yet in force")
    return _("the pact was not yet in force (%(dates)s)") % {"dates": "; ".join(dates)}


def _side_reason(state, side, role_words, pact, day):
    if not side.listed:
        return role_words % {"state": state.name}
    if side.membership is None:
        return _("%(state)s is not a party") % {"state": state.name}
    spells = sorted((p for p in pact.parties.all() if p.state_id == state.pk), key=lambda p: p.joined_on or day)
    if side.membership == MembershipStatus.NOT_YET:
        coming = next(p for p in spells if MEMBERSHIP.of(p, day) == MembershipStatus.NOT_YET)
        return _("%(state)s is not yet a party (joined %(date)s)") % {"state": state.name, "date": _date(coming, "joined")}
    if side.membership == MembershipStatus.LEFT:
        gone = [p for p in spells if MEMBERSHIP.of(p, day) == MembershipStatus.LEFT][-1]
        return _("%(state)s had left the pact (%(date)s)") % {"state": state.name, "date": _date(gone, "left")}
    return ""


def link_reason(detail, commitment, obliged, protected, day):
    """Why a link does not bind, or cannot be known, on `day` ("" where it binds or is
    suspended, which the suspension's own text explains)."""
    pact = commitment.pact
    if detail.status not in (LinkStatus.NOT_BINDING, LinkStatus.UNKNOWN):
        return ""
    if detail.pact_status in (PactStatus.ENDED, PactStatus.NOT_SIGNED, PactStatus.SIGNED):
        return not_in_force(pact, detail.pact_status)
    for state, side, words in (
        (obliged, detail.obliged, _("%(state)s is not among the states this commitment obliges")),
        (protected, detail.protected, _("%(state)s is not among the states this commitment protects")),
    ):
        if side.on_side is False:
            return _side_reason(state, side, words, pact, day)
    if detail.pact_status == PactStatus.UNKNOWN:
        return _("the pact's status is unknown: %(why)s") % {"why": pact_status(pact, day).why}
    for state, side in ((obliged, detail.obliged), (protected, detail.protected)):
        if side.on_side is None:
            spells = [party for party in pact.parties.all() if party.state_id == state.pk]
            return _("%(state)s's membership is unknown: %(why)s") % {
                "state": state.name, "why": membership(spells, day).why}
    return _("a suspension may apply: its dates cannot say")
