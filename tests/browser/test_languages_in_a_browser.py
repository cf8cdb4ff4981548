"""Bahasa Indonesia in a browser: the switcher changes the language of the page being read
(an htmx-changed address included) and keeps it from page to page; each main page is
screenshotted in Indonesian under test-output/screenshots/ (id-*.png)."""

import pytest

from alliances.pacts.models import ClauseVersion
from tests.browser.conftest import screenshot, watch

pytestmark = pytest.mark.browser

SWITCH_TO_INDONESIAN = "form.language-switcher button[value=id]"
SWITCH_TO_ENGLISH = "form.language-switcher button[value=en]"


def language(page):
    return page.get_attribute("html", "lang")


def test_the_login_page_switches_to_indonesian_and_signs_in(page, site):
    page = watch(page)
    page.goto(site + "/login/")
    assert language(page) == "en"
    page.click(SWITCH_TO_INDONESIAN)
    page.wait_for_selector("html[lang=id]")
    assert page.url == site + "/login/"
    assert page.locator("h1").inner_text() == "Masuk"
    assert page.locator("label[for=id_username]").inner_text() == "Nama pengguna"
    screenshot(page, "id-login")
    page.fill("#id_username", "analyst")
    page.fill("#id_password", "browser-test-password")
    page.click("main button[type=submit]")
    page.wait_for_url(site + "/")
    assert language(page) == "id"  # the choice outlives the sign-in
    assert page.problems == []


def test_switching_keeps_the_address_htmx_moved_to_and_the_choice_holds(watched, site):
    page = watched
    page.goto(site + "/compare/")
    page.select_option("#id_commitment_type", ["defense"])
    page.wait_for_url("**commitment_type=defense**")
    page.wait_for_selector(".chips")
    page.click(SWITCH_TO_INDONESIAN)
    page.wait_for_selector("html[lang=id]")
    assert "commitment_type=defense" in page.url  # the filtered view, not the one first loaded
    assert "Jenis kewajiban: pertahanan" in page.locator(".chips").inner_text()
    assert page.locator("#results th").first.inner_text().startswith("Pakta")
    screenshot(page, "id-compare-filtered")
    page.goto(site + "/pacts/")
    assert language(page) == "id"
    page.click(SWITCH_TO_ENGLISH)
    page.wait_for_selector("html[lang=en]")
    assert page.url == site + "/pacts/"
    assert page.locator("h1").inner_text() == "Pacts"
    assert page.problems == []


def main_pages():
    version = ClauseVersion.objects.filter(clause__pact__slug="russia-dprk-2024", language="en").exclude(text="")[0]
    return [
        ("id-home", "/", "Pakta pertahanan"),
        ("id-pacts", "/pacts/", "Pakta"),
        ("id-compare", "/compare/", "Bandingkan komitmen"),
        ("id-compare-side", "/compare/?pacts=russia-dprk-2024&pacts=ussr-dprk-1961", "Pakta berdampingan"),
        ("id-pact-russia-dprk-2024", "/pacts/russia-dprk-2024/", "Treaty on Comprehensive Strategic Partnership"),
        ("id-pact-nato", "/pacts/north-atlantic-treaty/", "The North Atlantic Treaty"),
        ("id-state-prk", "/states/PRK/?on=2025-06-01", "North Korea (DPRK)"),
        ("id-states", "/states/?on=2025-06-01", "Negara"),
        ("id-lookup-defenders-prk", "/lookup/?protected=PRK&on=2025-06-01", "Siapa wajib membela siapa"),
        ("id-state-map-prk", "/states/PRK/map/?on=2025-06-01", "Siapa yang berkomitmen membela North Korea (DPRK) pada 1 Juni 2025"),
        ("id-pact-map-nato", "/pacts/north-atlantic-treaty/map/?on=1990-01-01", "Para pihak North Atlantic Treaty (NATO) pada 1 Januari 1990"),
        ("id-network", "/network/?on=2025-06-01", "Jaringan komitmen pada 1 Juni 2025"),
        ("id-lookup", "/lookup/?obliged=RUS&protected=PRK&on=2025-06-01", "Siapa wajib membela siapa"),
        ("id-source-genpi", "/sources/genpi-2024-russia-dprk-pact/", "Kutipan yang dirujuk"),
        ("id-diff", f"/diff/?a={version.pk}", "Bandingkan dua naskah"),
        ("id-not-found", "/pacts/no-such-pact/", "Halaman tidak ditemukan"),
    ]


def test_the_main_pages_in_indonesian(watched, site):
    page = watched
    page.goto(site + "/")
    page.click(SWITCH_TO_INDONESIAN)
    page.wait_for_selector("html[lang=id]")
    for name, url, heading in main_pages():
        response = page.goto(site + url)
        assert response.status == (404 if name == "id-not-found" else 200), url
        assert language(page) == "id", url
        assert heading in " ".join(page.locator("h1, h2").all_inner_texts()), url
        if name == "id-network":
            page.wait_for_function("document.getElementById('network-canvas').dataset.ready === '1'")
        screenshot(page, name)
    page.goto(site + "/lookup/?obliged=RUS&protected=PRK&on=2025-06-01")
    assert page.locator("#answer .answer").inner_text() == "Ya"
    page.problems = [p for p in page.problems if "/pacts/no-such-pact/" not in p]  # the 404 asked for
    assert page.problems == []


def test_the_apis_documentation_in_indonesian(watched, site):
    page = watched
    page.goto(site + "/")
    page.click(SWITCH_TO_INDONESIAN)
    page.wait_for_selector("html[lang=id]")
    page.goto(site + "/api/v1/docs/")
    assert language(page) == "id"
    assert page.locator(".api-docs-back").inner_text().startswith("Kembali ke dasbor")
    page.wait_for_selector(".opblock-summary-path", timeout=20000)
    # The schema the page reads is written in the reader's language.
    assert page.locator(".info .title").inner_text().startswith("API Aliansi")
    summaries = page.locator(".opblock-summary-description").all_inner_texts()
    assert "Pakta, difilter seperti daftar pakta memfilternya" in summaries
    screenshot(page, "id-api-docs")
    assert page.problems == []


def test_the_page_for_an_account_without_a_role_in_indonesian(page, site):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user("outsider", password="browser-test-password", is_staff=True)
    page = watch(page)
    page.goto(site + "/login/")
    page.click(SWITCH_TO_INDONESIAN)
    page.wait_for_selector("html[lang=id]")
    page.fill("#id_username", "outsider")
    page.fill("#id_password", "browser-test-password")
    page.click("main button[type=submit]")
    page.wait_for_selector("h1")
    assert language(page) == "id"
    assert page.locator("h1").inner_text() == "Anda tidak boleh membuka halaman ini"
    assert "Akun outsider tidak memiliki peran di dasbor ini" in page.locator("main").inner_text()
    screenshot(page, "id-no-role")
    page.problems = [p for p in page.problems if not p.startswith("403 ")]  # the refusal shown
    assert page.problems == []
