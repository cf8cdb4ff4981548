"""The pictures draw what the data says: marks counted against the database, for the
timelines, the yearly counts, the maps and the network; their downloads; bad values."""

import csv
import datetime
import io
import json
import os
import re

import pytest
from django.db.models import Q
from hypothesis import example, given
from hypothesis import strategies as st

from alliances.pacts.choices import DEFENCE_TYPES, LinkStatus, MembershipStatus, PactStatus, VersionKind
from alliances.pacts.links import links_on
from alliances.pacts.models import ClauseVersion, Commitment, Pact, Party, State
from alliances.pacts.pictures import kinds, network, worldmap, yearly
from alliances.pacts.standing import PACT_STATUS
from alliances.pacts.strength import obligation_rank, strongest
from tests.atop_subset import FULL_STATES
from tests.conftest import PROJECT

pytestmark = pytest.mark.django_db
D = datetime.date


def marks(html, css_class):
    """The SVG elements of a page whose class list holds `css_class`."""
    return re.findall(r'<(?:rect|path|polygon|line)\b[^>]*\bclass="(?:[^"]*\s)?%s(?:\s[^"]*)?"[^>]*>' % re.escape(css_class), html)


def svg_of(html, css_class):
    match = re.search(r'<svg\b[^>]*class="picture %s".*?</svg>' % re.escape(css_class), html, re.S)
    assert match, css_class
    return match.group(0)


# --- timelines ---------------------------------------------------------------------------------

def test_timelines_draw_each_spell_suspension_invocation_and_amendment(staff_client, curated):
    for slug in ["north-atlantic-treaty", "anzus", "collective-security-treaty", "russia-dprk-2024"]:
        pact = Pact.objects.get(slug=slug)
        svg = svg_of(staff_client.get(f"/pacts/{slug}/").content.decode(), "pact-timeline")
        assert len(marks(svg, "spell")) == pact.parties.filter(joined_on__isnull=False).count(), slug
        assert len(marks(svg, "invocation")) == pact.invocations.count(), slug
        amendments = ClauseVersion.objects.filter(clause__pact=pact, kind=VersionKind.AMENDED, effective_on__isnull=False)
        assert len(marks(svg, "amendment")) == amendments.count(), slug
        states = set(pact.parties.values_list("state", flat=True))
        named = sum(1 for s in pact.suspensions.all() for side in (s.from_state_id, s.to_state_id) if side in states)
        assert len(marks(svg, "suspension")) == named, slug  # each suspension here runs in one period
        # One row per state, and the picture names itself for screen readers.
        assert f"{pact.short_name}: its parties over time" in svg
        assert svg.count('<text x="182"') == len(states) + 1
    # ANZUS: the United States' obligations to New Zealand, suspended from 1986, on both rows.
    anzus = svg_of(staff_client.get("/pacts/anzus/").content.decode(), "pact-timeline")
    assert len(marks(anzus, "suspension")) == 2
    # A state's pacts over time.
    html = staff_client.get("/states/POL/?on=2020-01-01").content.decode()
    svg = svg_of(html, "state-timeline")
    assert len(marks(svg, "spell")) == Party.objects.filter(state__code="POL", joined_on__isnull=False).count()
    assert "/states/POL/timeline.svg?on=2020-01-01" in html and "/pacts/anzus/timeline.svg" in \
        staff_client.get("/pacts/anzus/").content.decode()


def test_a_date_known_to_the_year_is_drawn_pale_over_that_year(staff_client, curated, make_state, make_pact, source):
    pact = make_pact("yearly", signed=D(1990, 1, 1), in_force=D(1990, 6, 1))
    state = make_state("YYY", "Yearland")
    Party.objects.create(pact=pact, state=state, joined_on=D(1991, 1, 1), joined_precision="year", source=source)
    svg = staff_client.get("/pacts/yearly/timeline.svg").content.decode()
    assert len(marks(svg, "spell")) == 1 and len(marks(svg, "spell-uncertain")) == 1
    assert "party from 1991 to now" in svg


def test_the_calendars_first_and_last_days_draw_a_timeline(staff_client, make_state, make_pact, source):
    pact = make_pact("edges", signed=D(1990, 1, 1), in_force=D(1990, 6, 1))
    state = make_state("EEE", "Edgeland")
    Party.objects.create(pact=pact, state=state, joined_on=D(1990, 6, 1), joined_precision="day", source=source)
    for day in ("0001-01-01", "9999-12-31"):
        for url in (f"/states/EEE/?on={day}", f"/states/EEE/timeline.svg?on={day}", f"/states/EEE/map/?on={day}",
                    f"/network/?on={day}"):
            assert staff_client.get(url).status_code == 200, url


