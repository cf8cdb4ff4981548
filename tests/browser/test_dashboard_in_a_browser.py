"""What staff do in the browser, end to end. A screenshot of each page is saved under
test-output/screenshots/ for review."""

import csv
import io
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def query(page):
    return parse_qs(urlparse(page.url).query)


def rows(page):
    return page.locator("#results table.data tbody tr").count()


def test_an_anonymous_visitor_lands_on_the_login_page(page, site):
    page.goto(site + "/compare/")
    assert "/login/" in page.url
    assert page.locator("#id_username").is_visible()
    screenshot(page, "login")


def test_a_filter_change_updates_the_table_in_place_and_the_address(signed_in, site):
    page = signed_in
    page.goto(site + "/compare/?per_page=100")  # every commitment on one page, so that filtering shows fewer
    page.evaluate("window.stillTheSamePage = true")
    before = rows(page)
    page.select_option("#id_commitment_type", ["defense"])
    page.wait_for_url("**commitment_type=defense**")
    page.wait_for_function("document.querySelectorAll('#results table.data tbody tr').length < %d" % before)
    assert page.evaluate("window.stillTheSamePage === true")  # no full page load
    assert "Defence" in page.locator(".chips").inner_text() or "defence" in page.locator(".chips").inner_text()
    screenshot(page, "compare-filtered")

    page.go_back()
    page.wait_for_url(site + "/compare/?per_page=100")
    page.wait_for_function("document.querySelectorAll('#results table.data tbody tr').length === %d" % before)
    assert "commitment_type" not in page.url


def test_sorting_and_paging_keep_the_filters(signed_in, site):
    page = signed_in
    page.goto(site + "/pacts/?multilaterality=bilateral&per_page=10")
    page.click("#results th a:has-text('Signed')")
    page.wait_for_url("**sort=signed**")
    assert query(page)["multilaterality"] == ["bilateral"]
    page.click("#results th a:has-text('Signed')")
    page.wait_for_url("**sort=-signed**")
    first = page.locator("#results table.data tbody tr").first.inner_text()
    assert "2025" in first  # the latest bilateral pacts: Russia–Iran, Pakistan–Saudi Arabia
    screenshot(page, "pacts-sorted")


def test_the_csv_export_holds_the_filtered_rows(signed_in, site):
    page = signed_in
    page.goto(site + "/compare/?commitment_type=defense")
    with page.expect_download() as download_info:
        page.click("a:has-text('CSV')")
    content = open(download_info.value.path(), encoding="utf-8").read()
    exported = list(csv.DictReader(io.StringIO(content)))
    assert exported and {row["Type"] for row in exported} == {"defence"}
    assert len(exported) == rows(page)


def test_the_2024_treaty_leads_to_a_diff_in_one_click(signed_in, site):
    page = signed_in
    page.goto(site + "/pacts/russia-dprk-2024/")
    screenshot(page, "pact-russia-dprk-2024")
    page.locator("#clause-4 a:has-text('Compare with the closest text')").first.click()
    page.wait_for_selector(".diff")
    assert "Similarity" in page.content()
    assert page.locator(".diff ins, .diff del").count() > 0
    # The closest text elsewhere is the 1961 USSR–DPRK treaty's Article 1, as the seed article says.
    assert "USSR" in page.locator("section").nth(1).inner_text() or "1961" in page.locator("section").nth(1).inner_text()
    screenshot(page, "diff")


def test_the_directed_lookup_answers(signed_in, site):
    page = signed_in
    page.goto(site + "/lookup/")
    page.select_option("#id_obliged", "USA")
    page.select_option("#id_protected", "POL")
    page.fill("#id_on", "2020-06-01")
    page.click("button:has-text('Answer')")
    page.wait_for_selector("#answer")
    assert page.locator(".answer").inner_text().lower() == "yes"
    screenshot(page, "lookup")


def test_the_state_index_finds_a_state_whose_page_folds_away_the_pacts_not_in_force(signed_in, site):
    page = signed_in
    page.goto(site + "/states/")
    page.fill("#id_q", "pol")
    page.click("button:has-text('Find')")
    page.click("table.data >> text=Poland")
    page.fill("#id_on", "1990-01-01")
    page.click("button:has-text('Show')")
    page.wait_for_url("**on=1990-01-01**")
    later = page.locator("#earlier-and-later")
    assert later.get_attribute("open") is None
    assert not later.locator("text=North Atlantic Treaty (NATO)").is_visible()  # Poland joined in 1999
    later.locator("summary").click()
    assert later.locator("text=North Atlantic Treaty (NATO)").is_visible()
    screenshot(page, "state-poland-1990")


def test_pages_render_without_console_errors(signed_in, site):
    page = signed_in
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    for path, name in [("/", "home"), ("/pacts/", "pacts"), ("/compare/?pacts=russia-dprk-2024&pacts=north-atlantic-treaty", "side-by-side"), ("/states/POL/", "state-poland"), ("/states/", "states"),
                       ("/lookup/?protected=ARM&on=2020-01-01", "lookup-who-defends-armenia")]:
        page.goto(site + path)
        screenshot(page, name)
    assert errors == []


def test_no_page_breaks_the_content_security_policy(browser, site):
    """Dashboard, htmx swaps and the admin, as an editor: the browser reports no CSP violation."""
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("chief", password="browser-test-password")
    context = browser.new_context()
    page = context.new_page()
    violations = []
    page.on("console", lambda m: violations.append((page.url, m.text[:160])) if "Content Security Policy" in m.text else None)
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    page.goto(site + "/login/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", "browser-test-password")
    page.click("main button[type=submit]")
    page.wait_for_url(site + "/")
    for path in ["/", "/pacts/", "/compare/", "/pacts/north-atlantic-treaty/", "/lookup/?obliged=USA&protected=PHL",
                 "/admin/", "/admin/pacts/pact/", "/admin/pacts/pact/1/change/", "/admin/pacts/party/add/",
                 "/admin/pacts/pact/1/history/"]:
        page.goto(site + path)
        page.wait_for_load_state("networkidle")
    page.goto(site + "/compare/")
    page.select_option("#id_commitment_type", ["defense"])
    page.wait_for_url("**commitment_type=defense**")
    page.locator("details.why summary").first.click()
    screenshot(page, "admin-csp-walk")
    context.close()
    assert violations == []
