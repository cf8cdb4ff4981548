"""The curated data is evidence: every quote is found in its seed, every fact has a source."""

import pytest
from django.conf import settings

from alliances.pacts.models import ClauseVersion, Claim, Commitment, Excerpt, Invocation, Pact, Party, Source
from alliances.pacts.seedfiles import occurs_verbatim, read_seed_text

pytestmark = pytest.mark.django_db


def seed_of(source):
    text = read_seed_text(source.seed_file)
    assert text is not None, f"seeds/{source.seed_file} is missing"
    return text


def test_every_excerpt_occurs_verbatim_in_its_seed(curated):
    for excerpt in Excerpt.objects.select_related("source"):
        assert occurs_verbatim(excerpt.text, seed_of(excerpt.source)), excerpt.key


def test_every_clause_text_occurs_verbatim_in_its_seed(curated):
    versions = ClauseVersion.objects.select_related("source", "clause__pact").exclude(text="")
    assert versions.exists()
    for version in versions:
        assert occurs_verbatim(version.text, seed_of(version.source)), str(version)


def test_every_seed_document_is_recorded_as_a_source(curated):
    from alliances.pacts.atop_import import recorded_names

    # The fixtures' sources, and those of the names the ATOP import gives (atop_names.json).
    recorded = set(Source.objects.values_list("seed_file", flat=True))
    recorded |= {name.source["seed_file"] for name in recorded_names().values()}
    on_disk = {
        str(path.relative_to(settings.SEEDS_DIR))
        for path in settings.SEEDS_DIR.rglob("*")
        if path.is_file() and path.name != "README.md"
    }
    assert on_disk - recorded == set()
    assert recorded - on_disk == set()


def test_every_source_says_who_published_it_in_what_language_and_when_it_was_read(curated):
    for source in Source.objects.all():
        assert source.publisher and source.language and source.accessed_on, source.key


def test_every_loaded_fact_has_a_source(curated):
    assert not Pact.objects.filter(source__isnull=True).exists()
    for model in (Party, ClauseVersion, Invocation):
        assert not model.objects.filter(source__isnull=True).exists(), model.__name__


def test_every_commitment_explains_its_type_trigger_and_obligation(curated):
    for commitment in Commitment.objects.prefetch_related("notes"):
        coded = {note.dimension for note in commitment.notes.all()}
        assert {"type", "trigger_event", "obligation"} <= coded, commitment.key


def test_the_seed_article_is_kept_with_its_origin(curated):
    article = Source.objects.get(seed_file="000_c80f2675d5d37381.txt")
    assert article.language == "id" and "GenPI.co" in article.publisher
    shared = settings.BASE_DIR.parent / "shared" / "seeds" / "000_c80f2675d5d37381.txt"
    if shared.exists():
        assert shared.read_bytes() == (settings.SEEDS_DIR / "000_c80f2675d5d37381.txt").read_bytes()


def test_each_claim_of_the_seed_article_has_its_excerpt_gloss_and_verdict(curated):
    claims = Claim.objects.select_related("excerpt", "source")
    keys = set(claims.values_list("key", flat=True))
    assert {
        "claim-kcna-article-4-wording",
        "claim-all-means-without-delay",
        "claim-nearly-identical-to-1961",
        "claim-1961-never-tested",
        "claim-nato-article-5-used-once",
        "claim-us-asian-treaties",
        "claim-csto-belarus-kazakhstan",
    } <= keys
    for claim in claims:
        assert claim.excerpt.source_id == claim.source_id
        assert claim.gloss and claim.verdict and claim.verdict_reasons, claim.key


def test_the_two_pattern_pacts_are_complete(curated):
    nato = Pact.objects.get(slug="north-atlantic-treaty")
    assert set(nato.clauses.values_list("label", flat=True)) >= {"Article 4", "Article 5", "Article 6", "Article 13"}
    assert nato.parties.count() == 32
    assert nato.clauses.get(label="Article 6").versions.filter(kind="amended").exists()
    assert nato.invocations.filter(clause__label="Article 5", occurred_on__year=2001).exists()
    assert nato.invocations.filter(clause__label="Article 4").count() >= 7
    treaty = Pact.objects.get(slug="russia-dprk-2024")
    assert treaty.replaces.slug == "russia-dprk-2000"
    assert set(treaty.clauses.values_list("label", flat=True)) >= {"Article 3", "Article 4"}
    assert treaty.parties.filter(ratified_on__isnull=False).count() == 2