# --- yearly counts -----------------------------------------------------------------------------

DAYS = st.dates(min_value=datetime.date(1800, 1, 1), max_value=datetime.date(2100, 12, 31))


@given(start=DAYS, length=st.integers(min_value=1, max_value=200 * 366), today=DAYS)
# the edges: a period ending on a counting day (not held: the end is the day after it),
# starting on one, starting after today
@example(start=datetime.date(2000, 6, 1), length=2039, today=datetime.date(2026, 6, 1))  # ends 2005-12-31
@example(start=datetime.date(2005, 12, 31), length=1, today=datetime.date(2026, 6, 1))
@example(start=datetime.date(2020, 1, 1), length=2343, today=datetime.date(2026, 6, 1))  # ends on today
@example(start=datetime.date(2026, 6, 2), length=30, today=datetime.date(2026, 6, 1))
def test_a_period_counts_the_years_whose_counting_day_it_holds(start, length, today):
    after = min(start + datetime.timedelta(days=length), datetime.date(2101, 1, 1))
    first, last = yearly.counted_years(start, after, today)
    held = [year for year in range(1799, 2102)
            if year <= today.year and start <= yearly.counting_day(year, today) < after]
    assert list(range(first, last + 1)) == held


def test_the_yearly_counts_agree_with_the_in_force_filter_and_the_home_page_draws_them(staff_client, curated, make_pact):
    make_pact("atop-x", signed=D(1950, 3, 1), in_force=D(1950, 6, 1), curated=False, atop_id=99999,
              status_known_until=D(2018, 12, 31))
    today = D(2026, 6, 1)
    by_origin = yearly.counts(today)
    assert set(by_origin) == {"curated", "atop"}
    for origin, years in by_origin.items():
        chosen = Pact.objects.filter(curated=True) if origin == "curated" else Pact.objects.filter(curated=False)
        for year, in_force, unknown in years:
            if year % 7 and year != today.year:
                continue
            day = yearly.counting_day(year, today)
            assert in_force == chosen.filter(PACT_STATUS.q(day, [PactStatus.IN_FORCE])).count(), (origin, year)
            assert unknown == chosen.filter(PACT_STATUS.q(day, [PactStatus.UNKNOWN]), signed_on__isnull=False).count()
    assert by_origin["atop"][-1][1:] == (0, 1)  # after 2018 ATOP cannot say
    # The home page draws the same counts, with the table beside.
    html = staff_client.get("/").content.decode()
    svg = svg_of(html, "yearly-chart")
    this_year = yearly.counts(datetime.date.today())
    for origin in ("curated", "atop"):
        drawn = {int(y): int(c) for y, c in re.findall(
            r'class="year in-force %s" data-year="(\d+)" data-count="(\d+)"' % origin, svg)}
        assert drawn == {year: n for year, n, _u in this_year[origin] if n}
    assert "The figures as a table" in html and f'<th scope="row">{datetime.date.today().year}</th>' in html
    download = staff_client.get("/charts/in-force.svg")
    assert download["Content-Type"].startswith("image/svg+xml") and "attachment" in download["Content-Disposition"]


# --- the map's data -----------------------------------------------------------------------------

# The COW state list, read where the shared data lies (tests/atop_subset.py: beside the
# project, as in CI, or where ALLIANCES_SHARED says).
COW_STATES = FULL_STATES


