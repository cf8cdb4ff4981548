"""Directed dyad-years: the same answer as asking links_on every day of the year, ATOP's
columns, the CSV download and its pages, and the check against ATOP's own state-year file."""

import csv
import datetime
import io
import os
from pathlib import Path

import pytest

from alliances.api.atop_check import compare
from alliances.api.dyadyears import KINDS, dyad_years
from alliances.api.models import ApiToken
from alliances.pacts.importers.atop import import_atop
from alliances.pacts.choices import LinkStatus
from alliances.pacts.links import with_link_data
from alliances.pacts.models import Commitment
from tests.conftest import make_staff
from tests.test_atop import FULL, FULL_STATES, SAMPLE, STATES

# ATOP's files where CI lays them (beside the clone), or where ALLIANCES_SHARED says.
SHARED = Path(os.environ["ALLIANCES_SHARED"]) if os.environ.get("ALLIANCES_SHARED") else FULL.parent.parent
ATOP, COW_STATES = SHARED / FULL.relative_to(FULL.parent.parent), SHARED / FULL_STATES.relative_to(FULL.parent.parent)

pytestmark = pytest.mark.django_db

ATOP_COLUMN = {"defense": "defense", "offense": "offense", "neutrality": "neutral", "non_aggression": "nonagg",
               "consultation": "consul"}


def day_by_day(year):
    """The rows of `year` from links_on asked on every day of it: (obliged, protected) ->
    (kinds, pacts)."""
    statuses = {}
    commitments = list(with_link_data(Commitment.objects.all()))  # read once, asked every day
    day = datetime.date(year, 1, 1)
    while day.year == year:
        for commitment in commitments:
            for obliged, protected, status in commitment.links_on(day):
                entry = statuses.setdefault((obliged.code, protected.code), ({k: set() for k in KINDS}, set()))
                entry[0][ATOP_COLUMN[commitment.commitment_type]].add(status)
                if status != LinkStatus.SUSPENDED:
                    entry[1].add(commitment.pact.slug)
        day += datetime.timedelta(days=1)
    rows = {}
    for key, (kinds, pacts) in statuses.items():
        values = {k: 1 if LinkStatus.BINDING in s else None if LinkStatus.UNKNOWN in s else 0 for k, s in kinds.items()}
        if any(value != 0 for value in values.values()):
            rows[key] = (values, sorted(pacts))
    return rows


# Years in which curated and sample ATOP pacts begin, end, change members or are suspended,
# with dates of every precision (each year is asked 365 times: a few suffice).
@pytest.mark.parametrize("year", [1910, 1952, 1986, 1991, 1996, 2024])
def test_rows_are_those_of_asking_every_day_of_the_year(curated, year):
    import_atop(SAMPLE, STATES)
    rows = {(r.obliged.code, r.protected.code): (r.kinds, [p.slug for p in r.pacts])
            for r in dyad_years(Commitment.objects.all(), year, year)}
    assert rows == day_by_day(year)
    assert rows


def test_columns_are_named_as_atop_names_them_and_a_year_counts_if_bound_on_any_day(curated):
    rows = {(r.year, r.obliged.code, r.protected.code): r for r in dyad_years(Commitment.objects.all(), 1949, 2025)}
    nato = rows[(1949, "USA", "GBR")]  # in force from 24 August 1949
    assert nato.kinds["defense"] == 1 and nato.transyr == 1 and nato.ddyad == 2200
    assert (nato.obliged.cow_code, nato.protected.cow_code) == (2, 200)
    assert rows[(1950, "USA", "GBR")].transyr == 0
    assert (1948, "USA", "GBR") not in rows
    # After 2018: a pact the corpus holds, which ATOP lacks.
    treaty = rows[(2025, "RUS", "PRK")]
    assert treaty.kinds["defense"] == 1 and "russia-dprk-2024" in [p.slug for p in treaty.pacts]
    # The 1961 USSR-DPRK treaty: no source states its entry into force; the one inferred
    # from its end by expiry and its terms (September 1961) binds it in 1970.
    assert rows[(1970, "SUN", "PRK")].kinds["defense"] == 1
    # ANZUS: the United States' obligations to New Zealand suspended from 1986.
    assert "anzus" not in [p.slug for p in rows[(1990, "USA", "NZL")].pacts]
    assert "anzus" in [p.slug for p in rows[(1990, "NZL", "USA")].pacts]


