"""The pictures in a browser: each draws what the data says (marks counted against the
database), breaks no rule of the Content Security Policy, and downloads. Screenshots go
to test-output/screenshots/."""

import datetime
import re

import pytest

from alliances.pacts.choices import LinkStatus, MembershipStatus
from alliances.pacts.links import links_on
from alliances.pacts.models import Commitment, Pact, Party, State
from alliances.pacts.pictures import kinds, worldmap
from tests.browser.conftest import SCREENSHOTS, screenshot

pytestmark = pytest.mark.browser
D = datetime.date


def picture(page, selector, name):
    """A screenshot of the picture alone, beside the page's."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(selector).first.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def count(page, selector):
    return page.locator(selector).count()


def test_the_pact_timeline_draws_every_spell_and_invocation(watched, site):
    page = watched
    page.goto(site + "/pacts/north-atlantic-treaty/#parties")
    nato = Pact.objects.get(slug="north-atlantic-treaty")
    timeline = "svg.pact-timeline"
    assert count(page, f"{timeline} rect.spell") == nato.parties.filter(joined_on__isnull=False).count()
    assert count(page, f"{timeline} polygon.invocation") == nato.invocations.count()
    assert page.locator(f"{timeline} > title").first.text_content().startswith("North Atlantic Treaty (NATO)")
    assert page.get_attribute(timeline, "role") == "img"
    with page.expect_download() as download:
        page.click("#parties figure a[download]")
    assert download.value.suggested_filename == "north-atlantic-treaty-timeline.svg"
    picture(page, timeline, "timeline-pact-nato")
    page.goto(site + "/pacts/anzus/")
    assert count(page, "svg.pact-timeline rect.suspension") == 2
    picture(page, "svg.pact-timeline", "timeline-pact-anzus")
    assert page.problems == []


def test_the_state_timeline_and_the_yearly_chart(watched, site):
    page = watched
    page.goto(site + "/states/POL/?on=2020-01-01")
    spells = Party.objects.filter(state__code="POL", joined_on__isnull=False).count()
    assert count(page, "svg.state-timeline rect.spell") == spells
    picture(page, "svg.state-timeline", "timeline-state-poland")
    page.goto(site + "/")
    bars = page.locator("svg.yearly-chart rect.in-force.curated")
    drawn = {int(b.get_attribute("data-year")): int(b.get_attribute("data-count")) for b in bars.all()}
    from alliances.pacts.pictures import yearly

    expected = {year: n for year, n, _u in yearly.counts(datetime.date.today())["curated"] if n}
    assert drawn == expected
    picture(page, "svg.yearly-chart", "chart-pacts-in-force-each-year")
    screenshot(page, "home")
    page.click("details.picture-table summary")
    assert page.locator("details.picture-table table tbody tr").count() == len(yearly.counts(datetime.date.today())["curated"])
    assert page.problems == []


def test_the_map_of_who_defends_a_state(watched, site):
    page = watched
    day = D(2020, 6, 1)
    page.goto(site + "/states/POL/map/?on=2020-06-01")
    poland = State.objects.get(code="POL")
    defenders = {link.obliged for link in links_on(day, protected=[poland.pk])}
    keys = set()
    for state in defenders:
        keys.update(worldmap.placement(state, day).keys)
    shaded = {p.get_attribute("data-country") for p in page.locator("svg.defenders-map path.defender").all()}
    assert shaded == keys
    assert page.locator("table.map-table tbody tr").count() == len(defenders)
    picture(page, "svg.defenders-map", "map-defenders-of-poland-2020")
    screenshot(page, "map-page-defenders-of-poland-2020")
    page.goto(site + "/states/PRK/map/?on=1980-01-01")
    assert page.locator("svg.defenders-map path.defender[data-country='804']").count() == 1  # the USSR, on Ukraine too
    assert "union republics" in page.locator(".map-note").inner_text()
    picture(page, "svg.defenders-map", "map-defenders-of-north-korea-1980")
    with page.expect_download() as download:
        page.click("figure a[download]")
    assert download.value.suggested_filename == "PRK-defenders-1980-01-01.svg"
    assert page.problems == []


def test_the_map_of_a_pacts_parties(watched, site):
    page = watched
    day = D(2024, 6, 1)
    page.goto(site + "/pacts/north-atlantic-treaty/map/?on=2024-06-01")
    nato = Pact.objects.get(slug="north-atlantic-treaty")
    parties = {p.state for p in nato.parties.all() if p.status_on(day) == MembershipStatus.PARTY}
    assert page.locator("table.map-table tbody tr").count() == len(parties) == 32
    assert page.locator("svg.members-map path.member").count() == sum(len(worldmap.placement(s, day).keys) for s in parties)
    page.locator("svg.members-map path.member[data-country='246']").first.click()  # Finland opens its page
    page.wait_for_url("**/states/FIN/?on=2024-06-01")
    screenshot(page, "state-finland-from-the-map")
    page.go_back()
    picture(page, "svg.members-map", "map-nato-parties-2024")
    assert page.problems == []


def _expected_edges(day, commitments):
    best = {}
    order = [LinkStatus.BINDING, LinkStatus.UNKNOWN, LinkStatus.SUSPENDED]
    for link in links_on(day, commitments):
        key = (link.obliged.pk, link.protected.pk, kinds.kind_of(link.commitment))
        best[key] = min(best.get(key, link.status), link.status, key=order.index)
    return {key: status for key, status in best.items() if status != LinkStatus.UNKNOWN}


def test_the_network_draws_the_links_of_the_rows_and_opens_what_it_shows(watched, site, tmp_path):
    page = watched
    day = D(2020, 6, 1)
    page.goto(site + "/compare/?on=2020-06-01")
    page.click("a:has-text('These rows as a network')")
    page.wait_for_url("**/network/?on=2020-06-01")
    canvas = page.locator("#network-canvas[data-ready='1']")
    canvas.wait_for()
    expected = _expected_edges(day, Commitment.objects.all())
    states = {a for a, _b, _k in expected} | {b for _a, b, _k in expected}
    assert int(canvas.get_attribute("data-nodes")) == len(states)
    assert int(canvas.get_attribute("data-edges")) == len(expected)
    for kind in kinds.ORDER:
        drawn = canvas.get_attribute(f"data-kind_{kind.value}")
        assert int(drawn) == sum(1 for (_a, _b, k) in expected if k == kind), kind
    picture(page, "section.network", "network-2020")
    screenshot(page, "network-page-2020")

    # Hiding a kind takes its edges off the canvas.
    consultation = sum(1 for (_a, _b, k) in expected if k == kinds.LinkKind.CONSULTATION)
    page.uncheck("input[data-key='consultation']")
    assert int(canvas.get_attribute("data-edges")) == len(expected) - consultation
    assert int(canvas.get_attribute("data-kind_consultation")) == 0
    page.check("input[data-key='consultation']")

    # The SVG download holds one path per edge drawn, one circle per state.
    with page.expect_download() as download:
        page.click("#network-svg")
    svg = open(download.value.path(), encoding="utf-8").read()
    assert len(re.findall(r'<path class="edge ', svg)) == len(expected)
    assert len(re.findall(r'<circle class="node"', svg)) == len(states)
    with page.expect_download() as download:
        page.click("#network-png")
    assert open(download.value.path(), "rb").read(8) == b"\x89PNG\r\n\x1a\n"

    # The keyboard goes from state to state and Enter opens the state's page.
    page.focus("#network-canvas")
    page.keyboard.press("ArrowRight")
    first = sorted(State.objects.filter(pk__in=states), key=lambda s: (s.name, s.code))[0]
    assert page.locator("#network-status").inner_text().startswith(first.name)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/states/{first.code}/?on=2020-06-01")
    page.go_back()
    canvas.wait_for()

    # A click on a state opens its page.
    x, y = page.evaluate("document.getElementById('network-canvas').positionOf('USA')")
    page.mouse.click(page.locator("#network-canvas").bounding_box()["x"] + x,
                     page.locator("#network-canvas").bounding_box()["y"] + y)
    page.wait_for_url("**/states/USA/?on=2020-06-01")
    assert page.problems == []


def test_the_network_of_a_filtered_matrix(watched, site):
    page = watched
    page.goto(site + "/network/?on=1980-01-01&commitment_type=defense")
    canvas = page.locator("#network-canvas[data-ready='1']")
    canvas.wait_for()
    from django.http import QueryDict

    from alliances.pacts.filtersets import CommitmentFilterSet
    from alliances.pacts.views.lists import commitment_rows

    rows = CommitmentFilterSet(QueryDict("on=1980-01-01&commitment_type=defense"), queryset=commitment_rows()).qs
    expected = _expected_edges(D(1980, 1, 1), rows)
    assert int(canvas.get_attribute("data-edges")) == len(expected) > 0
    assert int(canvas.get_attribute("data-kind_consultation")) == 0
    assert page.locator("table.network-table tbody tr").count() == int(canvas.get_attribute("data-nodes"))
    picture(page, "section.network", "network-1980-defence")
    assert page.problems == []
