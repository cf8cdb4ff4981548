"""Exports of the current filtered view: every matching row (all pages) in screen order,
each written as the table's export columns give it (DashboardTable.export_columns): the
view's columns as plain text, then what exports add (the pact's slug, ATOP id, address,
excerpt and sources).

CSV and JSON are streamed a batch of rows at a time, so memory stays flat however many
rows match. CSV and XLSX carry the columns' headers; JSON is a list of objects keyed by
column name (the name a column's sort uses in the address), every value a string. XLSX is
built in memory and limited to XLSX_ROW_LIMIT rows; a larger selection is refused with a
message pointing to CSV.

A file is named for its table and the day it was made (`pacts-2026-12-02.csv`), and an
XLSX file's sheet for its table, in the language of the request.

Every cell of a CSV or XLSX file goes through spreadsheet_cell(): text that a spreadsheet
would read as a formula is written so that it shows as text. JSON is data for programs
and carries each value exactly as stored.
"""

import csv
import io
import json

import tablib
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

XLSX_ROW_LIMIT = 10_000


# What Excel refuses in a sheet's name, and how long one may be.
SHEET_NAME_FORBIDDEN = str.maketrans({character: " " for character in "[]:*?/\\"})
SHEET_NAME_LENGTH = 31

# What a spreadsheet takes as the start of a formula (or of a cell it then re-reads as one).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class TooManyRows(Exception):
    pass


def spreadsheet_cell(value):
    """A value as a CSV or XLSX cell: text beginning with = + - @, a tab or a carriage
    return gets a leading apostrophe, so that Excel, LibreOffice and Google Sheets show it
    as the text it is and never evaluate it (`=HYPERLINK(...)` stays words, not a link)."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _spreadsheet_rows(table):
    """The header and every row, each cell as a spreadsheet may safely hold it."""
    yield [spreadsheet_cell(header) for _name, header in table.export_header()]
    for row in table.export_rows():
        yield [spreadsheet_cell(value) for value in row]


def _csv_stream(table):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in _spreadsheet_rows(table):
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


def sheet_name(title):
    """A table's title as Excel takes it for a sheet's name."""
    return str(title).translate(SHEET_NAME_FORBIDDEN).strip()[:SHEET_NAME_LENGTH] or "Sheet1"


def export_response(table, export_format, name, title):
    """The table's rows (table.data, sorted as the table is) as a download named for the
    table (`name`, a file-name word) and today; an XLSX sheet is named `title`."""
    if export_format == "csv":
        response = StreamingHttpResponse(_csv_stream(table), content_type="text/csv; charset=utf-8")
    elif export_format == "json":
        response = StreamingHttpResponse(_json_stream(table), content_type="application/json")
    else:
        if table.data.data.count() > XLSX_ROW_LIMIT:
            raise TooManyRows
        header, *rows = _spreadsheet_rows(table)
        dataset = tablib.Dataset(*rows, headers=header, title=sheet_name(title))
        response = HttpResponse(
            dataset.export("xlsx"),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localdate().isoformat()}.{export_format}"'
    return response
