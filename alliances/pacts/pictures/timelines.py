"""Timelines built as SVG: a pact's parties over time, a state's pacts over time.

Every bar is a period over which the rule of standing.py gives one answer (svg.periods):
where a date is known only to the year, the bar is pale over that year, as the rule says
"unknown" there. Nothing here compares dates itself.
"""

import datetime

from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ..articles import article_label
from ..choices import MembershipStatus, PactStatus, VersionKind
from ..dates import format_date, format_day
from ..standing import MEMBERSHIP, PACT_STATUS, SUSPENSION_ACTIVE
from ..addresses import Addresses
from .svg import INK, TimeAxis, bounds_of, document, hatch, join, new_id, number, periods

WIDTH = 900
LABEL = 190  # the width of the names column
ROW = 18
BAR = 11
TOP = 8

PACT_FILL = {PactStatus.SIGNED: "#b9c4d3", PactStatus.IN_FORCE: "#1f5fa8"}
PARTY_FILL = "#2f7d4a"
SUSPENDED_FILL = "#c0392b"
INVOCATION_FILL = "#b35900"
AMENDMENT_STROKE = "#7a3fb0"


def _short(text, most=27):
    return text if len(text) <= most else text[: most - 1] + "…"


def _dates_of(*pairs):
    """The days of (date, precision) pairs that are set, each period's start and end."""
    days = []
    for day, precision in pairs:
        if day is not None:
            days.extend(bounds_of(day, precision))
    return days


class Rows:
    """Rows of bars under one time axis, with the marks drawn over them."""

    def __init__(self, axis, labels, pattern_id):
        self.axis, self.labels, self.pattern_id = axis, labels, pattern_id
        self.height = TOP + ROW * len(labels)
        self.marks = []

    def y(self, index):
        return TOP + index * ROW + (ROW - BAR) / 2

    def bar(self, index, start, after, fill, css_class, title, opacity="1"):
        x0, x1 = self.axis.x(start), self.axis.x(after)
        self.marks.append(format_html(
            '<rect class="{}" x="{}" y="{}" width="{}" height="{}" fill="{}" fill-opacity="{}"><title>{}</title></rect>',
            css_class, number(x0), number(self.y(index)), number(max(x1 - x0, 1.5)), BAR, fill, opacity, title,
        ))

    def spells(self, index, party, who):
        """A Party row's spell: solid while standing.MEMBERSHIP says "party", pale where it
        cannot say (inside a joining or leaving date known only to the month or year).
        `who` names the row in the titles."""
        for start, after, status in periods(MEMBERSHIP, party, self.axis.start, self.axis.end):
            if status == MembershipStatus.PARTY:
                self.bar(index, start, after, PARTY_FILL, "spell", _("%(who)s: party from %(start)s to %(end)s") % {
                    "who": who, "start": format_date(party.joined_on, party.joined_precision),
                    "end": format_date(party.left_on, party.left_precision) if party.left_on else _("now")})
            elif status == MembershipStatus.UNKNOWN and party.joined_on:
                self.bar(index, start, after, PARTY_FILL, "spell-uncertain",
                         _("%(who)s: the dates cannot say whether it was a party from %(start)s to %(end)s")
                         % {"who": who, "start": format_day(start), "end": format_day(after - datetime.timedelta(days=1))},
                         opacity="0.35")

    def tick(self, index, day, stroke, css_class, title):
        x = number(self.axis.x(day))
        y = self.y(index)
        self.marks.append(format_html(
            '<line class="{}" x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2.5"><title>{}</title></line>',
            css_class, x, x, number(y - 3), number(y + BAR + 3), stroke, title,
        ))

    def diamond(self, index, day, fill, css_class, title):
        x, y, r = self.axis.x(day), self.y(index) + BAR / 2, 5.5
        points = " ".join(f"{number(px)},{number(py)}" for px, py in ((x, y - r), (x + r, y), (x, y + r), (x - r, y)))
        self.marks.append(format_html(
            '<polygon class="{}" points="{}" fill="{}" stroke="#ffffff" stroke-width="1"><title>{}</title></polygon>',
            css_class, points, fill, title,
        ))

    def svg(self, title, description, day, css_class):
        axis = self.axis
        labels = []
        for index, (text, href) in enumerate(self.labels):
            y = number(TOP + index * ROW + ROW / 2 + 4)
            label = format_html('<text x="{}" y="{}" text-anchor="end">{}<title>{}</title></text>',
                                LABEL - 8, y, _short(text), text)
            if href:
                label = format_html('<a href="{}" tabindex="-1">{}</a>', href, label)
            labels.append(label)
        stripes = [
            format_html('<rect x="{}" y="{}" width="{}" height="{}" fill="#f3f5f8"/>', axis.left, TOP + i * ROW,
                        number(axis.right - axis.left), ROW)
            for i in range(0, len(self.labels), 2)
        ]
        today = number(axis.x(day))
        body = join([
            format_html("<defs>{}</defs>", hatch(self.pattern_id, "#9aa5b4")),
            join(stripes),
            axis.grid(TOP, self.height),
            join(labels),
            join(self.marks),
            format_html(
                '<line class="day" x1="{0}" x2="{0}" y1="{1}" y2="{2}" stroke="{3}" stroke-dasharray="3 2">'
                "<title>{4}</title></line>", today, TOP - 4, self.height, INK, format_day(day),
            ),
        ])
        return document(WIDTH, self.height + 20, title, description, body, css_class, "timeline")


