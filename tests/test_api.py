"""The API's answers: the dashboard's filters and counts, cursor pages, the evidence of every
coded value, the lookup and a state's standing as the pages give them, bad input named,
the schema valid, and queries that do not grow with the rows."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from openapi_spec_validator import validate

from alliances.api.models import ApiToken
from alliances.pacts.demo import generate
from alliances.pacts.models import CodingNote, Commitment, Pact, Party
from tests.atop_subset import import_alliances, needs_atop
from tests.conftest import make_staff
from tests.test_answers import HELSINKI, RUSSIA_UKRAINE_1997, WARSAW

pytestmark = pytest.mark.django_db

# Query strings of the dashboard's filters, as bookmarked from the pact list or the matrix.
FILTERS = [
    "",
    "commitment_type=defense",
    "commitment_type=defense&commitment_type=consultation",
    "party=USA",
    "party=USA&party=GBR&party_match=all",
    "party=USA&on=1990-06-30",
    "on=1985-01-01",
    "signed_from=1950&signed_to=1961",
    "decade=1940&decade=2020",
    "multilaterality=bilateral",
    "obligation=military_assistance&automaticity=automatic",
    "trigger_event=armed_attack&trigger_scope=named_area",
    "immediacy=immediately",
    "condition=location",
    "invoked=yes",
    "invoked=no&origin=curated",
    "nuclear=yes&on=2000-01-01",
    "nuclear=no",
    "q=armed+attack",
    "q=%22all+means%22",
    "adversary=Japan",
    "origin=atop",
]


@pytest.fixture
def api(client, curated):
    user = make_staff("analyst", "Analysts")
    _token, key = ApiToken.objects.create_token(user, "tests")
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    client.force_login(user)  # the dashboard's pages, for comparison
    return client


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.content[:500])
    return response.json()


def every_row(client, url):
    rows, following = [], url
    while following:
        page = get(client, following)
        rows += page["results"]
        following = page["next"]
    return rows


@pytest.mark.parametrize("query", FILTERS)
def test_counts_equal_the_dashboards_for_the_same_query_string(api, query):
    generate(30, seed=5)  # pacts of every kind beside the curated ones
    pacts = api.get("/pacts/?" + query).context["table"].paginator.count
    commitments = api.get("/compare/?" + query).context["table"].paginator.count
    assert get(api, "/api/v1/pacts/?" + query)["count"] == pacts
    assert get(api, "/api/v1/commitments/?" + query)["count"] == commitments


def test_cursor_pages_hold_every_row_once_in_a_stable_order(api):
    generate(20, seed=2)
    slugs = [row["slug"] for row in every_row(api, "/api/v1/pacts/?page_size=7&commitment_type=defense")]
    expected = api.get("/pacts/?commitment_type=defense").context["table"].paginator.count
    assert len(slugs) == len(set(slugs)) == expected and slugs == sorted(slugs)
    keys = [row["key"] for row in every_row(api, "/api/v1/commitments/?page_size=50")]
    assert keys == sorted(Commitment.objects.values_list("key", flat=True))


def test_a_page_says_how_many_rows_match_and_links_the_next(api):
    page = get(api, "/api/v1/states/?page_size=5")
    assert page["count"] > 5 and len(page["results"]) == 5 and page["previous"] is None
    following = get(api, page["next"])
    assert following["previous"] and following["results"][0]["code"] > page["results"][-1]["code"]


@pytest.mark.parametrize("url,parameter,message", [
    ("/api/v1/pacts/?on=1990-13-01", "on", "valid date"),
    ("/api/v1/pacts/?commitment_type=treaty", "commitment_type", "Select a valid choice"),
    ("/api/v1/commitments/?signed_from=abc", "signed_from", "whole number"),
    ("/api/v1/pacts/?party=ZZZ", "party", "Select a valid choice"),
    ("/api/v1/pacts/?sort=signed", "sort", "Not a parameter"),
    ("/api/v1/pacts/?cursor=nonsense", "cursor", "cursor"),
    ("/api/v1/pacts/?page_size=many", None, None),
    ("/api/v1/clauses/?pact=no-such-pact", "pact", "No pact"),
    ("/api/v1/lookup/?obliged=USA&protected=XXX", "protected", "No state has the code"),
    ("/api/v1/lookup/?obliged=USA", "protected", "required"),
    ("/api/v1/lookup/?obliged=USA&protected=PHL&on=yesterday", "on", "Date has wrong format"),
    ("/api/v1/states/USA/standing/?on=2020-02-30", "on", "Date has wrong format"),
    ("/api/v1/dyad-years/?year_from=2020&year_to=2010", "year_to", "comes before"),
    ("/api/v1/dyad-years/?year_from=0", "year_from", "greater than or equal"),
    ("/api/v1/dyad-years.csv?year_to=9999", "year_to", "At most this year"),
    ("/api/v1/dyad-years/?obliged=QQQ", "obliged", "No state has the code"),
    ("/api/v1/dyad-years/?cursor=%%%", "cursor", "cursor"),
    ("/api/v1/dyad-years.csv?year_from=x", "year_from", "valid integer"),
    ("/api/v1/pacts/north-atlantic-treaty/?party=USA", "party", "Not a parameter"),
])
def test_bad_input_is_named_not_ignored(api, url, parameter, message):
    before = Pact.objects.count()
    response = api.get(url)
    if parameter is None:  # a page size that is not a number: the default size
        assert response.status_code == 200
        return
    assert response.status_code == 400, response.content
    body = response.json()
    assert message in str(body[parameter])
    assert Pact.objects.count() == before


def test_every_coded_value_carries_its_excerpt_source_and_rationale(api):
    served = {row["key"]: row for row in every_row(api, "/api/v1/commitments/?page_size=1000")}
    notes = CodingNote.objects.select_related("excerpt__source", "commitment")
    assert notes.exists()
    for note in notes:
        evidence = served[note.commitment.key]["evidence"][note.dimension]
        assert evidence["excerpt"]["text"] == note.excerpt.text
        assert evidence["excerpt"]["source"]["key"] == note.excerpt.source.key
        assert evidence["excerpt"]["source"]["url"] == note.excerpt.source.url
        assert evidence["rationale"] == note.rationale and evidence["confidence"] == note.confidence
    for row in served.values():
        for condition in row["conditions"]:
            assert condition["evidence"]["excerpt"]["text"] and condition["evidence"]["rationale"]


def test_a_pact_comes_with_its_clauses_versions_commitments_and_invocations(api):
    pact = get(api, "/api/v1/pacts/north-atlantic-treaty/")
    assert pact["atop_id"] == 3180 and pact["page"].endswith("/pacts/north-atlantic-treaty/")
    article5 = next(c for c in pact["clauses"] if c["label"] == "Article 5")
    assert article5["versions"] and all(v["source"]["key"] for v in article5["versions"])
    assert {c["commitment_type"] for c in pact["commitments"]} >= {"defense"}
    assert any(i["key"] for i in pact["invocations"])
    assert {p["state"] for p in pact["parties"]} >= {"USA", "GBR", "POL"}


@pytest.mark.parametrize("obliged,protected,day", [
    ("USA", "PHL", "2026-01-01"), ("USA", "NZL", "1990-01-01"), ("RUS", "PRK", "2025-01-01"),
    ("SUN", "PRK", "1970-01-01"), ("SUN", "PRK", "1965-01-01"), ("GBR", "POL", "1985-01-01"),
    ("USA", "BRA", "2000-01-01"),
])
def test_the_lookup_answers_as_the_lookup_page(api, obliged, protected, day):
    query = f"obliged={obliged}&protected={protected}&on={day}"
    page = api.get("/lookup/?" + query).context["pair"]
    answer = get(api, "/api/v1/lookup/?" + query)
    assert answer["answer"] == page.answer
    assert [(f["commitment"], f["status"]) for f in answer["findings"]] == [
        (f.commitment.key, f.status) for f in page.findings]
    assert [(f["commitment"], f["status"]) for f in answer["pledges"]] == [
        (f.commitment.key, f.status) for f in page.pledges]
    assert answer["incomplete_party_lists"] == [pact.slug for pact in page.gaps]
    for finding, found in zip(answer["findings"], page.findings):
        evidence = found.evidence
        assert (finding["evidence"] or {}).get("rationale") == (evidence.rationale if evidence else None)


@needs_atop
def test_the_lookup_counts_no_pledge_as_defence(api, tmp_path):
    """Russia's pledges to Ukraine of 1997 (consultation, non-aggression) make it no defender
    of Ukraine: listed apart, as the lookup page lists them."""
    import_alliances(tmp_path / "atop", {RUSSIA_UKRAINE_1997})
    answer = get(api, "/api/v1/lookup/?obliged=RUS&protected=UKR&on=2010-01-01")
    assert answer["answer"] == "no" and answer["findings"] == []
    assert {f["commitment_type"] for f in answer["pledges"]} >= {"consultation"}


def test_a_state_asked_to_defend_itself_is_refused(api):
    response = api.get("/api/v1/lookup/?obliged=USA&protected=usa&on=2020-01-01")
    assert response.status_code == 400
    assert "not asked to defend itself" in str(response.json()["protected"])


@pytest.mark.parametrize("code,day", [("POL", "1985-01-01"), ("USA", "2020-06-30"), ("NZL", "1990-01-01"),
                                      ("PRK", "1975-01-01"), ("PRK", "1965-01-01")])
def test_a_states_standing_is_the_state_pages(api, code, day):
    on_day = api.get(f"/states/{code}/?on={day}").context["on_day"]
    standing = get(api, f"/api/v1/states/{code}/standing/?on={day}")

    def served(key):
        return sorted((l["state"], l["commitment"], l["status"]) for l in standing[key])

    def pairs(groups):
        return sorted((other.code, group.commitment.key, group.status) for group in groups for other in group.states)

    assert served("committed_to_it") == pairs(on_day.defended_by)
    assert served("it_is_committed_to") == pairs(on_day.defends)
    assert served("pledged_to_it") == pairs(g for _kind, to_it, _from_it in on_day.pledges for g in to_it)
    assert served("it_pledged_to") == pairs(g for _kind, _to_it, from_it in on_day.pledges for g in from_it)
    for key in ("committed_to_it", "it_is_committed_to"):
        assert all(l["commitment_type"] in ("defense", "offense") for l in standing[key])
    assert {m["pact"] for m in standing["memberships"]} == {m.pact.slug for m in on_day.pacts}


@needs_atop
def test_the_helsinki_final_act_makes_no_state_a_defender_of_poland(api, tmp_path):
    import_alliances(tmp_path / "atop", {HELSINKI, WARSAW})
    standing = get(api, "/api/v1/states/POL/standing/?on=1985-01-01")
    assert "SUN" in {l["state"] for l in standing["committed_to_it"]}
    assert "USA" not in {l["state"] for l in standing["committed_to_it"]}
    assert "USA" in {l["state"] for l in standing["pledged_to_it"]}


def test_the_schema_is_valid_openapi_3_and_documents_every_endpoint(api):
    response = api.get("/api/v1/schema/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    schema = response.json()
    validate(schema)
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    assert paths >= {"/api/v1/pacts/", "/api/v1/pacts/{slug}/", "/api/v1/clauses/", "/api/v1/commitments/",
                     "/api/v1/states/{code}/standing/", "/api/v1/sources/", "/api/v1/invocations/",
                     "/api/v1/lookup/", "/api/v1/dyad-years/", "/api/v1/dyad-years.csv"}
    pact_filters = {p["name"] for p in schema["paths"]["/api/v1/pacts/"]["get"]["parameters"]}
    assert pact_filters >= {"party", "on", "commitment_type", "q", "cursor", "page_size"}
    assert "token" in schema["components"]["securitySchemes"]
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            assert operation.get("summary"), path


def test_the_docs_page_serves_no_inline_script_or_style(api):
    page = api.get("/api/v1/docs/")
    html = page.content.decode()
    assert page.status_code == 200 and "<style" not in html and "<script>" not in html
    script = api.get("/api/v1/docs/?script=")
    assert script.status_code == 200 and script["Content-Type"].startswith("application/javascript")
    assert "/api/v1/schema/" in script.content.decode()


# --- queries do not grow with the rows ---------------------------------------------------

class Rollback(Exception):
    pass


def addresses():
    party = Party.objects.order_by("pk").first()
    pact = Pact.objects.filter(commitments__isnull=False).order_by("pk").first()
    commitment = Commitment.objects.filter(pact__multilaterality="multilateral").order_by("pk").first()
    obliged, protected = commitment.pact.parties.order_by("pk").values_list("state__code", flat=True)[:2]
    return [
        "/api/v1/pacts/?page_size=1000",
        "/api/v1/pacts/?party=" + party.state.code,
        f"/api/v1/pacts/{pact.slug}/",
        "/api/v1/commitments/?page_size=1000",
        "/api/v1/commitments/?commitment_type=defense&on=2000-01-01",
        "/api/v1/clauses/?page_size=1000",
        "/api/v1/invocations/?page_size=1000",
        "/api/v1/sources/?page_size=1000",
        "/api/v1/states/?page_size=1000",
        f"/api/v1/states/{party.state.code}/standing/?on=2000-01-01",
        f"/api/v1/lookup/?obliged={obliged}&protected={protected}&on=2000-01-01",
        "/api/v1/dyad-years/?year_from=1990&year_to=2010&page_size=1000",
        "/api/v1/dyad-years.csv?year_from=1990&year_to=2010",
    ]


def counts_with(client, pacts):
    counts = {}
    try:
        with transaction.atomic():
            generate(pacts, seed=7)
            client.get("/api/v1/states/")  # the token's day of use, written once a day
            for url in addresses():
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(url)
                    assert response.status_code == 200, url
                    if response.streaming:
                        b"".join(response.streaming_content)
                counts[url] = len(queries)
            raise Rollback
    except Rollback:
        return counts


def test_queries_per_request_are_the_same_with_few_pacts_and_many(api):
    few = counts_with(api, 10)
    many = counts_with(api, 200)
    assert few == many
