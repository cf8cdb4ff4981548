"""The comparison dashboard: tables, filters in the query string, htmx fragments, exports,
side-by-side comparison, text diffs, state pages and the directed lookup."""

import csv
import html
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alliances.pacts.models import ClauseVersion, Pact

pytestmark = pytest.mark.django_db

PAGES = [
    "/pacts/",
    "/compare/",
    "/compare/?pacts=russia-dprk-2024&pacts=north-atlantic-treaty",
    "/lookup/?obliged=USA&protected=POL",
    "/states/USA/",
    "/states/POL/?on=1990-01-01",
]


@pytest.mark.parametrize("url", PAGES)
def test_every_dashboard_page_answers(staff_client, curated, url):
    assert staff_client.get(url).status_code == 200


def text(response):
    return response.content.decode()


def test_the_pact_list_shows_status_parties_and_headline_commitment(staff_client, curated):
    page = text(staff_client.get("/pacts/"))
    assert "North Atlantic Treaty (NATO)" in page and "Russia–DPRK treaty (2000)" in page
    assert "commitments differ" in page  # NATO: Article 5 defence, Article 4 consultation
    assert "ended" in page


def test_filters_narrow_the_list_and_show_as_removable_chips(staff_client, curated):
    response = staff_client.get("/pacts/", {"party": ["POL"], "multilaterality": "multilateral"})
    page = text(response)
    assert "North Atlantic Treaty (NATO)" in page
    assert "Russia–DPRK treaty (2024)" not in page
    chips = response.context["chips"]
    assert {(c["label"], c["value"]) for c in chips} >= {("Parties", "Poland")}
    removal = next(c for c in chips if c["value"] == "Poland")["url"]
    assert "party=POL" not in removal and "multilaterality=multilateral" in removal


def test_all_of_several_parties(staff_client, curated):
    both = text(staff_client.get("/pacts/", {"party": ["RUS", "PRK"], "party_match": "all"}))
    assert "Russia–DPRK treaty (2024)" in both and "North Atlantic Treaty (NATO)" not in both
    nobody = text(staff_client.get("/pacts/", {"party": ["RUS", "USA"], "party_match": "all"}))
    assert "No pact matches these filters." in nobody


def test_in_force_on_a_date(staff_client, curated):
    page = text(staff_client.get("/pacts/", {"on": "2010-01-01"}))
    assert "Russia–DPRK treaty (2000)" in page and "Russia–DPRK treaty (2024)" not in page


def test_immediate_assistance_without_a_consultation_step(staff_client, curated):
    """Which pacts oblige immediate military assistance without a consultation step?"""
    query = {
        "commitment_type": "defense", "automaticity": "automatic",
        "immediacy": ["immediately", "without_delay"], "obligation": ["military_assistance", "aid_and_assistance"],
    }
    rows = list(staff_client.get("/compare/", query).context["table"].data)
    assert {c.pact.slug for c in rows} == {
        "russia-dprk-2024", "china-dprk-1961", "collective-security-treaty", "ussr-dprk-1961",
        "sino-soviet-1950", "arab-league-joint-defence-1950",
    }
    assert {c.key for c in rows if c.pact.slug == "collective-security-treaty"} == {"csto-art4-defence-2010"}
    today = list(staff_client.get("/compare/", {**query, "on": "2026-01-01"}).context["table"].data)
    assert "ussr-dprk-1961" not in {c.pact.slug for c in today}  # expired in 1996
    assert "arab-league-joint-defence-1950" in {c.pact.slug for c in today}  # in force since 23 August 1952


def test_in_force_on_a_date_picks_the_wording_then_in_force(staff_client, curated):
    """The CSTO's Article 4 is coded once per wording: the 1992 text until the 2010
    protocol took effect on 19 December 2012, the amended text after."""
    def keys(day):
        rows = staff_client.get("/compare/", {"on": day, "party": "ARM"}).context["table"].data
        return {c.key for c in rows if c.pact.slug == "collective-security-treaty"}

    assert keys("2000-01-01") == {"csto-art2-consultation-1992", "csto-art4-defence-1992"}
    assert keys("2015-01-01") == {"csto-art2-consultation-2010", "csto-art4-defence-2010"}
    found = staff_client.get("/pacts/", {"on": "2000-01-01", "immediacy": "without_delay", "party": "ARM"})
    assert "Collective Security Treaty" not in text(found)  # "without delay" came with the 2010 wording


