"""Answers a user relies on: who defends whom (defence apart from pledges), a state's pacts
on a day, the lookup's one-sided questions and its refusals, incomplete data said where
the answer is given, an inferred entry into force labelled as such, exports carrying the
status of the day asked. Where the answer needs ATOP's records, the few alliances asked
about are imported from the shared ATOP 5.1 copy (tests/atop_subset.py)."""

import csv
import datetime
import html
import io
import re

import pytest
from django.utils import timezone

from alliances.pacts.choices import PactStatus
from alliances.pacts.models import Pact
from tests.atop_subset import FULL as PROJECT_ATOP
from tests.atop_subset import import_alliances, needs_atop

pytestmark = pytest.mark.django_db
D = datetime.date

HELSINKI, WARSAW, RUSSIA_UKRAINE_1997 = 3740, 3285, 4875


def page(response):
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def section(text, start, end):
    """The part of a page between two headings (after the page's contents list, which
    names them too)."""
    if '<nav class="toc"' in text:
        text = text[text.index("</nav>", text.index('<nav class="toc"')):]
    return text.split(start, 1)[1].split(end, 1)[0]


# --- defence is not non-aggression ---------------------------------------------------------


@needs_atop
def test_the_helsinki_final_act_does_not_make_its_states_defenders_of_poland(staff_client, curated, tmp_path):
    """Poland on 1 January 1985: the Final Act's pledge to refrain from the use of force is
    a pledge, shown apart; the USA, party to it, was not committed to defend Poland (the
    state page used to list its 33 states, the USA among them, as defenders)."""
    import_alliances(tmp_path / "atop", {HELSINKI, WARSAW})
    text = page(staff_client.get("/states/POL/", {"on": "1985-01-01"}))
    defenders = section(text, "Committed to defend it", "It is committed to defend")
    assert "Soviet Union" in defenders  # the Warsaw Pact's defence commitment
    assert "United States" not in defenders and "Canada" not in defenders
    pledges = text.split("Other pledges (not commitments to defend)", 1)[1]
    assert "Non-aggression" in pledges and "United States" in pledges
    # The map of its defenders shades the Soviet Union, not the United States.
    svg = page(staff_client.get("/states/POL/map/", {"on": "1985-01-01"})).split("defenders-map", 1)[1].split("</svg>")[0]
    shaded = set(re.findall(r'class="country defender [^"]*" data-country="([^"]+)"', svg))
    assert "643" in shaded and "840" not in shaded and "124" not in shaded  # USSR on Russia; not the USA, Canada


@needs_atop
def test_russia_and_the_usa_are_not_defenders_of_ukraine(staff_client, curated, tmp_path):
    import_alliances(tmp_path / "atop", {HELSINKI, RUSSIA_UKRAINE_1997})
    text = page(staff_client.get("/states/UKR/", {"on": "2010-01-01"}))
    defenders = section(text, "Committed to defend it", "It is committed to defend")
    assert "Russia" not in defenders and "United States" not in defenders
    pledges = text.split("Other pledges (not commitments to defend)", 1)[1]
    assert "Russia" in pledges and "Consultation" in pledges


@needs_atop
def test_a_state_page_lists_the_pacts_in_force_that_day_and_the_others_apart(staff_client, curated, tmp_path):
    """Poland in 1985: the Warsaw Pact and the Final Act are in force for it; NATO (joined
    1999) is among the earlier and later ones, in a collapsed list of its own."""
    import_alliances(tmp_path / "atop", {HELSINKI, WARSAW})
    text = page(staff_client.get("/states/POL/", {"on": "1985-01-01"}))
    in_force = section(text, "pacts in force for it that day", "Committed to defend it").split(
        '<details id="earlier-and-later">')[0]
    later = text.split('<details id="earlier-and-later">', 1)[1].split("</details>", 1)[0]
    assert "1955" in in_force and "1975" in in_force  # the two ATOP pacts, whatever their names
    assert "North Atlantic Treaty" not in in_force and "North Atlantic Treaty" in later


def test_the_lookup_counts_only_defence_and_lists_the_pledges_apart(staff_client, curated):
    response = staff_client.get("/lookup/", {"obliged": "USA", "protected": "POL", "on": "2020-01-01"})
    text = page(response)
    assert response.context["answer"] == "yes"
    pledges = text.split("Other pledges between them (not commitments to defend)", 1)[1]
    assert "Article 4" in pledges and "consultation" in pledges.lower()
    assert all(f.commitment.commitment_type in ("defense", "offense") for f in response.context["pair"].findings)


# --- the lookup -----------------------------------------------------------------------------


def test_an_ended_pact_says_when_it_ended_not_not_binding(staff_client, curated):
    text = page(staff_client.get("/lookup/", {"obliged": "RUS", "protected": "PRK", "on": "2000-01-01"}))
    assert "USSR–DPRK treaty (1961), Article 1</a>: the pact ended on 1996-09-10" in text
    assert "Article 1</a>: not binding" not in text


