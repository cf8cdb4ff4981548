"""The filter panel: beside each option of a multi-select, the number of rows that option
would give under the other filters as they are, read in two queries; the filters used less
often fold under "More filters", open when one of them is set."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from alliances.pacts.filtersets import CommitmentFilterSet, PactFilterSet
from alliances.pacts.models import Commitment, Pact

pytestmark = pytest.mark.django_db

TABLES = {"pact list": (PactFilterSet, Pact.objects.all), "matrix": (CommitmentFilterSet, Commitment.objects.all)}
QUERIES = [
    "",
    "commitment_type=defense",
    "party=USA&obligation=military_assistance",
    "party=RUS&party=PRK&party_match=all",
    "on=2000-01-01&condition=location",
    "decade=1940&decade=1990&commitment_type=consultation",
]
FACETED = ("party", "decade", "commitment_type", "obligation", "condition", "trigger_event")


def rows_with(filterset_class, queryset, query, name, value):
    """The rows the filter set gives with `name` asking `value` (only `value`, or added to an
    "all of" match), counted as the table counts them."""
    data = QueryDict(query, mutable=True)
    if name == "party" and data.get("party_match") == "all":
        data.appendlist(name, value)
    else:
        data.setlist(name, [value])
    return filterset_class(data, queryset=queryset()).qs.count()


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize("query", QUERIES)
def test_each_count_is_the_rows_its_option_gives_under_the_other_filters(curated, table, query):
    filterset_class, queryset = TABLES[table]
    filterset = filterset_class(QueryDict(query), queryset=queryset())
    counts = filterset.facet_counts()
    for name in FACETED:
        choices = [value for value, _ in filterset.form.fields[name].choices]
        assert choices, name
        seen = 0
        for value in choices:
            expected = rows_with(filterset_class, queryset, query, name, str(value))
            assert counts[name].get(str(value), 0) == expected, (name, value)
            seen += expected > 0
        if not query:  # with no filter, the data holds rows for several options of each
            assert seen >= 1, name


def test_counts_are_read_in_two_queries_whatever_the_number_of_options(curated):
    """The keys of the rows the filters count (up to the count limit), then the counts."""
    filterset = PactFilterSet(QueryDict("party=USA"), queryset=Pact.objects.all())
    filterset.form  # the form's choices (the states) are read once for the page
    with CaptureQueriesContext(connection) as queries:
        counts = filterset.facet_counts()
    assert len(queries) == 2
    assert counts["party"]["USA"] >= 1 and len(counts["party"]) > 5


def test_the_numbers_show_beside_the_options_on_the_page(staff_client, curated):
    page = staff_client.get("/pacts/?commitment_type=defense").content.decode()
    defence = Pact.objects.filter(commitments__commitment_type="defense").distinct().count()
    usa = PactFilterSet(QueryDict("commitment_type=defense&party=USA"), queryset=Pact.objects.all()).qs.count()
    assert f'<option value="USA" data-count="{usa}">' in page
    # the type of obligation's counts are taken without its own choice
    without = Pact.objects.filter(commitments__commitment_type="consultation").distinct().count()
    assert f'<option value="consultation" data-count="{without}">' in page
    assert f'value="defense" data-count="{defence}" selected>' in page


@pytest.mark.parametrize("url", ["/pacts/", "/compare/"])
def test_more_filters_fold_unless_one_of_them_is_set(staff_client, curated, url):
    closed = staff_client.get(url + "?party=USA&commitment_type=defense&obligation=military_assistance").content.decode()
    assert '<details class="more-filters">' in closed
    first, _, more = closed.partition('<details class="more-filters">')
    for name in ("q", "party", "on", "commitment_type", "obligation"):
        assert f'name="{name}"' in first, name
    for name in ("decade", "signed_from", "depth", "condition", "automaticity"):
        assert f'name="{name}"' in more and f'name="{name}"' not in first, name
    opened = staff_client.get(url + "?decade=1940").content.decode()
    assert '<details class="more-filters" open>' in opened
    # an empty value is dropped from the address, and sets nothing that would open the fold
    emptied = staff_client.get(url + "?decade=&party=USA", follow=True)
    assert emptied.redirect_chain[-1][0].endswith("?party=USA")
    assert emptied.content.decode().count('<details class="more-filters">') == 1
