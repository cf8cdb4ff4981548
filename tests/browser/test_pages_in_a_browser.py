"""What staff see of the pages' layout in the browser: every row of a table reached by
scrolling the page under a header that stays at the top of the window, the pact page's
contents and folding sections, shortened notes, error pages with the menu, the seed
article's claims on their own page, "Other versions:" only where there are some.
Screenshots at 1440x900 and 390x844 under test-output/screenshots/, named by point."""

from unittest import mock

import pytest
from django.db import DatabaseError
from django.db.models import Count
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, watch

pytestmark = pytest.mark.browser

SIZES = {"1440x900": {"width": 1440, "height": 900}, "390x844": {"width": 390, "height": 844}}

# Every element the page would have to scroll inside (a box of its own with hidden rows).
SCROLL_BOXES = """() => Array.from(document.querySelectorAll('body *')).filter(e => {
  const style = getComputedStyle(e);
  return ['auto', 'scroll'].includes(style.overflowY) && e.scrollHeight > e.clientHeight + 1;
}).map(e => e.tagName + '.' + e.className)"""


def in_window(page, locator):
    """Whether the element is inside the window as it is scrolled now."""
    box = locator.bounding_box()
    size = page.viewport_size
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= size["height"] + 1 and box["height"] > 0


def assert_header_in_sight(page, table, size):
    """On a wide screen the header row sticks to the top of the window; on a phone each row
    is a block whose cells name their columns, and no table is wider than the screen."""
    if size == "390x844":
        assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
        label = page.evaluate("t => getComputedStyle(t.querySelector('tbody td[data-label]'), '::before').content",
                              table.element_handle())
        assert label.strip('"').endswith(": ")
        return
    top = page.evaluate("t => t.querySelector('thead th').getBoundingClientRect().top", table.element_handle())
    assert abs(top) <= 1  # the header stays at the top of the window
    assert in_window(page, table.locator("thead th").first)


def scroll_to(page, locator):
    locator.scroll_into_view_if_needed()
    page.wait_for_timeout(50)


def no_problems(page):
    assert page.problems == [], page.problems


@pytest.mark.parametrize("size", SIZES)
def test_1_every_home_row_is_reached_by_scrolling_the_page_under_a_sticky_header(signed_in, site, size):
    page = watch(signed_in)
    page.set_viewport_size(SIZES[size])
    page.goto(site + "/")
    table = page.locator("main table.data").first
    rows = table.locator("tbody tr")
    from alliances.pacts.models import Pact

    assert rows.count() == Pact.objects.filter(curated=True).count()
    # The most recently signed first.
    assert "2025" in rows.first.inner_text()
    assert page.evaluate(SCROLL_BOXES) == []
    for row in (rows.filter(has_text="Russia–DPRK treaty (2024)"), rows.last):
        scroll_to(page, row)
        assert in_window(page, row), row.inner_text()
    assert page.evaluate("window.scrollY") > 0  # the page scrolled, not a box inside it
    assert_header_in_sight(page, table, size)
    no_problems(page)
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, f"1-no-hidden-rows-home-{size}")


@pytest.mark.parametrize("size", SIZES)
def test_1_natos_parties_table_shows_all_32_and_prints_whole(signed_in, site, size):
    page = watch(signed_in)
    page.set_viewport_size(SIZES[size])
    page.goto(site + "/pacts/north-atlantic-treaty/")
    table = page.locator("#parties table.data")
    rows = table.locator("tbody tr")
    assert rows.count() == 32
    assert page.evaluate(SCROLL_BOXES) == []
    scroll_to(page, rows.last)
    assert in_window(page, rows.last)
    assert "Sweden" in rows.last.inner_text()  # the latest to join, in 2024
    assert_header_in_sight(page, table, size)
    scroll_to(page, rows.first)
    screenshot(page, f"1-no-hidden-rows-nato-parties-{size}")
    no_problems(page)

    # A printout shows the whole table, even with its section folded on screen.
    page.locator("#parties > summary").click()
    assert not rows.last.is_visible()
    page.emulate_media(media="print")
    assert rows.last.is_visible()
    heights = page.evaluate("t => [t.getBoundingClientRect().height, t.scrollHeight]", table.element_handle())
    assert heights[0] >= heights[1] - 1
    assert page.evaluate(SCROLL_BOXES) == []
    if size == "1440x900":
        assert page.pdf()  # prints without error
    screenshot(page, f"1-print-nato-parties-{size}")


@pytest.mark.parametrize("size", SIZES)
def test_2_the_nato_page_has_contents_whose_links_jump_and_sections_that_fold(signed_in, site, size):
    page = watch(signed_in)
    page.set_viewport_size(SIZES[size])
    page.goto(site + "/pacts/north-atlantic-treaty/")
    toc = page.locator("nav.toc")
    assert toc.is_visible()
    screenshot(page, f"2-long-pages-nato-{size}")
    full_height = page.evaluate("document.documentElement.scrollHeight")

    toc.locator("a[href='#parties']").click()
    page.wait_for_url("**#parties")
    assert page.evaluate("window.scrollY") > 0
    heading = page.locator("#parties > summary h2")
    assert in_window(page, heading)
    assert abs(heading.bounding_box()["y"]) < 40  # at the top of the window

    # Fold the clauses: the page is shorter, the rest is still there.
    page.locator("#clauses > summary").click()
    assert not page.locator("#clause-5").is_visible()
    assert page.evaluate("document.documentElement.scrollHeight") < full_height - 1000
    # A contents link to a folded section unfolds it.
    page.evaluate("window.scrollTo(0, 0)")
    toc.locator("a[href='#clauses']").click()
    page.wait_for_url("**#clauses")
    # The address changes before the page hears of it (hashchange comes after): wait for it.
    expect(page.locator("#clause-5")).to_be_visible()
    # A link to a clause inside a folded section unfolds it too.
    page.locator("#clauses > summary").click()
    page.goto(site + "/pacts/north-atlantic-treaty/#clause-5")
    expect(page.locator("#clause-5")).to_be_visible()
    no_problems(page)


