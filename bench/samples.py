"""The addresses bench/pages.py times: for each kind of page, distinct addresses (another
page, sort or filter each time) drawn from what the database holds."""

from urllib.parse import parse_qsl, urlencode

from alliances.pacts.choices import (
    CommitmentType,
    Multilaterality,
    ObligationKind,
    TriggerEvent,
    YesNo,
    decades,
)
from alliances.pacts.models import ClauseVersion, Pact, Party

PACT_SORTS = ["short_name", "status", "parties", "signed", "in_force", "ended", "multilaterality",
              "commitments", "invocations"]
MATRIX_SORTS = ["pact", "article", "commitment_type", "trigger_event", "trigger_scope", "adversary_scope",
                "obligation", "automaticity", "immediacy", "means"]
WORDS = ["armed attack", "territory", "consult", "constitutional processes", "Security Council"]
FRAGMENT = {"HX-Request": "true", "HX-Target": "dashboard"}
# The searches a list, matrix or fragment is timed with beside the same page unsearched
# (bench/pages.py --searched): a short term (under three characters), common and rarer
# words, a quoted phrase, a hyphenated word, accented and non-Latin words of the curated
# texts, words in no text, and a pact's name.
SEARCHES = ["UN", "armed attack", "territory", "consult", "Security Council", '"armed attack"',
            "self-defence", "forthwith", "vessels", "États", "нападения", "nonexistent", "Warsaw"]


def _filters(rng, states):
    """One filter (or none) as query pairs, with realistic values."""
    choice = rng.randrange(11)
    if choice == 0:
        return []
    if choice == 1:
        return [("multilaterality", rng.choice(Multilaterality.values))]
    if choice == 2:
        return [("commitment_type", rng.choice(CommitmentType.values))]
    if choice == 3:
        return [("trigger_event", rng.choice(TriggerEvent.values))]
    if choice == 4:
        return [("obligation", rng.choice(ObligationKind.values))]
    if choice == 5:
        return [("party", rng.choice(states))]
    if choice == 6:
        return [("party", a) for a in rng.sample(states, 2)] + [("party_match", "all")]
    if choice == 7:
        return [("on", f"{rng.randrange(1950, 2025)}-{rng.randrange(1, 13):02d}-15")]
    if choice == 8:
        return [("decade", rng.choice([value for value, _label in decades()]))]
    if choice == 9:
        return [("invoked", rng.choice(YesNo.values))]
    return [("q", rng.choice(WORDS))]


def _table_addresses(rng, path, sorts, states, count):
    addresses = []
    for _ in range(count):
        query = _filters(rng, states)
        query.append(("sort", rng.choice(["", "-"]) + rng.choice(sorts)))
        query.append(("page", rng.randrange(1, 6)))
        addresses.append(f"{path}?{urlencode(query)}")
    return addresses


# Words a pact search on the side-by-side page is timed with: common ones, rarer ones, an ATOP id.
SEARCH_WORDS = ("treaty", "defence", "Russia", "pact 19", "3285", "alliance", "friendship")


def searched(address, term):
    """The same address with the search box holding `term` (any search it had replaced)."""
    path, _, query = address.partition("?")
    pairs = [(name, value) for name, value in parse_qsl(query, keep_blank_values=True) if name != "q"]
    return f"{path}?{urlencode([('q', term)] + pairs)}"


def unsearched(address):
    """The same address without a search."""
    path, _, query = address.partition("?")
    return f"{path}?{urlencode([(n, v) for n, v in parse_qsl(query, keep_blank_values=True) if n != 'q'])}"


def page_addresses(rng, count):
    """[(kind, [(address, extra headers), ...]), ...] with `count` addresses per kind."""
    slugs = list(Pact.objects.filter(commitments__isnull=False).distinct().order_by("slug").values_list("slug", flat=True))
    states = sorted(set(Party.objects.values_list("state__code", flat=True)))
    versions = list(ClauseVersion.objects.exclude(text="").order_by("pk").values_list("pk", "language"))
    by_language = {}
    for pk, language in versions:
        by_language.setdefault(language, []).append(pk)
    members = {}
    for pact, code in Party.objects.filter(pact__slug__in=slugs[:2000]).values_list("pact", "state__code"):
        members.setdefault(pact, []).append(code)
    groups = sorted(codes for codes in members.values() if len(set(codes)) > 1)
    directed = [tuple(rng.sample(sorted(set(rng.choice(groups))), 2)) for _ in range(count)]

    def table(path, sorts, headers=None):
        return [(address, headers or {}) for address in _table_addresses(rng, path, sorts, states, count)]

    def diff():
        pk, language = rng.choice(versions)
        other = rng.choice(by_language[language])
        return f"/diff/?a={pk}&b={other}" if rng.random() < 0.8 else f"/diff/?a={pk}"

    return [
        ("pact list", table("/pacts/", PACT_SORTS)),
        ("pact list fragment", table("/pacts/", PACT_SORTS, FRAGMENT)),
        ("matrix", table("/compare/", MATRIX_SORTS)),
        ("matrix fragment", table("/compare/", MATRIX_SORTS, FRAGMENT)),
        ("side by side", [("/compare/?" + urlencode([("pacts", s) for s in rng.sample(slugs, min(3, len(slugs)))]), {})
                          for _ in range(count)]),
        ("side by side searched", [("/compare/?" + urlencode([("pacts", s) for s in rng.sample(slugs, min(2, len(slugs)))]
                                                              + [("find", rng.choice(SEARCH_WORDS))]), {})
                                    for _ in range(count)]),
        ("diff", [(diff(), {}) for _ in range(count)]),
        ("diff in two columns", [(diff() + "&view=columns", {}) for _ in range(count)]),
        ("pact page", [(f"/pacts/{rng.choice(slugs)}/", {}) for _ in range(count)]),
        ("state page", [(f"/states/{rng.choice(states)}/?on={rng.randrange(1950, 2026)}-06-30", {}) for _ in range(count)]),
        ("lookup", [("/lookup/?" + urlencode({"obliged": a, "protected": b, "on": f"{rng.randrange(1950, 2026)}-01-01"}), {})
                    for a, b in directed]),
        ("export csv (filtered)", [(address + "&export=csv", {})
                                   for address in _table_addresses(rng, "/compare/", MATRIX_SORTS, states, count)]),
        ("home", [("/", {}) for _ in range(count)]),
    ]
