"""The demonstration data generator: deterministic, valid, and kept apart from the corpus."""

import datetime
import io
import random

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import F, Q

from alliances.demo import generator as demo
from alliances.pacts.importers.curation.loader import load
from alliances.pacts.models import (
    Clause,
    ClauseVersion,
    CodingNote,
    Commitment,
    CommitmentCondition,
    CommitmentSide,
    Excerpt,
    Invocation,
    Pact,
    Party,
    Source,
    State,
    Suspension,
)

DEMO = "demo-"


def dump():
    """The generated data by natural keys (never ids, which differ between runs)."""
    pacts = Q(pact__slug__startswith=DEMO)
    return {
        "states": list(State.objects.filter(curated=False).order_by("code").values_list(
            "code", "name", "nuclear_status", "nuclear_since_on")),
        "pacts": list(Pact.objects.filter(slug__startswith=DEMO).order_by("slug").values_list(
            "slug", "title", "short_name", "multilaterality", "signed_on", "signed_precision", "signed_place",
            "in_force_on", "in_force_precision", "ended_on", "ended_precision", "end_reason",
            "status_known_until", "authentic_languages", "duration_terms", "withdrawal_terms")),
        "parties": list(Party.objects.filter(pacts).order_by("pact__slug", "state__code", "joined_on").values_list(
            "pact__slug", "state__code", "ratified_on", "joined_on", "joined_precision", "left_on",
            "left_precision", "note")),
        "suspensions": list(Suspension.objects.filter(pacts).order_by("pact__slug", "started_on").values_list(
            "pact__slug", "from_state__code", "to_state__code", "started_on", "ended_on", "ended_precision")),
        "clauses": list(Clause.objects.filter(pacts).order_by("pact__slug", "order").values_list(
            "pact__slug", "label", "order", "heading")),
        "versions": list(ClauseVersion.objects.filter(clause__pact__slug__startswith=DEMO).order_by(
            "clause__pact__slug", "clause__order", "label").values_list(
            "clause__pact__slug", "clause__label", "label", "kind", "language", "text_status", "text",
            "paraphrase", "note", "effective_on")),
        "commitments": list(Commitment.objects.filter(pacts).order_by("key").values_list(
            "key", "pact__slug", "clause__label", "commitment_type", "obliged_scope", "protected_scope",
            "trigger_event", "trigger_scope", "named_area", "adversary_scope", "named_adversary", "obligation",
            "automaticity", "immediacy", "means", "cites_un_article_51", "reports_to_security_council", "summary")),
        "sides": list(CommitmentSide.objects.filter(commitment__key__startswith=DEMO).order_by(
            "commitment__key", "role", "state__code").values_list("commitment__key", "role", "state__code")),
        "notes": list(CodingNote.objects.filter(commitment__key__startswith=DEMO).order_by(
            "commitment__key", "dimension").values_list(
            "commitment__key", "dimension", "excerpt__key", "excerpt__text", "confidence", "reviewed_by")),
        "conditions": list(CommitmentCondition.objects.filter(commitment__key__startswith=DEMO).order_by(
            "commitment__key", "condition").values_list("commitment__key", "condition", "excerpt__key", "confidence")),
        "invocations": list(Invocation.objects.filter(key__startswith=DEMO).order_by("key").values_list(
            "key", "pact__slug", "clause__label", "occurred_on", "occurred_precision", "kind", "invoked_by__code",
            "on_behalf_of__code", "outcome", "excerpt__key")),
    }


def generated_then_rolled_back(pacts, seed):
    """The dump of a generation that is then undone, so the next one starts afresh."""
    with transaction.atomic():
        demo.generate(pacts, seed=seed)
        data = dump()
        transaction.set_rollback(True)
    return data


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_app_config("pacts").get_models()}


# --- determinism ------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_data():
    first = generated_then_rolled_back(40, seed=7)
    second = generated_then_rolled_back(40, seed=7)
    assert first == second
    assert all(first[name] for name in ("states", "pacts", "parties", "clauses", "versions", "commitments", "notes"))


@pytest.mark.django_db
def test_a_different_seed_gives_different_data():
    first = generated_then_rolled_back(40, seed=1)
    second = generated_then_rolled_back(40, seed=2)
    assert [p[0] for p in first["pacts"]] == [p[0] for p in second["pacts"]]  # the same slugs...
    assert first["pacts"] != second["pacts"]  # ...for other pacts
    assert first["versions"] != second["versions"]
    assert first["commitments"] != second["commitments"]


