"""A state on a day: its pacts (in force that day, perhaps in force, earlier and later),
who is committed to defend it, whom it is committed to defend, and its other pledges,
as plain data that the state page, the one-sided lookup and the API render.

Defence (choices.DEFENCE_TYPES) answers "who defends whom"; the pledges
(choices.PLEDGE_TYPES: not to attack, to stay neutral, to consult) are kept apart and never
counted as defence. The links come from links.links_of (Commitment.link_status's rule),
the pacts' and memberships' standings from standing.py, through reasons.py; a fixed number
of queries whatever the number of pacts.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch, prefetch_related_objects

from . import reasons
from .choices import DEFENCE_TYPES, PLEDGE_TYPES, MembershipStatus, PactStatus
from .links import links_of
from .models import CodingNote, Commitment, CommitmentCondition, Party
from .standing import MEMBERSHIP, PACT_STATUS, strongest_membership

MAY_BIND = (PactStatus.IN_FORCE, PactStatus.UNKNOWN)
MAY_BE_PARTY = (MembershipStatus.PARTY, MembershipStatus.UNKNOWN)
IN_FORCE, PERHAPS, NOT_IN_FORCE = "in force", "perhaps", "not in force"


def in_force_for(pact_status, membership):
    """Whether a pact is in force for a state on a day, from the pact's status and the
    state's membership that day: certainly (in force, and a party), perhaps (the data
    cannot say one or the other), or not (ended, not yet in force, not or no longer a party)."""
    if pact_status == PactStatus.IN_FORCE and membership == MembershipStatus.PARTY:
        return IN_FORCE
    if pact_status in MAY_BIND and membership in MAY_BE_PARTY:
        return PERHAPS
    return NOT_IN_FORCE


@dataclass
class Membership:
    """A state's place in one pact on the day: all its spells, the pact's status and the
    state's membership (each a reasons.Said)."""

    pact: object
    spells: list
    status: object = None
    membership: object = None

    @property
    def standing(self):
        return in_force_for(self.status.value, self.membership.value)


@dataclass
class LinkGroup:
    """One commitment binding the state to (or from) several others the same way."""

    commitment: object
    status: str  # LinkStatus
    states: list = field(default_factory=list)  # the other states, in the order of the links


@dataclass
class StateOnDay:
    state: object
    day: object
    nuclear: object  # reasons.Said
    pacts: list  # Membership, in order of signature
    defended_by: list  # LinkGroup: defence commitments to the state
    defends: list  # LinkGroup: its defence commitments to others
    pledges: list  # (commitment type, pledges to it, its pledges), one per type of PLEDGE_TYPES

    @property
    def in_force(self):
        return [m for m in self.pacts if m.standing == IN_FORCE]

    @property
    def perhaps_in_force(self):
        return [m for m in self.pacts if m.standing == PERHAPS]

    @property
    def earlier_and_later(self):
        return [m for m in self.pacts if m.standing == NOT_IN_FORCE]

    @property
    def incomplete(self):
        """The pacts it may stand in that day whose party list is known to be incomplete."""
        return [m.pact for m in self.pacts if m.standing != NOT_IN_FORCE and m.pact.parties_incomplete]


def memberships(state, day):
    """Every pact the state was ever a party to, in order of signature, with the pact's
    status and the state's membership on `day`."""
    by_pact = {}
    spells = Party.objects.filter(state=state).select_related("pact", "source").order_by(
        "pact__signed_on", "pact__slug", "pact_id", "joined_on")
    for spell in spells:
        by_pact.setdefault(spell.pact_id, Membership(spell.pact, [])).spells.append(spell)
    for membership in by_pact.values():
        membership.status = reasons.pact_status(membership.pact, day)
        membership.membership = reasons.membership(membership.spells, day)
    return list(by_pact.values())


def groups(links, other):
    """Links gathered by commitment and status, naming the other state of each (`other`:
    "obliged" or "protected"), so that NATO's Article 5 is one item, not thirty."""
    found = {}
    for link in links:
        group = found.setdefault((link.commitment.pk, link.status), LinkGroup(link.commitment, link.status))
        group.states.append(getattr(link, other))
    return list(found.values())


def _of_types(links, types):
    return [link for link in links if link.commitment.commitment_type in types]


def state_on(state, day):
    pacts = memberships(state, day)
    # Commitment.links_on reads no commitment of a pact that cannot bind that day.
    may_bind = [m.pact.pk for m in pacts if m.status.value in MAY_BIND]
    commitments = Commitment.objects.filter(pact_id__in=may_bind).order_by("pact__signed_on", "pact__slug",
                                                                          "clause__order", "key")
    outbound, inbound = links_of(day, [state.pk], commitments)
    return StateOnDay(
        state=state,
        day=day,
        nuclear=reasons.nuclear(state, day),
        pacts=pacts,
        defended_by=groups(_of_types(inbound, DEFENCE_TYPES), "obliged"),
        defends=groups(_of_types(outbound, DEFENCE_TYPES), "protected"),
        pledges=[(kind, groups(_of_types(inbound, [kind]), "obliged"), groups(_of_types(outbound, [kind]), "protected"))
                 for kind in PLEDGE_TYPES],
    )


def with_evidence(link_groups):
    """Read, for the commitments of these groups, the coding notes and conditions an answer
    quotes (two queries however many)."""
    prefetch_related_objects(
        list({group.commitment.pk: group.commitment for group in link_groups}.values()),
        Prefetch("notes", queryset=CodingNote.objects.select_related("excerpt__source")),
        Prefetch("conditions", queryset=CommitmentCondition.objects.select_related("excerpt__source")),
    )
    return link_groups


@dataclass
class StateCount:
    in_force: list = field(default_factory=list)  # (slug, short name) of the pacts in force for it
    unknown: int = 0  # pacts it may stand in that day, where the data cannot say


def pacts_in_force_by_state(day):
    """For every state with a pact that may bind it on `day`: the pacts in force for it,
    and how many more may be, in one query."""
    spells = (
        Party.objects.filter(PACT_STATUS.q(day, MAY_BIND, "pact__"), MEMBERSHIP.q(day, MAY_BE_PARTY))
        .annotate(pact_status=PACT_STATUS.expression(day, "pact__"), member=MEMBERSHIP.expression(day))
        .order_by("pact__signed_on", "pact__slug", "pact_id")
        .values_list("state_id", "pact_id", "pact__slug", "pact__short_name", "pact_status", "member")
    )
    by_pact = {}  # (state, pact) -> (slug, name, pact status, its spells' standings)
    for state_id, pact_id, slug, name, pact_status, member in spells:
        by_pact.setdefault((state_id, pact_id), (slug, name, pact_status, []))[3].append(member)
    counts = {}
    for (state_id, _pact), (slug, name, pact_status, members) in by_pact.items():
        count = counts.setdefault(state_id, StateCount())
        if in_force_for(pact_status, strongest_membership(members)) == IN_FORCE:
            count.in_force.append((slug, name))
        else:
            count.unknown += 1
    return counts
