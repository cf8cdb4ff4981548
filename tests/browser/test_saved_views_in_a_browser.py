"""Saved views and the column chooser, as staff use them: hide and order columns, save the
view, pick it again from the menu, and export what is shown. Screenshots at 1440×900 and
390×844 under test-output/screenshots/."""

import csv
import io

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

SIZES = {"1440x900": {"width": 1440, "height": 900}, "390x844": {"width": 390, "height": 844}}


def headers(page):
    return [text.replace("▲", "").replace("▼", "").strip()
            for text in page.locator("#results table.data thead th").all_inner_texts()]


def exported_header(page):
    with page.expect_download() as download_info:
        page.click("#results a:has-text('CSV')")
    content = open(download_info.value.path(), encoding="utf-8").read()
    return next(csv.reader(io.StringIO(content)))


def test_hide_a_column_save_the_view_pick_it_again_and_export_what_is_shown(watched, site):
    page = watched
    page.set_default_timeout(30000)  # a shared machine may be slow to answer a post
    page.set_viewport_size(SIZES["1440x900"])
    page.goto(site + "/pacts/?multilaterality=bilateral&sort=signed")
    assert "Headline commitment" in headers(page)

    # Hide two columns and put "Signed" first; the form needs no script.
    page.click(".column-chooser summary")
    page.uncheck(".column-chooser input[name=show][value=commitments]")
    page.uncheck(".column-chooser input[name=show][value=invocations]")
    page.fill(".column-chooser input[name=position-signed]", "1")
    with page.expect_navigation():
        page.click(".column-chooser button:has-text('Apply columns')")
    page.wait_for_selector("text=Your columns for this table are saved.")
    shown = headers(page)
    assert shown[0] == "Signed" and "Headline commitment" not in shown and "Invocations" not in shown
    assert "multilaterality=bilateral" in page.url and "sort=signed" in page.url  # the view is kept
    page.click(".column-chooser summary")
    screenshot(page, "column-chooser-1440x900")
    page.click(".column-chooser summary")

    exported = exported_header(page)
    assert exported[:len(shown)] == shown  # the export's columns are those shown, in that order
    assert "Headline commitment" not in exported and "Invocations" not in exported

    # Save the view under a name.
    page.click(".saved-views summary")
    page.fill("#id_view_name", "Bilateral pacts by date")
    with page.expect_navigation():
        page.click(".saved-views button:has-text('Save view')")
    page.wait_for_selector("text=View “Bilateral pacts by date” saved.")

    # From the bare list, the menu brings the view back: its filters, sort and columns.
    page.goto(site + "/compare/")
    page.goto(site + "/pacts/?columns=short_name,status,parties,signed,in_force,ended,multilaterality,commitments")
    assert "Headline commitment" in headers(page)
    page.click(".saved-views summary")
    screenshot(page, "saved-views-menu-1440x900")
    page.click(".saved-view-menu a:has-text('Bilateral pacts by date')")
    page.wait_for_url("**multilaterality=bilateral**")
    assert "sort=signed" in page.url
    assert headers(page) == shown
    kinds = page.locator("#results table.data tbody tr td:nth-child(%d)" % (shown.index("Kind") + 1)).all_inner_texts()
    assert kinds and set(kinds) == {"bilateral"}
    assert exported_header(page)[:len(shown)] == shown
    screenshot(page, "saved-view-picked-1440x900")

    # On a phone: the same menu and chooser, folded until opened.
    page.set_viewport_size(SIZES["390x844"])
    page.reload()
    assert not page.locator(".saved-view-menu").is_visible()
    page.click(".saved-views summary")
    assert page.locator(".saved-view-menu a:has-text('Bilateral pacts by date')").is_visible()
    screenshot(page, "saved-views-menu-390x844")
    page.click(".saved-views summary")
    page.click(".column-chooser summary")
    screenshot(page, "column-chooser-390x844")

    # Renamed and then deleted on the user's page of views.
    page.goto(site + "/saved-views/")
    page.fill("input[name=name]", "Bilateral, oldest first")
    with page.expect_navigation():
        page.click("button:has-text('Rename')")
    page.wait_for_selector("text=is now “Bilateral, oldest first”")
    screenshot(page, "saved-views-page-390x844")
    page.set_viewport_size(SIZES["1440x900"])
    screenshot(page, "saved-views-page-1440x900")
    with page.expect_navigation():
        page.click("button:has-text('Delete')")
    page.wait_for_selector("text=You have saved no view yet.")
    assert page.problems == []


def test_the_matrix_keeps_its_own_columns(watched, site):
    page = watched
    page.set_default_timeout(30000)  # a shared machine may be slow to answer a post
    page.set_viewport_size(SIZES["1440x900"])
    page.goto(site + "/compare/?commitment_type=defense")
    page.click(".column-chooser summary")
    page.uncheck(".column-chooser input[name=show][value=legal]")
    page.uncheck(".column-chooser input[name=show][value=means]")
    with page.expect_navigation():
        page.click(".column-chooser button:has-text('Apply columns')")
    page.wait_for_selector("text=Your columns for this table are saved.")
    shown = headers(page)
    assert "Legal references" not in shown and "Means" not in shown and shown[0] == "Pact"
    assert "commitment_type=defense" in page.url
    exported = exported_header(page)
    assert exported[:len(shown)] == shown and "Legal references" not in exported
    screenshot(page, "compare-columns-chosen-1440x900")
    page.goto(site + "/pacts/")
    assert "Headline commitment" in headers(page)  # the pact list keeps its own
    assert page.problems == []
