"""Importing ATOP 5.1: mapping, dates and precision, phases, idempotency, bad files, the link
to curated pacts, and the dashboard over the whole universe."""

import datetime
import os
import shutil

import pytest
from django.core import serializers
from django.core.management import CommandError, call_command

from alliances.pacts.importers.atop import AtopError, AtopRemovals, import_atop
from alliances.pacts.choices import LinkStatus, PactStatus
from alliances.pacts.importers.curation.exporter import export_fixtures
from alliances.pacts.models import AtopMember, AtopPhase, Commitment, Pact, State
from tests.atop_subset import FULL, FULL_STATES
from tests.conftest import PROJECT

pytestmark = pytest.mark.django_db

SAMPLE = PROJECT / "tests" / "data" / "atop_sample"
STATES = SAMPLE / "states.csv"
D = datetime.date


def dump():
    from django.apps import apps

    models = apps.get_app_config("pacts").get_models()
    return serializers.serialize("json", [o for m in models for o in m.objects.order_by("pk")])


def test_alliances_become_pacts_with_dates_at_their_precision():
    import_atop(SAMPLE, STATES)
    pact = Pact.objects.get(slug="atop-9001")
    assert not pact.curated and pact.multilaterality == "bilateral"
    assert (pact.signed_on, pact.signed_precision) == (D(1900, 5, 1), "month")
    assert (pact.ended_on, pact.ended_precision, pact.end_reason) == (D(1910, 1, 1), "year", "not_recorded")
    assert pact.status_on(D(1905, 1, 1)) == PactStatus.IN_FORCE
    assert pact.status_on(D(1910, 6, 1)) == PactStatus.UNKNOWN  # some day in 1910


def test_exit_year_zero_means_in_effect_to_the_end_of_the_data():
    import_atop(SAMPLE, STATES)
    pact = Pact.objects.get(slug="atop-9002")
    assert pact.ended_on is None and pact.status_known_until == D(2018, 12, 31)
    assert pact.status_on(D(2018, 6, 1)) == PactStatus.IN_FORCE
    assert pact.status_on(D(2020, 1, 1)) == PactStatus.UNKNOWN


def test_phases_and_members_keep_every_value_atop_gives():
    import_atop(SAMPLE, STATES)
    phases = AtopPhase.objects.filter(atop_id=9002).order_by("phase")
    assert [p.phase for p in phases] == [1, 2]
    assert phases[1].ended_on is None and phases[0].ended_on == D(1960, 3, 1)
    member = AtopMember.objects.get(phase=phases[0], member_code=731)
    assert member.codes["consul"] == "1" and member.codes["version"] == "5.1"
    assert phases[0].codes["intcom"] == "1" and phases[0].intcom == 1


def test_member_codes_map_onto_states():
    import_atop(SAMPLE, STATES)
    soviet = AtopMember.objects.filter(phase__atop_id=9002, member_code=365).first()
    assert soviet.state.code == "SUN"  # COW's 365 before 1991 is the USSR
    annam = State.objects.get(name="Annam")
    assert annam.cow_code is None and not annam.curated and len(annam.code) == 3
    early = AtopMember.objects.get(phase__atop_id=9003, member_code=731)  # before COW lists it (1948)
    assert early.state.code == "PRK" and early.entered_on == D(1946, 1, 1)