def test_is_the_us_committed_to_defend_the_philippines_today(staff_client, curated):
    response = staff_client.get("/lookup/", {"obliged": "USA", "protected": "PHL"})
    assert response.context["answer"] == "conditionally"
    page = text(response)
    assert "Mutual Defense Treaty" in page or "us-philippines-1951" in page
    assert "constitutional processes" in page


def test_matrix_cells_carry_their_excerpt_and_rationale(staff_client, curated):
    page = text(staff_client.get("/compare/", {"commitment_type": "defense"}))
    assert "<details class=\"why\">" in page
    assert "such action as it deems necessary" in page


def test_clause_text_search(staff_client, curated):
    rows = list(staff_client.get("/compare/", {"q": "forthwith"}).context["table"].data)
    assert [c.key for c in rows] == ["nato-art5-defence"]


def test_sorting_and_paging_keep_the_filters(staff_client, curated):
    response = staff_client.get("/pacts/", {"multilaterality": "bilateral", "sort": "-signed", "per_page": 10})
    page = text(response)
    assert page.index("Russia–DPRK treaty (2024)") < page.index("Russia–DPRK treaty (2000)")
    assert 'href="?multilaterality=bilateral&amp;sort=signed' in page or "multilaterality=bilateral" in page


@pytest.mark.parametrize("query", [
    {"on": "2024-13-45"}, {"party": "\x00"}, {"q": "bad\x00byte"}, {"signed_from": "9" * 400},
    {"page": "9" * 50}, {"per_page": "100000000"}, {"sort": "no_such_column"}, {"immediacy": "eventually"},
    {"party_match": "some"}, {"invoked": "maybe"}, {"export": "pdf"},
])
def test_malformed_query_strings_get_the_page_with_a_message(staff_client, curated, query):
    for url in ("/pacts/", "/compare/"):
        response = staff_client.get(url, query)
        assert response.status_code == 200, (url, query)


def test_an_invalid_filter_is_named_and_the_others_still_apply(staff_client, curated):
    response = staff_client.get("/pacts/", {"on": "2024-13-45", "multilaterality": "bilateral"})
    page = text(response)
    assert "In force on" in page and "ignored" in page
    assert "North Atlantic Treaty (NATO)" not in page


@pytest.mark.parametrize("export", ["csv", "json", "xlsx"])
def test_an_export_with_a_bad_filter_leaves_no_message_for_the_next_page(staff_client, curated, export):
    # The page that offered the export link has named the problem already; an export that
    # does download must not leave it waiting to appear on whatever page is opened next.
    download = staff_client.get("/compare/", {"on": "2024-13-45", "sort": "bogus", "export": export})
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    page = text(staff_client.get("/pacts/"))
    assert "ignored" not in page


@pytest.mark.parametrize("sort", ["no_such_column", "-signed,short_name", "../../etc/passwd", "-", "--signed"])
def test_an_unknown_sort_is_named_and_the_default_order_kept(staff_client, curated, sort):
    default = staff_client.get("/pacts/", {"multilaterality": "bilateral"})
    response = staff_client.get("/pacts/", {"multilaterality": "bilateral", "sort": sort})
    page = text(response)
    assert f"Sort “{sort}” ignored" in html.unescape(page)
    assert [p.pk for p in response.context["table"].page.object_list] == [
        p.pk for p in default.context["table"].page.object_list
    ]
    assert 'name="sort"' not in page  # the filter form does not carry it on


def test_a_long_unknown_sort_is_named_by_its_start(staff_client, curated):
    sort = "x" * 40 + "y" * 5000
    page = html.unescape(text(staff_client.get("/compare/", {"sort": sort})))
    shown = page[page.index('<ul class="messages"'):].split("</ul>")[0]
    assert f"Sort “{'x' * 40}” ignored" in shown and "y" * 5 not in shown


