"""An editor changes a commitment's clause through the admin's autocomplete, with a reason,
and finds the edit and its reason in the pact page's history; the commitment list is
filtered by a pact found by typing its name."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from alliances.pacts.models import Commitment, Pact
from alliances.pacts.roles import EDITORS
from tests.browser.conftest import screenshot, watch

pytestmark = pytest.mark.browser

WIDE, PHONE = {"width": 1440, "height": 900}, {"width": 390, "height": 844}


@pytest.fixture
def editor_page(browser, site):
    user = get_user_model().objects.create_user("editor", password="browser-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    page.set_default_timeout(20000)
    page.goto(site + "/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "browser-test-password")
    page.click("main button[type=submit]")
    page.wait_for_url(site + "/")
    yield watch(page)
    context.close()


def _choose(page, container, term, option):
    """Open an autocomplete box, type, and pick the option with exactly this text."""
    page.click(container)
    page.fill(".select2-container--open .select2-search__field", term)
    choice = page.locator(".select2-results__option", has_text=option).first
    choice.wait_for()
    return choice


def test_an_editor_changes_a_commitments_clause_with_the_autocomplete_and_a_reason(editor_page, site):
    page = editor_page
    commitment = Commitment.objects.filter(pact__slug="russia-dprk-2024").select_related("clause", "pact").order_by("pk").first()
    target = commitment.pact.clauses.exclude(pk=commitment.clause_id).order_by("order").first()
    page.goto(f"{site}/admin/pacts/commitment/{commitment.pk}/change/")
    choice = _choose(page, "#select2-id_clause-container", f"{target.label} {commitment.pact.short_name}", str(target))
    screenshot(page, "admin-commitment-autocomplete-1440x900")
    page.set_viewport_size(PHONE)
    screenshot(page, "admin-commitment-autocomplete-390x844")
    page.set_viewport_size(WIDE)
    choice.click()
    page.fill("#id_history_change_reason", "Article per the signed Russian text")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/pacts/commitment/")
    commitment.refresh_from_db()
    assert commitment.clause == target
    assert commitment.history.first().history_change_reason == "Article per the signed Russian text"

    page.goto(f"{site}/pacts/{commitment.pact.slug}/#history")
    history = page.locator("table.history tbody tr").first
    assert "Article per the signed Russian text" in history.inner_text()
    assert commitment.key in history.inner_text() and "editor" in history.inner_text()
    page.locator("#history").scroll_into_view_if_needed()
    page.screenshot(path=str(_shot("pact-history-after-edit-1440x900")))
    page.set_viewport_size(PHONE)
    page.locator("#history").scroll_into_view_if_needed()
    page.screenshot(path=str(_shot("pact-history-after-edit-390x844")))
    assert page.problems == []


def test_the_commitment_list_is_filtered_by_a_pact_typed_into_the_filter(editor_page, site):
    page = editor_page
    pact = Pact.objects.get(slug="north-atlantic-treaty")
    page.goto(f"{site}/admin/pacts/commitment/")
    container = "#select2-filter-pact__id__exact-container"
    choice = _choose(page, f".select2-selection:has({container})", "North Atlantic", str(pact))
    screenshot(page, "admin-commitment-pact-filter-1440x900")
    choice.click()
    page.wait_for_url(f"**pact__id__exact={pact.pk}**")
    shown = page.locator("#result_list tbody tr").count()
    assert shown == Commitment.objects.filter(pact=pact).count() > 0
    assert str(pact) in page.locator(container).inner_text()
    page.set_viewport_size(PHONE)
    screenshot(page, "admin-commitment-pact-filter-390x844")
    assert page.problems == []


def _shot(name):
    from tests.browser.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{name}.png"
