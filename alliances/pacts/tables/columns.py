"""The columns of the dashboard's tables.

Each is a django-tables2 column that declares, beyond django-tables2's own options:

- what it reads beyond its row: `reads`, a PageData (tables/data.py) that the table runs
  once for the page's rows, however many columns share it; `related`, the relations the
  rows' query joins for it; `annotations`, a function giving the values that query
  computes for it ({name: expression});
- `cell(value, record, data)`: the cell's HTML, built with alliances.pacts.html (every
  value escaped), no template;
- `text(value, record, data)`: its plain-text value, which exports write.

`value` is what the column's accessor reads off the row; `data` is what its PageData holds
for this row (None without one). django-tables2's own hooks (`render`, `value`) call these,
so that django-tables2's rendering and `Table.as_values()` give the same cells as the
dashboard's (tests/test_tables.py); the dashboard builds its rows in DashboardTable.
"""

import copy
import datetime
import types

import django_tables2 as tables
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_tables2.utils import Accessor, OrderBy, OrderByTuple

from .. import reasons
from ..articles import article_label
from ..choices import Condition, Confidence, EndReason, PartyScope
from ..dates import format_date
from ..dimensions import AUTOMATICITY, CONDITIONS, IMMEDIACY, OBLIGATION, TYPE, Conditions, Dimension, conditions_text, with_detail
from ..html import escaped, html, joined
from ..models import evidence_of
from ..standing import pact_status_rank
from ..strength import obligation_rank, strongest
from .data import COMMITMENT_DETAILS, HEADLINES, PACT_COMMITMENTS, PACT_PARTY_NAMES, PARTY_CODES, PageData

PACT_PAGE = "pacts:pact-detail"
SOURCE_PAGE = "pacts:source-detail"


# What a column holds that nothing changes in place: a table's copy of a column shares it.
# (`type(_(str()))` is the class of a lazy translation; a literal would reach the catalog.)
_UNCHANGING = (str, int, float, bool, type(None), type, datetime.date, Promise, types.FunctionType, Dimension, PageData)
_SHARED = {str, int, bool, type(None), type, types.FunctionType, type(_(str())), OrderBy, OrderByTuple, PageData}


def _copied(value, memo):
    kind = type(value)
    if kind in _SHARED:
        return value
    if kind is Accessor:
        return Accessor(str(value), list(value.callable_args), dict(value.callable_kwargs))
    if kind is dict:  # attrs: dictionaries of dictionaries of values
        return {key: item if type(item) in _SHARED else _copied(item, memo) for key, item in value.items()}
    if isinstance(value, _UNCHANGING) or (kind is tuple and all(isinstance(v, _UNCHANGING) for v in value)):
        return value
    return copy.deepcopy(value, memo)


def _no_annotations():
    return {}


