"""The lists' feedback in the browser: a loading indicator while the table reloads, typing
debounced into one request, one history entry per change, addresses without empty fields."""

from urllib.parse import urlparse

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, watch

pytestmark = pytest.mark.browser

SIZES = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}


def region_requests(page):
    """The htmx requests for the dashboard region, as they are sent."""
    sent = []
    page.on("request", lambda request: sent.append(request.url)
            if request.headers.get("hx-request") == "true" else None)
    return sent


def history_length(page):
    return page.evaluate("history.length")


def go_back(page):
    """history.back(), once the page is ready for it: restoring an address may reload the
    page, and a script sent while it reloads is lost with the old page."""
    for _attempt in range(50):
        try:
            page.evaluate("setTimeout(() => history.back(), 0)")
            return
        except PlaywrightError:
            page.wait_for_timeout(100)
    raise AssertionError("the page never became ready to go back")


def test_typing_sends_one_request_after_a_pause_and_adds_one_history_entry(signed_in, site):
    page = watch(signed_in)
    page.goto(site + "/pacts/")
    sent = region_requests(page)
    entries = history_length(page)
    page.locator("#id_q").press_sequentially("Atlantic", delay=60)  # faster than the pause htmx waits for
    page.wait_for_url("**/pacts/?q=Atlantic&per_page=25")
    page.wait_for_function("(document.querySelector('#results .chips') || {textContent: ''}).textContent.includes('Atlantic')")
    assert len(sent) == 1, sent  # not one per keystroke
    assert urlparse(page.url).query == "q=Atlantic&per_page=25"  # the empty fields stay out of the address
    assert history_length(page) == entries + 1

    # Leaving the field sends the same filters again: the entry is replaced, not added.
    page.locator("#id_q").press("Enter")
    page.wait_for_timeout(800)
    assert history_length(page) == entries + 1
    assert urlparse(page.url).query == "q=Atlantic&per_page=25"

    page.locator(".more-filters > summary").click()  # the filter is among the folded ones
    page.select_option("#id_multilaterality", ["multilateral"])
    page.wait_for_url("**multilaterality=multilateral**")
    assert history_length(page) == entries + 2
    # Back walks the changes one at a time (htmx reloads each address: no history cache).
    go_back(page)
    expect(page).to_have_url(site + "/pacts/?q=Atlantic&per_page=25")
    page.wait_for_load_state()
    go_back(page)
    expect(page).to_have_url(site + "/pacts/")
    assert not page.problems, "\n".join(page.problems)


@pytest.mark.parametrize("size", SIZES)
def test_a_loading_indicator_shows_while_the_table_reloads(signed_in, site, size):
    page = watch(signed_in)
    page.set_viewport_size(SIZES[size])
    page.goto(site + "/compare/?per_page=10")
    indicator = page.locator("#dashboard .loading-indicator")
    assert not indicator.is_visible()
    assert "Page 1 of" in page.locator("#results .pagination").inner_text()

    held = []
    page.route("**/compare/?*", lambda route: held.append(route) if route.request.headers.get("hx-request") else
               route.continue_())
    toggle = page.locator(".filter-panel > summary.filter-toggle")
    if toggle.is_visible() and not page.locator(".filter-panel[open]").count():
        toggle.click()  # on a phone the filters fold behind one button
    page.select_option("#id_commitment_type", ["defense"])
    page.wait_for_function("document.querySelector('#dashboard').classList.contains('htmx-request')")
    indicator.wait_for(state="visible")
    assert indicator.inner_text() == "Updating the table…"
    assert indicator.get_attribute("style") is None
    screenshot(page, f"lists-loading-{size}")
    for route in held:
        route.continue_()
    page.unroute("**/compare/?*")
    page.wait_for_url("**commitment_type=defense**")
    page.locator("#dashboard .loading-indicator").wait_for(state="hidden")
    assert "=&" not in page.url and not page.url.endswith("=")
    screenshot(page, f"lists-filtered-{size}")
    assert not page.problems, "\n".join(page.problems)


@pytest.mark.parametrize("size", SIZES)
def test_bad_values_in_the_address_are_named_on_the_page(signed_in, site, size):
    page = signed_in
    page.set_viewport_size(SIZES[size])
    page.goto(site + "/pacts/?per_page=7&page=x&export=pdf&signed_from=2000&signed_to=1950")
    said = page.locator("#results .messages").inner_text()
    for expected in ("Rows per page “7” ignored", "Page “x” ignored", "Export “pdf” ignored", "both are ignored"):
        assert expected in said
    screenshot(page, f"lists-bad-values-{size}")
