"""The filters: each one narrows the rows for some value; the pact list and the matrix are
one filter set composed with the other by subquery, all commitment conditions holding on
one and the same commitment; the filter sets work as django-filter's."""

import datetime
import itertools

import pytest

from alliances.pacts.filtersets import (
    CommitmentConditionsFilterSet,
    CommitmentFilterSet,
    PactConditionsFilterSet,
    PactFilterSet,
)
from alliances.pacts.models import AtopPhase, Commitment, Pact
from alliances.pacts.views.lists import MatrixView, PactListView

pytestmark = pytest.mark.django_db

# Values to try for the filters whose field offers no choices, with the query each needs
# around it (a match of "all of them" needs parties to match).
CANDIDATES = {
    "q": ["forthwith", "constitutional processes", "consult"],
    "on": ["2010-01-01", "1960-01-01"],
    "signed_from": ["1990", "2000"],
    "signed_to": ["1960", "1950"],
    "adversary": [],  # filled from the data
}
CONTEXT = {"party_match": {"party": ["RUS", "PRK"]}}


@pytest.fixture
def data(curated, make_pact):
    """The curated pacts, one known only from ATOP, coded with military aid, and a named
    adversary."""
    Commitment.objects.filter(key="nato-art5-defence").update(adversary_scope="named", named_adversary="Testland")
    pact = make_pact(slug="atop-only", curated=False, atop_id=9999, signed=datetime.date(1930, 1, 1),
                     in_force=datetime.date(1930, 2, 1))
    AtopPhase.objects.create(pact=pact, atop_id=9999, phase=1, milaid=1, intcom=0, base=0, version="5.1")
    return curated


def rows(filterset_class, query):
    model_rows = PactListView.queryset if filterset_class._meta.model is Pact else MatrixView.queryset
    return set(filterset_class(query, queryset=model_rows.all()).qs.values_list("pk", flat=True))


def values_to_try(filterset_class, name):
    field = filterset_class(None).form.fields[name]
    choices = [value for value, _label in getattr(field, "choices", ()) if value not in ("", None)]
    if name == "adversary":
        return [word for text in Commitment.objects.exclude(named_adversary="").values_list("named_adversary", flat=True)
                for word in text.split()[:1]]
    if choices:
        return [[value] for value in choices] if field.widget.allow_multiple_selected else choices
    return CANDIDATES[name]


@pytest.mark.parametrize("filterset_class", [PactFilterSet, CommitmentFilterSet, PactConditionsFilterSet,
                                             CommitmentConditionsFilterSet])
def test_every_declared_filter_narrows_the_rows_for_some_value(data, filterset_class):
    not_narrowing = []
    for name in filterset_class.base_filters:
        context = CONTEXT.get(name, {})
        before = rows(filterset_class, context)
        narrowed = [value for value in values_to_try(filterset_class, name)
                    if rows(filterset_class, {**context, name: value}) < before]
        if not narrowed:
            not_narrowing.append(name)
    assert not_narrowing == []


def test_the_pact_list_keeps_pacts_with_one_commitment_meeting_every_commitment_condition(data):
    """For each pact and two of its commitments coded differently: each coding alone lists
    the pact; the two together do not, unless one commitment has both."""
    checked = 0
    fields = ("commitment_type", "obligation", "automaticity", "immediacy", "trigger_event")
    for pact in Pact.objects.filter(commitments__isnull=False).distinct():
        coded = list(pact.commitments.values(*fields))
        split = [
            (a, value_a, b, value_b)
            for a, b in itertools.combinations(fields, 2)
            for (value_a, _x), (_y, value_b) in itertools.permutations({(c[a], c[b]) for c in coded}, 2)
            if (value_a, value_b) not in {(c[a], c[b]) for c in coded}
        ]
        for a, value_a, b, value_b in split[:3]:
            assert pact.pk in rows(PactFilterSet, {a: [value_a]})
            assert pact.pk in rows(PactFilterSet, {b: [value_b]})
            assert pact.pk not in rows(PactFilterSet, {a: [value_a], b: [value_b]})
            checked += 1
    assert checked > 0


def test_the_matrix_holds_the_commitments_of_the_matching_pacts(data):
    query = {"party": ["POL"], "on": "2020-01-01", "multilaterality": "multilateral"}
    pacts = rows(PactConditionsFilterSet, query)
    assert pacts and rows(CommitmentFilterSet, query) == set(Commitment.objects.filter(pact__in=pacts).values_list("pk", flat=True))
    both = {**query, "commitment_type": ["defense"]}
    assert rows(CommitmentFilterSet, both) == set(
        Commitment.objects.filter(pact__in=pacts, commitment_type="defense").values_list("pk", flat=True))
    assert rows(PactFilterSet, both) == set(
        Pact.objects.filter(pk__in=pacts, commitments__commitment_type="defense").values_list("pk", flat=True))


def test_the_pages_show_the_filter_sets_rows(staff_client, data):
    query = {"party": "POL", "commitment_type": "defense", "per_page": 100}
    for url, filterset_class in (("/pacts/", PactFilterSet), ("/compare/", CommitmentFilterSet)):
        shown = {row.pk for row in staff_client.get(url, query).context["table"].page.object_list}
        assert shown == rows(filterset_class, {"party": ["POL"], "commitment_type": ["defense"]})


def test_both_pages_offer_every_filter_in_the_same_order():
    assert list(PactFilterSet.base_filters) == list(CommitmentFilterSet.base_filters)
    assert list(PactFilterSet.base_filters)[0] == "q"
    assert set(PactFilterSet.base_filters) == set(PactConditionsFilterSet.base_filters) | set(
        CommitmentConditionsFilterSet.base_filters)


def test_an_invalid_value_is_dropped_and_the_others_apply(data):
    filterset = PactFilterSet({"on": "2024-13-45", "multilaterality": "bilateral"}, queryset=Pact.objects.all())
    assert set(filterset.qs.values_list("multilaterality", flat=True)) == {"bilateral"}
    assert [label for label, _errors in filterset.errors_by_label] == ["In force on"]


def test_a_filter_set_without_data_keeps_every_row(data):
    assert PactFilterSet(None, queryset=Pact.objects.all()).qs.count() == Pact.objects.count()
    assert CommitmentFilterSet(None, queryset=Commitment.objects.all()).qs.count() == Commitment.objects.count()
