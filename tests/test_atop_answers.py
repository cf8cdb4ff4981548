"""ATOP's data as the answers show it: the codebook's meaning of each value instead of raw
file lines, a page with the raw record, readable names from recorded sources (or a
description from members and year), and the search box finding them."""

import csv
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alliances.pacts.atop_import import import_atop
from alliances.pacts.models import Excerpt, Pact, Source
from alliances.pacts.seedfiles import occurs_verbatim, read_seed_text
from tests.atop_subset import FULL, import_alliances, needs_atop
from tests.conftest import PROJECT

SAMPLE = PROJECT / "tests" / "data" / "atop_sample"
DECLARATION_BY_UNITED_NATIONS, WARSAW, CZECHOSLOVAKIA_POLAND_1947, MOLOTOV_RIBBENTROP = 2550, 3285, 3060, 2470


@needs_atop
def test_every_meaning_is_the_codebooks_own_words():
    from alliances.pacts.atop_codebook import MEMBER_LEVEL, PHASE_LEVEL

    codebook = (FULL / "atop_5_1_codebook.txt").read_text(encoding="utf-8")
    for meaning in MEMBER_LEVEL + PHASE_LEVEL:
        assert occurs_verbatim(meaning.text, codebook), meaning.name
        assert f"{meaning.section}" in codebook and meaning.name in codebook


def test_every_recorded_name_is_in_its_source_as_kept():
    from alliances.pacts.atop_import import recorded_names

    names = recorded_names()
    assert len(names) >= 10
    for atop_id, name in names.items():
        seed = read_seed_text(name.source["seed_file"])
        assert seed is not None, name.source["seed_file"]
        assert occurs_verbatim(name.quote, seed), atop_id
        assert set(name.source) >= {"key", "title", "publisher", "url", "language", "kind", "accessed_on", "seed_file"}


@needs_atop
def test_every_recorded_name_is_of_the_alliance_atop_codes_that_year():
    """The year in each short name is the year ATOP's record begins."""
    from alliances.pacts.atop_import import recorded_names

    with open(FULL / "atop5_1a.csv", encoding="utf-8") as handle:
        began = {int(row["atopid"]): row["begyr"] for row in csv.DictReader(handle)}
    for atop_id, name in recorded_names().items():
        assert atop_id in began, atop_id
        assert re.search(r"\((\d{4})\)$", name.short_name).group(1) == began[atop_id], atop_id


def test_an_unnamed_alliance_is_described_by_its_members_and_year_never_given_a_formal_title():
    import datetime

    from alliances.pacts.atop_import import described_names, short_state_name

    title, short = described_names(3105, (["Poland", "Soviet Union (USSR)"], 0), datetime.date(1945, 4, 21), "1")
    assert short == "Poland–USSR treaty, 1945"
    assert title == "Treaty of Poland, USSR, 1945 (ATOP alliance 3105; no recorded name)"
    _title, many = described_names(1, (["Albania", "Bulgaria", "Czechoslovakia", "Hungary"], 2), datetime.date(1955, 5, 14), "0")
    assert many == "Agreement of 4 states (Albania, Bulgaria, Czechoslovakia…), 1955"
    assert short_state_name("Turkey (Türkiye)") == "Turkey"


