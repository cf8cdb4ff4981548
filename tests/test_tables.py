"""The tables: what one request changes stays its own; the column options django-tables2
documents do what it documents; the paginator is the one asked for; exports are the table
as plain text; the coded dimensions are declared once."""

import json
import re

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import include, path
from django_tables2 import LazyPaginator

from alliances.pacts.choices import Multilaterality
from alliances.pacts.dimensions import DIMENSIONS
from alliances.pacts.filtersets import CommitmentFilterSet, PactFilterSet
from alliances.pacts.models import Commitment, Pact
from alliances.pacts.tables import CommitmentTable, PactTable
from alliances.pacts.tables.base import KeysFirstPaginator
from alliances.pacts.tables.columns import ChoiceColumn, EndedColumn, PactColumn
from alliances.pacts.views.lists import MatrixView, PactListView

pytestmark = pytest.mark.django_db


def pacts():
    return PactListView.queryset.all()


def commitments():
    return MatrixView.queryset.all()


# --- nothing a request changes outlives it ------------------------------------------------

def test_a_tables_changes_to_its_columns_stay_its_own(curated):
    first = PactTable(pacts())
    first.columns.hide("parties")
    first.columns["signed"].column.attrs["td"]["class"] = "changed"
    first.columns["short_name"].column.verbose_name = "Changed"
    first.columns["in_force"].column.accessor.callable_args.append("changed")
    second = PactTable(pacts())
    assert second.columns["parties"].visible
    assert second.columns["signed"].column.attrs == {"td": {"class": "date"}}
    assert second.columns["short_name"].header == "Pact"
    assert second.columns["in_force"].column.accessor.callable_args == []
    for name, column in PactTable.base_columns.items():
        assert second.columns[name].column is not column and first.columns[name].column is not column


def test_a_filter_sets_changes_to_its_filters_and_form_stay_its_own(curated):
    first = PactFilterSet({"party": ["POL"]}, queryset=pacts())
    first.form.fields["party"].label = "Changed"
    first.form.fields["multilaterality"].widget.attrs["class"] = "changed"
    first.filters["decade"].extra["label"] = "changed"
    second = PactFilterSet({"party": ["POL"]}, queryset=pacts())
    assert second.form.fields["party"].label == "Parties"
    assert "class" not in second.form.fields["multilaterality"].widget.attrs
    assert "label" not in second.filters["decade"].extra
    for name, declared in PactFilterSet.base_filters.items():
        assert first.filters[name] is not declared and first.filters[name] is not second.filters[name]
        assert first.form.fields[name] is not second.form.fields[name]
        assert first.form.fields[name].widget is not second.form.fields[name].widget


# --- the column options -----------------------------------------------------------------

class OptionsTable(PactTable):
    short_name = PactColumn(verbose_name="Pact", linkify=lambda record: f"/elsewhere/{record.slug}/",
                            attrs={"td": {"data-slug": lambda record: record.slug}, "th": {"class": "name"}})
    ended = EndedColumn("ended", verbose_name="Ended", default="never ended")
    multilaterality = ChoiceColumn("multilaterality", Multilaterality, verbose_name="Kind",
                                   empty_values=(Multilaterality.BILATERAL,), default="two-sided")


CELL = re.compile(r"<td([^>]*)>(.*?)</td>", re.DOTALL)
ATTRIBUTE = re.compile(r'([\w-]+)(?:="([^"]*)")?')


def cells(page):
    """Each row's cells as (attributes, content), from a table's HTML."""
    body = page.split("<tbody", 1)[1].split("</tbody>", 1)[0]
    return [[(dict(ATTRIBUTE.findall(attrs)), content.strip()) for attrs, content in CELL.findall(row)]
            for row in body.split("</tr>") if "<td" in row]


def stock_html(table):
    """The table as django-tables2's own template renders it."""
    return table.as_html(RequestFactory().get("/pacts/"))


@pytest.mark.parametrize("table_class, rows", [(PactTable, pacts), (CommitmentTable, commitments), (OptionsTable, pacts)],
                         ids=["pacts", "commitments", "options"])
def test_rows_are_the_cells_django_tables2_itself_renders(curated, rf, table_class, rows):
    ours = table_class(rows()).paginate(per_page=100)
    theirs = table_class(rows()).paginate(per_page=100)
    theirs.page = ours.page  # the same rows
    for our_row, their_row in zip(cells(ours.html(rf.get("/").GET)), cells(stock_html(theirs)), strict=True):
        assert our_row == their_row


def test_default_empty_values_linkify_and_attrs_are_honoured(curated, rf):
    table = OptionsTable(pacts()).paginate(per_page=100)
    page = table.html(rf.get("/").GET)
    rows = {pact.slug: row for pact, row in zip(table.page.object_list, cells(page))}
    names = [name for name in table.columns.names() if table.columns[name].visible]
    nato, dprk = rows["north-atlantic-treaty"], rows["russia-dprk-2000"]
    short_name = names.index("short_name")
    assert nato[short_name][0]["data-slug"] == "north-atlantic-treaty"
    assert nato[short_name][1].startswith('<a href="/elsewhere/north-atlantic-treaty/"><a href="/pacts/north-atlantic-treaty/">')
    assert dprk[names.index("multilaterality")][1] == "two-sided" and nato[names.index("multilaterality")][1] == "multilateral"
    assert nato[names.index("ended")][1] == "never ended"
    assert '<th scope="col" class="name orderable">' in page


