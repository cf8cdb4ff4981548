"""A page of the pact list or the matrix sorted on a stored value is read along an index,
not after sorting every row: each such sort (value, then id to break ties) has an index
on both. An index on the value alone lets SQLite read in order (its indexes end with the
row id) but leaves PostgreSQL sorting every row of each value by id."""

import pytest
from django.db import connection

from alliances.pacts.tables import CommitmentTable, PactTable
from alliances.pacts.views.lists import MatrixView, PactListView


def pact_rows():
    return PactListView.queryset.all()


def commitment_rows():
    return MatrixView.queryset.all()


def stored_sorts(table_class, model):
    """The table's columns sorted on one field of its own model, then the key."""
    fields = {field.name for field in model._meta.concrete_fields}
    for name, column in table_class.base_columns.items():
        order = column.order_by or ()
        if len(order) == 2 and order[0] in fields and order[1] == "pk":
            yield name


def keys_plan(table_class, rows, sort):
    """The plan of the query that finds the keys of a page so sorted, with the planner
    told to avoid sorts and full reads: on tables this small it would rightly prefer
    them, which would hide whether an index can give the order at all."""
    table = table_class(rows, order_by=sort)
    keys = table.data.data.values("pk")[25:50]
    with connection.cursor() as cursor:  # SET LOCAL: the test's transaction ends them
        if connection.vendor == "postgresql":
            for setting in ("enable_sort", "enable_incremental_sort", "enable_seqscan"):
                cursor.execute(f"SET LOCAL {setting} = off")
    return keys.explain()


def sorts_every_row(plan):
    if connection.vendor == "postgresql":
        return "Sort" in plan  # Sort or Incremental Sort: a node that reads every row first
    return "TEMP B-TREE" in plan


SORTS = [(PactTable, pact_rows, name) for name in stored_sorts(PactTable, PactTable._meta.model)] + [
    (CommitmentTable, commitment_rows, name) for name in stored_sorts(CommitmentTable, CommitmentTable._meta.model)
]


def test_the_sorts_checked_here_are_the_tables_stored_ones():
    names = {name for _table, _rows, name in SORTS}
    assert {"short_name", "signed", "in_force", "ended", "multilaterality", "parties", "invocations",
            "commitments"} <= names
    assert {"commitment_type", "trigger_event", "trigger_scope", "adversary_scope", "obligation", "automaticity",
            "immediacy", "means"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize("table_class, rows, sort", SORTS, ids=[f"{t.__name__}-{s}" for t, _r, s in SORTS])
@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
def test_a_page_sorted_on_a_stored_value_is_read_along_an_index(table_class, rows, sort, descending):
    plan = keys_plan(table_class, rows(), f"-{sort}" if descending else sort)
    assert not sorts_every_row(plan), plan