def test_a_pact_not_yet_in_force_says_so_with_its_dates(staff_client, curated):
    text = page(staff_client.get("/lookup/", {"obliged": "RUS", "protected": "PRK", "on": "2024-07-01"}))
    assert "the pact was not yet in force (signed 2024-06-19; in force from 2024-12-04)" in text


def test_a_state_is_not_asked_whether_it_defends_itself(staff_client, curated):
    response = staff_client.get("/lookup/", {"obliged": "USA", "protected": "USA"})
    text = page(response)
    assert "A state is not asked to defend itself" in text
    assert "answer" not in response.context


@pytest.mark.parametrize("query, question", [
    ({"protected": "ARM", "on": "2020-01-01"}, "Who is committed to defend Armenia on 2020-01-01?"),
    ({"obliged": "ARM", "on": "2020-01-01"}, "Whom must Armenia defend on 2020-01-01?"),
])
def test_one_sided_questions_are_answered_by_pact(staff_client, curated, query, question):
    response = staff_client.get("/lookup/", query)
    text = page(response)
    assert "This field is required" not in text
    assert question in text
    by_pact = {pact.slug: groups for pact, groups in response.context["by_pact"]}
    # The CST binds Armenia and its allies both ways; the 1997 treaty with Russia does too.
    assert sorted(by_pact) == ["collective-security-treaty", "russia-armenia-1997"]
    (group,) = by_pact["collective-security-treaty"]
    assert {state.code for state in group.states} >= {"RUS", "KAZ", "BLR"}
    (bilateral,) = by_pact["russia-armenia-1997"]
    assert {state.code for state in bilateral.states} == {"RUS"}
    assert "Article 4" in text and "Conditions:" in text  # with its conditions
    assert "<blockquote>" in text  # and the excerpt it is coded from
    assert response.context["answer"] in ("yes", "conditionally")


def test_armenia_is_not_bound_to_defend_its_allies_once_its_obligations_are_suspended(staff_client, curated):
    """From 2024 Armenia's obligations to every CSTO party are suspended; who defends it is
    another question."""
    def statuses(context):
        return {p.slug: {g.status for g in groups} for p, groups in context["by_pact"]}

    outbound = statuses(staff_client.get("/lookup/", {"obliged": "ARM", "on": "2025-06-01"}).context)
    assert outbound["collective-security-treaty"] == {"suspended"}
    assert outbound["russia-armenia-1997"] == {"binding"}  # the bilateral treaty is not suspended
    inbound = statuses(staff_client.get("/lookup/", {"protected": "ARM", "on": "2025-06-01"}).context)
    assert inbound == {"collective-security-treaty": {"binding"}, "russia-armenia-1997": {"binding"}}


@pytest.mark.parametrize("query", [
    {"on": "2020-01-01"}, {"obliged": "XXX"}, {"protected": "\x00"}, {"obliged": "USA", "on": "2020-02-30"},
    {"protected": "POL", "on": "9" * 30}, {"obliged": "usa"},
])
def test_bad_lookups_get_a_message_never_an_error(staff_client, curated, query):
    response = staff_client.get("/lookup/", query)
    assert response.status_code == 200 and "answer" not in response.context
    assert 'class="error"' in response.content.decode()


# --- incomplete data, said where the answer is given ----------------------------------------


def test_an_incomplete_party_list_leaves_the_answer_open(staff_client, curated, make_state):
    """Rio records 12 of its parties. Mexico was a party until 2004 but is not recorded: the
    answer for the USA and Mexico in 2000 says, beside it, that it reads an incomplete list."""
    make_state("MEX", "Mexico")  # as an ATOP import adds it
    response = staff_client.get("/lookup/", {"obliged": "USA", "protected": "MEX", "on": "2000-01-01"})
    text = page(response)
    answer = text.split('id="answer"', 1)[1].split('class="finding"', 1)[0]
    assert "the party list of Rio Treaty (1947) is incomplete." in answer and "Mexico" in answer
    assert [pact.slug for pact in response.context["pair"].gaps] == ["rio-treaty-1947"]
    brazil = page(staff_client.get("/states/BRA/"))
    assert "The party list of Rio Treaty (1947) is incomplete." in brazil
    assert "Party list incomplete." in page(staff_client.get("/pacts/rio-treaty-1947/"))
    assert Pact.objects.get(slug="rio-treaty-1947").parties_incomplete.startswith("12 of the treaty's parties")


def test_a_nuclear_status_not_recorded_is_said(staff_client, curated, make_state):
    make_state("QQQ", "Quarkland")
    text = page(staff_client.get("/states/QQQ/"))
    assert "Nuclear weapons on that day: " in text
    assert "no nuclear-weapon status is recorded for this state" in text


def test_the_nuclear_filter_says_how_many_states_it_cannot_say_of(staff_client, curated, make_state):
    make_state("QQQ", "Quarkland")  # no status recorded
    text = page(staff_client.get("/pacts/", {"nuclear": "no"}))
    from alliances.pacts.models import State

    unknown = State.objects.filter(nuclear_status="unknown").count()
    assert f"{unknown} states' nuclear weapons on " in text and "they are not counted as armed" in text


