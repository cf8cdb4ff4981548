"""The conventional pact list and matrix that bench/pages.py times beside the dashboard's
(bench/conventional.py) show the same rows and cells, so that the comparison is fair."""

import sys

import pytest
from django.urls import include, path

from tests.conftest import PROJECT
from tests.test_tables import cells

sys.path.insert(0, str(PROJECT / "bench"))
import conventional  # noqa: E402

pytestmark = pytest.mark.django_db

urlpatterns = [*conventional.urlpatterns, path("", include("alliances.urls"))]

ADDRESSES = [
    "?per_page=100", "?sort=-status&per_page=10&page=2", "?party=POL&sort=-parties", "?on=2010-01-01&sort=commitments",
    "?commitment_type=defense&sort=-signed", "?sort=-invocations&per_page=10",
]
MATRIX_ADDRESSES = [
    "?per_page=100", "?sort=-obligation&per_page=10&page=2", "?party=POL&sort=trigger_event", "?q=armed+attack",
    "?automaticity=automatic&sort=-pact", "?condition=location&sort=means",
]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("ours, theirs, query", [("/pacts/", "/bench-conventional/pacts/", q) for q in ADDRESSES]
                         + [("/compare/", "/bench-conventional/compare/", q) for q in MATRIX_ADDRESSES])
def test_the_conventional_pages_show_the_same_rows_and_cells(staff_client, curated, ours, theirs, query):
    our_page = staff_client.get(ours + query)
    their_page = staff_client.get(theirs + query)
    assert our_page.status_code == their_page.status_code == 200
    assert [row.pk for row in our_page.context["table"].page.object_list] == [
        row.record.pk for row in their_page.context["table"].paginated_rows]
    our_cells = [[content for _attrs, content in row] for row in cells(our_page.content.decode())]
    their_cells = [[content for _attrs, content in row] for row in cells(their_page.content.decode())]
    assert our_cells == their_cells


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("ours, theirs, query", [
    ("/pacts/", "/bench-conventional/pacts/", "?per_page=10"),
    ("/pacts/", "/bench-conventional/pacts/", "?party=POL&on=2010-01-01"),
    ("/pacts/", "/bench-conventional/pacts/", "?q=armed+attack&commitment_type=defense"),
    ("/compare/", "/bench-conventional/compare/", "?per_page=10"),
    ("/compare/", "/bench-conventional/compare/", "?party=POL&automaticity=automatic"),
    ("/compare/", "/bench-conventional/compare/", "?q=territory&on=1990-01-01"),
])
def test_the_conventional_pages_count_the_same_options(staff_client, curated, settings, ours, theirs, query):
    their_page = staff_client.get(theirs + query)
    our_counts = staff_client.get(ours + query).context["filter"].facet_counts()
    assert their_page.context["counts"] == our_counts
    assert any(counted for counted in our_counts.values())  # something was counted
    # past the bound, neither counts
    settings.COUNT_LIMIT = 1
    their_page = staff_client.get(theirs + query)
    assert their_page.context["counts"] == staff_client.get(ours + query).context["filter"].facet_counts()
    assert None in their_page.context["counts"].values()
    assert "No numbers beside the options of" in their_page.content.decode()
