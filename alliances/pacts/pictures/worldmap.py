"""World maps built as SVG: who is committed to defend a state on a day, shaded by the
strongest obligation (links.links_on, strength.py); a pact's parties on a day
(standing.MEMBERSHIP).

The map's countries come from world.json (Natural Earth, projected by assets/build.mjs);
which of them a state is drawn on is data, map_states.csv, read here and nowhere else. The
map has today's borders only: a state that no longer exists is drawn on those of the
states that now hold its territory, and the page says so.
"""

import csv
import datetime
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.utils.html import format_html
from django.utils.translation import gettext as _

from ..choices import DEFENCE_TYPES, OBLIGATION_STRENGTH, LinkStatus, MembershipStatus, ObligationKind
from ..dates import format_day
from ..links import links_on
from ..models import Commitment, Party
from ..strength import obligation_rank, strongest
from ..addresses import Addresses
from .svg import document, hatch, join, new_id, number

HERE = Path(__file__).resolve().parent
WORLD_FILE = HERE / "world.json"
MAPPING_FILE = HERE / "map_states.csv"

LAND, BORDER = "#e3e7ed", "#ffffff"
SUBJECT = "#1f5fa8"
PARTY = "#2f7d4a"
UNCERTAIN = "#9aa5b4"
# Strongest obligation first, darkest first (ColorBrewer's Reds); an obligation outside
# the order, lightest.
STRENGTH_FILLS = ["#67000d", "#a50f15", "#cb181d", "#ef3b2c", "#fb6a4a", "#fc9272", "#fcbba1", "#fee0d2"]


@dataclass(frozen=True)
class Country:
    key: str
    name: str
    d: str
    x: float
    y: float
    small: bool


@cache
def world():
    """The projected map: (width, height, {key: Country}). Read once: it is a file of the
    application, as its templates are."""
    data = json.loads(WORLD_FILE.read_text(encoding="utf-8"))
    return data["width"], data["height"], {c["key"]: Country(**c) for c in data["countries"]}


@dataclass(frozen=True)
class Placement:
    """Where a state is drawn on a day: the map's countries (none: not drawable) and, for a
    state drawn on borders that are not its own, or not drawn, why."""

    keys: tuple
    note: str


def _day(text):
    return datetime.date.fromisoformat(text) if text else None


@cache
def mapping():
    """{(COW code or None, project code or ""): [(from, until, Placement)]} from map_states.csv."""
    table = {}
    with MAPPING_FILE.open(encoding="utf-8", newline="") as file:
        lines = (line for line in file if not line.startswith("#"))
        for row in csv.DictReader(lines):
            cow = int(row["cow_code"]) if row["cow_code"] else None
            keys = tuple(key for key in row["map"].split(";") if key)
            table.setdefault((cow, row["code"]), []).append(
                (_day(row["from"]), _day(row["until"]), Placement(keys, row["note"])))
    return table


def notes_shown():
    """Every note of map_states.csv: the page shows each in the reader's language (the
    catalog holds them, see the makemessages command)."""
    return [where.note for rows in mapping().values() for _start, _until, where in rows if where.note]


def placement(state, day):
    """Where `state` is drawn on `day`, or None where map_states.csv does not say."""
    table = mapping()
    rows = table.get((state.cow_code, state.code)) or (state.cow_code and table.get((state.cow_code, ""))) \
        or table.get((None, state.code))
    for start, until, where in rows or ():
        if (start is None or start <= day) and (until is None or day <= until):
            return where
    return None


def where_drawn(state, day):
    """What the page says of a state beside the map: where it is drawn, and why."""
    where = placement(state, day)
    if where is None:
        return _("not on the map: no map country is recorded for this state")
    _width, _height, countries = world()
    if not where.keys:
        return _(where.note)
    names = ", ".join(countries[key].name for key in where.keys)
    return f"{names} ({_(where.note)})" if where.note else names


@dataclass
class Shade:
    """How one of the map's countries is drawn: its fill, the class a test counts it by,
    what it says, and the state page it opens."""

    rank: int  # the lower, the more it shows where two states share a country
    fill: str
    css_class: str
    titles: list = field(default_factory=list)
    href: str = ""