def test_a_soviet_membership_past_1991_goes_on_as_russias():
    """COW and ATOP give the USSR and Russia one code: in 2000 the member of alliance 9002
    (in its second phase since 1960, never left) is Russia, and the USSR is no longer bound."""
    import_atop(SAMPLE, STATES)
    pact = Pact.objects.get(atop_id=9002)
    spells = {(p.state.code, p.joined_on, p.left_on) for p in pact.parties.all() if p.state.cow_code == 365}
    assert spells == {("SUN", D(1950, 1, 15), D(1960, 3, 1)), ("SUN", D(1960, 3, 1), D(1991, 12, 25)),
                      ("RUS", D(1991, 12, 26), None)}
    consultation = pact.commitments.get(commitment_type="consultation")
    assert {side.state.code for side in consultation.sides.all()} == {"SUN", "RUS", "PRK"}
    russia, ussr, dprk = (State.objects.get(code=code) for code in ("RUS", "SUN", "PRK"))
    assert consultation.link_status(russia, dprk, D(2000, 1, 1)) == LinkStatus.BINDING
    assert consultation.link_status(ussr, dprk, D(2000, 1, 1)) == LinkStatus.NOT_BINDING
    assert consultation.link_status(ussr, dprk, D(1980, 1, 1)) == LinkStatus.BINDING
    assert consultation.link_status(russia, dprk, D(1980, 1, 1)) == LinkStatus.NOT_BINDING
    import_atop(SAMPLE, STATES)  # a second run keeps the two spells as they are
    assert pact.parties.filter(state__cow_code=365).count() == 3


def test_obligations_become_commitments_from_the_obliged_members():
    import_atop(SAMPLE, STATES)
    defence = Commitment.objects.get(key="atop-9001-defense")
    assert defence.obliged_scope == "listed" and defence.protected_scope == "all_parties"
    assert [s.state.code for s in defence.sides.all()] == ["USA"]  # the UK is coded 0
    assert [c.condition for c in defence.conditions.all()] == ["location"]
    note = defence.notes.get(dimension="type")
    # The codebook's meaning of DEFENSE, not ATOP's raw line; the rationale names the records.
    assert note.excerpt.source.key == "atop-5-1-codebook" and note.excerpt.text.startswith(
        "Dummy variable coded 1 if the alliance member promises to provide active military support")
    assert "United States of America (the member records of ATOP alliance 9001, phase 0)" in note.rationale
    assert defence.conditions.get().excerpt.key == "atop-codebook-defcoloc"
    kinds = set(Commitment.objects.filter(pact__slug="atop-9002").values_list("commitment_type", flat=True))
    assert kinds == {"non_aggression", "consultation"}
    # Two states, two spells each; the USSR's second goes on as Russia's after 1991.
    assert Pact.objects.get(slug="atop-9002").parties.count() == 5


def test_running_it_twice_changes_nothing():
    import_atop(SAMPLE, STATES)
    first = dump()
    import_atop(SAMPLE, STATES)
    assert dump() == first


def test_a_later_version_updates_in_place(tmp_path):
    import_atop(SAMPLE, STATES)
    copy = tmp_path / "atop"
    shutil.copytree(SAMPLE, copy)
    text = (copy / "atop5_1aph.csv").read_text().replace("9001,0,1900,5,,1910", "9001,0,1900,5,,1911")
    (copy / "atop5_1aph.csv").write_text(text)
    pk = Pact.objects.get(slug="atop-9001").pk
    import_atop(copy, STATES)
    pact = Pact.objects.get(slug="atop-9001")
    assert pact.pk == pk and pact.ended_on == D(1911, 1, 1)


def test_a_curated_pact_is_linked_not_duplicated_nor_overwritten(curated):
    nato = Pact.objects.get(slug="north-atlantic-treaty")
    before = (nato.title, nato.signed_on, nato.parties.count(), nato.commitments.count())
    import_atop(SAMPLE, STATES)
    nato.refresh_from_db()
    assert (nato.title, nato.signed_on, nato.parties.count(), nato.commitments.count()) == before
    assert not Pact.objects.filter(slug="atop-3180").exists()
    assert AtopPhase.objects.get(atop_id=3180, phase=1).pact == nato