class Column(tables.Column):
    reads = None
    related = ()
    annotations = staticmethod(_no_annotations)

    def __init__(self, *args, reads=None, related=None, annotations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if reads is not None:
            self.reads = reads
        if related is not None:
            self.related = tuple(related)
        if annotations is not None:
            self.annotations = annotations

    def __deepcopy__(self, memo):
        """A table's own copy of this column. django-tables2 deep-copies its class's columns
        for every table, so that one table's changes (hiding a column, changing its
        attributes) stay its own. This copies every attribute and every container among
        them, but shares the values that cannot change in place (strings, numbers, dates,
        lazy translations, tuples of those, the dimension and page-data declarations), which
        a generic deep copy rebuilds at a cost comparable to rendering a page's cells.
        tests/test_tables.py checks that no change one table makes to its columns reaches
        another."""
        clone = object.__new__(type(self))
        memo[id(self)] = clone
        clone.__dict__ = {name: value if type(value) in _SHARED else None if name == "table" else _copied(value, memo)
                          for name, value in self.__dict__.items()}
        return clone

    def prepare(self, table):
        """Called once per page (or batch of an export) before its cells, with the table."""
        self.table = table

    def cell(self, value, record, data):
        return escaped(value)

    def text(self, value, record, data):
        return "" if value is None else str(value)

    # django-tables2's hooks.
    def render(self, value, record, table):
        return self.cell(value, record, table.data_for(self, record))

    def value(self, value, record, table):
        return self.text(value, record, table.data_for(self, record))


class ChoiceColumn(Column):
    """A stored choice, shown as its label in the language of the request."""

    def __init__(self, field, choices, **kwargs):
        kwargs.setdefault("accessor", field)
        kwargs.setdefault("order_by", (field, "pk"))
        super().__init__(**kwargs)
        self.field, self.choices = field, choices

    # The record's own stored value: django-tables2 hands a choice field's label as `value`.
    def cell(self, value, record, data):
        return escaped(self.table.label(self.choices, getattr(record, self.field)))

    def text(self, value, record, data):
        return self.table.label(self.choices, getattr(record, self.field))


class DateColumn(Column):
    """A date no more precise than it is known (`<name>_on` with `<name>_precision`)."""

    def __init__(self, name, **kwargs):
        kwargs.setdefault("accessor", f"{name}_on")
        kwargs.setdefault("order_by", (f"{name}_on", "pk"))
        kwargs.setdefault("attrs", {"td": {"class": "date"}})
        super().__init__(**kwargs)
        self.precision = f"{name}_precision"

    def text(self, value, record, data):
        return format_date(value, getattr(record, self.precision))

    def cell(self, value, record, data):
        return escaped(self.text(value, record, data))


class InForceColumn(DateColumn):
    """The entry into force; where none is recorded, the inferred one, said to be so."""

    def __init__(self, **kwargs):
        kwargs.setdefault("empty_values", ())  # an inferred date stands where none is recorded
        super().__init__("in_force", **kwargs)

    def _inferred(self, value, record):
        return value is None and record.in_force_inferred_on is not None

    def text(self, value, record, data):
        if self._inferred(value, record):
            return self.table.gettext("%(date)s (inferred)") % {
                "date": format_date(record.in_force_inferred_on, record.in_force_inferred_precision)}
        return "" if value is None else DateColumn.text(self, value, record, data)

    def cell(self, value, record, data):
        if self._inferred(value, record):
            return html("{} <small>{}</small>", format_date(record.in_force_inferred_on,
                                                            record.in_force_inferred_precision),
                        self.table.gettext("(inferred)"))
        return escaped("" if value is None else DateColumn.text(self, value, record, data))


class EndedColumn(DateColumn):
    """The end date with how the pact ended."""

    def cell(self, value, record, data):
        return html("{} <small>{}</small>", DateColumn.text(self, value, record, data),
                    self.table.label(EndReason, record.end_reason))

    def text(self, value, record, data):
        return self.table.gettext("%(date)s (%(how)s)") % {"date": DateColumn.text(self, value, record, data),
                                                           "how": self.table.label(EndReason, record.end_reason)}


class PactColumn(Column):
    """The pact's short name, linked to its page; `pact` is the path from the row to the
    pact ("" for a pact's own row). With `title`, the official title below."""

    def __init__(self, pact="", title=False, **kwargs):
        kwargs.setdefault("accessor", f"{pact}__short_name" if pact else "short_name")
        if pact:
            kwargs.setdefault("related", (pact,))
        super().__init__(**kwargs)
        self.pact, self.title = pact, title

    def cell(self, value, record, data):
        pact = getattr(record, self.pact) if self.pact else record
        href = self.table.address(PACT_PAGE, pact.slug)
        if self.title:
            return html('<a href="{}">{}</a><br><small>{}</small>', href, value, pact.title)
        return html('<a href="{}">{}</a>', href, value)


class AddressColumn(Column):
    """The address of the pact's page, as exports write it (absolute where the table knows
    the site: DashboardTable's `absolute_url`)."""

    def __init__(self, pact="", **kwargs):
        kwargs.setdefault("accessor", f"{pact}__slug" if pact else "slug")
        kwargs.setdefault("verbose_name", _("Address"))
        kwargs.setdefault("orderable", False)
        if pact:
            kwargs.setdefault("related", (pact,))
        super().__init__(**kwargs)

    def text(self, value, record, data):
        return self.table.absolute_url(self.table.address(PACT_PAGE, value))

    def cell(self, value, record, data):
        url = self.text(value, record, data)
        return html('<a href="{}">{}</a>', url, url)


class StatusColumn(Column):
    """The pact's status today (standing.PACT_STATUS), sorted in PACT_STATUS_RANK's order."""

    SORT = ("status_rank", "signed_on", "pk")

    def __init__(self, **kwargs):
        kwargs.setdefault("accessor", "pk")
        kwargs.setdefault("order_by", self.SORT)
        super().__init__(**kwargs)
        self.day = None

    def today(self):
        # One day for the sort and the cells of a table (this column is the table's own copy).
        if self.day is None:
            self.day = timezone.localdate()
        return self.day

    def order(self, queryset, is_descending):
        """A computed value: the sort adds it to its own query alone, as an alias (every
        query of the page copies each expression of the query it starts from)."""
        ordered = queryset.alias(status_rank=pact_status_rank(self.today()))
        return ordered.order_by(*(f"-{field}" if is_descending else field for field in self.SORT)), True

    def text(self, value, record, data):
        return str(reasons.pact_status(record, self.today()))

    def cell(self, value, record, data):
        said = reasons.pact_status(record, self.today())
        note = self.table.gettext("entry into force inferred") if said.inferred else said.why
        return html('<span class="status status-{}">{}</span>{}', said.value, said.label,
                    html(' <small class="gap">{}</small>', note) if note else "")


class StatusOnColumn(Column):
    """Exports: the pact's status on the table's day (DashboardTable's `day`: the filter's
    "in force on" day, or today), as the pages say it, with what it rests on."""

    def __init__(self, **kwargs):
        kwargs.setdefault("accessor", "pk")
        kwargs.setdefault("orderable", False)
        super().__init__(**kwargs)

    @property
    def header(self):
        table = getattr(self, "table", None)
        day = table.day if table is not None else timezone.localdate()
        return gettext("Status on %(day)s") % {"day": day.isoformat()}

    def text(self, value, record, data):
        return str(reasons.pact_status(record, self.table.day))

    def cell(self, value, record, data):
        return escaped(self.text(value, record, data))


class PartiesColumn(Column):
    """How many parties a pact has had, the first few named (all of them in exports)."""

    reads = PARTY_CODES
    SHOWN = 6

    def __init__(self, **kwargs):
        kwargs.setdefault("accessor", "pk")
        kwargs.setdefault("order_by", ("sort_parties", "pk"))
        super().__init__(**kwargs)

    def cell(self, value, record, data):
        codes = data or []
        more = len(codes) - self.SHOWN
        shown = ", ".join(codes[: self.SHOWN]) + (f" +{more}" if more > 0 else "")
        return html("{} <small>{}</small>", len(codes), shown)

    def text(self, value, record, data):
        return ", ".join(data or [])


class HeadlineColumn(Column):
    """A pact's commitments in one cell: the single coding, or that they differ, with the
    strongest and the weakest (strength.obligation_rank)."""

    reads = HEADLINES

    def __init__(self, **kwargs):
        kwargs.setdefault("accessor", "pk")
        kwargs.setdefault("order_by", ("sort_strongest", "pk"))
        super().__init__(**kwargs)

    def _described(self, items):
        """The distinct codings (labels, rank, article), strongest first."""
        label = self.table.label
        return sorted(
            {(label(TYPE.choices, h.commitment_type), label(OBLIGATION.choices, h.obligation),
              label(AUTOMATICITY.choices, h.automaticity), label(IMMEDIACY.choices, h.immediacy),
              obligation_rank(h.obligation), article_label(h.article))
             for h in items},
            key=lambda item: (item[4], item[5]),
        )

    def cell(self, value, record, data):
        if not data:
            return html('<span class="muted">{}</span>', self.table.gettext("none coded"))
        described = self._described(data)
        if len({d[:4] for d in described}) == 1:
            kind, what, auto, when, _rank, article = described[0]
            return html("{}: {} ({}, {}) <small>{}</small>", kind, what, auto, when, article)
        strongest, weakest = described[0], described[-1]
        # One message each, so that a language can order its words.
        return html(
            '<span class="differs">{}</span><br>{} <small>{}</small><br>{} <small>{}</small>',
            self.table.gettext("commitments differ"),
            self.table.gettext("strongest %(type)s: %(obligation)s") % {"type": strongest[0], "obligation": strongest[1]},
            strongest[5],
            self.table.gettext("weakest %(type)s: %(obligation)s") % {"type": weakest[0], "obligation": weakest[1]},
            weakest[5],
        )

    def text(self, value, record, data):
        if not data:
            return self.table.gettext("none coded")
        described = self._described(data)
        if len({d[:4] for d in described}) == 1:
            kind, what, auto, when, _rank, article = described[0]
            return self.table.gettext("%(kind)s: %(what)s (%(auto)s, %(when)s), %(article)s") % {
                "kind": kind, "what": what, "auto": auto, "when": when, "article": article}
        strongest, weakest = described[0], described[-1]
        return self.table.gettext("commitments differ; strongest %(strongest)s; weakest %(weakest)s") % {
            "strongest": f"{strongest[0]}: {strongest[1]}, {strongest[5]}",
            "weakest": f"{weakest[0]}: {weakest[1]}, {weakest[5]}",
        }


class ArticlesColumn(Column):
    """The articles a pact's commitments are coded from (exports)."""

    reads = HEADLINES

    def __init__(self, **kwargs):
        kwargs.setdefault("accessor", "pk")
        kwargs.setdefault("orderable", False)
        super().__init__(**kwargs)

    def text(self, value, record, data):
        return "; ".join(sorted({article_label(h.article) for h in data or ()}))

    def cell(self, value, record, data):
        return escaped(self.text(value, record, data))


class StrongestEvidenceColumn(Column):
    """Of the pact's strongest commitment (strength.strongest): its article, or its evidence's
    (Commitment.evidence) excerpt, the excerpt's language (its source's) or source address
    (exports)."""

    reads = PACT_COMMITMENTS

    def __init__(self, part, **kwargs):
        kwargs.setdefault("accessor", "pk")
        kwargs.setdefault("orderable", False)
        super().__init__(**kwargs)
        self.part = part

    def text(self, value, record, data):
        commitment = strongest(data or ())
        if commitment is None:
            return ""
        if self.part == "article":
            return article_label(commitment.clause.label)
        note = commitment.evidence()
        if note is None:
            return ""
        if self.part == "language":
            return note.excerpt.source.language
        return note.excerpt.text if self.part == "excerpt" else note.excerpt.source.url

    def cell(self, value, record, data):
        return escaped(self.text(value, record, data))


class ArticleColumn(Column):
    """The clause a commitment is coded from, linked to it on the pact's page."""

    def __init__(self, **kwargs):
        kwargs.setdefault("accessor", "clause__label")
        kwargs.setdefault("related", ("pact", "clause"))
        super().__init__(**kwargs)

    def text(self, value, record, data):
        return article_label(value)

    def cell(self, value, record, data):
        href = self.table.address(PACT_PAGE, record.pact.slug)
        return html('<a href="{}#clause-{}">{}</a>', href, record.clause.order, article_label(value))


class SidesColumn(Column):
    """Who is obliged (or protected): every party, or the listed states."""

    reads = COMMITMENT_DETAILS

    def __init__(self, role, **kwargs):
        kwargs.setdefault("accessor", f"{role}_scope")
        kwargs.setdefault("orderable", False)
        super().__init__(**kwargs)
        self.role = role

    # The record's own stored scope: django-tables2 hands a choice field's label as `value`.
    def text(self, value, record, data):
        if getattr(record, f"{self.role}_scope") == PartyScope.ALL_PARTIES:
            return self.table.gettext("every party") if self.role == "obliged" else self.table.gettext("every other party")
        return ", ".join(name for role, name in (data.sides if data else ()) if role == self.role)

    def cell(self, value, record, data):
        return escaped(self.text(value, record, data))


class EveryPartyColumn(SidesColumn):
    """Exports: beside a side that is "every party" (SidesColumn), the names of the states it
    stands for, every party the pact has had; empty where the side lists its states."""

    reads = PACT_PARTY_NAMES

    def text(self, value, record, data):
        if getattr(record, f"{self.role}_scope") != PartyScope.ALL_PARTIES:
            return ""
        return ", ".join(data or ())


def provenance_who(coded_by, reviewed_by):
    """Who coded a value and who reviewed it, as the evidence of a coded value says it."""
    if reviewed_by:
        return gettext("coded by %(coder)s, reviewed by %(reviewer)s") % {"coder": coded_by, "reviewer": reviewed_by}
    return gettext("coded by %(coder)s, not yet reviewed") % {"coder": coded_by}


class EvidenceMixin:
    """A coded value with its excerpt and rationale one click away, and who coded and
    reviewed it."""

    def why(self, value, evidence):
        if evidence is None:
            return escaped(value)
        quote, source = self.table.quoted(evidence)
        return html(
            '<details class="why"><summary>{}</summary>{}<p>{}</p><p class="meta">{} · {} · {}</p></details>',
            value, quote, evidence.rationale, source, self.table.label(Confidence, evidence.confidence),
            provenance_who(evidence.coded_by, evidence.reviewed_by),
        )


class CodedColumn(EvidenceMixin, Column):
    """A coded dimension of a commitment (dimensions.py) with the evidence behind it."""

    reads = COMMITMENT_DETAILS

    def __init__(self, dimension, **kwargs):
        kwargs.setdefault("verbose_name", dimension.label)
        if dimension.sortable:
            kwargs.setdefault("accessor", dimension.field)
            kwargs.setdefault("order_by", (dimension.field, "pk"))
        else:
            kwargs.setdefault("accessor", "pk")
            kwargs.setdefault("orderable", False)
        super().__init__(**kwargs)
        self.dimension = dimension

    def text(self, value, record, data):
        return self.dimension.text(record, self.table)

    def cell(self, value, record, data):
        return self.why(self.text(value, record, data), data.notes.get(self.dimension.note) if data else None)


class ConditionsColumn(EvidenceMixin, Column):
    """The conditions on a commitment's obligation, each with its own evidence."""

    reads = COMMITMENT_DETAILS

    def __init__(self, **kwargs):
        kwargs.setdefault("verbose_name", CONDITIONS.label)
        kwargs.setdefault("accessor", "pk")
        kwargs.setdefault("orderable", False)
        super().__init__(**kwargs)

    def text(self, value, record, data):
        conditions = data.conditions if data else ()
        return conditions_text([(condition, detail) for condition, detail, _evidence in conditions], self.table)

    def cell(self, value, record, data):
        table = self.table
        if not data or not data.conditions:
            return html('<span class="muted">{}</span>', table.gettext("none"))
        return joined("", [self.why(with_detail(table.label(Condition, condition), detail, table), evidence)
                           for condition, detail, evidence in data.conditions])


class CommitmentEvidenceColumn(Column):
    """What stands for the whole commitment (models.evidence_of): its excerpt, the excerpt's
    language (its source's), the source's publisher, or the source's address (exports)."""

    reads = COMMITMENT_DETAILS
    PARTS = {"excerpt": "text", "language": "language", "source": "publisher", "source_url": "source_url"}

    def __init__(self, part, **kwargs):
        kwargs.setdefault("accessor", "pk")
        kwargs.setdefault("orderable", False)
        super().__init__(**kwargs)
        self.part = part

    def text(self, value, record, data):
        evidence = evidence_of(data.notes) if data else None
        return getattr(evidence, self.PARTS[self.part]) if evidence else ""

    def cell(self, value, record, data):
        return escaped(self.text(value, record, data))



def coded_column(dimension):
    """The matrix's column for a coded dimension."""
    return ConditionsColumn() if isinstance(dimension, Conditions) else CodedColumn(dimension)
