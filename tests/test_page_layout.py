"""What staff see of the pages' layout: error pages in the site's layout with its menu (the
server-error page even when the database fails), the pact page's table of contents and
folding sections, long notes shortened, and "Other versions:" only where there are some."""

import re
from unittest import mock

import pytest
from django.db import DatabaseError
from django.db.models import Count
from django.template import loader
from django.test import Client, override_settings
from django.urls import reverse

from alliances.pacts.models import ClauseVersion, Pact
from alliances.pacts.templatetags.pact_tags import LONG_NOTE, shortened

MENU = ["pacts:home", "pacts:pact-list", "pacts:compare", "pacts:state-list", "pacts:lookup", "pacts:claims"]


def broken_context_processor(request):
    raise DatabaseError("the database is down")


def assert_has_the_menu(page):
    nav = re.search(r'<nav aria-label="Main">(.*?)</nav>', page, re.S)
    assert nav, "no main menu"
    for name in MENU:
        assert f'href="{reverse(name)}"' in nav.group(1), name


@pytest.mark.django_db
def test_the_404_page_has_the_menu_and_ways_back(staff_client, settings):
    assert not settings.DEBUG
    response = staff_client.get("/pacts/no-such-pact/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page
    assert_has_the_menu(page)
    assert f'<a href="{reverse("pacts:home")}">Go to the home page</a>' in page
    assert f'<a href="{reverse("pacts:pact-list")}">Every pact</a>' in page


@pytest.mark.django_db
def test_the_500_page_renders_with_the_menu_when_the_database_fails(staff_user, settings):
    assert not settings.DEBUG
    client = Client(raise_request_exception=False)
    client.force_login(staff_user)
    with mock.patch("alliances.pacts.views.pages.HomeView.get_context_data", side_effect=DatabaseError("down")):
        response = client.get("/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Server error" in page
    assert_has_the_menu(page)
    assert f'href="{reverse("pacts:home")}">Go to the home page</a>' in page


def test_the_500_page_needs_no_database_and_no_context_processors(django_assert_max_num_queries):
    broken = [{
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": loader.engines["django"].dirs,
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["tests.test_page_layout.broken_context_processor"]},
    }]
    with override_settings(TEMPLATES=broken):
        # What Django's server_error handler does: render without a request or a context.
        page = loader.get_template("500.html").render()
    assert "Server error" in page
    assert_has_the_menu(page)


@pytest.mark.django_db
def test_the_pact_page_has_a_table_of_contents_whose_links_each_reach_a_folding_section(staff_client, curated):
    page = staff_client.get("/pacts/north-atlantic-treaty/").content.decode()
    toc = re.search(r'<nav class="toc".*?</nav>', page, re.S).group(0)
    anchors = re.findall(r'href="#([\w-]+)"', toc)
    assert {"clauses", "commitments", "parties", "invocations", "history"} <= set(anchors)
    for anchor in anchors:
        assert f'<details class="section" id="{anchor}" open><summary><h2>' in page, anchor
    assert "(32)" in toc  # the parties, counted
    assert "style=" not in page and "<script>" not in page  # the site's CSP allows neither


@pytest.mark.django_db
def test_natos_parties_table_lists_all_32(staff_client, curated):
    page = staff_client.get("/pacts/north-atlantic-treaty/").content.decode()
    section = re.search(r'<details class="section" id="parties".*?</details>', page, re.S).group(0)
    assert section.count('<tr><td data-label="State"><a href="/states/') == 32


def test_a_long_note_shows_its_first_words_and_the_rest_one_click_away():
    assert shortened("A short note.\nSecond line.") == "A short note.<br>Second line."
    long = "word " * 100 + "<the end>"
    cut = str(shortened(long))
    assert cut.startswith('<details class="more"><summary><span class="lead">')
    lead = re.search(r'<span class="lead">(.*?)…</span>', cut).group(1)
    assert len(lead) <= LONG_NOTE and long.startswith(lead)
    assert "&lt;the end&gt;</details>" in cut  # the whole note, escaped, inside
    assert ">more</span>" in cut and ">less</span>" in cut


@pytest.mark.django_db
def test_other_versions_is_shown_only_when_there_are_other_versions(staff_client, curated):
    single = ClauseVersion.objects.annotate(n=Count("clause__versions")).filter(n=1, text__gt="").first()
    several = ClauseVersion.objects.annotate(n=Count("clause__versions")).filter(n__gt=1, text__gt="").first()
    assert single and several
    page = staff_client.get(reverse("pacts:diff"), {"a": single.pk}).content.decode()
    assert "Other versions:" not in page
    page = staff_client.get(reverse("pacts:diff"), {"a": several.pk}).content.decode()
    others = re.search(r"Other versions:(.*?)</p>", page, re.S).group(1)
    assert re.search(r'<a href="\?a=\d+', others)


@pytest.mark.django_db
def test_the_home_page_has_no_hidden_pacts(staff_client, curated):
    page = staff_client.get("/").content.decode()
    for pact in Pact.objects.filter(curated=True):
        assert f'href="{pact.get_absolute_url()}"' in page, pact.slug


@pytest.mark.django_db
def test_the_state_page_has_a_table_of_contents_whose_links_reach_its_sections(staff_client, curated):
    page = staff_client.get("/states/USA/").content.decode()
    toc = re.search(r'<nav class="toc".*?</nav>', page, re.S).group(0)
    anchors = re.findall(r'href="#([\w-]+)"', toc)
    assert {"in-force", "defended-by", "defends", "pledges"} <= set(anchors)
    for anchor in anchors:
        assert page.count(f'id="{anchor}"') == 1, anchor