def test_a_known_sort_is_applied_and_carried_by_the_filter_form(staff_client, curated):
    response = staff_client.get("/pacts/", {"sort": "-signed"})
    assert "ignored" not in text(response)
    signed = [p.signed_on for p in response.context["table"].page.object_list]
    assert signed == sorted(signed, reverse=True)
    assert 'name="sort" value="-signed"' in text(response)


def test_htmx_requests_get_the_region_only_and_vary_on_htmx_headers(staff_client, curated):
    full = staff_client.get("/compare/", {"commitment_type": "defense"})
    part = staff_client.get("/compare/", {"commitment_type": "defense"},
                            headers={"HX-Request": "true", "HX-Target": "dashboard"})
    assert "<html" in text(full) and "<html" not in text(part)
    assert 'id="dashboard"' in text(part)
    assert "HX-Request" in part["Vary"] and "HX-Request" in full["Vary"]
    restore = staff_client.get("/compare/", headers={"HX-Request": "true", "HX-Target": "dashboard",
                                                     "HX-History-Restore-Request": "true"})
    assert "<html" in text(restore)


def _csv_rows(response):
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


def test_csv_export_streams_every_filtered_row_with_article_excerpt_and_source(staff_client, curated):
    query = {"commitment_type": "defense", "party": "POL", "per_page": 10}
    response = staff_client.get("/compare/", {**query, "export": "csv"})
    assert response.streaming
    rows = _csv_rows(response)
    assert {(r["Pact"], r["Article"]) for r in rows} == {
        ("North Atlantic Treaty (NATO)", "Article 5"), ("EU mutual assistance clause (TEU Art. 42(7))", "Art. 42(7)"),
        ("Warsaw Pact (1955)", "Article 4"),
    }
    assert len(rows) == staff_client.get("/compare/", query).context["table"].paginator.count
    assert all(r["Excerpt"] and r["Source URL"].startswith("http") for r in rows)


def test_json_export_is_the_same_rows_in_screen_order(staff_client, curated):
    response = staff_client.get("/compare/", {"export": "json", "sort": "-pact"})
    data = json.loads(b"".join(response.streaming_content))
    table = staff_client.get("/compare/", {"sort": "-pact", "per_page": 100}).context["table"]
    assert [row["pact"] for row in data] == [row.pact.short_name for row in table.page.object_list]


