"""Searching the clause texts: the same answers on PostgreSQL (full-text search, indexed)
and on SQLite (substring fallback), the index really used, and no input that fails."""

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alliances.pacts.filtersets import CommitmentFilterSet, PactFilterSet
from alliances.pacts.models import Clause, ClauseVersion, Commitment, Pact
from alliances.pacts.textsearch import MAX_TERMS, matching_versions, search_terms

INDEX = "pacts_clauseversion_text_search"

# label: (language, text). Chosen so that every query in QUERIES has one right answer on
# both databases: no query word occurs inside another word, and non-ASCII words are asked
# for in the case the texts use (the two documented differences, tested apart).
TEXTS = {
    "nato": ("en", "The Parties agree that an armed attack against one or more of them shall be "
                   "considered an attack against them all; each will forthwith assist the Party attacked."),
    "consult": ("en", "The Parties will consult together whenever the territorial integrity, political "
                      "independence or security of any of the Parties is threatened."),
    "ratify": ("en", "This Treaty shall be ratified and its provisions carried out by the Parties in "
                     "accordance with their respective constitutional processes."),
    "report": ("en", "Any such armed attack and all measures taken as a result thereof shall immediately "
                     "be reported to the Security Council."),
    "forces": ("en", "Armed forces stationed in the territory of a Party shall not attack third States."),
    "charter": ("en", "The right of individual or collective self-defence recognised by Article 51 "
                      "of the Charter of the United Nations, as paragraph 5.1 provides."),
    "ru": ("ru", "В случае если одна из Сторон подвергнется вооруженному нападению со стороны какого-либо "
                 "государства, другая Сторона незамедлительно окажет военную помощь."),
    "ko": ("ko", "쌍방중 어느 한쪽이 개별적인 국가 또는 여러 국가들로부터 무력침공을 받아 전쟁상태에 처하게 "
                 "되는 경우 다른 한쪽은 지체없이 군사적 및 기타 원조를 제공한다."),
    "id": ("id", "Apabila salah satu Pihak mendapat serangan bersenjata dari negara ketiga, Pihak lainnya "
                 "segera memberikan bantuan."),
}

QUERIES = [
    ("armed attack", {"nato", "report", "forces"}),  # every word, anywhere
    ("ARMED Attack", {"nato", "report", "forces"}),
    ('"armed attack"', {"nato", "report"}),  # a quoted phrase, as written
    ("«armed» (attack),", {"nato", "report", "forces"}),  # punctuation around words
    ("attack", {"nato", "report", "forces"}),  # "attacked" too
    ("attacked", {"nato"}),
    ("constitutional processes", {"ratify"}),
    ("Security Council", {"report"}),
    ("forthwith", {"nato"}),
    ("territor", {"consult", "forces"}),  # the beginning of a word
    ("self-defence", {"charter"}),
    ('"self defence"', set()),  # as written
    ('"defence recognised"', {"charter"}),
    ('"recognised defence"', set()),  # in that order
    ("paragraph 5.1", {"charter"}),
    ("5.2", set()),
    ("5?1", set()),  # punctuation is matched as written, never as a pattern ("51" is there)
    ("armed.attack", set()),
    ("Article|Charter", set()),
    ("(individual", {"charter"}),
    ("Joe's", set()),
    ("Article 51", {"charter"}),
    ("нападению", {"ru"}),
    ("вооруженному нападению", {"ru"}),
    ("무력침공을", {"ko"}),
    ("무력침공", {"ko"}),  # without the particle
    ("serangan bersenjata", {"id"}),
    ("serangan nuclear", set()),
    ("nonexistent", set()),
    ("!!!", set()),  # no words: nothing to look for
]

HOSTILE = [
    "'", '"', "''", '"unbalanced', "it's", "a & b", "a | b", "!a", "a:*", ":*", "&", "|", "!", "<->", "(a",
    "a) | (b", "\\", "\\'", "'\\", "attack\x00", "\x00", "\x00\x00'", "\ud800attack", "x" * 100_000,
    "armed " * 20_000, "a-" * 5_000, "'" * 1_000, ":*" * 1_000, "!@#$%^&*()_+=[]{};:,.<>/?~`", "   ",
    "😀 attack", "حلف", "a\u0301", "%", "_", "attack%", "\t\n\r", "' OR 1=1 --", "$$", "E'\\x00'",
    "x <-> y", "x <2> y", '"x <-> y"', '<a title="x <-> y">attack</a>', "&amp;", "x²y", "http://a.b/c?d=e",
    "²", "ATOP ²", "١٢", "³⁴",  # digits to str.isdigit(), not ATOP ids
]