def test_an_unknown_status_says_why(staff_client, curated, source):
    from alliances.pacts.models import Party, State

    pact = Pact.objects.create(slug="open-atop", title="t", short_name="Open pact", multilaterality="bilateral",
                               signed_on=D(2000, 1, 1), signed_precision="day", in_force_on=D(2000, 1, 1),
                               in_force_precision="day", status_known_until=D(2018, 12, 31), source=source)
    Party.objects.create(pact=pact, state=State.objects.get(code="POL"), joined_on=D(2000, 1, 1), joined_precision="day",
                         source=source)
    text = page(staff_client.get("/states/POL/", {"on": "2020-01-01"}))
    perhaps = text.split("perhaps in force: the data cannot say", 1)[1]
    assert "Open pact" in perhaps and "the data on it stop on 2018-12-31" in perhaps
    listed = page(staff_client.get("/pacts/", {"q": "Open pact"}))
    assert "the data on it stop on 2018-12-31" in listed


# --- an inferred entry into force -------------------------------------------------------------


def test_the_ussr_dprk_treaty_binds_by_an_inferred_entry_into_force_and_says_so(staff_client, curated):
    """No kept source states the day the 1961 treaty entered into force; its end by expiry
    and its terms put it in September 1961. Every day from 1961 to 1996 used to answer "the
    data cannot say"."""
    response = staff_client.get("/lookup/", {"obliged": "SUN", "protected": "PRK", "on": "1965-01-01"})
    assert response.context["answer"] == "yes"
    text = page(response)
    assert "The pact's entry into force is inferred as 1961-09, not recorded" in text
    pact = Pact.objects.get(slug="ussr-dprk-1961")
    assert pact.status_on(D(1961, 8, 1)) == PactStatus.SIGNED
    assert pact.status_on(D(1961, 9, 20)) == PactStatus.UNKNOWN  # some day in September 1961
    assert pact.status_on(D(1965, 1, 1)) == PactStatus.IN_FORCE
    assert pact.in_force_on is None and (pact.in_force_inferred_on, pact.in_force_inferred_precision) == (
        D(1961, 9, 1), "month")
    listed = staff_client.get("/pacts/", {"on": "1965-01-01"}).context["table"].page.object_list
    assert pact in list(listed)
    detail = page(staff_client.get("/pacts/ussr-dprk-1961/"))
    assert "Inferred: 1961-09" in detail and "Counting back one ten-year term" in detail
    assert "120 months." in detail  # the ATOP coding sheet, among the evidence
    assert {e.excerpt.source.key for e in pact.in_force_evidence.all()} == {
        "ussr-dprk-1961-atop-3440-codesheet", "ussr-dprk-1961-donga-1999-03-18", "ussr-dprk-1961-maeil-2024-06-18"}


def test_a_recorded_entry_into_force_wins_over_an_inferred_one(make_pact):
    pact = make_pact(slug="both", signed=D(2000, 1, 1), in_force=D(2001, 1, 1), in_force_inferred_on=D(2000, 3, 1),
                     in_force_inferred_precision="month", in_force_inference="a guess from the evidence")
    assert pact.status_on(D(2000, 6, 1)) == PactStatus.SIGNED
    assert not pact.status_decision(D(2002, 1, 1)).inferred


@needs_atop
def test_the_inference_agrees_with_atops_record_of_the_treaty():
    """The values the inference and its source's notes quote from ATOP 5.1's alliance
    record 3440 are ATOP's."""
    with open(PROJECT_ATOP / "atop5_1a.csv", encoding="utf-8") as handle:
        record = next(row for row in csv.DictReader(handle) if row["atopid"] == "3440")
    assert [record[c] for c in ("begyr", "begmo", "begday", "endyr", "endmo", "endday")] == [
        "1961", "7", "6", "1996", "9", "10"]
    assert [record[c] for c in ("speclgth", "length", "proren", "renewlgt", "term")] == ["1", "120", "2", "60", "1"]


@needs_atop
def test_the_coding_sheet_kept_is_atops_own():
    from django.conf import settings

    kept = (settings.SEEDS_DIR / "rus_dprk2" / "treaty_1961_atop_3440_codesheet_en.txt").read_text(encoding="utf-8")
    original = (PROJECT_ATOP / "codesheets" / "ATOP3440.txt").read_text(encoding="utf-8")
    assert kept.strip() and all(line in original for line in kept.splitlines())


# --- exports --------------------------------------------------------------------------------


def test_the_pact_export_carries_the_status_on_the_filters_day(staff_client, curated):
    response = staff_client.get("/pacts/", {"on": "1990-01-01", "export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    statuses = {row["Pact"]: row["Status on 1990-01-01"] for row in rows}
    assert statuses["North Atlantic Treaty (NATO)"] == "in force"
    assert statuses["USSR–DPRK treaty (1961)"].startswith("in force (by an entry into force inferred as 1961-09)")
    today = staff_client.get("/pacts/", {"export": "csv"})
    header = next(csv.reader(io.StringIO(b"".join(today.streaming_content).decode())))
    assert f"Status on {timezone.localdate().isoformat()}" in header

