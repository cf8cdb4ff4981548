"""What staff see: the home page lists the curated pacts and counts every pact, a pact page
shows its facts with their sources."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alliances.pacts.models import Pact, Source


@pytest.mark.django_db
def test_a_pact_added_in_the_admin_appears_on_the_home_page(admin_client_, source):
    response = admin_client_.post(reverse("admin:pacts_pact_add"), {
        "title": "Treaty of Testing", "short_name": "Testing Pact", "slug": "testing-pact",
        "multilaterality": "bilateral", "signed_on": "2001-02-03", "signed_precision": "day",
        "curated": "on",  # the admin's default for a new pact
        "parties-TOTAL_FORMS": "0", "parties-INITIAL_FORMS": "0",
        "clauses-TOTAL_FORMS": "0", "clauses-INITIAL_FORMS": "0",
        "commitments-TOTAL_FORMS": "0", "commitments-INITIAL_FORMS": "0",
        "invocations-TOTAL_FORMS": "0", "invocations-INITIAL_FORMS": "0",
        "suspensions-TOTAL_FORMS": "0", "suspensions-INITIAL_FORMS": "0",
        "in_force_evidence-TOTAL_FORMS": "0", "in_force_evidence-INITIAL_FORMS": "0",
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    home = admin_client_.get("/").content.decode()
    assert "Testing Pact" in home
    assert "2001-02-03" in home


@pytest.mark.django_db
def test_the_home_page_counts_every_pact_and_lists_the_curated_ones(staff_client, curated):
    from alliances.demo.generator import generate

    generate(30, seed=2)
    response = staff_client.get("/")
    assert response.context["counts"]["pacts"] == Pact.objects.count()
    assert {pact.slug for pact, _status in response.context["rows"]} == set(
        Pact.objects.filter(curated=True).values_list("slug", flat=True)
    )
    in_force = staff_client.get("/pacts/", {"on": response.context["day"].isoformat()}).context["table"]
    assert response.context["counts"]["in_force"] == in_force.paginator.count


@pytest.mark.django_db
def test_the_home_page_lists_the_curated_pacts_most_recent_first_and_links_to_the_claims(staff_client, curated):
    response = staff_client.get("/")
    page = response.content.decode()
    assert "North Atlantic Treaty (NATO)" in page
    assert "Russia–DPRK treaty (2024)" in page
    signed = [pact.signed_on for pact, _status in response.context["rows"]]
    assert signed == sorted(signed, reverse=True)
    assert len(signed) == Pact.objects.filter(curated=True).count()
    assert reverse("pacts:claims") in page
    assert "Satu-satunya saat Pasal 5 NATO digunakan" not in page  # the claims have their own page


@pytest.mark.django_db
def test_the_claims_page_shows_each_claim_with_its_verdict_and_source(staff_client, curated):
    from alliances.pacts.models import Claim

    page = staff_client.get(reverse("pacts:claims"), HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "Satu-satunya saat Pasal 5 NATO digunakan" in page  # a claim's Indonesian excerpt
    for claim in Claim.objects.select_related("source"):
        assert f'id="claim-{claim.key}"' in page
        assert reverse("pacts:source-detail", args=[claim.source.key]) in page
    assert page.count('class="verdict verdict-') == Claim.objects.count()


@pytest.mark.django_db
def test_the_pact_page_shows_clauses_parties_invocations_and_sources(staff_client, curated):
    page = staff_client.get("/pacts/north-atlantic-treaty/").content.decode()
    assert "an armed attack against one or more of them in Europe or North America" in page
    assert "Finland" in page and "2023-04-04" in page
    assert "2001-09-12" in page
    assert reverse("pacts:source-detail", args=["nato-declassified-robertson-article-5"]) in page


@pytest.mark.django_db
def test_a_gap_in_the_text_is_shown_as_a_gap(staff_client, curated):
    page = staff_client.get("/pacts/russia-dprk-2024/").content.decode()
    assert "Text not located." in page
    assert "Partial text." in page


@pytest.mark.django_db
def test_each_source_page_shows_the_document_as_kept(staff_client, curated):
    for source in Source.objects.all():
        page = staff_client.get(reverse("pacts:source-detail", args=[source.key]))
        assert page.status_code == 200
        assert "The seed file for this source is missing." not in page.content.decode()


@pytest.mark.django_db
def test_pages_for_unknown_records_are_404(staff_client):
    assert staff_client.get("/pacts/no-such-pact/").status_code == 404
    assert staff_client.get("/sources/no-such-source/").status_code == 404


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_the_data(staff_client, curated):
    # NATO has 32 parties and 16 invocations; the 2000 treaty 2 parties and nothing else. At most one query
    # per section of the page, whatever the number of rows (empty sections skip theirs).
    big = _queries(staff_client, "/pacts/north-atlantic-treaty/")
    small = _queries(staff_client, "/pacts/russia-dprk-2000/")
    # The edit history reads each kind of record's history once: 7 queries (pact_history.py).
    assert small <= big <= 26
    home_now = _queries(staff_client, "/")
    Pact.objects.filter(slug="russia-dprk-2000").update(title="t")  # no new rows, same count
    assert _queries(staff_client, "/") == home_now <= 17  # the yearly chart reads every pact's dates once