def _cow_rows():
    with open(COW_STATES, encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


@pytest.mark.skipif(not COW_STATES.exists() and not os.environ.get("CI"), reason="the shared COW state list is absent")
def test_every_state_is_drawn_on_countries_the_map_has_or_said_not_to_be_drawable():
    _w, _h, countries = worldmap.world()
    checked = 0
    curated_states = json.loads((PROJECT / "fixtures" / "states.json").read_text(encoding="utf-8"))["states"]
    cases = [(State(code=s["code"], name=s["name"], cow_code=s.get("cow_code")), day)
             for s in curated_states for day in (D(1900, 1, 1), D(1980, 1, 1), D(2020, 1, 1))]
    for row in _cow_rows():
        state = State(code=row["stateabb"], name=row["statenme"], cow_code=int(row["ccode"]))
        start = D(int(row["styear"]), int(row["stmonth"]), int(row["stday"]))
        cases.append((state, start))
    for state, day in cases:
        where = worldmap.placement(state, day)
        assert where is not None, (state.code, state.cow_code, day)
        assert all(key in countries for key in where.keys), (state.code, where)
        if not where.keys:
            assert where.note.startswith("not drawable"), state.code
        checked += 1
    assert checked > 400


def test_states_that_no_longer_exist_are_drawn_on_their_successors_with_a_note():
    ussr, russia = State(code="SUN", cow_code=365), State(code="RUS", cow_code=365)
    soviet = worldmap.placement(ussr, D(1980, 1, 1))
    assert len(soviet.keys) == 15 and {"643", "804", "112", "398", "233"} <= set(soviet.keys) and soviet.note
    assert worldmap.placement(russia, D(1980, 1, 1)).keys == ("643",)
    yugoslavia = State(code="YUG", name="Yugoslavia", cow_code=345)
    assert len(worldmap.placement(yugoslavia, D(1980, 1, 1)).keys) == 7
    assert worldmap.placement(yugoslavia, D(2000, 1, 1)).keys == ("688", "499", "Kosovo")
    assert worldmap.placement(yugoslavia, D(2010, 1, 1)).keys == ("688",)
    gdr = State(code="GDR", name="German Democratic Republic", cow_code=265)
    assert worldmap.placement(gdr, D(1980, 1, 1)).keys == ("276",)
    assert "Germany" in worldmap.where_drawn(gdr, D(1980, 1, 1))
    assert worldmap.placement(State(code="TUV", cow_code=947), D(2010, 1, 1)).keys == ()


# --- maps ---------------------------------------------------------------------------------------

def _covered(states, day):
    keys = set()
    for state in states:
        keys.update(worldmap.placement(state, day).keys)
    return keys


def test_maps_shade_the_defenders_of_a_state_and_the_parties_of_a_pact(staff_client, curated):
    day = D(2020, 6, 1)
    poland = State.objects.get(code="POL")
    found = links_on(day, Commitment.objects.filter(commitment_type__in=DEFENCE_TYPES), protected=[poland.pk])
    defenders = {link.obliged for link in found}
    html = staff_client.get("/states/POL/map/?on=2020-06-01").content.decode()
    svg = svg_of(html, "world-map defenders-map")
    shaded = set(re.findall(r'class="country defender [^"]*" data-country="([^"]+)"', svg))
    assert defenders and shaded == _covered(defenders, day) - _covered([poland], day)
    assert re.findall(r'class="country subject" data-country="([^"]+)"', svg) == ["616"]
    # Shaded by the strongest binding obligation: the United States's rank as strength.py says.
    usa = State.objects.get(code="USA")
    rank = obligation_rank(strongest([l.commitment for l in found if l.obliged == usa and l.status == LinkStatus.BINDING]).obligation)
    assert f'class="country defender strength-{rank}" data-country="840"' in svg
    # The table beside it lists the same states.
    table = html.split("map-table", 1)[1]
    assert all(state.name in table for state in defenders)
    # The USSR, among North Korea's defenders in 1980, on its union republics, with a note.
    html = staff_client.get("/states/PRK/map/?on=1980-01-01").content.decode()
    svg = svg_of(html, "world-map defenders-map")
    assert {"643", "804", "398"} <= set(re.findall(r'class="country defender [^"]*" data-country="([^"]+)"', svg))
    assert "fifteen states that were its union republics" in html
    # A pact's parties on a day.
    pact = Pact.objects.get(slug="north-atlantic-treaty")
    parties = {p.state for p in pact.parties.all() if p.status_on(day) == MembershipStatus.PARTY}
    svg = svg_of(staff_client.get("/pacts/north-atlantic-treaty/map/?on=2020-06-01").content.decode(),
                 "world-map members-map")
    assert set(re.findall(r'class="country member" data-country="([^"]+)"', svg)) == _covered(parties, day)
    assert len(parties) == 30  # North Macedonia joined in March 2020, Finland and Sweden later
    # Each map and timeline downloads as an SVG file; a bad date is named.
    for url in ["/states/POL/map.svg?on=2000-01-01", "/pacts/anzus/map.svg", "/pacts/anzus/timeline.svg",
                "/states/USA/timeline.svg"]:
        response = staff_client.get(url)
        assert response.status_code == 200 and response["Content-Type"].startswith("image/svg+xml"), url
        assert response.content.startswith(b'<svg xmlns="http://www.w3.org/2000/svg"')
    bad = staff_client.get("/states/POL/map.svg?on=2000-13-01")
    assert bad.status_code == 400 and "is not a date" in bad.content.decode()
    page = staff_client.get("/states/POL/map/?on=yesterday")
    assert page.status_code == 200 and "is not a date" in page.content.decode()


# --- the network --------------------------------------------------------------------------------

def _expected(commitments, day, statuses=(LinkStatus.BINDING, LinkStatus.SUSPENDED)):
    """(obliged, protected, kind) of the links, as links_on gives them, kept where the best
    status is among `statuses`."""
    best = {}
    order = [LinkStatus.BINDING, LinkStatus.UNKNOWN, LinkStatus.SUSPENDED]
    for link in links_on(day, commitments):
        key = (link.obliged.code, link.protected.code, kinds.kind_of(link.commitment).value)
        best[key] = min(best.get(key, link.status), link.status, key=order.index)
    return {key for key, status in best.items() if status in statuses}


def _edges(data):
    codes = [s["code"] for s in data["states"]]
    return {(codes[s], codes[t], data["kinds"][k]["key"]) for s, t, k, _st, _c in data["edges"]}


QUERIES = ["on=2020-06-01", "on=1980-01-01&commitment_type=defense", "on=2024-12-01&party=PRK",
           "on=2020-06-01&automaticity=automatic"]


def test_the_network_holds_the_links_of_exactly_the_rows_the_matrix_selects(staff_client, curated):
    for query in QUERIES:
        _check_network(staff_client, query)
    _check_network_links(staff_client)
    _check_unknown_links(staff_client)
    _check_csv_and_bad_filters(staff_client)
    _check_table()


def _check_network(staff_client, query):
    from django.http import QueryDict

    from alliances.pacts.filtersets import CommitmentFilterSet
    from alliances.pacts.views.lists import commitment_rows

    params = QueryDict(query)
    rows = CommitmentFilterSet(params, queryset=commitment_rows()).qs
    day = datetime.date.fromisoformat(params["on"])
    html = staff_client.get(f"/network/?{query}").content.decode()
    data = json.loads(re.search(r'<script id="network-data" type="application/json">(.*?)</script>', html, re.S).group(1))
    assert data["day"] == params["on"]
    assert _edges(data) == _expected(rows, day)
    assert len(data["edges"]) == len(_expected(rows, day))
    # The matrix offers the same rows as a network, and the network leads back to them.
    matrix = staff_client.get(f"/compare/?{query}").content.decode()
    assert f'/network/?{query.replace("&", "&amp;")}' in matrix
    assert f'/compare/?{query.replace("&", "&amp;")}' in html


def _check_network_links(staff_client):
    html = staff_client.get("/network/?on=2020-06-01").content.decode()
    data = json.loads(re.search(r'<script id="network-data" type="application/json">(.*?)</script>', html, re.S).group(1))
    nato = next(c for c in data["commitments"] if c["label"].startswith("North Atlantic Treaty"))
    anchor = nato["url"].split("#")[1]
    assert f'id="{anchor}"' in staff_client.get(nato["url"].split("#")[0]).content.decode()
    assert all(s["url"] == f'/states/{s["code"]}/?on=2020-06-01' for s in data["states"])
    assert {k["label"] for k in data["kinds"]} >= {"automatic defence", "discretionary defence", "consultation"}


def _check_unknown_links(staff_client):
    commitments = Commitment.objects.all()
    day = D(2026, 1, 1)
    hidden = _expected(commitments, day, (LinkStatus.UNKNOWN,))
    without = staff_client.get("/network/?on=2026-01-01").content.decode()
    with_unknown = staff_client.get("/network/?on=2026-01-01&unknown=1").content.decode()
    get = lambda html: json.loads(re.search(r'type="application/json">(.*?)</script>', html, re.S).group(1))
    assert _edges(get(with_unknown)) == _edges(get(without)) | hidden
    if hidden:
        assert "whose status the data cannot say" in without


def _check_csv_and_bad_filters(staff_client):
    content = staff_client.get("/network/links.csv?on=2020-06-01").content.decode()
    rows = list(csv.reader(io.StringIO(content)))
    assert len(rows) - 1 == len(_expected(Commitment.objects.all(), D(2020, 6, 1)))
    page = staff_client.get("/network/?on=2020-02-31&commitment_type=bogus")
    assert page.status_code == 200
    assert "In force on" in page.content.decode() and "ignored" in page.content.decode()


def _check_table():
    net = network.network(Commitment.objects.all(), D(2020, 6, 1))
    rows = dict((state.code, cells) for state, cells in network.summary_rows(net))
    usa_out = sum(out for out, _in in rows["USA"])
    assert usa_out == sum(1 for e in net.edges if e.obliged.code == "USA")
    assert sum(inn for _o, inn in rows["POL"]) == sum(1 for e in net.edges if e.protected.code == "POL")


def test_every_commitment_has_a_kind(curated):
    for commitment in Commitment.objects.all():
        assert kinds.kind_of(commitment) in kinds.COLOURS
    defence = Q(commitment_type="defense")
    automatic = Commitment.objects.filter(defence, automaticity="automatic").first()
    assert kinds.kind_of(automatic) == "automatic_defence"