def _axis(days, day):
    start = min(days) if days else day
    end = max(max(days) if days else day, day)
    # Whole years, so that the labels fall on the axis (the calendar's last year ends on its last day).
    after = datetime.date(end.year + 1, 1, 1) if end.year < datetime.MAXYEAR else datetime.date.max
    return TimeAxis(datetime.date(start.year, 1, 1), after, LABEL, WIDTH - 12)


def pact_timeline(pact, day):
    """The pact's parties over time: its own status, one row per state with each spell of
    membership, suspended links over the rows of the states they name, amendments and
    ATOP's phases as ticks on the pact's row, invocations as diamonds (on the row of the
    state that invoked it, else on the pact's). Reads what PactDetailView prefetches."""
    link = Addresses()
    parties = list(pact.parties.all())
    suspensions = list(pact.suspensions.all())
    invocations = list(pact.invocations.all())
    amendments = [v for clause in pact.clauses.all() for v in clause.versions.all()
                  if v.kind == VersionKind.AMENDED and v.effective_on]
    phases = list(pact.atop_phases.all())
    days = _dates_of((pact.signed_on, pact.signed_precision), (pact.in_force_on, pact.in_force_precision),
                     (pact.ended_on, pact.ended_precision))
    days += _dates_of(*((p.joined_on, p.joined_precision) for p in parties), *((p.left_on, p.left_precision) for p in parties))
    days += _dates_of(*((i.occurred_on, i.occurred_precision) for i in invocations))
    axis = _axis(days, day)
    end = axis.end

    states = []
    for party in parties:
        if party.state not in states:
            states.append(party.state)
    states.sort(key=lambda s: min((p.joined_on or end) for p in parties if p.state_id == s.pk))
    row_of = {state.pk: index + 1 for index, state in enumerate(states)}
    labels = [(pact.short_name, "")] + [(s.name, link("pacts:state-detail", s.code)) for s in states]
    pattern = new_id("unknown")
    rows = Rows(axis, labels, pattern)

    for start, after, status in periods(PACT_STATUS, pact, axis.start, end):
        if status in PACT_FILL:
            rows.bar(0, start, after, PACT_FILL[status], f"pact-status status-{status}",
                     _("%(status)s, %(start)s to %(end)s") % {"status": PactStatus(status).label, "start": format_day(start),
                                                           "end": format_day(after - datetime.timedelta(days=1))})
        elif status == PactStatus.UNKNOWN and start >= (pact.signed_on or axis.start):
            rows.bar(0, start, after, f"url(#{pattern})", "pact-status status-unknown",
                     _("status unknown, %(start)s to %(end)s") % {"start": format_day(start),
                                                                   "end": format_day(after - datetime.timedelta(days=1))})
    for phase in phases[1:]:
        if phase.began_on:
            rows.tick(0, phase.began_on, INK, "phase", _("ATOP phase %(phase)d began %(date)s")
                      % {"phase": phase.phase, "date": format_date(phase.began_on, phase.began_precision)})
    for version in amendments:
        rows.tick(0, version.effective_on, AMENDMENT_STROKE, "amendment",
                  _("%(clause)s: %(label)s in effect from %(date)s")
                  % {"clause": article_label(version.clause.label), "label": version.label,
                     "date": format_date(version.effective_on, version.effective_precision)})

    for party in parties:
        rows.spells(row_of[party.state_id], party, party.state.name)

    for suspension in suspensions:
        named = [s for s in (suspension.from_state_id, suspension.to_state_id) if s in row_of]
        title = _("Suspended: %(from)s → %(to)s, %(description)s") % {
            "from": suspension.from_state or _("every party"), "to": suspension.to_state or _("every party"),
            "description": suspension.description}
        for start, after, active in periods(SUSPENSION_ACTIVE, suspension, axis.start, end):
            if active is False:
                continue
            for state_id in named:
                rows.bar(row_of[state_id], start, after, SUSPENDED_FILL, "suspension", title,
                         opacity="0.8" if active else "0.35")

    for invocation in invocations:
        index = row_of.get(invocation.invoked_by_id, 0)
        first, after = bounds_of(invocation.occurred_on, invocation.occurred_precision)
        middle = first + (after - first) / 2
        rows.diamond(index, middle, INVOCATION_FILL, "invocation", _("%(date)s: %(kind)s. %(event)s") % {
            "date": format_date(invocation.occurred_on, invocation.occurred_precision),
            "kind": invocation.get_kind_display(), "event": invocation.event})

    title = _("%(pact)s: its parties over time") % {"pact": pact.short_name}
    description = _(
        "One row for the pact (blue while in force, pale blue while signed but not in force, hatched where its "
        "status is unknown) and one per state (green while a party, pale where the dates cannot say); "
        "%(states)d states, %(suspensions)d suspensions in red, %(invocations)d invocations as diamonds, "
        "%(amendments)d amendments as purple ticks. The dashed line is %(day)s."
    ) % {"states": len(states), "suspensions": len(suspensions), "invocations": len(invocations),
         "amendments": len(amendments), "day": format_day(day)}
    return rows.svg(title, description, day, "pact-timeline")


