"""Sorting the pact list on values computed per pact (status today, number of parties,
strongest obligation, invocations), and the page details read through compiled queries."""

import datetime

import pytest
from django.utils import timezone

from alliances.pacts.choices import NO_COMMITMENT_RANK, PactStatus
from alliances.pacts.models import CodingNote, Commitment, Party, Pact
from alliances.pacts.queries import commitment_page_details, pact_page_details
from alliances.pacts.standing import PACT_STATUS_RANK
from alliances.pacts.strength import obligation_rank


def listed(staff_client, sort):
    table = staff_client.get("/pacts/", {"sort": sort, "per_page": 100}).context["table"]
    return [pact.slug for pact in table.page.object_list]


def expected(key, descending):
    pacts = sorted(Pact.objects.all(), key=lambda pact: (key(pact), pact.pk), reverse=descending)
    return [pact.slug for pact in pacts]


def strongest(pact):
    return min((obligation_rank(c.obligation) for c in pact.commitments.all()), default=NO_COMMITMENT_RANK)


@pytest.mark.parametrize("descending", [False, True])
def test_sorts_on_computed_values(staff_client, curated, descending):
    prefix = "-" if descending else ""
    assert listed(staff_client, prefix + "parties") == expected(lambda p: p.parties.count(), descending)
    assert listed(staff_client, prefix + "invocations") == expected(lambda p: p.invocations.count(), descending)


@pytest.mark.parametrize("descending", [False, True])
def test_sorts_on_status_today(staff_client, curated, make_pact, descending):
    today = timezone.localdate()
    # Beside the curated pacts, one whose data stops before today (as ATOP's do in 2018) and
    # one whose entry into force is known only to this year: both "unknown", sorted last.
    make_pact(slug="data-stops", signed=datetime.date(1990, 1, 1), in_force=datetime.date(1990, 6, 1),
              status_known_until=today - datetime.timedelta(days=400))
    make_pact(slug="in-force-this-year", signed=datetime.date(today.year - 1, 1, 1),
              in_force=datetime.date(today.year, 1, 1), in_force_precision="year")

    def standing(pact):
        return PACT_STATUS_RANK[pact.status_on(today)], pact.signed_on

    prefix = "-" if descending else ""
    assert listed(staff_client, prefix + "status") == expected(standing, descending)
    assert Pact.objects.get(slug="data-stops").status_on(today) == PactStatus.UNKNOWN


@pytest.mark.parametrize("descending", [False, True])
def test_sorts_on_strongest_obligation(staff_client, curated, descending):
    # Pacts without a coded commitment come after every coded one, on every database.
    assert listed(staff_client, ("-" if descending else "") + "commitments") == expected(strongest, descending)


def test_page_details_follow_the_keys_they_are_given(curated):
    """Details are read by SQL compiled once per number of keys: a second page of the same
    size must get its own rows, not the first page's."""
    pacts = list(Pact.objects.order_by("pk").values_list("pk", flat=True))
    first, second = pacts[:3], pacts[3:6]
    for page in (first, second, first[:1], []):
        details = pact_page_details(page)
        assert set(details["party_codes"]) == {p for p in page if Party.objects.filter(pact=p).exists()}
        for pact in page:
            codes = list(Party.objects.filter(pact=pact).order_by("joined_on", "state__code")
                         .values_list("state__code", flat=True))
            assert details["party_codes"].get(pact, []) == codes
            headlines = list(Commitment.objects.filter(pact=pact).order_by("clause__order", "key")
                             .values_list("commitment_type", "obligation", "automaticity", "immediacy", "clause__label"))
            assert details["headlines"].get(pact, []) == headlines


def test_matrix_details_follow_the_keys_they_are_given(curated):
    commitments = list(Commitment.objects.order_by("pk").values_list("pk", flat=True))
    for page in (commitments[:4], commitments[4:8]):
        details = commitment_page_details(page)
        for commitment in page:
            notes = CodingNote.objects.filter(commitment=commitment)
            assert set(details["notes"].get(commitment, {})) == set(notes.values_list("dimension", flat=True))
            for note in notes.select_related("excerpt"):
                assert details["notes"][commitment][note.dimension].rationale == note.rationale
        assert set(details["sides"]) <= set(page)


def test_a_pact_signed_today_sorts_as_in_force(staff_client, make_pact):
    today = timezone.localdate()
    make_pact(slug="later", signed=today + datetime.timedelta(days=30), in_force=None)
    make_pact(slug="now", signed=today, in_force=today)
    assert listed(staff_client, "status") == ["now", "later"]
