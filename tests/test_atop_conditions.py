"""The conditions of each obligation type beside ATOP 5.1's (DEFCOLOC, CONCOREQ, ...): each
condition either coding gives is a row of the differences page, with its explanation."""

import csv

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alliances.pacts.atop_compare import ReviewState, compare_with_atop
from alliances.pacts.choices import (
    ATOP_CONDITION_PREFIXES,
    ATOP_TYPE_CONDITIONS,
    CommitmentType,
    Condition,
    atop_condition_variable,
)
from alliances.pacts.importers.atop import MEMBER_FILE
from alliances.pacts.models import AtopDisagreement, Commitment, CommitmentCondition, Pact
from tests.atop_subset import FULL, import_alliances, needs_atop

US_JAPAN_1960, SEATO, CSTO, US_ROK = 3375, 3260, 4220, 3240


def test_each_condition_names_the_variable_atops_member_file_has():
    assert atop_condition_variable(CommitmentType.DEFENSE, Condition.LOCATION) == "defcoloc"
    assert atop_condition_variable(CommitmentType.CONSULTATION, Condition.REQUEST_BY_ATTACKED) == "concoreq"
    # ATOP has no request condition on defence, and no conditions on non-aggression.
    assert atop_condition_variable(CommitmentType.DEFENSE, Condition.REQUEST_BY_ATTACKED) is None
    assert atop_condition_variable(CommitmentType.NON_AGGRESSION, Condition.LOCATION) is None
    if (FULL / MEMBER_FILE).exists():
        with open(FULL / MEMBER_FILE, encoding="utf-8") as members:
            header = next(csv.reader(members))
        named = {atop_condition_variable(kind, c) for kind in ATOP_CONDITION_PREFIXES for c in ATOP_TYPE_CONDITIONS[kind]}
        assert named <= set(header)
        # Every DEFCO*, OFFCO*, NEUCO*, CONCO* dummy but NEUCOATT (no counterpart here) is read.
        prefixed = {h for h in header if h[:5] in ATOP_CONDITION_PREFIXES.values() and h[3:5] == "co" and len(h) == 8}
        assert prefixed - named == {"neucoatt"}


def _differences(client):
    response = client.get("/atop/differences/")
    assert response.status_code == 200
    return response, {(pact.slug, row.dimension): row for pact, row in response.context["rows"]}


@needs_atop
@pytest.mark.django_db
def test_a_condition_atop_does_not_code_is_listed_for_review(staff_client, curated, tmp_path):
    import_alliances(tmp_path, {US_JAPAN_1960})
    response, rows = _differences(staff_client)
    row = rows[("us-japan-1960", "defense-location")]
    assert (row.ours, row.atop) == ("coded: Article V", "DEFCOLOC = 0")
    assert row.review_state == ReviewState.FOR_REVIEW
    page = response.content.decode()
    assert 'id="us-japan-1960-defense-location"' in page
    assert "condition on defence: conflict in a specific location" in page.lower()
    # Article IV's conditions, which ATOP codes and the located words lack:
    assert rows[("us-japan-1960", "consultation-request_by_attacked")].atop == "CONCOREQ = 1: JPN, USA"


@needs_atop
@pytest.mark.django_db
def test_an_explained_condition_shows_its_explanation_until_the_coding_changes(staff_client, curated, tmp_path):
    import_alliances(tmp_path, {CSTO})
    response, rows = _differences(staff_client)
    row = rows[("collective-security-treaty", "defense-request_by_attacked")]
    assert row.review_state == ReviewState.EXPLAINED
    assert "ATOP has no variable for this condition on defence" in row.atop
    assert "has no variable for a request among the conditions of a defence obligation" in response.content.decode()
    # The 1992 wording coded with the request too: the explanation no longer holds as written.
    old = Commitment.objects.get(key="csto-art4-defence-1992")
    request = CommitmentCondition.objects.get(commitment__key="csto-art4-defence-2010")
    CommitmentCondition.objects.create(commitment=old, condition=request.condition, excerpt=request.excerpt,
                                       rationale="A test.", confidence="low", coded_by="a test")
    response, rows = _differences(staff_client)
    row = rows[("collective-security-treaty", "defense-request_by_attacked")]
    assert row.ours_key == "csto-art4-defence-1992, csto-art4-defence-2010"
    assert row.review_state == ReviewState.OUT_OF_DATE
    assert "The explanation was written for: here csto-art4-defence-2010" in response.content.decode()


@needs_atop
@pytest.mark.django_db
def test_conditions_both_codings_give_agree(curated, tmp_path):
    import_alliances(tmp_path, {SEATO})
    pact = Pact.objects.get(slug="seato-1954")
    rows = {row.dimension: row for row in compare_with_atop(pact)}
    assert rows["defense-location"].agrees and rows["consultation-location"].agrees
    assert not rows["defense-specific_adversary"].agrees  # ATOP codes it for the United States alone
    assert rows["defense-specific_adversary"].atop_key == "USA"
    assert "defense-number_of_adversaries" not in rows  # neither codes it: no row


@needs_atop
@pytest.mark.django_db
def test_every_condition_difference_in_the_curated_corpus_is_explained_or_marked_for_review(curated, tmp_path):
    import_alliances(tmp_path, set(Pact.objects.filter(curated=True, atop_id__isnull=False)
                                   .values_list("atop_id", flat=True)))
    pacts = Pact.objects.filter(curated=True).prefetch_related(
        "atop_phases__members__state", "parties__state", "commitments__clause", "commitments__conditions",
        "atop_disagreements")
    found, states = set(), {}
    for pact in pacts:
        for row in compare_with_atop(pact):
            if "-" in row.dimension and not row.agrees:
                found.add((pact.slug, row.dimension))
                states[(pact.slug, row.dimension)] = row.review_state
    assert set(states.values()) <= {ReviewState.EXPLAINED, ReviewState.FOR_REVIEW}, states
    recorded = {(slug, dimension) for slug, dimension in
                AtopDisagreement.objects.values_list("pact__slug", "dimension") if "-" in dimension}
    assert found == recorded


@needs_atop
@pytest.mark.django_db
def test_the_differences_page_takes_as_many_queries_with_more_pacts_compared(staff_client, curated, tmp_path):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            _differences(staff_client)
        return len(captured)

    import_alliances(tmp_path / "few", {US_JAPAN_1960})
    few = queries()
    import_alliances(tmp_path / "more", {US_JAPAN_1960, SEATO, CSTO, US_ROK})
    assert queries() == few
