"""Exports of the current filtered view: every matching row (all pages) in screen order.

CSV and JSON are streamed a chunk of rows at a time, so memory stays flat however many
rows match. XLSX is built in memory and limited to XLSX_ROW_LIMIT rows; a larger
selection is refused with a message pointing to CSV.

Every cell of a CSV or XLSX file goes through spreadsheet_cell(): text that a spreadsheet
would read as a formula is written so that it shows as text. JSON is data for programs
and carries each value exactly as stored.
"""

import csv
import io
import json

import tablib
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from . import reasons
from .articles import article_label
from .strength import strongest
from .tables import headline, headline_item, legal_references, side_names

XLSX_ROW_LIMIT = 10_000
CHUNK = 500


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


def _excerpt_field(attribute):
    def get(c):
        note = c.evidence()
        if note is None:
            return ""
        return attribute(note.excerpt)

    return get


COMMITMENT_COLUMNS = [
    (_("pact"), lambda c: c.pact.short_name),
    (_("article"), lambda c: article_label(c.clause.label)),
    (_("from"), lambda c: str(side_names(c, "obliged"))),
    (_("to"), lambda c: str(side_names(c, "protected"))),
    (_("type"), lambda c: c.get_commitment_type_display()),
    (_("trigger event"), lambda c: c.get_trigger_event_display()),
    (_("where"), lambda c: " ".join(filter(None, [c.get_trigger_scope_display(), c.named_area]))),
    (_("against whom"), lambda c: " ".join(filter(None, [c.get_adversary_scope_display(), c.named_adversary]))),
    (_("conditions"), lambda c: "; ".join(cond.get_condition_display() for cond in c.conditions.all())),
    (_("obligation"), lambda c: c.get_obligation_display()),
    (_("automaticity"), lambda c: c.get_automaticity_display()),
    (_("timing"), lambda c: c.get_immediacy_display()),
    (_("means"), lambda c: c.get_means_display()),
    (_("legal references"), legal_references),
    (_("excerpt"), _excerpt_field(lambda e: e.text)),
    (_("source"), _excerpt_field(lambda e: e.source.publisher)),
    (_("source URL"), _excerpt_field(lambda e: e.source.url)),
]


def _strongest_article(p):
    commitment = strongest(p.commitments.all())
    return article_label(commitment.clause.label) if commitment else ""


def _strongest_excerpt(attribute):
    def get(p):
        commitment = strongest(p.commitments.all())
        note = commitment.evidence() if commitment else None
        return attribute(note.excerpt) if note else ""

    return get


PACT_COLUMNS = [
    (_("pact"), lambda p: p.short_name),
    (_("title"), lambda p: p.title),
    (_("signed"), lambda p: p.signed_on.isoformat() if p.signed_on else ""),
    (_("in force"), lambda p: p.in_force_on.isoformat() if p.in_force_on else ""),
    (_("ended"), lambda p: p.ended_on.isoformat() if p.ended_on else ""),
    (_("kind"), lambda p: p.get_multilaterality_display()),
    (_("parties"), lambda p: ", ".join(party.state.code for party in p.current_parties)),
    (_("articles"), lambda p: "; ".join(sorted({article_label(c.clause.label) for c in p.commitments.all()}))),
    (_("headline commitment"), lambda p: strip_tags(str(headline([headline_item(c) for c in p.commitments.all()])))),
    (_("strongest commitment's article"), _strongest_article),
    (_("excerpt"), _strongest_excerpt(lambda e: e.text)),
    (_("excerpt source URL"), _strongest_excerpt(lambda e: e.source.url)),
    (_("source URL for the dates"), lambda p: p.source.url if p.source_id and p.source else ""),
]


def pact_columns(day):
    """PACT_COLUMNS with, after the dates, each pact's status on `day` (the filter's "in
    force on" day, or today) as Pact.status_on gives it, said as the pages say it."""
    status = (_("status on %(day)s") % {"day": day.isoformat()}, lambda p: str(reasons.pact_status(p, day)))
    at = next(n for n, (label, _get) in enumerate(PACT_COLUMNS) if str(label) == str(_("ended"))) + 1
    return PACT_COLUMNS[:at] + [status] + PACT_COLUMNS[at:]


def _rows(queryset, columns):
    """Rows in screen order, read a chunk at a time with their related data (a server-side
    cursor on PostgreSQL), so that memory does not grow with the number of rows."""
    for obj in queryset.iterator(chunk_size=CHUNK):
        yield [str(get(obj)) for _label, get in columns]


def _spreadsheet_rows(queryset, columns):
    """The header and every row, each cell as a spreadsheet may safely hold it."""
    yield [spreadsheet_cell(label) for label, _get in columns]
    for row in _rows(queryset, columns):
        yield [spreadsheet_cell(value) for value in row]


def _csv_stream(queryset, columns):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in _spreadsheet_rows(queryset, columns):
        writer.writerow(row)
        if buffer.tell() > 65536:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _json_stream(queryset, columns):
    labels = [str(label) for label, _get in columns]
    yield "["
    separator = "\n"
    for row in _rows(queryset, columns):
        yield separator + json.dumps(dict(zip(labels, row)), ensure_ascii=False)
        separator = ",\n"
    yield "\n]\n"


def export_response(queryset, columns, export_format, name):
    if export_format == "csv":
        response = StreamingHttpResponse(_csv_stream(queryset, columns), content_type="text/csv; charset=utf-8")
    elif export_format == "json":
        response = StreamingHttpResponse(_json_stream(queryset, columns), content_type="application/json")
    else:
        if queryset.count() > XLSX_ROW_LIMIT:
            raise TooManyRows
        header, *rows = _spreadsheet_rows(queryset, columns)
        dataset = tablib.Dataset(*rows, headers=header)
        response = HttpResponse(
            dataset.export("xlsx"),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{export_format}"'
    return response