def test_imported_records_stay_out_of_the_fixtures(curated, tmp_path, capsys):
    import_atop(SAMPLE, STATES)
    call_command("load_seeds")
    assert "already matches the fixtures" in capsys.readouterr().out
    export_fixtures(tmp_path)
    from django.conf import settings

    for path in settings.FIXTURES_DIR.rglob("*.json"):
        assert (tmp_path / path.relative_to(settings.FIXTURES_DIR)).read_bytes() == path.read_bytes()
    assert not any(tmp_path.glob("pacts/atop-*.json"))


def _broken(tmp_path, file, old, new):
    copy = tmp_path / "atop"
    shutil.copytree(SAMPLE, copy)
    path = copy / file
    path.write_text(path.read_text().replace(old, new, 1))
    return copy


@pytest.mark.parametrize("file,old,new,message", [
    ("atop5_1m.csv", "atopid,member,", "atopid,membr,", "atop5_1m.csv, line 1: missing column(s) member"),
    ("atop5_1aph.csv", "9002,1,1950", "9002,1,19x0", "atop5_1aph.csv, line 3, column begyr: '19x0' is not a number"),
    ("atop5_1m.csv", "9001,200,0,1900,5,,1910,,,0,0,0,0,0,0,0,5.1", "9001,200,0,1900,5",
     "atop5_1m.csv, line 3: 5 fields where the header has 17 (truncated line?)"),
    ("atop5_1m.csv", "1320,8152", "1320,8153", "atop5_1m.csv, line 11, column member: 8153 is not a COW state code"),
    ("atop5_1m.csv", "9003,2,0,", "9004,2,0,", "alliance 9004 phase 0 is not in atop5_1aph.csv"),
    ("atop5_1aph.csv", "9003,0,1946,,,1947", "9003,0,1946,,,1940", "atop5_1aph.csv, line 5, column endyr: ends before it begins"),
    ("atop5_1aph.csv", "9003,0,1946,,,1947", "9003,0,1946,2,30,1947", "atop5_1aph.csv, line 5: impossible date"),
    ("atop5_1m.csv", "9001,200,0,", "9001,2,0,", "member 2 of alliance 9001 is listed twice (first at line 2)"),
    ("atop5_1aph.csv", "9002,2,", "9002,1,", "alliance 9002 phase 1 is listed twice (first at line 3)"),
    # Odd numbers and blank keys are problems, not crashes.
    ("atop5_1aph.csv", "9002,1,1950", "9002.0,1,1950", "column atopid: '9002.0' is not a number"),
    ("atop5_1aph.csv", "9002,1,1950", "nan,1,1950", "column atopid: 'nan' is not a number"),
    ("atop5_1aph.csv", "9002,1,1950", ",1,1950", "column atopid: blank"),
    ("atop5_1m.csv", "9001,200,0,", "9001,200,,", "column phase: blank"),
])
def test_a_malformed_file_stops_the_import_naming_the_place_and_writes_nothing(tmp_path, file, old, new, message):
    broken = _broken(tmp_path, file, old, new)
    before = dump()
    with pytest.raises(AtopError) as refused:
        import_atop(broken, STATES)
    assert message in str(refused.value)
    assert dump() == before


def _member_file(tmp_path, keep):
    """A copy of the sample whose member file keeps only the lines `keep` accepts."""
    copy = tmp_path / "atop"
    shutil.copytree(SAMPLE, copy, dirs_exist_ok=True)
    lines = (SAMPLE / "atop5_1m.csv").read_text().splitlines(keepends=True)
    (copy / "atop5_1m.csv").write_text("".join(line for number, line in enumerate(lines, 1) if keep(number, line)))
    return copy


@pytest.mark.parametrize("kept_lines,message", [
    (1, "atop5_1m.csv: holds no member"),
    (6, "atop5_1aph.csv, line 5: alliance 9003 phase 0 has no member in atop5_1m.csv"),
])
def test_a_member_file_cut_short_is_refused_and_deletes_nothing(tmp_path, kept_lines, message):
    import_atop(SAMPLE, STATES)
    before = dump()
    cut = _member_file(tmp_path, lambda number, line: number <= kept_lines)  # as `head -n`
    with pytest.raises(AtopError, match=message):
        import_atop(cut, STATES)
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_atop", str(cut), states=str(STATES), delete_missing=True)
    assert dump() == before


