"""Who is bound to whom on a day: the directed links of many commitments at once.

Each link's status comes from Commitment.link_status's own rule (Commitment.links_on
reads each state's side once per commitment and combines them as link_status does); this
module only chooses the commitments and reads what they need in a fixed number of
queries, whatever their number.
"""

from dataclasses import dataclass

from django.db.models import Prefetch, prefetch_related_objects

from .choices import PactStatus
from .models import Commitment, Party
from .standing import PACT_STATUS, WORDING_IN_FORCE


@dataclass(frozen=True)
class Link:
    commitment: Commitment
    obliged: object  # State
    protected: object  # State
    status: str


def links_on(day, commitments=None, obliged=None, protected=None):
    """The links that `commitments` (a Commitment queryset; all by default) may make on `day`
    (binding, suspended or unknown), in the order of the queryset, then of the states'
    names. `obliged` and `protected`, iterables of state ids, keep the links from or to
    those states."""
    obliged = None if obliged is None else set(obliged)
    protected = None if protected is None else set(protected)
    links = []
    for commitment in _may_bind(day, commitments):
        for a, b, status in commitment.links_on(day, obliged, protected):
            links.append(Link(commitment, a, b, status))
    return links


def links_of(day, states, commitments=None):
    """The links from and to `states` (state ids) that `commitments` may make on `day`, each
    commitment's sides read once for both directions: (links from them, links to them),
    each in the order links_on gives."""
    states = set(states)
    outbound, inbound = [], []
    for commitment in _may_bind(day, commitments):
        for a, b, status in commitment.links_on(day, obliged=states):
            outbound.append(Link(commitment, a, b, status))
        for a, b, status in commitment.links_on(day, protected=states):
            inbound.append(Link(commitment, a, b, status))
    return outbound, inbound


def _may_bind(day, commitments):
    """The commitments of pacts that may bind anyone on `day` (in force, or whose status is
    unknown), in a wording that may be in force that day, with what their links read, in a fixed number of queries."""
    commitments = Commitment.objects.all() if commitments is None else commitments
    # Only a pact in force that day, or whose status is unknown, can bind anyone, and only
    # in a wording that is (or may be) in force.
    return with_link_data(commitments.filter(
        PACT_STATUS.q(day, [PactStatus.IN_FORCE, PactStatus.UNKNOWN], "pact__"),
        WORDING_IN_FORCE.q(day, [True, None]),
    ))


def with_link_data(commitments):
    """The commitments of `commitments` (a queryset, in its order) as a list, with what
    Commitment.links_on reads (pact, parties and their states, suspensions, listed sides),
    in five queries whatever their number. Each pact is one instance, however many of its
    commitments there are: its parties are read into it once, and what links_on works out
    from them on a day (Commitment._membership) serves all of its commitments."""
    found = list(commitments.select_related("pact", "clause"))
    pacts = {}
    for commitment in found:
        commitment.pact = pacts.setdefault(commitment.pact_id, commitment.pact)
    prefetch_related_objects(
        list(pacts.values()),
        Prefetch("parties", queryset=Party.objects.order_by("state__name", "pk")),
        "suspensions",
    )
    # Each state one instance too, read once however many pacts it is a party to.
    prefetch_related_objects([party for pact in pacts.values() for party in pact.parties.all()], "state")
    prefetch_related_objects(found, "sides")
    return found