def _paint(shades, state, day, rank, fill, css_class, title, href):
    """Shade every country `state` is drawn on; returns whether it could be drawn."""
    where = placement(state, day)
    if where is None or not where.keys:
        return False
    for key in where.keys:
        shade = shades.get(key)
        if shade is None or rank < shade.rank:
            shades[key] = Shade(rank, fill, css_class, (shade.titles if shade else []) + [title], href)
        else:
            shade.titles.append(title)
    return True


def draw(shades, title, description, legend, css_class):
    """The whole map with `shades` ({country key: Shade}) and a legend of (fill, label)."""
    width, height, countries = world()
    pattern = new_id("uncertain")
    paths, dots = [], []
    for key, country in countries.items():
        shade = shades.get(key)
        if shade is None:
            paths.append(format_html('<path d="{}" fill="{}" stroke="{}" stroke-width="0.5"><title>{}</title></path>',
                                     country.d, LAND, BORDER, country.name))
            continue
        fill = f"url(#{pattern})" if shade.fill == UNCERTAIN else shade.fill
        says = format_html("<title>{}</title>", "; ".join(shade.titles))
        mark = format_html('<path class="country {}" data-country="{}" d="{}" fill="{}" stroke="{}" stroke-width="0.5">{}</path>',
                           shade.css_class, key, country.d, fill, BORDER, says)
        if country.small:
            mark += format_html('<circle class="dot" cx="{}" cy="{}" r="3.5" fill="{}" stroke="#ffffff" stroke-width="1">{}</circle>',
                                number(country.x), number(country.y), fill, says)
        (dots if country.small else paths).append(
            format_html('<a href="{}" tabindex="-1">{}</a>', shade.href, mark) if shade.href else mark)
    rows = []
    for index, (fill, label) in enumerate(legend):
        x, y = 10 + (index % 3) * 300, height + 14 + (index // 3) * 20
        swatch = f"url(#{pattern})" if fill == UNCERTAIN else fill
        rows.append(format_html('<rect x="{}" y="{}" width="14" height="12" fill="{}" stroke="#5b6676" stroke-width="0.5"/>'
                                '<text x="{}" y="{}">{}</text>', x, y - 10, swatch, x + 20, y, label))
    legend_height = 20 * ((len(legend) + 2) // 3) + 12
    body = join([
        format_html("<defs>{}</defs>", hatch(pattern, UNCERTAIN)),
        format_html('<rect width="{}" height="{}" fill="#f4f8fc"/>', width, height),
        join(paths), join(dots), join(rows),
    ])
    return document(width, height + legend_height, title, description, body, f"world-map {css_class}", "map")


# --- who is committed to defend a state ---------------------------------------------------

@dataclass
class Defender:
    state: object
    status: str  # binding where any of its links binds, else unknown, else suspended
    strongest: object  # the commitment with the strongest obligation among those of that status
    links: list
    drawn: str = ""


STATUS_ORDER = [LinkStatus.BINDING, LinkStatus.UNKNOWN, LinkStatus.SUSPENDED]


def defenders(state, day):
    """The states committed to defend `state` on `day` (links.links_on over the defence
    commitments, choices.DEFENCE_TYPES, of the pacts it is a party to: a pledge not to
    attack, to stay neutral or to consult makes no defender), strongest obligation first."""
    commitments = Commitment.objects.filter(pact_id__in=Party.objects.filter(state=state).values("pact"),
                                            commitment_type__in=DEFENCE_TYPES)
    by_state = {}
    for found in links_on(day, commitments, protected=[state.pk]):
        by_state.setdefault(found.obliged, []).append(found)
    result = []
    for other, found in by_state.items():
        status = next(s for s in STATUS_ORDER if any(f.status == s for f in found))
        best = strongest([f.commitment for f in found if f.status == status])
        result.append(Defender(other, status, best, found, where_drawn(other, day)))
    result.sort(key=lambda d: (STATUS_ORDER.index(d.status), obligation_rank(d.strongest.obligation), d.state.name))
    return result


def _strength_fill(obligation):
    return STRENGTH_FILLS[min(obligation_rank(obligation), len(STRENGTH_FILLS) - 1)]


def defenders_map(state, found, day):
    """The map of `found` (defenders(state, day)) with `state` itself in blue."""
    link = Addresses()
    shades = {}
    _paint(shades, state, day, -1, SUBJECT, "subject", _("%(state)s, the state defended") % {"state": state.name},
           link("pacts:state-detail", state.code) + f"?on={day.isoformat()}")
    for defender in found:
        obligation = ObligationKind(defender.strongest.obligation).label
        if defender.status == LinkStatus.BINDING:
            fill, css_class = _strength_fill(defender.strongest.obligation), f"defender strength-{obligation_rank(defender.strongest.obligation)}"
            said = _("%(state)s: %(obligation)s") % {"state": defender.state.name, "obligation": obligation}
        else:
            fill, css_class = UNCERTAIN, f"defender status-{defender.status}"
            said = _("%(state)s: %(obligation)s, %(status)s") % {
                "state": defender.state.name, "obligation": obligation, "status": LinkStatus(defender.status).label}
        rank = obligation_rank(defender.strongest.obligation) + (0 if defender.status == LinkStatus.BINDING else 100)
        _paint(shades, defender.state, day, rank, fill, css_class, said,
               link("pacts:state-detail", defender.state.code) + f"?on={day.isoformat()}")
    shown = {obligation_rank(d.strongest.obligation) for d in found if d.status == LinkStatus.BINDING}
    legend = [(SUBJECT, state.name)] + [
        (STRENGTH_FILLS[rank], ObligationKind(OBLIGATION_STRENGTH[rank]).label)
        for rank in sorted(shown) if rank < len(OBLIGATION_STRENGTH)
    ]
    if any(d.status != LinkStatus.BINDING for d in found):
        legend.append((UNCERTAIN, _("unknown or suspended")))
    title = _("Who is committed to defend %(state)s on %(day)s") % {"state": state.name, "day": format_day(day)}
    description = _(
        "%(count)d states are committed to defend %(state)s on %(day)s, shaded by the strongest obligation that binds "
        "them (darker is stronger); hatched where the data cannot say or the link is suspended. Borders are today's."
    ) % {"count": len(found), "state": state.name, "day": format_day(day)}
    return draw(shades, title, description, legend, "defenders-map")


# --- a pact's parties ---------------------------------------------------------------------

@dataclass
class Member:
    state: object
    status: str  # party, or unknown where the dates cannot say
    drawn: str = ""


def members(pact, day):
    """The states party to `pact` on `day` (standing.MEMBERSHIP), and those the dates
    cannot say of; a state with several spells counts once."""
    by_state = {}
    for party in pact.parties.select_related("state").order_by("state__name", "joined_on"):
        by_state.setdefault(party.state, []).append(party.status_on(day))
    result = []
    for state, statuses in by_state.items():
        for status in (MembershipStatus.PARTY, MembershipStatus.UNKNOWN):
            if status in statuses:
                result.append(Member(state, status, where_drawn(state, day)))
                break
    return result


def members_map(pact, found, day):
    link = Addresses()
    shades = {}
    for member in found:
        if member.status == MembershipStatus.PARTY:
            fill, css_class, said = PARTY, "member", _("%(state)s: party") % {"state": member.state.name}
        else:
            fill, css_class, said = UNCERTAIN, "member-uncertain", _("%(state)s: the dates cannot say") % {
                "state": member.state.name}
        _paint(shades, member.state, day, 0 if fill == PARTY else 1, fill, css_class, said,
               link("pacts:state-detail", member.state.code) + f"?on={day.isoformat()}")
    legend = [(PARTY, _("party"))]
    if any(m.status != MembershipStatus.PARTY for m in found):
        legend.append((UNCERTAIN, _("the dates cannot say")))
    title = _("Parties to %(pact)s on %(day)s") % {"pact": pact.short_name, "day": format_day(day)}
    description = _("%(count)d states are party to %(pact)s on %(day)s or may be. Borders are today's.") % {
        "count": len(found), "pact": pact.short_name, "day": format_day(day)}
    return draw(shades, title, description, legend, "members-map")


def historical_notes(states, day):
    """For the states of a map that are not drawn on borders of their own, what the page
    says: [(state, note)]."""
    notes = []
    for state in states:
        where = placement(state, day)
        if where is None:
            notes.append((state, _("not on the map: no map country is recorded for this state")))
        elif where.note:
            notes.append((state, _(where.note)))
    return notes
