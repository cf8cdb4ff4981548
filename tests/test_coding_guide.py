"""The coding guide's consequences: wordings in force per period, who coded and reviewed
each value, pacts that permit force without a duty, and the page of differences from ATOP
with its curated explanations."""

import datetime
import json
import os

import pytest
from django.conf import settings

from alliances.pacts.atop_compare import ReviewState, compare_with_atop
from alliances.pacts.choices import LinkStatus
from alliances.pacts.importers.atop import import_atop
from alliances.pacts.importers.curation.loader import LoadError, load
from alliances.pacts.models import AtopDisagreement, Commitment, Pact, State
from tests.test_atop import FULL, FULL_STATES, SAMPLE, STATES
from tests.test_loader import edit_json

D = datetime.date


# --- the curated corpus under the guide ------------------------------------------------

@pytest.mark.django_db
def test_at_least_22_curated_pacts_carry_coded_commitments(curated):
    coded = Pact.objects.filter(curated=True, commitments__isnull=False).distinct()
    assert coded.count() >= 22
    assert {"russia-dprk-2000", "warsaw-pact-1955", "brussels-treaty-1948", "us-japan-1951"} <= set(
        coded.values_list("slug", flat=True))


@pytest.mark.django_db
def test_every_coded_value_says_who_coded_it(curated):
    for commitment in Commitment.objects.prefetch_related("notes", "conditions"):
        for coded in [*commitment.notes.all(), *commitment.conditions.all()]:
            assert coded.coded_by, commitment.key


@pytest.mark.django_db
def test_who_coded_and_reviewed_shows_on_the_pact_page_and_in_the_matrix(staff_client, curated):
    page = staff_client.get("/pacts/anzus/").content.decode()
    assert "coded by alliances curators, reviewed by alliances research editor" in page
    assert "coded by alliances research editor, not yet reviewed" in page  # the adversary, changed on review
    matrix = staff_client.get("/compare/", {"q": "common danger"}).content.decode()
    assert "coded by alliances curators, reviewed by" in matrix


@pytest.mark.django_db
def test_an_amended_clause_binds_in_the_wording_of_the_day(curated):
    russia, armenia = State.objects.get(code="RUS"), State.objects.get(code="ARM")
    old = Commitment.objects.get(key="csto-art4-defence-1992")
    new = Commitment.objects.get(key="csto-art4-defence-2010")
    assert old.link_status(russia, armenia, D(2000, 1, 1)) == LinkStatus.BINDING
    assert new.link_status(russia, armenia, D(2000, 1, 1)) == LinkStatus.NOT_BINDING
    assert old.link_status(russia, armenia, D(2015, 1, 1)) == LinkStatus.NOT_BINDING
    assert new.link_status(russia, armenia, D(2015, 1, 1)) == LinkStatus.BINDING


@pytest.mark.django_db
def test_a_pact_that_permits_force_without_a_duty_answers_no(staff_client, curated):
    response = staff_client.get("/lookup/", {"obliged": "USA", "protected": "JPN", "on": "1955-01-01"})
    assert response.context["answer"] == "no"
    assert "us-japan-1951" in {f.commitment.pact.slug for f in response.context["pair"].findings}
    later = staff_client.get("/lookup/", {"obliged": "USA", "protected": "JPN", "on": "1965-01-01"})
    assert later.context["answer"] == "conditionally"  # the 1960 treaty's Article V


@pytest.mark.django_db
def test_cuba_is_suspended_under_the_rio_treaty_from_1962(staff_client, curated):
    before = staff_client.get("/lookup/", {"obliged": "USA", "protected": "CUB", "on": "1961-01-01"})
    after = staff_client.get("/lookup/", {"obliged": "USA", "protected": "CUB", "on": "1970-01-01"})
    assert before.context["answer"] == "yes"  # Article 3(1): "as it deems necessary" is no condition
    assert after.context["answer"] == "no"
    assert LinkStatus.SUSPENDED in {f.status for f in after.context["pair"].findings}


# --- differences from ATOP -------------------------------------------------------------

