"""Searching the clause texts for the dashboard's "words in the clause text" filter, and
the pacts' names and ATOP ids for the same search box.

The search box takes words and "quoted phrases". A clause text matches when every one of
them occurs in it, in any order; a quoted phrase, or a word with punctuation inside such
as "self-defence" or "5.1", must occur as written. Case does not matter. A search with no
letters or digits in it ("!!!") finds nothing; past 16 words and phrases, or 200 characters
in one of them, the rest is not looked for.

On PostgreSQL the texts are matched by full-text search, helped by the GIN index that
migration 0005 creates. Each word matches the beginning of a word of the text: "attack"
finds "attacks" and "attacked", "договор" finds "договора", "공격" finds "공격을". The
texts are in many languages, so there is no stemming ('simple' configuration): a stemmer
for one language would mangle the words of the others, and prefix matching recovers most
inflected forms that a user expects to find. A phrase is looked up in the index as its
separate words, then compared as written in the texts holding them all: the index cannot
answer for word order without PostgreSQL re-reading every one of those texts into words,
which costs more than the plain comparison. That comparison is a case-insensitive regular
expression matching the phrase literally (every character but letters, digits and spaces
escaped): quicker than Django's UPPER(text) LIKE UPPER(…), which copies each text to
compare it, and most of the time of a phrase found in most texts (docs/performance.md).

A pact is also found by its names (matching_pacts): every word and phrase occurs in its
title or short name, as a substring, case ignored, or is its ATOP id ("3285"), or is "ATOP"
(any pact ATOP codes). "Warsaw" finds the Warsaw Pact; "ATOP 3285" finds it too. On
PostgreSQL the names have trigram indexes (migration 0017), which answer a search whose
terms are all of three characters or more (names_read_from_index).

Elsewhere (SQLite) each word or phrase is looked for as a substring, case-insensitively
for ASCII letters (SQLite's LIKE). A term of at least three characters is looked up in the
trigram index of migration 0016, which holds each text with its ASCII letters in lower
case: the lowered term's trigrams in a row are exactly the texts holding it as LIKE
would find it (tests/test_search_rows.py compares the rows); a shorter term has no
trigram and is compared in every text. The results are the same as PostgreSQL's except
that:
- a substring may begin in the middle of a word there ("tack" finds "attack"), not here;
- SQLite compares case only for ASCII letters ("Договор" does not find "договор").
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections, router
from django.db.models import BigAutoField, Lookup, Q
from django.db.models.expressions import RawSQL

from .models import Clause, ClauseVersion

# Must render exactly as the expression of the index in migration 0005, or PostgreSQL
# scans the whole table. SearchVector wraps the column in COALESCE(text, ''), hence the
# index does too; a test checks the query plan uses the index.
CONFIG = "simple"
TEXT_VECTOR = SearchVector("text", config=CONFIG)

# Bounds on what a search box can ask: PostgreSQL refuses very large text-search queries
# (over about 1 MB, or nested too deeply) with an error rather than an empty answer.
MAX_TERMS = 16
MAX_TERM_LENGTH = 200

# A quoted phrase, or a run of anything but spaces.
TERM = re.compile(r'"([^"]*)"|(\S+)')
# Punctuation around a term, as in «договор», (5) or "attack," is not part of it.
EDGES = re.compile(r"^[\W_]+|[\W_]+$")
# A term the text-search parser may split into several words: a phrase, "self-defence".
SEVERAL_WORDS = re.compile(r"[\W_]")
# What a PostgreSQL regular expression must see escaped to match it literally: a backslash
# before anything but a letter or digit stands for that character itself.
REGEX_SPECIAL = re.compile(r"([^\w\s]|_)")


def search_terms(q):
    """The words and phrases of a search, in order, tidied and bounded; maybe none."""
    # PostgreSQL refuses NUL characters, and no driver can encode unpaired surrogates.
    q = q.replace("\x00", " ").encode("utf-8", "ignore").decode("utf-8")
    terms = []
    for phrase, word in TERM.findall(q):
        term = EDGES.sub("", " ".join((phrase or word).split()))[:MAX_TERM_LENGTH]
        if term:
            terms.append(term)
    return terms[:MAX_TERMS]


def tsquery_source(terms):
    """The to_tsquery() input requiring every term, each as a quoted prefix.

    Quoting each term as one lexeme is what makes any input safe: the text-search parser
    then splits it into words, and operators such as & | ! : inside it are plain
    characters. Quotes and backslashes are doubled, as that syntax requires.
    """
    quoted = ("'" + term.replace("\\", "\\\\").replace("'", "''") + "':*" for term in terms)
    return " & ".join(quoted)


class EveryWordQuery(SearchQuery):
    """A to_tsquery() whose phrases are loosened into their separate words, all required,
    computed in a sub-select.

    The text-search parser joins the words of one quoted lexeme as a phrase ('a' <-> 'b');
    the index can only propose candidates for a phrase, each then re-read to check the
    order. Rewriting the phrase operators into & keeps the index answer exact. This edits
    the query's text form, which is safe: the parser never puts a space inside a lexeme,
    so " <-> " and " <N> " can only be operators.

    The sub-select hides the query from the planner, which then assumes a selective match
    and reads through the index. Seeing a word that most texts contain ("the"), it would
    scan the table instead, pricing to_tsvector() for each row far below its real cost,
    and take far longer than the index (docs/performance.md).
    """

    template = "(SELECT regexp_replace(%(function)s(%(expressions)s)::text, ' <(-|[0-9]+)> ', ' & ', 'g')::tsquery)"


# SQLite: the trigram index of the clause texts (migration 0016). The shortest term a
# trigram index can answer, there and for the pacts' names on PostgreSQL (migration 0017).
TRIGRAMS = "pacts_clauseversion_trigrams"
TRIGRAM = 3
# SQLite's lower(), which the index holds the texts in: ASCII letters only.
ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def trigram_query(terms):
    """The FTS5 query requiring every term as a run of trigrams (a quoted string), in the
    case the index holds the texts in; quotes doubled, as that syntax requires."""
    return " AND ".join('"' + term.translate(ASCII_LOWER).replace('"', '""') + '"' for term in terms)


def literal_pattern(term):
    """A PostgreSQL regular expression matching `term` as written."""
    return REGEX_SPECIAL.sub(r"\\\1", term)


def matching_versions(q, using=None):
    """Clause versions whose text holds every word and phrase of q, on the database `using`.

    Pass the database of the query that will contain the result (queryset.db), so that the
    form of the condition suits the database that runs it.
    """
    using = using or router.db_for_read(ClauseVersion)
    versions = ClauseVersion.objects.using(using)
    terms = search_terms(q)
    if not terms:  # nothing but punctuation or spaces: nothing to look for
        return versions.none()
    if connections[using].vendor == "postgresql":
        query = EveryWordQuery(tsquery_source(terms), config=CONFIG, search_type="raw")
        versions = versions.alias(text_search=TEXT_VECTOR).filter(text_search=query)
        written = [term for term in terms if SEVERAL_WORDS.search(term)]  # the rest are settled
        return versions.filter(*(Q(text__iregex=literal_pattern(term)) for term in written))
    indexed = [term for term in terms if len(term) >= TRIGRAM]
    if indexed:
        versions = versions.filter(pk__in=RawSQL(
            f"SELECT rowid FROM {TRIGRAMS} WHERE {TRIGRAMS} MATCH %s", (trigram_query(indexed),)))
    return versions.filter(*(Q(text__icontains=term) for term in terms if len(term) < TRIGRAM))


def pacts_of(versions):
    """The keys of the pacts of `versions` (matching_versions' answer), as a subquery. On
    PostgreSQL a subquery of the clauses holding them, not a join of the texts with their
    clauses: the planner cannot see how many texts match (EveryWordQuery) and, for the
    join, looked each clause up by its key once per matching text, where it now reads the
    clauses once against the matching ones. SQLite is quicker with the join."""
    if connections[versions.db].vendor == "postgresql":
        return Clause.objects.using(versions.db).filter(pk__in=versions.values("clause")).values("pact")
    return versions.values("clause__pact")


def read_from_index(q, using):
    """Whether every term of q is answered by an index (else some text is scanned)."""
    if connections[using].vendor == "postgresql":
        return True
    return all(len(term) >= TRIGRAM for term in search_terms(q))


class Keys:
    """Keys read beforehand (a search's matching rows, the rows a count is bounded to), for
    `pk__among`: checked once as whole numbers, and written once in each form a database
    takes them in, however many queries of the request pass them. Not a list, so that the
    ORM passes it whole instead of reading each key again for every query it builds."""

    def __init__(self, keys):
        self.keys = tuple(int(key) for key in keys)
        self._written = {}

    def __len__(self):
        return len(self.keys)

    def __iter__(self):
        return iter(self.keys)

    def written(self, vendor):
        """The keys as one parameter: a PostgreSQL array literal, a JSON array for SQLite."""
        if vendor not in self._written:
            joined = ",".join(map(str, self.keys))
            self._written[vendor] = "{" + joined + "}" if vendor == "postgresql" else "[" + joined + "]"
        return self._written[vendor]


@BigAutoField.register_lookup
class AmongKeys(Lookup):
    """`pk__among=Keys(...)`: the rows whose key is one of a list read beforehand, passed as
    one parameter (a PostgreSQL array, a JSON array on SQLite) rather than one per key: the
    statement stays the same size and its text the same whatever the number of keys."""

    lookup_name = "among"
    prepare_rhs = False

    def get_prep_lookup(self):
        return self.rhs if isinstance(self.rhs, Keys) else Keys(self.rhs)

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s::bigint[])", (*lhs_params, self.rhs.written(connection.vendor))
        return f"{lhs} IN (SELECT value FROM json_each(%s))", (*lhs_params, self.rhs.written(connection.vendor))


def names_read_from_index(q, using):
    """Whether the pacts whose names match q (matching_pacts) are best read on their own,
    from the names' trigram indexes: on PostgreSQL (migration 0017), where every term has a
    trigram. A shorter term ("UN") gives the index nothing to look up: every name is
    compared then, best beside another condition in an OR, which stops at the first."""
    return connections[using].vendor == "postgresql" and all(len(term) >= TRIGRAM for term in search_terms(q))


# A number longer than this is no ATOP id (and no integer column could hold it).
MAX_ID_DIGITS = 9


def matching_pacts(q, prefix=""):
    """The condition on pacts (reached through `prefix`, "pact__" from a commitment) whose
    title or short name holds every word and phrase of q, each word being also allowed to
    be the pact's ATOP id or the word "ATOP"."""
    terms = search_terms(q)
    if not terms:
        return Q(pk__in=[])
    condition = Q()
    for term in terms:
        one = Q(**{f"{prefix}title__icontains": term}) | Q(**{f"{prefix}short_name__icontains": term})
        # ASCII digits only: "²" or "١٢" are digits to str.isdigit, and int() refuses the first.
        if term.isascii() and term.isdigit() and len(term) <= MAX_ID_DIGITS:
            one |= Q(**{f"{prefix}atop_id": int(term)})
        if term.casefold() == "atop":
            one |= Q(**{f"{prefix}atop_id__isnull": False})
        condition &= one
    return condition