@pytest.fixture
def versions(make_pact, source):
    """One pact per text, with one clause holding it; label -> ClauseVersion."""
    made = {}
    for label, (language, text) in TEXTS.items():
        clause = Clause.objects.create(pact=make_pact(slug=f"search-{label}"), label="Article 1", order=1)
        made[label] = ClauseVersion.objects.create(
            clause=clause, label="text", kind="authentic", language=language, text=text, source=source
        )
    return made


@pytest.fixture
def postgresql(db):
    if connection.vendor != "postgresql":
        pytest.skip("the full-text index exists on PostgreSQL only; SQLite has its trigram index (test_search_rows.py)")


def found(versions, q):
    ids = set(matching_versions(q).values_list("pk", flat=True))
    return {label for label, version in versions.items() if version.pk in ids}


@pytest.mark.parametrize(("q", "expected"), QUERIES)
def test_the_same_clause_texts_are_found_on_every_database(versions, q, expected):
    assert found(versions, q) == expected


@pytest.mark.parametrize(("q", "on_postgresql", "on_sqlite"), [
    ("tack", set(), {"nato", "report", "forces"}),  # inside a word
    ("ВООРУЖЕННОМУ", {"ru"}, set()),  # SQLite folds the case of ASCII letters only
])
def test_the_documented_differences_between_databases(versions, q, on_postgresql, on_sqlite):
    assert found(versions, q) == (on_postgresql if connection.vendor == "postgresql" else on_sqlite)


def test_the_dashboard_filters_pacts_and_commitments_by_clause_text(versions):
    pacts = PactFilterSet({"q": "armed attack"}, queryset=Pact.objects.all()).qs
    assert set(pacts.values_list("slug", flat=True)) == {"search-nato", "search-report", "search-forces"}
    commitments = CommitmentFilterSet({"q": "armed attack"}, queryset=Commitment.objects.all()).qs
    assert list(commitments) == []  # none was coded; the query still runs


def test_terms_are_words_and_quoted_phrases_without_surrounding_punctuation():
    assert search_terms('  «Armed»  "mutual   assistance" (5) !!! x\x00y ') == [
        "Armed", "mutual assistance", "5", "x", "y",
    ]
    assert len(search_terms("word " * 100)) == MAX_TERMS


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_input_never_fails(versions, q):
    assert isinstance(list(matching_versions(q)), list)
    assert isinstance(list(PactFilterSet({"q": q}, queryset=Pact.objects.all()).qs), list)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], deadline=None)
@given(q=st.text(max_size=80))
def test_any_text_gives_an_answer(versions, q):
    assert matching_versions(q).count() >= 0


def plan(queryset):
    """The query plan with sequential and plain index scans discouraged.

    On tables this small the planner rightly prefers reading every row, through the table
    or through any btree index, which would hide whether the GIN index can be used at all.
    Only a bitmap scan of an index the condition matches is left undiscouraged: if the
    query's expression differed from the index's, there would be no such scan.
    """
    with connection.cursor() as cursor:  # SET LOCAL: the test's transaction ends them
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    return queryset.explain()


@pytest.mark.parametrize("q", ["forthwith", "armed attack", '"armed attack"', "нападению"])
def test_postgresql_answers_from_the_index(postgresql, versions, q):
    assert f"Bitmap Index Scan on {INDEX}" in plan(matching_versions(q))


def test_postgresql_dashboard_query_uses_the_index(postgresql, versions):
    # The dashboard reads the matching rows' keys in one query, then keeps its rows by them.
    for filterset in (PactFilterSet({"q": "forthwith"}, queryset=Pact.objects.all()),
                      CommitmentFilterSet({"q": "forthwith"}, queryset=Commitment.objects.all())):
        assert INDEX in plan(filterset.filters["q"].matching_query("forthwith"))


NAME_INDEXES = ("pacts_pact_title_trigrams", "pacts_pact_short_name_trigrams")


@pytest.mark.parametrize("q", ["forthwith", "Search-nato", "nonexistent"])
def test_postgresql_finds_pacts_by_name_from_the_name_indexes(postgresql, versions, q):
    # Both tables' searches read the pacts found by name from the names' trigram indexes
    # (migration 0017), not by comparing the names of every pact.
    for filterset in (PactFilterSet({"q": q}, queryset=Pact.objects.all()),
                      CommitmentFilterSet({"q": q}, queryset=Commitment.objects.all())):
        explained = plan(filterset.filters["q"].matching_query(q))
        assert all(f"Bitmap Index Scan on {name}" in explained for name in NAME_INDEXES), explained


def test_a_term_too_short_for_a_trigram_finds_the_same_pacts_by_name(versions):
    # "UN" has no trigram: its pacts' names are compared beside the texts, in the OR.
    Pact.objects.filter(slug="search-nato").update(short_name="UN pact")
    pacts = PactFilterSet({"q": "un"}, queryset=Pact.objects.all()).qs
    assert "search-nato" in set(pacts.values_list("slug", flat=True))