@pytest.mark.parametrize("size", SIZES)
def test_2_a_long_note_is_shortened_with_more(signed_in, site, size):
    page = watch(signed_in)
    page.set_viewport_size(SIZES[size])
    page.goto(site + "/pacts/collective-security-treaty/")
    note = page.locator("div.notes details.more")
    lead = note.locator("summary .lead")
    assert lead.is_visible() and lead.inner_text().endswith("…")
    closed_height = note.bounding_box()["height"]
    screenshot(page, f"2-long-note-shortened-{size}")
    note.locator("summary .more-label").click()
    assert not lead.is_visible()
    assert note.locator("summary .less-label").is_visible()
    assert note.bounding_box()["height"] > closed_height * 2
    note.locator("summary .less-label").click()
    assert lead.is_visible()
    no_problems(page)


@pytest.mark.parametrize("size", SIZES)
def test_3_the_404_page_has_the_menu_and_a_way_back(signed_in, site, size, settings):
    assert not settings.DEBUG
    page = watch(signed_in)
    page.set_viewport_size(SIZES[size])
    response = page.goto(site + "/pacts/no-such-pact/")
    assert response.status == 404
    page.problems.clear()  # the 404 itself, expected
    assert page.locator("h1").inner_text() == "Page not found"
    menu = page.locator("header nav[aria-label='Main']")
    assert menu.locator("a", has_text="Pacts").first.is_visible() or size == "390x844"
    assert menu.locator("a").count() >= 7
    screenshot(page, f"3-error-404-{size}")
    page.locator("main a", has_text="Go to the home page").click()
    page.wait_for_url(site + "/")
    no_problems(page)


@pytest.mark.parametrize("size", SIZES)
def test_3_the_500_page_has_the_menu_when_the_database_fails(signed_in, site, size, settings):
    assert not settings.DEBUG
    page = watch(signed_in)
    page.set_viewport_size(SIZES[size])
    with mock.patch("alliances.pacts.views.pages.HomeView.get_context_data", side_effect=DatabaseError("down")):
        response = page.goto(site + "/")
    assert response.status == 500
    page.problems.clear()  # the 500 itself, expected
    assert page.locator("h1").inner_text() == "Server error"
    menu = page.locator("header nav[aria-label='Main']")
    assert menu.locator("a").count() >= 7
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).borderBottomStyle") == "solid"  # styled
    screenshot(page, f"3-error-500-{size}")
    menu.locator("a", has_text="Pacts").first.click()
    page.wait_for_url(site + "/pacts/")
    no_problems(page)


@pytest.mark.parametrize("size", SIZES)
def test_4_the_seed_articles_claims_have_their_own_page_in_the_menu(signed_in, site, size):
    page = watch(signed_in)
    page.set_viewport_size(SIZES[size])
    page.goto(site + "/")
    assert page.locator("main ul.claims").count() == 0
    home_link = page.locator("main a", has_text="claims, checked against the corpus")
    assert home_link.is_visible()
    page.locator("header nav a", has_text="The seed article's claims").click()
    page.wait_for_url(site + "/claims/")
    claims = page.locator("ul.claims > li")
    assert claims.count() >= 5
    assert claims.first.locator(".verdict").is_visible()
    assert claims.first.bounding_box()["y"] < SIZES[size]["height"] - 100  # in the first screen, not 1,440 px down
    screenshot(page, f"4-claims-page-{size}")
    no_problems(page)


@pytest.mark.parametrize("size", SIZES)
def test_5_other_versions_is_never_followed_by_nothing(signed_in, site, size):
    from alliances.pacts.models import ClauseVersion

    page = watch(signed_in)
    page.set_viewport_size(SIZES[size])
    single = ClauseVersion.objects.annotate(n=Count("clause__versions")).filter(n=1, text__gt="").order_by("pk").first()
    page.goto(site + f"/diff/?a={single.pk}")
    main = page.locator("main")
    assert "Similarity" in main.inner_text()
    for paragraph in main.locator("p", has_text="Other versions:").all():
        assert paragraph.locator("a").count() > 0
    first_side = main.locator(".side-by-side > section").first
    assert "Other versions:" not in first_side.inner_text()
    screenshot(page, f"5-other-versions-{size}")
    several = ClauseVersion.objects.annotate(n=Count("clause__versions")).filter(n__gt=1, text__gt="").first()
    page.goto(site + f"/diff/?a={several.pk}")
    other = main.locator(".side-by-side > section").first.locator("p", has_text="Other versions:")
    assert other.locator("a").count() >= 1
    no_problems(page)
