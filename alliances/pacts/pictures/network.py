"""The commitment network on a day: who is bound to whom (links.links_on) by the
commitments a matrix filter selects, gathered on the server into one edge per obliged
state, protected state and kind (kinds.kind_of), which the browser draws
(static/alliances/network.js). The same edges give the page's table and the CSV."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..articles import article_label
from ..choices import LinkKind, LinkStatus
from ..dates import format_day
from ..links import links_on
from ..addresses import Addresses
from .kinds import COLOURS, ORDER, kind_of

# An edge's status: binding where any of its links binds, else unknown, else suspended.
STATUS_ORDER = [LinkStatus.BINDING, LinkStatus.UNKNOWN, LinkStatus.SUSPENDED]


@dataclass
class Edge:
    obliged: object
    protected: object
    kind: str
    statuses: set = field(default_factory=set)
    commitments: dict = field(default_factory=dict)  # by id, in the order found

    @property
    def status(self):
        return next(s for s in STATUS_ORDER if s in self.statuses)


@dataclass
class Network:
    day: object
    states: list  # in the order of their names
    edges: list  # in the order of obliged state, protected state, kind
    commitments: list  # every commitment an edge names, once
    hidden: int  # edges left out for their status


def network(commitments, day, statuses=STATUS_ORDER):
    """The network the `commitments` queryset makes on `day`: the edges whose status is
    among `statuses`."""
    edges = {}
    for found in links_on(day, commitments):
        commitment = found.commitment
        key = (found.obliged.id, found.protected.id, kind_of(commitment))
        edge = edges.get(key)
        if edge is None:
            edge = edges[key] = Edge(found.obliged, found.protected, key[2])
        edge.statuses.add(found.status)
        edge.commitments.setdefault(commitment.id, commitment)
    kept = [edge for edge in edges.values() if edge.status in statuses]
    states, seen = {}, {}
    for edge in kept:
        states[edge.obliged.id] = edge.obliged
        states[edge.protected.id] = edge.protected
        seen.update(edge.commitments)
    kind_index = {kind: i for i, kind in enumerate(ORDER)}
    return Network(
        day,
        sorted(states.values(), key=lambda s: (s.name, s.code)),
        sorted(kept, key=lambda e: (e.obliged.name, e.protected.name, kind_index[e.kind])),
        list(seen.values()),
        len(edges) - len(kept),
    )


def commitment_url(commitment, link=None):
    link = link or Addresses()
    return f'{link("pacts:pact-detail", commitment.pact.slug)}#commitment-{commitment.key}'


def commitment_label(commitment):
    return f"{commitment.pact.short_name}, {article_label(commitment.clause.label)}"


def as_json(net):
    """What network.js draws: states, kinds, statuses and commitments once each, edges as
    [obliged, protected, kind, status, [commitments]] indices into them, and the labels
    the page shows, translated."""
    state_index = {state.pk: i for i, state in enumerate(net.states)}
    commitment_index = {c.pk: i for i, c in enumerate(net.commitments)}
    kind_index = {kind: i for i, kind in enumerate(ORDER)}
    status_index = {status: i for i, status in enumerate(STATUS_ORDER)}
    on = f"?on={net.day.isoformat()}"
    link = Addresses()
    return {
        "day": net.day.isoformat(),
        "kinds": [{"key": kind.value, "label": str(kind.label), "colour": COLOURS[kind]} for kind in ORDER],
        "statuses": [{"key": status.value, "label": str(status.label)} for status in STATUS_ORDER],
        "states": [{"code": s.code, "name": s.name, "url": link("pacts:state-detail", s.code) + on} for s in net.states],
        "commitments": [{"label": commitment_label(c), "url": commitment_url(c, link)} for c in net.commitments],
        "edges": [
            [state_index[e.obliged.pk], state_index[e.protected.pk], kind_index[e.kind], status_index[e.status],
             [commitment_index[c.pk] for c in e.commitments.values()]]
            for e in net.edges
        ],
        "labels": {
            "title": _("The commitment network on %(day)s") % {"day": format_day(net.day)},
            "summary": _("%(states)d states, %(edges)d directed links") % {
                "states": len(net.states), "edges": len(net.edges)},
            "defends": _("committed to defend or otherwise bound to %(count)d states"),
            "defended": _("%(count)d states bound to it"),
            "opens": _("Enter opens the state's page."),
            "link": _("%(obliged)s → %(protected)s: %(kind)s, %(status)s"),
            "commitments": _("Commitments making this link:"),
            "close": _("Close"),
            "empty": _("No link on this day among the commitments these filters select."),
        },
    }


def summary_rows(net):
    """The table beside the picture: per state, how many states it is bound to and how
    many are bound to it, by kind. [(state, [(out, in) per kind])]."""
    counts = {s.pk: {kind: [0, 0] for kind in ORDER} for s in net.states}
    for edge in net.edges:
        counts[edge.obliged.pk][edge.kind][0] += 1
        counts[edge.protected.pk][edge.kind][1] += 1
    return [(s, [tuple(counts[s.pk][kind]) for kind in ORDER]) for s in net.states]


def kinds_present(net):
    """(index in the data's kinds, kind, colour, number of edges) of each kind drawn."""
    present = {edge.kind for edge in net.edges}
    return [(index, kind, COLOURS[kind], sum(1 for e in net.edges if e.kind == kind))
            for index, kind in enumerate(ORDER) if kind in present]


def csv_rows(net):
    """One row per edge, for the download."""
    yield [_("obliged"), _("obliged code"), _("protected"), _("protected code"), _("kind"), _("status"), _("commitments")]
    for e in net.edges:
        yield [e.obliged.name, e.obliged.code, e.protected.name, e.protected.code, str(LinkKind(e.kind).label),
               str(LinkStatus(e.status).label), "; ".join(commitment_label(c) for c in e.commitments.values())]
