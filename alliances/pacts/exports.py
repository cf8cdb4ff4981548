"""Exports of the current filtered view: every matching row (all pages) in screen order,
each written as the table's export columns give it (DashboardTable.export_columns): the
view's columns as plain text, then what exports add (the pact's slug, ATOP id, address,
excerpt and sources).

CSV and JSON are streamed a batch of rows at a time, so memory stays flat however many
rows match. CSV and XLSX carry the columns' headers; JSON is a list of objects keyed by
column name (the name a column's sort uses in the address), every value a string. XLSX is
built in memory and limited to XLSX_ROW_LIMIT rows; a larger selection is refused with a
message pointing to CSV.
"""

import csv
import io
import json

import tablib
from django.http import HttpResponse, StreamingHttpResponse

XLSX_ROW_LIMIT = 10_000


class TooManyRows(Exception):
    pass


def _csv_stream(table):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([header for _name, header in table.export_header()])
    for row in table.export_rows():
        writer.writerow(row)
        if buffer.tell() > 65536:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _json_stream(table):
    names = [name for name, _header in table.export_header()]
    yield "["
    separator = "\n"
    for row in table.export_rows():
        yield separator + json.dumps(dict(zip(names, row)), ensure_ascii=False)
        separator = ",\n"
    yield "\n]\n"


def export_response(table, export_format, name):
    """The table's rows (table.data, sorted as the table is) as a download."""
    if export_format == "csv":
        response = StreamingHttpResponse(_csv_stream(table), content_type="text/csv; charset=utf-8")
    elif export_format == "json":
        response = StreamingHttpResponse(_json_stream(table), content_type="application/json")
    else:
        if table.data.data.count() > XLSX_ROW_LIMIT:
            raise TooManyRows
        dataset = tablib.Dataset(*table.export_rows(), headers=[header for _name, header in table.export_header()])
        response = HttpResponse(
            dataset.export("xlsx"),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{export_format}"'
    return response