@pytest.mark.django_db
@needs_atop
def test_answers_show_the_codebooks_meaning_and_link_the_raw_record(staff_client, curated, tmp_path):
    """The lookup used to quote "atop5_1m.csv line 602: atopid=2550, member=2, ..." as the
    excerpt behind the Declaration by United Nations."""
    import_alliances(tmp_path / "atop", {DECLARATION_BY_UNITED_NATIONS})
    response = staff_client.get("/lookup/", {"obliged": "USA", "protected": "GBR", "on": "1943-01-01"})
    text = response.content.decode()
    assert "atop5_1m.csv line" not in text and "atopid=" not in text
    assert "promises to provide active military support in the event of attack" in text  # DEFENSE
    assert "under any conditions not precipitated by attack" in text  # OFFENSE
    assert f'href="/atop/{DECLARATION_BY_UNITED_NATIONS}/#members"' in text
    assert not Excerpt.objects.filter(text__contains="atop5_1m.csv line").exists()
    record = staff_client.get(f"/atop/{DECLARATION_BY_UNITED_NATIONS}/").content.decode()
    assert "<code>DEFENSE</code></th><td><code>1</code>" in record
    assert "Correlates of War Country Code identifying a state signatory to the alliance." in record
    assert 'id="member-2-0"' in record  # the United States' record, linkable
    assert '<a href="#meaning-defense"><code>DEFENSE</code></a>&nbsp;1' in record  # each value, to its meaning
    assert 'id="meaning-defense"' in record
    assert staff_client.get("/atop/1/").status_code == 404


@pytest.mark.django_db
def test_a_reimport_forgets_the_raw_lines_an_earlier_import_quoted(tmp_path):
    import_atop(SAMPLE, SAMPLE / "states.csv")
    dataset = Source.objects.get(key="atop-5-1")
    Excerpt.objects.create(key="atop-9001-defense", source=dataset, text="atop5_1m.csv line 2: atopid=9001, ...")
    import_atop(SAMPLE, SAMPLE / "states.csv")
    assert not Excerpt.objects.filter(source=dataset).exists()


@pytest.mark.django_db
@needs_atop
def test_atop_only_pacts_have_readable_names_and_the_search_box_finds_them(staff_client, curated, tmp_path):
    import_alliances(tmp_path / "atop", {MOLOTOV_RIBBENTROP, CZECHOSLOVAKIA_POLAND_1947, WARSAW})
    named = Pact.objects.get(atop_id=MOLOTOV_RIBBENTROP)
    assert (named.short_name, named.title) == (
        "Molotov-Ribbentrop Pact (1939)", "Treaty of Non-Aggression between Germany and the Union of Soviet Socialist Republics")
    assert named.name_evidence.source.url.startswith("https://") and "Molotov-Ribbentrop Pact" in named.name_evidence.text
    unnamed = Pact.objects.get(atop_id=CZECHOSLOVAKIA_POLAND_1947)
    assert unnamed.short_name == "Czechoslovakia–Poland treaty, 1947" and unnamed.name_evidence is None
    found = lambda q: {p.slug for p in staff_client.get("/pacts/", {"q": q, "per_page": 100}).context["table"].page.object_list}  # noqa: E731
    assert found("Molotov") == {named.slug}
    assert found("molotov-ribbentrop pact") == {named.slug}
    assert found(str(MOLOTOV_RIBBENTROP)) == {named.slug}
    assert found(f"ATOP {MOLOTOV_RIBBENTROP}") == {named.slug}
    assert found("Czechoslovakia Poland") == {unnamed.slug}
    assert found("forthwith") == {"north-atlantic-treaty"}  # the clause-text search, unchanged beside it
    matrix = staff_client.get("/compare/", {"q": "Molotov"}).context["table"].page.object_list
    assert {c.pact_id for c in matrix} == {named.pk}
    # The Warsaw Pact is curated: ATOP's record joins it, and its curated name is the one found.
    warsaw = Pact.objects.get(atop_id=WARSAW)
    assert warsaw.slug == "warsaw-pact-1955" and found("Warsaw") == {warsaw.slug} == found(f"ATOP {WARSAW}")
    page = staff_client.get(f"/pacts/{unnamed.slug}/").content.decode()
    assert "no recorded source names it" in page


@pytest.mark.django_db
def test_the_raw_record_page_reads_a_fixed_number_of_queries(staff_client):
    import_atop(SAMPLE, SAMPLE / "states.csv")

    def count(atop_id):
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(f"/atop/{atop_id}/").status_code == 200
        return len(queries)

    assert count(9001) == count(9002)  # one phase of two members; two phases, four member records