def test_planning_ignores_the_global_random_generator(monkeypatch):
    """Only the generator's own Random decides: reseeding the global one changes nothing."""
    context = {"area": "treaty area", "depositary": "Valoria", "languages": ["en"]}
    texts = []
    for global_seed in (1, 2):
        random.seed(global_seed)
        texts.append(demo.clause_text(random.Random(5), context))
    assert texts[0] == texts[1]


# --- sizes ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_counts_match_what_was_asked_and_what_was_written():
    counts = demo.generate(300)
    assert counts["pact"] == 300 == Pact.objects.filter(slug__startswith=DEMO).count()
    assert counts["source"] == 1
    for name, count in counts.items():
        assert apps.get_model("pacts", name).objects.count() == count, name
    assert 8 <= counts["party"] / 300 <= 12  # about 10 parties per pact
    assert 4 <= counts["clause"] / 300 <= 6  # about 5 clauses per pact
    assert 1 <= counts["commitment"] / 300 <= 3
    assert counts["invocation"] > 0 and counts["suspension"] > 0 and counts["commitmentcondition"] > 0
    assert Pact.objects.filter(multilaterality="bilateral").exclude(parties__isnull=True).count() > 0
    for pact in Pact.objects.filter(multilaterality="bilateral").prefetch_related("parties")[:50]:
        assert len(pact.parties.all()) == 2


@pytest.mark.django_db
def test_an_empty_database_gets_about_200_states_with_valid_codes():
    demo.generate(3)
    assert State.objects.count() == demo.TARGET_STATES
    codes = list(State.objects.values_list("code", flat=True))
    assert len(set(codes)) == len(codes)
    assert all(len(code) == 3 and code.isascii() and code.isupper() and code.isalpha() for code in codes)


@pytest.mark.django_db
def test_pact_slugs_are_numbered_in_order():
    demo.generate(3)
    assert list(Pact.objects.order_by("slug").values_list("slug", flat=True)) == [
        "demo-00001", "demo-00002", "demo-00003"]


# --- validity ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_coded_value_is_one_of_its_choices():
    demo.generate(300)
    checked = 0
    for model in apps.get_app_config("pacts").get_models():
        for field in model._meta.fields:
            if not field.choices:
                continue
            allowed = {value for value, _label in field.flatchoices} | ({""} if field.blank else set())
            used = set(model.objects.values_list(field.attname, flat=True).distinct())
            assert used <= allowed, f"{model.__name__}.{field.name}: {sorted(used - allowed)}"
            checked += 1
    assert checked > 20


@pytest.mark.django_db
def test_every_generated_row_passes_model_validation():
    """full_clean checks choices, lengths (which SQLite does not enforce), required
    fields, uniqueness and every constraint of the model."""
    demo.generate(15)
    querysets = [
        State.objects.filter(curated=False), Source.objects.filter(key=demo.SOURCE_KEY),
        Pact.objects.filter(slug__startswith=DEMO), Party.objects.all(), Suspension.objects.all(),
        Clause.objects.all(), ClauseVersion.objects.all(), Excerpt.objects.all(), Commitment.objects.all(),
        CommitmentSide.objects.all(), CodingNote.objects.all(), CommitmentCondition.objects.all(),
        Invocation.objects.all(),
    ]
    for queryset in querysets:
        for obj in queryset:
            obj.full_clean()


