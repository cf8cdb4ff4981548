"""The loader: all or nothing, never overwriting editors' work unasked, and the round trip back."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.core import serializers
from django.apps import apps

from alliances.pacts.curation.exporter import export_fixtures
from alliances.pacts.curation.loader import LoadError, load
from alliances.pacts.models import Pact, Party


def database_dump():
    """Every row of every project table (history included), for before/after comparisons."""
    models = [m for m in apps.get_app_config("pacts").get_models()]
    return serializers.serialize("json", [obj for m in models for obj in m.objects.order_by("pk")])


def edit_json(path, change):
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def nato(fixtures):
    return fixtures / "pacts" / "north-atlantic-treaty.json"


def ussr_dprk(fixtures):
    return fixtures / "pacts" / "ussr-dprk-1961.json"


def _set(obj, key, value):
    obj[key] = value


BREAKAGES = {
    "malformed JSON": (
        lambda f, s: nato(f).write_text('{"slug": "north-atlantic-treaty",', encoding="utf-8"),
        "north-atlantic-treaty.json: malformed JSON at line 1",
    ),
    "dangling reference": (
        lambda f, s: edit_json(nato(f), lambda d: d["parties"][0].update(state="XXX")),
        "refers to state 'XXX', which the fixtures do not define",
    ),
    "date out of order": (
        lambda f, s: edit_json(nato(f), lambda d: _set(d, "in_force", "1948-01-01")),
        '"in_force" (1948-01-01) is before "signed" (1949-04-04)',
    ),
    "impossible date": (
        lambda f, s: edit_json(nato(f), lambda d: _set(d, "signed", "1949-02-30")),
        "'1949-02-30' is not a real date",
    ),
    "excerpt not in its seed": (
        lambda f, s: edit_json(f / "sources.json", lambda d: next(
            src for src in d["sources"] if "excerpts" in src)["excerpts"][0].update(text="Words never written.")),
        "does not occur verbatim in seeds/",
    ),
    "clause text not in its seed": (
        lambda f, s: edit_json(nato(f), lambda d: d["clauses"][1]["versions"][0].update(
            text=d["clauses"][1]["versions"][0]["text"].replace("armed attack", "armed assault"))),
        "the text does not occur verbatim in seeds/nato/nato_declassified_robertson_article5.txt",
    ),
    "missing seed document": (
        lambda f, s: (s / "nato" / "robertson_2001_10_02.txt").unlink(),
        "seed document seeds/nato/robertson_2001_10_02.txt is missing",
    ),
    "duplicate record": (
        lambda f, s: edit_json(nato(f), lambda d: d["parties"].append(dict(d["parties"][0]))),
        "duplicate party north-atlantic-treaty / BEL / 1949-08-24",
    ),
    "unknown choice": (
        lambda f, s: edit_json(nato(f), lambda d: d["commitments"][0].update(immediacy="eventually")),
        "'eventually' is not one of: immediately, without_delay, none",
    ),
    "missing required field": (
        lambda f, s: edit_json(nato(f), lambda d: d["parties"][0].pop("source")),
        'required field "source" is missing',
    ),
    "unknown field": (
        lambda f, s: edit_json(nato(f), lambda d: _set(d, "colour", "blue")),
        'unknown field "colour"',
    ),
    "wrong type": (
        lambda f, s: edit_json(nato(f), lambda d: _set(d, "atop_id", "3180")),
        'field "atop_id": expected a whole number',
    ),
    "file name and slug disagree": (
        lambda f, s: nato(f).rename(f / "pacts" / "nato.json"),
        'the file name must be the slug "north-atlantic-treaty"',
    ),
    "an inferred date without its reasoning": (
        lambda f, s: edit_json(ussr_dprk(f), lambda d: d.pop("in_force_inference")),
        '"in_force_inferred" needs "in_force_inference" too',
    ),
    "an inferred date without evidence": (
        lambda f, s: edit_json(ussr_dprk(f), lambda d: d.pop("in_force_evidence")),
        '"in_force_inferred" needs at least one excerpt of evidence in "in_force_evidence"',
    ),
    "an inferred date before the signature": (
        lambda f, s: edit_json(ussr_dprk(f), lambda d: _set(d, "in_force_inferred", "1960")),
        '"in_force_inferred" (1960) is before "signed" (1961-07-06)',
    ),
    "a key twice": (
        lambda f, s: nato(f).write_text(nato(f).read_text(encoding="utf-8").replace(
            '"short_name": ', '"short_name": "A second name",\n  "short_name": ', 1), encoding="utf-8"),
        'north-atlantic-treaty.json: the key "short_name" appears twice in one object',
    ),
    "a key twice in a nested record": (
        lambda f, s: nato(f).write_text(nato(f).read_text(encoding="utf-8").replace(
            '"state": ', '"state": "NOR", "state": ', 1), encoding="utf-8"),
        'north-atlantic-treaty.json: the key "state" appears twice in one object',
    ),
    "a NUL byte in text": (
        lambda f, s: edit_json(nato(f), lambda d: _set(d, "notes", "bad\x00byte")),
        "contains a NUL character",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", BREAKAGES)
@pytest.mark.parametrize("starting_from", ["empty", "loaded"])
def test_bad_input_is_refused_with_its_place_named_and_nothing_changes(data_copy, kind, starting_from):
    fixtures, seeds = data_copy
    if starting_from == "loaded":
        load(fixtures, seeds)
    before = database_dump()
    breakage, message = BREAKAGES[kind]
    breakage(fixtures, seeds)
    with pytest.raises(LoadError) as refused:
        load(fixtures, seeds, apply=True)
    assert message in str(refused.value)
    assert database_dump() == before


@pytest.mark.django_db
def test_the_command_reports_problems_and_fails(data_copy):
    fixtures, seeds = data_copy
    edit_json(nato(fixtures), lambda d: _set(d, "in_force", "1948-01-01"))
    with pytest.raises(CommandError, match="Nothing was loaded"):
        call_command("load_seeds", fixtures=str(fixtures), seeds=str(seeds))
    assert Pact.objects.count() == 0


@pytest.mark.django_db
def test_an_empty_database_receives_everything_and_a_second_load_changes_nothing(capsys):
    call_command("load_seeds")
    assert "Loaded" in capsys.readouterr().out
    before = database_dump()
    call_command("load_seeds")
    assert "already matches the fixtures" in capsys.readouterr().out
    assert database_dump() == before


@pytest.mark.django_db
def test_an_editors_change_is_reported_not_overwritten_until_asked(curated, capsys):
    pact = Pact.objects.get(slug="north-atlantic-treaty")
    pact.short_name = "NATO (edited)"
    pact.save()
    Party.objects.filter(pact=pact, state__code="SWE").delete()

    call_command("load_seeds")
    out = capsys.readouterr().out
    assert "changed: pact north-atlantic-treaty" in out
    assert "short_name: 'NATO (edited)' -> 'North Atlantic Treaty (NATO)'" in out
    assert "new: party north-atlantic-treaty / SWE / 2024-03-07" in out
    assert "nothing was written" in out
    pact.refresh_from_db()
    assert pact.short_name == "NATO (edited)"

    call_command("load_seeds", apply=True)
    pact.refresh_from_db()
    assert pact.short_name == "North Atlantic Treaty (NATO)"
    assert pact.parties.filter(state__code="SWE").exists()
    assert pact.history.first().history_change_reason == "loaded from fixtures"


@pytest.mark.django_db
def test_records_only_in_the_database_are_reported_and_kept(curated, source):
    extra = Pact.objects.create(title="An editor's pact", short_name="Extra", slug="extra", multilaterality="bilateral")
    report = load(*_dirs(), apply=True)
    assert any(c.kind == "database only" and c.row.key == ("extra",) for c in report.changes)
    assert Pact.objects.filter(pk=extra.pk).exists()


def _dirs():
    from django.conf import settings

    return settings.FIXTURES_DIR, settings.SEEDS_DIR


@pytest.mark.django_db
def test_load_then_export_reproduces_the_fixtures_byte_for_byte(curated, tmp_path):
    fixtures, _ = _dirs()
    export_fixtures(tmp_path)
    originals = sorted(p.relative_to(fixtures) for p in fixtures.rglob("*.json"))
    exported = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.json"))
    assert exported == originals
    for relative in originals:
        assert (tmp_path / relative).read_bytes() == (fixtures / relative).read_bytes(), relative


@pytest.mark.django_db
def test_an_admin_change_shows_up_in_the_exported_files(curated, tmp_path):
    Pact.objects.filter(slug="russia-dprk-2000").update(signed_place="Pyongyang (edited)")
    export_fixtures(tmp_path)
    text = (tmp_path / "pacts" / "russia-dprk-2000.json").read_text(encoding="utf-8")
    assert '"signed_place": "Pyongyang (edited)"' in text


def _count_records(data, spec, counts):
    from alliances.pacts.curation.spec import children_of

    counts[spec.name] = counts.get(spec.name, 0) + 1
    if spec.value_list:
        return
    for child in children_of(spec):
        for item in data.get(child.nest_as, []):
            _count_records(item, child, counts)


@pytest.mark.django_db
def test_every_record_in_the_files_lands_in_the_database(curated):
    """Counted straight from the JSON, independently of the loader's own reading."""
    from alliances.pacts.curation.spec import FILES

    fixtures, _ = _dirs()
    counts = {}
    for name, spec, list_key in FILES:
        if list_key:
            items = json.loads((fixtures / name).read_text(encoding="utf-8"))[list_key]
        else:
            items = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((fixtures / name).glob("*.json"))]
        for item in items:
            _count_records(item, spec, counts)
    from alliances.pacts.curation.spec import BY_NAME

    for spec_name, expected in counts.items():
        spec = BY_NAME[spec_name]
        stored = spec.model.objects.filter(**spec.fixed).count()
        assert stored == expected, spec_name


@pytest.mark.django_db
def test_a_suspension_towards_every_party_is_loaded(curated):
    from alliances.pacts.models import Suspension

    freeze = Suspension.objects.get(pact__slug="collective-security-treaty", from_state__code="ARM")
    assert freeze.to_state is None
