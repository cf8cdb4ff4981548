"""The filter panel in the browser: the first filters and the first rows in the first
screen, the rest folded; searchable multi-selects used from the keyboard, with each
option's count; the panel folded behind one button on a phone; no CSP violation.
Screenshots at 1440x900 and 390x844 under test-output/screenshots/."""

import pytest

from tests.browser.conftest import SCREENSHOTS, watch

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}


def first_screen(page, name):
    """What the window shows without scrolling."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # caret="initial": hiding the caret would add a style sheet, which the CSP blocks
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), caret="initial")


@pytest.fixture
def at(watched):
    # A violation names what it blocked and where, for the failure message.
    watched.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error('blocked: ' + e.sourceFile"
        " + ':' + e.lineNumber + ':' + e.columnNumber + ' ' + (e.target && e.target.outerHTML || '').slice(0, 160)))"
    )

    def resize(size):
        watched.set_viewport_size(size)
        return watched
    return resize


@pytest.mark.parametrize("path", ["/pacts/", "/compare/"])
def test_the_first_rows_show_in_the_first_screen_at_1440x900(at, site, path):
    page = at(DESKTOP)
    page.goto(site + path)
    page.wait_for_selector("form.filters .ts-wrapper")  # the multi-selects set up
    first_screen(page, f"filters-{path.strip('/')}-1440x900")
    rows = page.locator("#results table.data tbody tr")
    assert rows.count() >= 3
    first, second = rows.nth(0).bounding_box(), rows.nth(1).bounding_box()
    assert first["y"] + first["height"] <= DESKTOP["height"], (path, first)  # the whole first row
    assert second["y"] < DESKTOP["height"] - 40, (path, second)  # and the next ones begin
    assert page.locator("form.filters details.more-filters").get_attribute("open") is None
    assert not page.locator("#id_decade").is_visible()
    page.click("details.more-filters > summary")
    assert page.locator("details.more-filters .ts-wrapper").first.is_visible()
    first_screen(page, f"filters-{path.strip('/')}-more-1440x900")
    assert page.problems == []


def test_more_filters_are_open_when_one_of_them_is_set(at, site):
    page = at(DESKTOP)
    page.goto(site + "/pacts/?decade=1940")
    assert page.locator("details.more-filters").get_attribute("open") == ""
    assert page.locator("details.more-filters .ts-wrapper").first.is_visible()
    assert page.problems == []


def test_a_multi_select_is_searched_and_used_from_the_keyboard(at, site):
    page = at(DESKTOP)
    page.goto(site + "/pacts/")
    page.wait_for_selector("#id_party-ts-control")
    page.focus("#id_party-ts-control")
    page.keyboard.type("DPRK")
    options = page.locator(".ts-dropdown .option:visible")
    page.wait_for_function("() => document.querySelectorAll('.ts-dropdown .option').length === 1")
    assert "North Korea" in options.first.inner_text()
    count = int(options.first.locator(".facet-count").inner_text())
    assert count >= 1  # the 2024 treaty with Russia at least
    first_screen(page, "filters-party-search-1440x900")
    page.keyboard.press("Enter")
    page.wait_for_url("**party=PRK**")
    page.wait_for_function("() => document.querySelectorAll('#results table.data tbody tr').length === %d" % count)
    # The panel was replaced by the answer: the focus stays in the same multi-select.
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'id_party-ts-control'")
    # No answer still on its way, whose swap would take the next keys from the panel.
    page.wait_for_function("() => document.querySelector('.htmx-request') === null")
    page.keyboard.press("Escape")
    page.keyboard.press("Backspace")  # removes the last chosen state
    page.wait_for_function("() => !window.location.search.includes('party=PRK')")
    assert page.problems == []


def test_on_a_phone_the_filters_fold_behind_one_button(at, site):
    page = at(PHONE)
    page.goto(site + "/compare/")
    toggle = page.locator("form.filters summary.filter-toggle")
    assert toggle.is_visible()
    assert not page.locator("#id_q").is_visible()
    first_row = page.locator("#results table.data tbody tr").first
    assert first_row.bounding_box()["y"] < PHONE["height"]
    first_screen(page, "filters-compare-folded-390x844")
    toggle.click()
    assert page.locator("#id_q").is_visible()
    assert page.locator("#id_party-ts-control").is_visible()
    first_screen(page, "filters-compare-open-390x844")
    # A choice re-renders the panel; it stays open for the next one.
    page.locator("#id_commitment_type-ts-control").click()
    page.locator(".ts-dropdown .option[data-value='defense']").click()
    page.wait_for_url("**commitment_type=defense**")
    page.wait_for_selector("#id_commitment_type + .ts-wrapper .item[data-value='defense']")
    assert page.locator("#id_q").is_visible()
    assert page.problems == []


def test_the_pact_list_at_both_sizes_shows_no_csp_violation(at, site):
    for size, name in ((DESKTOP, "1440x900"), (PHONE, "390x844")):
        page = at(size)
        page.goto(site + "/pacts/?party=USA&decade=1940")
        page.wait_for_selector("form.filters .ts-wrapper", state="attached")  # folded on a phone
        page.evaluate("window.scrollTo(0, 0)")
        first_screen(page, f"filters-pacts-set-{name}")
        assert page.problems == [], name