# --- the paginator ------------------------------------------------------------------------

def test_the_paginator_class_is_the_one_asked_for(curated, rf):
    first_page = [p.pk for p in PactTable(pacts()).paginate(per_page=10).page.object_list]
    assert isinstance(PactTable(pacts()).paginate(per_page=10).paginator, KeysFirstPaginator)
    from django.core.paginator import Paginator

    stock = PactTable(pacts()).paginate(Paginator, per_page=10)
    assert type(stock.paginator) is Paginator and [p.pk for p in stock.page.object_list] == first_page
    with CaptureQueriesContext(connection) as queries:
        lazy = PactTable(pacts()).paginate(LazyPaginator, per_page=10)
        page = lazy.html(rf.get("/").GET)
    assert not any(query["sql"].upper().startswith("SELECT COUNT(") for query in queries)
    assert lazy.row_count is None and [p.pk for p in lazy.page.object_list] == first_page
    assert 'rel="next"' in page and "rel=\"prev\"" not in page


class LazyPactList(PactListView):
    paginator_class = LazyPaginator


urlpatterns = [path("lazy/", LazyPactList.as_view()), path("", include("alliances.urls"))]


@pytest.mark.urls(__name__)
def test_a_list_view_may_name_its_paginator(staff_client, curated):
    response = staff_client.get("/lazy/", {"per_page": 10})
    assert response.status_code == 200
    assert isinstance(response.context["table"].paginator, LazyPaginator)
    assert "rows match" not in response.content.decode()


# --- exports --------------------------------------------------------------------------------

def _json(client, url, query=None):
    response = client.get(url, {**(query or {}), "export": "json"})
    return json.loads(b"".join(response.streaming_content))


TAG_OR_ENTITY = re.compile(r"<[a-z/!]|&(quot|amp|lt|gt|#\d+);")


@pytest.mark.parametrize("url, table_class", [("/pacts/", PactTable), ("/compare/", CommitmentTable)])
def test_an_export_is_the_tables_columns_as_plain_text(staff_client, curated, url, table_class):
    rows = _json(staff_client, url)
    table = table_class(table_class._meta.model.objects.none())
    export = table.for_export()
    names = [bound.name for bound in export.export_columns()]
    shown = [bound.name for bound in table.columns]
    assert shown == [name for name in names if export.columns[name].visible]  # every column of the view
    assert {"slug", "atop_id", "address"} <= set(names)
    assert all(list(row) == names for row in rows)
    assert all(isinstance(value, str) and not TAG_OR_ENTITY.search(value) for row in rows for value in row.values())
    slugs = set(Pact.objects.values_list("slug", flat=True))
    for row in rows:
        assert row["slug"] in slugs
        assert row["address"] == f"http://testserver/pacts/{row['slug']}/"
        assert row["atop_id"] == str(Pact.objects.get(slug=row["slug"]).atop_id or "")


def test_exported_cells_read_as_they_are_shown(staff_client, curated):
    nato = next(row for row in _json(staff_client, "/pacts/") if row["slug"] == "north-atlantic-treaty")
    assert nato["short_name"] == "North Atlantic Treaty (NATO)"
    assert nato["commitments"].startswith("commitments differ; strongest ")
    assert "; weakest " in nato["commitments"]
    assert nato["signed"] == "1949-04-04" and nato["multilaterality"] == "multilateral"
    assert nato["parties"].startswith("BEL, CAN, DNK")
    article_5 = next(row for row in _json(staff_client, "/compare/", {"q": "forthwith"}))
    assert article_5["article"] == "Article 5" and article_5["obliged"] == "every party"
    assert article_5["excerpt"] and article_5["source_url"].startswith("http")


def test_csv_headers_are_the_columns_headers(staff_client, curated):
    response = staff_client.get("/compare/", {"export": "csv"})
    header = b"".join(response.streaming_content).decode().splitlines()[0].split(",")
    export = CommitmentTable(Commitment.objects.none()).for_export()
    assert header == [str(bound.header) for bound in export.export_columns()]


# --- the coded dimensions, declared once --------------------------------------------------------

def test_the_matrix_the_filters_the_exports_and_side_by_side_follow_the_dimensions(staff_client, curated):
    table = CommitmentTable(Commitment.objects.none())
    coded = [bound for bound in table.columns if bound.name in {d.name for d in DIMENSIONS}]
    assert [(bound.name, str(bound.header)) for bound in coded] == [(d.name, str(d.label)) for d in DIMENSIONS]
    for dimension in DIMENSIONS:
        assert table.columns[dimension.name].orderable == dimension.sortable
        if dimension.filter_name:
            assert str(CommitmentFilterSet.base_filters[dimension.filter_name].label) == str(dimension.filter_label)
            assert str(PactFilterSet.base_filters[dimension.filter_name].label) == str(dimension.filter_label)
    header = [header for _name, header in table.for_export().export_header()]
    assert [str(d.label) for d in DIMENSIONS] == [h for h in header if h in {str(d.label) for d in DIMENSIONS}]
    # side by side: a group per commitment type, in it a row per other dimension
    groups = staff_client.get("/compare/", {"pacts": ["north-atlantic-treaty"]}).context["groups"]
    assert groups and all(
        [str(row["label"]) for row in group["rows"]] == [str(d.label) for d in DIMENSIONS if d.name != "commitment_type"]
        for group in groups)