def test_xlsx_export_and_its_row_limit(staff_client, curated, monkeypatch):
    response = staff_client.get("/pacts/", {"export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    from alliances.pacts.views import listing

    monkeypatch.setattr(listing, "XLSX_ROW_LIMIT", 1)
    from alliances.pacts import exports

    monkeypatch.setattr(exports, "XLSX_ROW_LIMIT", 1)
    refused = staff_client.get("/pacts/", {"export": "xlsx"})
    assert refused.status_code == 200 and "Export CSV or JSON instead" in text(refused)


def test_side_by_side_comparison_lists_each_dimension_and_the_texts(staff_client, curated):
    page = text(staff_client.get("/compare/", {"pacts": ["russia-dprk-2024", "north-atlantic-treaty"]}))
    assert "Automaticity" in page and "such action as it deems necessary" in page
    assert "compare this text" in page
    unknown = staff_client.get("/compare/", {"pacts": ["no-such-pact"]})
    assert unknown.status_code == 200 and "unknown" in text(unknown)


def test_a_diff_compares_two_texts_word_by_word_with_a_score(staff_client, curated):
    kcna = ClauseVersion.objects.get(clause__pact__slug="russia-dprk-2024", clause__label="Article 4",
                                     label__startswith="Yonhap")
    nato = ClauseVersion.objects.get(clause__pact__slug="north-atlantic-treaty", clause__label="Article 5")
    response = staff_client.get("/diff/", {"a": kcna.pk, "b": nato.pk})
    page = text(response)
    assert "Similarity" in page and "<ins>" in page and "<del>" in page
    assert 0 < response.context["ratio"] < 1


def test_without_a_second_text_the_closest_is_chosen(staff_client, curated):
    kcna = ClauseVersion.objects.filter(clause__pact__slug="russia-dprk-2024", clause__label="Article 4").first()
    response = staff_client.get("/diff/", {"a": kcna.pk})
    assert response.context["b"] is not None
    assert response.context["b"].clause.pact.slug != "russia-dprk-2024"


def test_different_languages_are_not_diffed(staff_client, curated):
    nato_6 = {"clause__pact__slug": "north-atlantic-treaty", "clause__label": "Article 6"}
    french = ClauseVersion.objects.get(language="fr", **nato_6)
    english = ClauseVersion.objects.filter(language="en", **nato_6).first()
    response = staff_client.get("/diff/", {"a": english.pk, "b": french.pk})
    assert "different languages" in text(response) and "segments" not in response.context


@pytest.mark.parametrize("query", [{"a": "x"}, {"a": "99999999999999999999999"}, {"a": "1", "b": "\x00"}, {}])
def test_bad_diff_addresses_get_a_message(staff_client, curated, query):
    assert staff_client.get("/diff/", query).status_code == 200


def test_the_directed_lookup_answers_with_its_evidence(staff_client, curated):
    response = staff_client.get("/lookup/", {"obliged": "USA", "protected": "POL", "on": "2020-01-01"})
    assert response.context["answer"] == "yes"
    page = text(response)
    assert "North Atlantic Treaty (NATO), Article 5" in page
    assert "such action as it deems necessary" in page  # the excerpt behind the obligation
    before = staff_client.get("/lookup/", {"obliged": "USA", "protected": "POL", "on": "1995-01-01"})
    assert before.context["answer"] == "no"
    # Why it does not bind, not the stored value: Poland joined NATO in 1999.
    assert "Article 5</a>: Poland is not yet a party (joined 1999-03-12)" in text(before)
    assert "not_binding" not in text(before)


def test_the_lookup_rejects_unknown_states_and_dates_politely(staff_client, curated):
    response = staff_client.get("/lookup/", {"obliged": "XXX", "protected": "POL", "on": "2020-02-30"})
    assert response.status_code == 200 and "answer" not in response.context


def test_a_state_page_shows_who_defends_it_on_a_date(staff_client, curated):
    response = staff_client.get("/states/POL/", {"on": "2020-01-01"})
    defenders = {other.code for group in response.context["on_day"].defended_by for other in group.states}
    assert "USA" in defenders and "MKD" not in defenders  # North Macedonia joined NATO in March 2020
    assert staff_client.get("/states/POL/", {"on": "not-a-date"}).status_code == 200
    assert staff_client.get("/states/XYZ/").status_code == 404


def test_a_state_page_names_each_commitment_once_with_the_states_it_binds(staff_client, curated):
    page = staff_client.get("/states/POL/", {"on": "2020-01-01"}).content.decode()
    defended_by = page.split('<h2 id="defended-by">', 1)[1].split('<h2 id="defends">', 1)[0]
    article_5 = [item for item in defended_by.split("<li>") if ">North Atlantic Treaty (NATO)</a>, Article 5 —" in item]
    assert len(article_5) == 1  # one item for the article, not one per ally
    item = article_5[0]
    allies = item.count('href="/states/')
    assert f"({allies}):" in item and allies >= 25  # every ally on that day, counted
    assert ">United States</a>" in item and ">Germany</a>" in item and "North Macedonia" not in item
    assert "/lookup/?obliged=USA&amp;protected=POL&amp;on=2020-01-01" in item  # each ally's conditions


def _count(client, url, params):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_with_the_rows(staff_client, curated):
    for url in ("/pacts/", "/compare/"):
        few = _count(staff_client, url, {"multilaterality": "bilateral"})
        many = _count(staff_client, url, {})
        assert few == many <= 14, url
    # More rows in the database, same count.
    source = Pact.objects.first().source
    for i in range(30):
        Pact.objects.create(title=f"T{i}", short_name=f"T{i}", slug=f"t{i}", multilaterality="bilateral", source=source)
    assert _count(staff_client, "/pacts/", {}) == _count(staff_client, "/pacts/", {"multilaterality": "bilateral"})


def test_table_tag_carries_only_its_own_attributes(staff_client, curated):
    for address in ("/pacts/", "/compare/"):
        page = text(staff_client.get(address))
        assert '<table class="data">' in page
        assert "AttributeDict" not in page
