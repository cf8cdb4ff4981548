"""Property-based tests: whatever the query string or path, no endpoint answers with a 5xx.

CI runs at least 500 examples per endpoint (set by the `ci` Hypothesis profile in
tests/conftest.py); a developer's run uses fewer.
"""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alliances.pacts.filtersets import PactFilterSet

pytestmark = pytest.mark.django_db

NAMES = sorted(PactFilterSet.base_filters) + [
    "sort", "page", "per_page", "export", "pacts", "find", "view", "a", "b", "obliged", "protected", "on", "unknown", "",
]
NASTY = st.sampled_from([
    "", "\x00", "%00", "%FF%FE", "%C3%28", "\ud800", "9" * 400, "-1", "1e309", "NaN", "0x10",
    "2024-02-30", "9999-12-31", "0001-01-01", "<script>", "' OR 1=1 --", "../../etc/passwd",
    "defense", "USA", "north-atlantic-treaty", "csv", "xlsx", "json", "-signed", "pact", "1",
])
VALUES = st.one_of(NASTY, st.text(max_size=40), st.integers(min_value=-(10**30), max_value=10**30).map(str))


def encode(value):
    """Percent-encode, except for pieces that already are percent escapes (invalid UTF-8 on purpose)."""
    if value.startswith("%"):
        return value
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


QUERY = st.lists(st.tuples(st.sampled_from(NAMES), VALUES), max_size=6).map(
    lambda pairs: "&".join(f"{encode(k)}={encode(v)}" for k, v in pairs)
)

ENDPOINTS = ["/pacts/", "/compare/", "/diff/", "/lookup/", "/states/USA/", "/pacts/north-atlantic-treaty/", "/", "/health/",
             "/network/", "/network/links.csv", "/states/USA/map/", "/states/USA/map.svg", "/pacts/north-atlantic-treaty/map/"]

# Each example is a page request against a database: at most 150 per endpoint keeps the run
# on two databases well inside CI's time, and the drawing is derandomised in CI.
FUZZ = settings(max_examples=min(150, settings.default.max_examples),
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], deadline=None)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_no_query_string_makes_an_endpoint_fail(staff_client, curated, endpoint):
    @FUZZ
    @given(query=QUERY)
    def check(query):
        response = staff_client.get(f"{endpoint}?{query}")
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)  # errors can surface while streaming
        assert response.status_code < 500, (endpoint, query)

    check()


@pytest.mark.parametrize("query", ["export=csv", "export=json", "export=xlsx"])
@pytest.mark.parametrize("endpoint", ["/pacts/", "/compare/"])
def test_exports_with_hostile_filters_never_fail(staff_client, curated, endpoint, query):
    @FUZZ
    @given(extra=QUERY)
    def check(extra):
        response = staff_client.get(f"{endpoint}?{query}&{extra}")
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
        assert response.status_code < 500, (endpoint, extra)

    check()


PATH_PIECE = st.one_of(NASTY, st.text(max_size=30)).map(encode)


@pytest.mark.parametrize("prefix", ["/pacts/", "/states/", "/sources/"])
def test_no_path_makes_a_detail_page_fail(staff_client, curated, prefix):
    @FUZZ
    @given(piece=PATH_PIECE)
    def check(piece):
        assert staff_client.get(f"{prefix}{piece}/").status_code < 500, piece

    check()