def state_timeline(state, memberships, day):
    """A state's pacts over time: one row per pact, a bar for each spell of membership.
    `memberships` are the state's Party rows with their pacts (as StateDetailView reads them)."""
    link = Addresses()
    days = _dates_of(*((m.joined_on, m.joined_precision) for m in memberships),
                     *((m.left_on, m.left_precision) for m in memberships))
    if any(m.left_on is None for m in memberships):
        days.append(timezone.localdate())  # a membership still running is drawn to today
    axis = _axis(days, day)
    pacts = list({membership.pact_id: membership.pact for membership in memberships}.values())
    row_of = {pact.pk: index for index, pact in enumerate(pacts)}
    rows = Rows(axis, [(p.short_name, link("pacts:pact-detail", p.slug)) for p in pacts], new_id("unknown"))
    for membership in memberships:
        rows.spells(row_of[membership.pact_id], membership, membership.pact.short_name)
    title = _("%(state)s: its pacts over time") % {"state": state.name}
    description = _(
        "One row per pact, %(pacts)d in all: green while %(state)s was a party, pale where the dates cannot say. "
        "The dashed line is %(day)s."
    ) % {"pacts": len(pacts), "state": state.name, "day": format_day(day)}
    return rows.svg(title, description, day, "state-timeline")
