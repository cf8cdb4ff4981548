"""Side by side in the browser: pacts chosen by searching, commitments aligned by type, and
the text diff toggled between inline and two columns. Screenshots at 1440x900 and 390x844."""

from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

SIZES = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}


def query(page):
    return parse_qs(urlparse(page.url).query)


@pytest.mark.parametrize("size", SIZES)
def test_pacts_are_chosen_by_search_and_the_diff_toggles(watched, site, size):
    page = watched
    page.set_viewport_size(SIZES[size])
    page.goto(site + "/compare/?pacts=north-atlantic-treaty")
    page.evaluate("window.stillTheSamePage = true")

    # Typing searches as one types (htmx), without reloading the page.
    page.fill("#id_find", "Iran")
    page.wait_for_selector("#found-pacts a.add-pact:has-text('Russia–Iran')")
    assert page.evaluate("window.stillTheSamePage === true")
    assert query(page)["find"] == ["Iran"]  # the address says what was searched
    page.click("#found-pacts a.add-pact:has-text('Russia–Iran')")
    page.wait_for_url("**pacts=russia-iran-2025**")
    assert query(page)["pacts"] == ["north-atlantic-treaty", "russia-iran-2025"]

    # A second search, sent with the button (the form works as a plain GET form too).
    page.fill("#id_find", "DPRK 2024")
    page.click(".pact-picker button[type=submit]")
    page.wait_for_selector("#found-pacts a.add-pact:has-text('Russia–DPRK')")
    page.click("#found-pacts a.add-pact:has-text('Russia–DPRK')")
    page.wait_for_url("**pacts=russia-dprk-2024**")
    assert query(page)["pacts"] == ["north-atlantic-treaty", "russia-iran-2025", "russia-dprk-2024"]

    # Rows aligned by type: defence beside defence, and an empty cell where a pact has none.
    table = page.locator("table.aligned")
    defence = table.locator("tbody.type-group", has=page.locator("th:has-text('Defence')"))
    assert "Article 5" in defence.locator("tr.type-row").inner_text()
    assert "No defence commitment coded in this pact." in defence.inner_text()  # Russia–Iran
    neutrality = table.locator("tbody.type-group", has=page.locator("th:has-text('Neutrality')"))
    assert neutrality.locator("td.absent").count() == 2  # NATO and Russia–DPRK
    screenshot(page, f"side-by-side-{size}")

    # From a text to the diff; the toggle puts it in two columns and keeps that in the address.
    page.locator("a:has-text('compare this text')").first.click()
    page.wait_for_url("**/diff/**")
    assert page.locator("div.diff").is_visible()
    page.click(".layout-toggle a:has-text('Two columns')")
    page.wait_for_url("**view=columns**")
    assert page.locator("table.diff-columns").is_visible()
    assert page.locator("table.diff-columns td del").count() + page.locator("table.diff-columns td ins").count() > 0
    assert page.locator(".layout-toggle a[aria-current=page]").inner_text() == "Two columns"

    # Any text of any pact as the second one.
    page.fill("#id_find", "Warsaw")
    page.click(".text-picker button[type=submit]")
    page.wait_for_selector(".found-texts a")
    page.locator(".found-texts a").first.click()
    page.wait_for_url("**view=columns**")
    assert "Warsaw Pact" in page.locator("table.diff-columns thead").inner_text()
    screenshot(page, f"diff-two-columns-{size}")
    page.click(".layout-toggle a:has-text('Inline')")
    page.wait_for_function("!location.search.includes('view=')")
    assert page.locator("div.diff").is_visible()
    screenshot(page, f"diff-inline-{size}")
    assert page.problems == []