def test_what_the_files_no_longer_hold_is_listed_and_kept_unless_asked(tmp_path, capsys):
    import_atop(SAMPLE, STATES)
    before = dump()
    # The United Kingdom (200) leaves alliance 9001, which keeps the United States.
    fewer = _member_file(tmp_path, lambda number, line: not line.startswith("9001,200,"))
    with pytest.raises(AtopRemovals) as refused:
        import_atop(fewer, STATES)
    assert refused.value.removed == [
        "atop-9001: ATOP member “United Kingdom in ATOP 9001”",
        "atop-9001: party “United Kingdom – United States of America agreement, 1900”",
    ]
    assert dump() == before
    with pytest.raises(CommandError, match="(?s)no longer hold 2 record.*United Kingdom in ATOP 9001.*--delete-missing"):
        call_command("import_atop", str(fewer), states=str(STATES))
    assert dump() == before

    call_command("import_atop", str(fewer), states=str(STATES), delete_missing=True)
    assert "deleted: atop-9001: ATOP member “United Kingdom in ATOP 9001”" in capsys.readouterr().out
    pact = Pact.objects.get(slug="atop-9001")
    assert set(pact.parties.values_list("state__code", flat=True)) == {"USA"}
    assert not AtopMember.objects.filter(phase__atop_id=9001, member_code=200).exists()


def test_the_command_reports_problems_and_progress(tmp_path, capsys):
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_atop", str(tmp_path), states=str(STATES))
    call_command("import_atop", str(SAMPLE), states=str(STATES))
    out = capsys.readouterr().out
    assert "5/5 alliances" in out and "ATOP imported in" in out


def test_the_dashboard_filters_the_whole_universe(staff_client):
    import_atop(SAMPLE, STATES)
    slugs = lambda query: {r.slug for r in staff_client.get("/pacts/", {**query, "per_page": 100}).context["table"].page.object_list}  # noqa: E731
    assert slugs({"origin": "atop", "decade": "1900"}) == {"atop-9001"}
    assert slugs({"depth": ["base", "milaid"]}) == {"atop-9001"}
    assert slugs({"depth": "intcom"}) == {"atop-9002", "atop-3180"}
    assert slugs({"commitment_type": "neutrality"}) == {"atop-9003"}
    assert "atop-9001" in slugs({"condition": "location"})
    assert slugs({"party": ["SUN"]}) == {"atop-9002"}
    matrix = staff_client.get("/compare/", {"origin": "atop", "commitment_type": "defense"}).context["table"]
    assert {row.key for row in matrix.page.object_list} == {"atop-9001-defense", "atop-1320-defense", "atop-3180-defense"}


def test_a_curated_pact_shows_atops_coding_beside_its_own_with_disagreements(staff_client, curated):
    import_atop(SAMPLE, STATES)
    response = staff_client.get("/pacts/north-atlantic-treaty/")
    rows = {str(row.label): row for row in response.context["atop"]}
    assert rows["began (signature)"].agrees  # both 1949-04-04
    assert not rows["members"].agrees  # the sample codes only the United States
    assert 'class="disagrees"' in response.content.decode()


@pytest.mark.skipif(not FULL.exists() and not os.environ.get("CI"), reason="the shared ATOP copy is absent")
def test_the_full_atop_5_1_imports_beside_the_corpus(curated):
    counts = import_atop(FULL, FULL_STATES)
    assert counts["pacts"] + counts["linked"] == 789
    assert AtopPhase.objects.count() == 849 and AtopMember.objects.count() == 2510
    assert Pact.objects.filter(atop_id__isnull=False).values("atop_id").distinct().count() == 789
    assert AtopPhase.objects.get(atop_id=3180, phase=2).pact.slug == "north-atlantic-treaty"
    assert AtopPhase.objects.get(atop_id=3440).pact.slug == "ussr-dprk-1961"
    assert set(AtopPhase.objects.filter(atop_id=4220).values_list("phase", flat=True)) == {1, 2}
    assert State.objects.filter(name="Annam").exists()


