"""A searched pact list, matrix and fragment show the same rows as the search as it was
written before its keys were read once per request (and, on SQLite, before the trigram
index): each page is compared with a reference query, on either database: on SQLite a
substring comparison of every text (Django's icontains, SQLite's LIKE), on PostgreSQL the
full-text condition inside the rows' own query."""

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from alliances.demo.generator import generate
from alliances.pacts.models import ClauseVersion, Commitment, Pact
from alliances.pacts.textsearch import TRIGRAMS, matching_pacts, matching_versions, search_terms

FRAGMENT = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "dashboard"}

SEARCHES = [
    "UN",  # shorter than a trigram: compared in every text
    "of",  # short, in most texts
    "armed attack",  # two words, many matches
    "ARMED attack",  # case
    '"armed attack"',  # a phrase
    '"attack armed"',  # its words in another order: none
    "self-defence",  # punctuation inside
    "tack",  # inside a word (SQLite finds it; PostgreSQL matches beginnings of words)
    "États",  # accented (curated French texts)
    "états",  # the accented letter in another case
    "нападения",  # Cyrillic
    "επίθεσ",  # Greek
    "Security Council UN",  # long and short terms together
    "nonexistent",  # no match
    "Warsaw",  # a pact's name, in no text
    "ATOP 3285",  # an ATOP id
    "50%",  # LIKE's wildcard, as written
    'a"b',  # a quote inside a term
]


def reference_versions(q):
    """The clause texts the search matched before: SQLite's substring comparison of every
    text; PostgreSQL's full-text condition (unchanged)."""
    if connection.vendor == "postgresql":
        return matching_versions(q)
    terms = search_terms(q)
    if not terms:
        return ClauseVersion.objects.none()
    return ClauseVersion.objects.filter(*(Q(text__icontains=term) for term in terms))


def reference_pacts(q, **filters):
    versions = reference_versions(q).values("clause__pact")
    return set(Pact.objects.filter(Q(pk__in=versions) | matching_pacts(q)).filter(**filters).values_list("pk", flat=True))


def reference_commitments(q, **filters):
    versions = reference_versions(q).values("clause")
    return set(Commitment.objects.filter(Q(clause__in=versions) | matching_pacts(q, "pact__"))
               .filter(**filters).values_list("pk", flat=True))


@pytest.fixture
def data(curated):
    generate(40, seed=5)


def shown(client, address, headers=None):
    """The keys of every row the page shows, page after page, and the count it gives."""
    keys, page = [], 1
    while True:
        response = client.get(f"{address}&per_page=100&page={page}", **(headers or {}))
        assert response.status_code == 200, address
        table = response.context["table"]
        keys += [row.pk for row in table.page.object_list]
        if not table.page.has_next():
            return keys, table.paginator.count
        page += 1


@pytest.mark.parametrize("q", SEARCHES)
def test_searched_pages_show_the_rows_of_the_reference_search(staff_client, data, q):
    expected_pacts, expected_commitments = reference_pacts(q), reference_commitments(q)
    if q in ("armed attack", "of"):
        assert len(expected_pacts) > 20 and len(expected_commitments) > 40  # many matches
    if q == "nonexistent":
        assert not expected_pacts
    for headers in (None, FRAGMENT):
        pacts, count = shown(staff_client, f"/pacts/?q={q}", headers)
        assert set(pacts) == expected_pacts and len(pacts) == len(set(pacts)) == count, q
        commitments, count = shown(staff_client, f"/compare/?q={q}", headers)
        assert set(commitments) == expected_commitments and len(commitments) == count, q


@pytest.mark.parametrize("q", ["armed attack", "UN", '"armed attack"', "États"])
def test_a_search_with_other_filters_shows_the_reference_rows(staff_client, data, q):
    pacts, _count = shown(staff_client, f"/pacts/?q={q}&multilaterality=bilateral")
    assert set(pacts) == reference_pacts(q, multilaterality="bilateral")
    commitments, _count = shown(staff_client, f"/compare/?q={q}&commitment_type=defense&sort=-obligation")
    assert set(commitments) == reference_commitments(q, commitment_type="defense")


@pytest.mark.parametrize(("address", "searches"), [
    # the pacts' keys, and the commitments' for the counts beside the commitment filters
    ("/pacts/?q=armed+attack", 2),
    ("/compare/?q=armed+attack", 1),
])
def test_a_searched_page_reads_the_texts_once_per_kind_of_row(staff_client, data, address, searches):
    for headers in (None, FRAGMENT):
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(address, **(headers or {})).status_code == 200
        assert sum("pacts_clauseversion" in query["sql"] for query in queries) == searches, address


def test_the_keys_found_are_not_kept_for_the_next_request(staff_client, make_pact, source):
    from alliances.pacts.models import Clause

    assert shown(staff_client, "/pacts/?q=zanzibarian")[1] == 0
    clause = Clause.objects.create(pact=make_pact(slug="later-pact"), label="Article 1", order=1)
    ClauseVersion.objects.create(clause=clause, label="text", kind="authentic", language="en",
                                 text="Zanzibarian waters", source=source)
    assert shown(staff_client, "/pacts/?q=zanzibarian")[1] == 1


@pytest.fixture
def sqlite(db):
    if connection.vendor != "sqlite":
        pytest.skip("the trigram index exists on SQLite only")


def test_the_trigram_index_follows_every_change_of_a_text(sqlite, make_pact, source):
    from alliances.pacts.models import Clause

    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'pacts_clauseversion'")
        assert {name for (name,) in cursor.fetchall()} == {f"{TRIGRAMS}_insert", f"{TRIGRAMS}_delete", f"{TRIGRAMS}_update"}
    clause = Clause.objects.create(pact=make_pact(slug="trigram-pact"), label="Article 1", order=1)
    version = ClauseVersion.objects.create(clause=clause, label="text", kind="authentic", language="en",
                                           text="An Armed Attack on Québec", source=source)
    found = lambda q: set(matching_versions(q).values_list("pk", flat=True))  # noqa: E731
    assert found("armed attack") == found("québec") == {version.pk}
    assert found("QUÉBEC") == set()  # SQLite's LIKE ignores the case of ASCII letters only
    version.text = "A threat to Ontario"
    version.save()
    assert found("armed attack") == set() and found("ontario") == {version.pk}
    version.delete()
    assert found("ontario") == set()