def test_an_obliged_or_protected_state_narrows_the_rows(curated):
    usa = Commitment.objects.first().pact.parties.model.objects.filter(state__code="USA").first().state
    rows = list(dyad_years(Commitment.objects.all(), 2000, 2001, obliged={usa.pk}))
    assert rows and {r.obliged.code for r in rows} == {"USA"}
    assert [(r.year, r.protected.code) for r in rows] == sorted((r.year, r.protected.code) for r in rows)


@pytest.fixture
def api(client, curated):
    _token, key = ApiToken.objects.create_token(make_staff("analyst", "Analysts"), "tests")
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    return client


def test_the_csv_download_streams_every_row_with_atops_column_names(api):
    response = api.get("/api/v1/dyad-years.csv?year_from=2019&year_to=2020")
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="dyad-years-2019-2020-' in response["Content-Disposition"]
    table = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert set(KINDS) | {"ddyad", "year", "transyr", "statea", "stateb", "pacts", "atopids"} <= set(table[0])
    row = next(r for r in table if (r["year"], r["obliged"], r["protected"]) == ("2020", "USA", "PHL"))
    assert row["defense"] == "1" and row["ddyad"] == "2840" and "us-philippines-1951" in row["pacts"].split(";")
    assert {r["year"] for r in table} == {"2019", "2020"}


def test_the_json_pages_hold_the_csvs_rows(api):
    query = "year_from=2016&year_to=2017&commitment_type=defense"
    table = list(csv.DictReader(io.StringIO(b"".join(api.get("/api/v1/dyad-years.csv?" + query)
                                                    .streaming_content).decode())))
    rows, following = [], "/api/v1/dyad-years/?page_size=40&" + query
    while following:
        page = api.get(following).json()
        rows += page["results"]
        following = page["next"]
    assert [(r["year"], r["obliged"], r["protected"]) for r in rows] == [
        (int(r["year"]), r["obliged"], r["protected"]) for r in table]
    assert all(r["consul"] == 0 for r in rows)  # the filter keeps defence commitments only
    assert len(rows) > 40


@pytest.mark.skipif(not ATOP.exists() and not os.environ.get("CI"), reason="the shared ATOP copy is absent")
def test_the_atop_pacts_agree_with_atops_state_year_file_as_docs_dyad_years_says(curated):
    """The figures of docs/dyad-years.md, where each difference is explained."""
    import_atop(ATOP, COW_STATES)
    result = compare(ATOP)
    assert result.state_years == {"both": 11907, "atop only": 16, "ours only": 35}
    assert {kind: dict(counts) for kind, counts in result.kinds.items()} == {
        "defense": {(1, 1): 8850, (0, 0): 2907, (0, 1): 92, (1, 0): 57, (0, None): 1},
        "offense": {(1, 1): 961, (0, 0): 10945, (0, 1): 1},
        "neutral": {(1, 1): 1961, (0, 0): 9941, (0, 1): 5},
        "nonagg": {(1, 1): 9782, (0, 0): 1680, (1, 0): 445},
        "consul": {(1, 1): 8675, (0, 0): 3176, (1, 0): 55, (0, None): 1},
    }
    assert result.alliances == {"both": 46064, "atop only": 933, "ours only": 312}
    # Every difference with an ATOP-only pact is a year in which a phase with the obligation
    # gave way to one without, or a membership ending on 1 January (see the doc).
    curated_ids = {3075, 3130, 3180, 3200, 3205, 3210, 3215, 3220, 3240, 3260, 3270, 3285, 3375, 3440, 3445,
                   4220, 4890, 4940}
    imported = {behind for (what, behind) in result.differences if not set(behind) & curated_ids}
    assert imported == {(1155,), (1362,), (1415,), (1345,), (3395,), (3973,)}