def test_a_file_that_is_not_utf8_is_a_problem_not_a_crash(tmp_path):
    broken = _broken(tmp_path, "atop5_1m.csv", "x", "x")
    (broken / "atop5_1m.csv").write_bytes(b"atopid,member\n\xff\xfe,1\n")
    before = dump()
    with pytest.raises(AtopError, match="not a UTF-8 CSV file"):
        import_atop(broken, STATES)
    assert dump() == before


def test_a_soviet_era_alliance_is_named_for_the_ussr(db):
    import_atop(SAMPLE, STATES)
    assert "Russia" not in Pact.objects.get(slug="atop-9002").title


# --- phases: an alliance's end, and obligations that hold in some phases only --------------

from tests.atop_subset import import_alliances, needs_atop  # noqa: E402

CZECHOSLOVAKIA_INDONESIA, BALKAN_PACT, BRAZIL_URUGUAY = 3433, 3230, 1155


@needs_atop
def test_an_alliance_ends_with_its_last_phase_to_end_not_its_last_numbered(tmp_path):
    """ATOP 3433: Czechoslovakia–Indonesia (1961), continued in 1993 by the Czech Republic
    (phase 2, still in effect) and by Slovakia (phase 3, ended 2008). It is in force today
    for the Czech Republic; it once read as ended in 2008."""
    import_alliances(tmp_path / "atop", {CZECHOSLOVAKIA_INDONESIA})
    pact = Pact.objects.get(slug=f"atop-{CZECHOSLOVAKIA_INDONESIA}")
    assert pact.ended_on is None and pact.status_known_until == D(2018, 12, 31)
    assert pact.status_on(D(2012, 1, 1)) == PactStatus.IN_FORCE


@needs_atop
def test_an_obligation_atop_codes_in_a_later_phase_binds_only_from_that_phase(tmp_path):
    """ATOP 3230: the 1953 treaty of Greece, Turkey and Yugoslavia promised consultation; the
    1954 alliance (phase 2, from 9 August 1954) added defence. Greece did not defend Turkey
    under it in 1953."""
    from alliances.pacts.links import links_on

    import_alliances(tmp_path / "atop", {BALKAN_PACT})
    defence = Commitment.objects.get(pact__slug=f"atop-{BALKAN_PACT}", commitment_type="defense")
    assert (defence.effective_on, defence.superseded_on) == (D(1954, 8, 9), None)
    assert "in phase 2 only" in defence.summary

    def defenders_of_turkey(day):
        return {link.obliged.name for link in links_on(day, Commitment.objects.filter(pk=defence.pk))
                if link.protected.name == "Turkey"}

    assert defenders_of_turkey(D(1953, 6, 1)) == set()
    assert defenders_of_turkey(D(1955, 1, 1)) == {"Greece", "Yugoslavia"}


@needs_atop
def test_an_obligation_a_later_phase_drops_binds_until_that_phase(tmp_path):
    """ATOP 1155, Brazil and Uruguay: defence in phase 1 (1851–1857) only; phase 2 began on 3 September 1857."""
    import_alliances(tmp_path / "atop", {BRAZIL_URUGUAY})
    defence = Commitment.objects.get(pact__slug=f"atop-{BRAZIL_URUGUAY}", commitment_type="defense")
    assert (defence.effective_on, defence.superseded_on) == (None, D(1857, 9, 3))
    assert defence.wording_in_force_on(D(1855, 1, 1)) is True
    assert defence.wording_in_force_on(D(1858, 1, 1)) is False