@pytest.mark.django_db
def test_dates_come_in_order():
    demo.generate(300)
    pacts = Pact.objects.filter(slug__startswith=DEMO)
    assert not pacts.filter(in_force_on__lt=F("signed_on")).exists()
    assert not pacts.filter(ended_on__lt=F("in_force_on")).exists()
    assert not pacts.filter(ended_on__lt=F("signed_on")).exists()
    assert not pacts.filter(ended_on__isnull=False, end_reason="").exists()
    assert not pacts.filter(ended_on__isnull=True).exclude(end_reason="").exists()
    assert pacts.filter(in_force_on__isnull=True).exists()  # a few not yet in force
    assert pacts.filter(ended_on__isnull=False).exists() and pacts.filter(
        in_force_on__isnull=False, ended_on__isnull=True).exists()
    parties = Party.objects.all()
    assert not parties.filter(joined_on__lt=F("ratified_on")).exists()
    assert not parties.filter(left_on__lt=F("joined_on")).exists()
    # Memberships lie inside the pact's life, which the database does not check.
    assert not parties.filter(joined_on__lt=F("pact__in_force_on")).exists()
    assert not parties.filter(left_on__gt=F("pact__ended_on")).exists()
    assert not parties.filter(pact__in_force_on__isnull=True, joined_on__isnull=False).exists()
    assert not Suspension.objects.filter(ended_on__lt=F("started_on")).exists()
    assert not Suspension.objects.filter(started_on__lt=F("pact__in_force_on")).exists()
    assert not Invocation.objects.filter(occurred_on__lt=F("pact__in_force_on")).exists()
    assert not ClauseVersion.objects.filter(kind="amended", effective_on__isnull=True).exists()


@pytest.mark.django_db
def test_excerpts_are_passages_of_the_commitments_clause_text():
    demo.generate(200)
    commitments = Commitment.objects.select_related("clause").prefetch_related(
        "notes__excerpt", "conditions__excerpt", "clause__versions")
    for commitment in commitments:
        texts = [v.text for v in commitment.clause.versions.all()]
        assert commitment.clause.pact_id == commitment.pact_id
        assert commitment.notes.all()
        for provenance in [*commitment.notes.all(), *commitment.conditions.all()]:
            assert any(provenance.excerpt.text in text for text in texts), commitment.key
    for invocation in Invocation.objects.filter(excerpt__isnull=False).select_related("excerpt", "clause"):
        assert any(invocation.excerpt.text in v.text for v in invocation.clause.versions.all()), invocation.key


@pytest.mark.django_db
def test_listed_sides_name_parties_of_the_pact():
    demo.generate(200)
    assert CommitmentSide.objects.exists()
    for side in CommitmentSide.objects.select_related("commitment"):
        assert Party.objects.filter(pact_id=side.commitment.pact_id, state_id=side.state_id).exists()
    listed = Commitment.objects.filter(Q(obliged_scope="listed") | Q(protected_scope="listed"))
    assert not listed.filter(sides__isnull=True).exists()
    assert not Commitment.objects.filter(obliged_scope="all_parties", sides__role="obliged").exists()


@pytest.mark.django_db
def test_clause_texts_read_like_treaties():
    demo.generate(100)
    versions = ClauseVersion.objects.exclude(text="")
    lengths = [len(text) for text in versions.values_list("text", flat=True)]
    assert min(lengths) >= 100 and max(lengths) <= 2000
    assert 600 <= sum(lengths) / len(lengths) <= 1200
    for words in ("armed attack", "territory", "mutual assistance", "constitutional processes", "consult",
                  "Security Council", "Article 51"):
        assert versions.filter(text__icontains=words).exists(), words
    # Mostly verbatim; a few partial texts or texts not located, as in the corpus.
    assert ClauseVersion.objects.filter(text_status="verbatim").count() > 0.8 * ClauseVersion.objects.count()
    assert ClauseVersion.objects.exclude(text_status="verbatim").exists()


@pytest.mark.django_db
def test_no_history_rows_are_written():
    """bulk_create bypasses save(): demonstration data leaves the edit history empty."""
    demo.generate(5)
    assert Pact.history.count() == 0 and Party.history.count() == 0


# --- beside the curated corpus ------------------------------------------------------------


@pytest.mark.django_db
def curated_records():
    return (
        list(Pact.objects.filter(curated=True).order_by("slug").values_list("slug", "title", "signed_on")),
        list(State.objects.filter(curated=True).order_by("code").values_list("code", "name", "nuclear_status")),
    )


@pytest.mark.django_db
def test_generation_beside_the_curated_data_collides_with_nothing(curated):
    before = curated_records()
    curated_pacts, curated_states = before
    assert curated_pacts and curated_states and not State.objects.filter(curated=False).exists()
    demo.generate(50)
    assert curated_records() == before
    # The existing states are reused and count towards the target.
    assert State.objects.count() == max(demo.TARGET_STATES, len(curated_states))
    assert Party.objects.filter(pact__slug__startswith=DEMO, state__curated=True).exists()
    assert not Pact.objects.filter(curated=False).exclude(slug__startswith=DEMO).exists()
    # The loader still finds the database matching the fixtures: it never sees demo rows.
    report = load(settings.FIXTURES_DIR, settings.SEEDS_DIR)
    assert report.changes == []