@pytest.mark.django_db
def test_the_differences_page_without_atop_lists_the_recorded_explanations(staff_client, curated):
    response = staff_client.get("/atop/differences/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "has not been imported" in page
    assert response.context["rows"] == []
    assert len(response.context["idle"]) == AtopDisagreement.objects.count() > 0


@pytest.mark.django_db
def test_every_difference_is_listed_explained_out_of_date_or_to_review(staff_client, curated):
    import_atop(SAMPLE, STATES)  # the sample codes NATO with the United States alone
    response = staff_client.get("/atop/differences/")
    rows = {(pact.slug, row.dimension): row for pact, row in response.context["rows"]}
    # NATO is the sample's only curated pact; the sample ends its alliance in 1951.
    assert set(rows) == {("north-atlantic-treaty", "members"), ("north-atlantic-treaty", "ended")}
    assert rows[("north-atlantic-treaty", "members")].review_state == ReviewState.OUT_OF_DATE
    assert rows[("north-atlantic-treaty", "ended")].review_state == ReviewState.UNEXPLAINED
    page = response.content.decode()
    assert "explanation out of date: to review" in page and "The explanation was written for" in page
    assert "not yet explained: to review" in page
    assert 'id="north-atlantic-treaty-members"' in page
    assert response.context["to_review"] == 2
    # The explanation of ATOP's non-aggression pledge, which the sample does not code:
    assert "the two codings now agree here" in page


@pytest.mark.django_db
def test_the_pact_page_shows_the_explanation_beside_atops_coding(staff_client, curated):
    import_atop(SAMPLE, STATES)
    response = staff_client.get("/pacts/north-atlantic-treaty/")
    rows = {row.dimension: row for row in response.context["atop"]}
    assert rows["members"].explanation is not None
    assert "/atop/differences/" in response.content.decode()


@pytest.mark.skipif(not FULL.exists() and not os.environ.get("CI"), reason="the shared ATOP copy is absent")
@pytest.mark.django_db
def test_with_the_full_atop_every_difference_is_explained_or_marked_for_review(curated):
    import_atop(FULL, FULL_STATES)
    pacts = Pact.objects.filter(curated=True).prefetch_related(
        "atop_phases__members__state", "parties__state", "commitments__clause", "commitments__conditions",
        "atop_disagreements")
    states = {}
    recorded = set(AtopDisagreement.objects.values_list("pact__slug", "dimension"))
    found = set()
    for pact in pacts:
        for row in compare_with_atop(pact):
            if not row.agrees:
                states[(pact.slug, row.dimension)] = row.review_state
                found.add((pact.slug, row.dimension))
    assert set(states.values()) <= {ReviewState.EXPLAINED, ReviewState.FOR_REVIEW}, states
    assert found == recorded  # and no explanation of a difference that is gone


# --- the explanations are curated data -------------------------------------------------

def _disagreements(fixtures):
    return fixtures / "atop_disagreements.json"


@pytest.mark.django_db
@pytest.mark.parametrize("change,message", [
    (lambda d: d["disagreements"][0].update(pact="no-such-pact"), "refers to pact 'no-such-pact'"),
    (lambda d: d["disagreements"][0].update(status="settled"), "'settled' is not one of"),
    (lambda d: d["disagreements"].append(dict(d["disagreements"][0])), "duplicate ATOP disagreement"),
    (lambda d: d["disagreements"][0].pop("explanation"), 'required field "explanation" is missing'),
    (lambda d: next(e for e in d["disagreements"] if "excerpt" in e).update(source="nato-1st5years-annex-a",
                                                                           excerpt="usrok-art3-attack"),
     "belongs to another source"),
])
def test_a_bad_explanation_is_refused(data_copy, change, message):
    fixtures, seeds = data_copy
    edit_json(_disagreements(fixtures), change)
    with pytest.raises(LoadError) as refused:
        load(fixtures, seeds)
    assert message in str(refused.value)


def test_each_explanation_names_both_values_as_they_stood():
    data = json.loads((settings.FIXTURES_DIR / "atop_disagreements.json").read_text(encoding="utf-8"))
    for entry in data["disagreements"]:
        assert entry["status"] in {"explained", "for_review"}
        assert entry.get("ours", "") != entry.get("atop", ""), entry
        assert entry["coded_by"]
