"""Counts that stop at a bound (settings.COUNT_LIMIT): past it a list says "more than" that
many rows and leaves the options of a filter with more than that many rows to count without
numbers, so that a page's work stops growing with the data; below it every count is exact.
The rows and their order are the same whatever the bound; a page past the bound counts
every row and says how many. On PostgreSQL the connections get the work memory that keeps a
text search matching most texts from reading them again (settings.PG_WORK_MEM)."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from alliances.pacts.filtersets import CommitmentFilterSet, PactFilterSet
from alliances.pacts.models import Commitment, Pact

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parent.parent
FRAGMENT = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "dashboard"}
TABLES = {"pact list": ("/pacts/", PactFilterSet, Pact.objects.all),
          "matrix": ("/compare/", CommitmentFilterSet, Commitment.objects.all)}


def rows_of(page):
    """The rows of a table page, as HTML, in order."""
    body = page.partition("<tbody>")[2].partition("</tbody>")[0]
    return re.findall(r"<tr>.*?</tr>", body, re.S)


def text(client, address, **headers):
    response = client.get(address, **headers)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("table", TABLES)
def test_past_the_bound_the_page_says_more_than_and_shows_the_same_rows(staff_client, curated, settings, table):
    url = TABLES[table][0]
    settings.COUNT_LIMIT = 10_000
    exact = [text(staff_client, f"{url}?per_page=10&page={n}&sort=-signed") for n in (1, 2)]
    total = Pact.objects.count() if table == "pact list" else None
    if total is not None:
        assert f"{total} rows match." in exact[0]
    settings.COUNT_LIMIT = 15
    capped = [text(staff_client, f"{url}?per_page=10&page={n}&sort=-signed") for n in (1, 2)]
    for page in capped:
        assert "More than 15 rows match" in page
        assert "rows match." not in page
    assert "Page 1 of more than 2" in capped[0] and "Page 2 of more than 2" in capped[1]
    assert 'rel="next"' in capped[1]  # a page past the bound is offered
    assert [rows_of(page) for page in capped] == [rows_of(page) for page in exact]


@pytest.mark.parametrize("table", TABLES)
def test_a_page_past_the_bound_counts_every_row(staff_client, curated, settings, table):
    url, filterset_class, queryset = TABLES[table]
    rows = filterset_class(QueryDict(""), queryset=queryset()).qs.count()
    settings.COUNT_LIMIT = 10_000
    last = -(-rows // 10)
    exact = text(staff_client, f"{url}?per_page=10&page=3")
    settings.COUNT_LIMIT = 15
    page = text(staff_client, f"{url}?per_page=10&page=3")
    assert f"{rows} rows match." in page and f"Page 3 of {last}" in page
    assert "More than" not in page
    assert rows_of(page) == rows_of(exact)
    # past the last page, as without a bound: named, and the last page shown
    beyond = text(staff_client, f"{url}?per_page=10&page=999")
    assert f"Page 999 ignored: this view has {last} pages; this is the last." in beyond
    assert f"Page {last} of {last}" in beyond


@pytest.mark.parametrize("table", TABLES)
def test_within_the_bound_the_count_is_exact(staff_client, curated, settings, table):
    url, filterset_class, queryset = TABLES[table]
    rows = filterset_class(QueryDict("party=USA"), queryset=queryset()).qs.count()
    settings.COUNT_LIMIT = rows
    page = text(staff_client, f"{url}?party=USA")
    assert f"{rows} rows match." in page
    assert "More than" not in page


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize("query", ["", "party=USA", "commitment_type=defense&decade=1950"])
def test_a_filter_is_counted_exactly_or_not_at_all(curated, settings, table, query):
    _url, filterset_class, queryset = TABLES[table]
    settings.COUNT_LIMIT = 10_000
    exact = filterset_class(QueryDict(query), queryset=queryset()).facet_counts()
    assert all(counts is not None for counts in exact.values())
    settings.COUNT_LIMIT = 12
    bounded = filterset_class(QueryDict(query), queryset=queryset()).facet_counts()
    assert bounded.keys() == exact.keys()
    for name, counts in bounded.items():
        if counts is not None:
            assert counts == exact[name], name
    if not query:  # every filter would count every row: more than 12 of them
        assert all(counts is None for counts in bounded.values())


def test_the_panel_names_the_filters_left_uncounted(staff_client, curated, settings):
    settings.COUNT_LIMIT = 10_000
    page = text(staff_client, "/pacts/?party=USA")
    assert "No numbers beside the options" not in page and 'data-count="' in page
    usa = PactFilterSet(QueryDict("party=USA"), queryset=Pact.objects.all()).qs.count()
    settings.COUNT_LIMIT = usa  # the pacts of the USA are counted; every pact, for the parties, is not
    page = text(staff_client, "/pacts/?party=USA")
    note = re.search(r'<p class="filter-note">(.*?)</p>', page, re.S).group(1)
    assert "Parties" in note and f"more than {usa} rows" in note
    assert "Decade signed" not in note
    party = page.partition('name="party"')[2].partition("</select>")[0]
    assert "data-count" not in party
    decade = page.partition('name="decade"')[2].partition("</select>")[0]
    assert "data-count" in decade


def test_the_note_and_the_count_speak_indonesian(staff_client, curated, settings):
    settings.COUNT_LIMIT = 3
    page = text(staff_client, "/pacts/?per_page=10", HTTP_ACCEPT_LANGUAGE="id")
    assert "More than" not in page and "No numbers beside" not in page and "of more than" not in page
    assert "Lebih dari 3 baris cocok" in page and "Halaman 1 dari lebih dari 1" in page
    assert "Tanpa angka di samping pilihan Pihak" in page


ADDRESSES = {
    "pact list": ("/pacts/?page=2&per_page=10&sort=-parties", {}),
    "pact list fragment": ("/pacts/?multilaterality=multilateral", FRAGMENT),
    "matrix": ("/compare/?page=2&per_page=10&commitment_type=defense", {}),
    "matrix fragment": ("/compare/?party=USA", FRAGMENT),
    "pact list, searched": ("/pacts/?q=attack", {}),
    "matrix fragment, searched": ("/compare/?q=Parties", FRAGMENT),
}


@pytest.mark.parametrize("kind", ADDRESSES)
def test_a_bounded_count_asks_no_more_queries(staff_client, curated, settings, kind):
    """The same queries with or without a bound; one fewer where no filter's options can
    be counted (their grouped counts are not asked for)."""
    address, headers = ADDRESSES[kind]
    staff_client.get(address, **headers)  # the session, once
    counted, numbered = [], []
    for limit in (10_000, 3):
        settings.COUNT_LIMIT = limit
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.get(address, **headers)
        assert response.status_code == 200
        counted.append(len(queries))
        numbered.append('data-count="' in response.content.decode())
    assert numbered[0]
    assert counted[1] == counted[0] - (0 if numbered[1] else 1)


def _check(**environment):
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": "sqlite:////tmp/unused.sqlite3", "ALLIANCES_DEBUG": "1",
           **environment}
    return subprocess.run([sys.executable, "manage.py", "check"], cwd=PROJECT, env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize("name, value", [("ALLIANCES_COUNT_LIMIT", "0"), ("ALLIANCES_COUNT_LIMIT", "many"),
                                         ("ALLIANCES_PG_WORK_MEM", "32"), ("ALLIANCES_PG_WORK_MEM", "32MB; DROP")])
def test_a_bound_or_a_memory_that_is_not_one_stops_the_server_with_its_name(name, value):
    result = _check(**{name: value})
    assert result.returncode != 0 and name in result.stderr
    assert _check(ALLIANCES_COUNT_LIMIT="200", ALLIANCES_PG_WORK_MEM="64MB").returncode == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own setting")
def test_the_application_connects_to_postgresql_with_its_work_memory(db, settings):
    with connection.cursor() as cursor:
        cursor.execute("SHOW work_mem")
        assert cursor.fetchone()[0] == settings.PG_WORK_MEM
