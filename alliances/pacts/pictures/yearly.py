"""How many pacts were in force each year, curated and ATOP apart: the counts (one query,
whatever the number of pacts) and their bar chart as SVG."""

import datetime
from collections import namedtuple
from itertools import accumulate

from django.db.models import Case, CharField, Value, When
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..choices import PactStatus
from ..models import Pact
from ..standing import PACT_STATUS
from .svg import LINE, MUTED, TimeAxis, document, hatch, join, new_id, number, periods

CURATED, ATOP, OTHER = "curated", "atop", "other"
ORIGINS = {
    CURATED: gettext_lazy("curated pacts"),
    ATOP: gettext_lazy("ATOP only"),
    OTHER: gettext_lazy("other pacts (neither curated nor from ATOP)"),
}
# As the "curated or ATOP only" filter tells them apart (generated pacts are neither).
ORIGIN = Case(
    When(curated=True, then=Value(CURATED)),
    When(atop_id__isnull=False, then=Value(ATOP)),
    default=Value(OTHER),
    output_field=CharField(),
)
FILL = {CURATED: "#1f5fa8", ATOP: "#2f7d4a", OTHER: "#7a3fb0"}


def counting_day(year, today):
    """The day a year is counted on: its last, and today for the current year."""
    return datetime.date(year, 12, 31) if year < today.year else today


def counted_years(start, after, today):
    """The years whose counting day falls in [start, after), as (first, last): a run of
    years, empty where last < first."""
    first = start.year if start <= counting_day(start.year, today) else start.year + 1
    last = min(after.year, today.year)
    if counting_day(last, today) >= after:
        last -= 1
    return first, last


# What PACT_STATUS reads of a pact, and its origin.
_FIELDS = PACT_STATUS.fields()
_Row = namedtuple("_Row", _FIELDS + ("origin",))


def counts(today):
    """{origin: [(year, in force, unknown), ...]} from the first year a pact was signed to
    today's, each year counted on its last day. The pacts' dates are read in one query;
    the rule (standing.PACT_STATUS) is asked once for each period in which a pact's
    status cannot change (svg.periods), not once per pact and year."""
    rows = [_Row(*values) for values in Pact.objects.order_by().annotate(origin=ORIGIN).values_list(*_FIELDS, "origin")]
    signed = [row.signed_on for row in rows if row.signed_on is not None]
    if not signed:
        return {}
    first = min(signed).year
    years = range(first, today.year + 1)
    # Per origin and status, +1 at the first year a period counts and -1 after its last:
    # the running sums are the counts, with no pass over each year of each period.
    steps = {}
    end = today + datetime.timedelta(days=1)
    for row in rows:
        if row.signed_on is None:
            continue  # unknown throughout: no year can count it
        in_force, unknown = steps.setdefault(row.origin, ([0] * (len(years) + 1), [0] * (len(years) + 1)))
        for start, after, status in periods(PACT_STATUS, row, datetime.date(first, 1, 1), end):
            counted = in_force if status == PactStatus.IN_FORCE else unknown if status == PactStatus.UNKNOWN else None
            if counted is None:
                continue
            first_year, last_year = counted_years(start, after, today)
            if first_year <= last_year:
                counted[first_year - first] += 1
                counted[last_year + 1 - first] -= 1
    return {
        origin: list(zip(years, accumulate(steps[origin][0]), accumulate(steps[origin][1])))
        for origin in ORIGINS if origin in steps
    }


WIDTH = 900
LEFT, RIGHT = 48, 12
PANEL = 120
GAP = 34


def chart(by_origin, today):
    """One panel per origin, each with its own scale: the curated pacts are a handful
    beside ATOP's hundreds. A bar per year: in force, and hatched above it the pacts whose
    status the data cannot say that day (ATOP's after 2018)."""
    if not by_origin:
        return ""
    pattern = new_id("unknown")
    first_year = next(iter(by_origin.values()))[0][0]
    axis = TimeAxis(datetime.date(first_year, 1, 1), datetime.date(today.year + 1, 1, 1), LEFT, WIDTH - RIGHT)
    width = max((axis.right - axis.left) / (today.year + 1 - first_year) - 0.6, 0.8)
    parts = [format_html("<defs>{}</defs>", hatch(pattern, "#9aa5b4"))]
    top = 22
    for origin, years in by_origin.items():
        most = max(max(f + u for _y, f, u in years), 1)
        scale = PANEL / most
        bottom = top + PANEL
        parts.append(format_html('<text x="{}" y="{}" font-weight="600">{}</text>', LEFT, top - 8,
                                 _("%(origin)s: at most %(most)d in force or unknown on one day")
                                 % {"origin": ORIGINS[origin], "most": most}))
        parts.append(axis.grid(top, bottom))
        parts.append(format_html('<line x1="{0}" x2="{1}" y1="{2}" y2="{2}" stroke="{3}"/>', LEFT, WIDTH - RIGHT, bottom, MUTED))
        for value in (most, most // 2):
            if value:
                y = number(bottom - value * scale)
                parts.append(format_html(
                    '<line x1="{0}" x2="{1}" y1="{2}" y2="{2}" stroke="{3}"/><text x="{4}" y="{5}" text-anchor="end" '
                    'fill="{6}" font-size="11">{7}</text>', LEFT, WIDTH - RIGHT, y, LINE, LEFT - 4, number(float(y) + 4),
                    MUTED, value))
        for year, in_force, unknown in years:
            x = number(axis.x(datetime.date(year, 1, 1)) + 0.3)
            if in_force:
                parts.append(format_html(
                    '<rect class="year in-force {}" data-year="{}" data-count="{}" x="{}" y="{}" width="{}" height="{}" '
                    'fill="{}"><title>{}</title></rect>', origin, year, in_force, x, number(bottom - in_force * scale),
                    number(width), number(in_force * scale), FILL[origin],
                    _("%(year)d: %(count)d %(origin)s in force") % {"year": year, "count": in_force, "origin": ORIGINS[origin]}))
            if unknown:
                parts.append(format_html(
                    '<rect class="year unknown {}" data-year="{}" data-count="{}" x="{}" y="{}" width="{}" height="{}" '
                    'fill="url(#{})"><title>{}</title></rect>', origin, year, unknown, x,
                    number(bottom - (in_force + unknown) * scale), number(width), number(unknown * scale), pattern,
                    _("%(year)d: %(count)d %(origin)s whose status is unknown") % {"year": year, "count": unknown,
                                                                                 "origin": ORIGINS[origin]}))
        top = bottom + GAP
    height = top - GAP + 20
    title = _("Pacts in force each year, %(first)d–%(last)d") % {"first": first_year, "last": today.year}
    description = _(
        "One panel per origin (%(origins)s), each with its own scale; a bar per year counts the pacts in force on its "
        "last day (today for %(year)d), and the hatched part above it those whose status the data cannot say."
    ) % {"origins": ", ".join(str(ORIGINS[o]) for o in by_origin), "year": today.year}
    return document(WIDTH, height, title, description, join(parts), "yearly-chart", "yearly")


def table_rows(by_origin):
    """The same counts, one row per year: (year, [(in force, unknown) per origin])."""
    origins = list(by_origin)
    if not origins:
        return []
    years = [year for year, _f, _u in by_origin[origins[0]]]
    return [(year, [by_origin[o][i][1:] for o in origins]) for i, year in enumerate(years)]