# --- running it again; bad input -------------------------------------------------------------


@pytest.fixture
def debug_on(settings):
    """The command runs only under development settings (DEBUG on) unless told otherwise."""
    settings.DEBUG = True


@pytest.mark.django_db
def test_production_settings_are_refused_and_nothing_changes(settings):
    settings.DEBUG = False
    before = row_counts()
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("generate_demo", "--pacts", "3", stdout=io.StringIO())
    assert row_counts() == before
    call_command("generate_demo", "--pacts", "3", "--even-with-debug-off", stdout=io.StringIO())
    assert Pact.objects.filter(slug__startswith="demo-").count() == 3


@pytest.mark.django_db
@pytest.mark.usefixtures("debug_on")
def test_a_second_run_is_refused_and_changes_nothing():
    demo.generate(5)
    before = row_counts()
    with pytest.raises(demo.DemoError, match="already holds demonstration data"):
        demo.generate(5, seed=2)
    with pytest.raises(CommandError, match="already holds demonstration data"):
        call_command("generate_demo", "--pacts", "5", stdout=io.StringIO())
    assert row_counts() == before


@pytest.mark.django_db
@pytest.mark.usefixtures("debug_on")
@pytest.mark.parametrize("value", ["0", "-3"])
def test_a_count_below_one_is_refused_and_changes_nothing(value):
    before = row_counts()
    with pytest.raises(CommandError, match="at least 1"):
        call_command("generate_demo", "--pacts", value, stdout=io.StringIO())
    assert row_counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize("args", [["--pacts", "many"], [], ["--pacts", "3", "--seed", "x"]])
def test_malformed_options_are_refused(args):
    before = row_counts()
    with pytest.raises(CommandError):
        call_command("generate_demo", *args, stdout=io.StringIO())
    assert row_counts() == before


@pytest.mark.parametrize("value", [0, -1, 2.5, True, "3"])
def test_generate_refuses_anything_but_a_positive_whole_number(value):
    with pytest.raises(demo.DemoError):
        demo.generate(value)


@pytest.mark.django_db
@pytest.mark.usefixtures("debug_on")
def test_the_command_prints_counts_and_time():
    out = io.StringIO()
    call_command("generate_demo", "--pacts", "4", "--seed", "3", stdout=out)
    text = out.getvalue()
    assert "pacts: 4" in text
    assert "states: 200" in text
    assert "Generated 4 demonstration pacts (seed 3) in " in text and text.rstrip().endswith("s.")


# --- small parts ------------------------------------------------------------------------------


def test_a_coarse_date_never_falls_before_the_event_it_follows():
    rng = random.Random(3)
    floor = datetime.date(1950, 6, 15)
    for _ in range(500):
        day = demo.random_day(rng, floor, datetime.date(1952, 1, 31))
        stored, precision = demo.with_precision(rng, day, floor=floor)
        assert floor <= stored <= day
        assert precision in ("day", "month", "year")


def test_free_codes_skip_used_codes_and_prefer_the_user_assigned_ranges():
    codes = demo.free_codes(["XAA", "XAC"], 3)
    assert codes == ["XAB", "XAD", "XAE"]
    many = demo.free_codes([], 1000)
    assert len(set(many)) == 1000 and many[676] == "QMA"


def test_clause_text_contains_the_required_sentence_and_stays_within_bounds():
    context = {"area": "treaty area", "depositary": "Valoria", "languages": ["en"]}
    rng = random.Random(11)
    for _ in range(200):
        text = demo.clause_text(rng, context, ("In the event of an armed attack, each Party shall consult.",))
        assert "In the event of an armed attack, each Party shall consult." in text
        assert 300 <= len(text) <= 1800


@pytest.mark.django_db
def test_generated_pacts_are_neither_curated_nor_atop_in_the_origin_filter(staff_client):
    demo.generate(5, seed=4)
    for origin in ("curated", "atop"):
        table = staff_client.get("/pacts/", {"origin": origin}).context["table"]
        assert table.paginator.count == 0, origin
    assert staff_client.get("/pacts/").context["table"].paginator.count == 5
