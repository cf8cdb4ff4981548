"""What the dashboard's tables share: pagination, rows built in Python, exports.

A DashboardTable is a django-tables2 table whose columns (tables/columns.py) build their
cells in Python. django-tables2 declares the columns, sorts and paginates; this class
writes the rows, the sortable headers and the page links as one string, honouring the
columns' `visible`, `attrs` (th and td), `default`, `empty_values` and `linkify`, and the
paginator class it is given. It does not render footers, pinned rows or `row_attrs`, nor
localize values (these tables have none); django-tables2's own rendering of the same table
(`as_html`, `{% render_table %}`) gives the same cells, slowly.
"""

from collections import OrderedDict
from operator import attrgetter
from urllib.parse import urlencode

import django_tables2 as tables
from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django_tables2.rows import BoundRows
from django_tables2.utils import Accessor

from ..addresses import Addresses
from ..choices import label_of
from ..counting import bounded_count, count_limit
from ..html import attributes, escaped, html, joined
from ..readable import reading_form
from .chosen import chosen_columns
from .columns import SOURCE_PAGE, coded_column

PAGE_SIZES = (10, 25, 50, 100)
DEFAULT_PAGE_SIZE = 25
EXPORT_BATCH = 500


class KeysFirstPaginator(Paginator):
    """Reads a page in one query that first finds the page's keys, sorting and filtering on
    keys alone, and only then reads those rows with everything they show (`read_rows`): the
    database computes what a row displays for the rows of the page, not for every matching
    row.

    It counts up to the count limit (counting.py): past it, `count_is_exact` is false, the
    pages holding the rows up to the limit are known and one more is offered; asking for a
    page past them counts every row, and only then."""

    def __init__(self, object_list, per_page, read_rows=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.read_rows = read_rows or (lambda queryset: queryset)
        self.limit = count_limit()

    @cached_property
    def count(self):
        if self.limit is None:
            return super().count
        return bounded_count(self.object_list, self.limit)

    @property
    def count_is_exact(self):
        return self.limit is None or self.count <= self.limit

    @property
    def bound_pages(self):
        """The pages that hold the rows up to the count limit."""
        return -(-self.limit // self.per_page)

    @cached_property
    def num_pages(self):
        if self.count_is_exact:
            return super().num_pages
        return self.bound_pages + 1  # one more at least; asking for it counts them all

    def get_page(self, number):
        # A page past the bound counts every row, before any count (the bounded count would
        # say nothing more). Only the page asked for: Page.next_page_number validates the
        # number after the last known page, and must not count.
        try:
            asked = int(number)
        except (TypeError, ValueError):
            asked = None
        if asked is not None and self.limit is not None and asked > self.bound_pages:
            self.count_all()
        return super().get_page(number)

    def count_all(self):
        """Count every row from now on (a page past the bound was asked for)."""
        self.limit = None
        for name in ("count", "num_pages"):
            self.__dict__.pop(name, None)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        keys = self.object_list.values("pk")[bottom : bottom + self.per_page]
        rows = self.read_rows(self.object_list.filter(pk__in=keys))
        return self._get_page(rows, number, self)


def page_range(current, last, shown=10):
    """At most `shown` page numbers around `current`, always with the first and the last;
    None stands for the pages left out."""
    if last <= shown:
        return list(range(1, last + 1))
    start = max(1, min(current - shown // 2, last - shown + 1))
    numbers = list(range(start, start + shown))
    if numbers[0] != 1:
        numbers = [1, None] + numbers[2:]
    if numbers[-1] != last:
        numbers = numbers[:-2] + [None, last]
    return numbers


def query_string(query, without=()):
    """The query string of `query` (a QueryDict) without the parameters `without` names
    and without empty values: an address carries only what it asks (a form sends every
    field, filled or not)."""
    return urlencode([(key, value) for key, values in query.lists() if key not in without
                      for value in values if value != ""])


def _query_without(query, names):
    """The query string without `names`, ready for one more `name=value` to be appended."""
    kept = query_string(query, names)
    return kept + "&" if kept else ""


_CELL_ATTRS = {"th", "td", "cell"}
_CLASS_NAMES = tables.Table.get_column_class_names
_NO_ATTRIBUTES = attributes({})


def _has_callables(attrs):
    return any(callable(value) or (isinstance(value, dict) and _has_callables(value)) for value in attrs.values())


def _reader(accessor):
    """(attrgetter, accessor): what Accessor.resolve(record, quiet=True) reads, by attribute
    lookup where that gives the answer (model rows); Accessor tries a dictionary lookup
    first, which costs an exception per cell on a model instance. A lookup that fails or
    finds something callable is left to the accessor."""
    return attrgetter(accessor.replace(Accessor.SEPARATOR, ".")), accessor


def _read(reader, record):
    getter, accessor = reader
    try:
        value = getter(record)
    except Exception:
        return accessor.resolve(record, quiet=True)
    return accessor.resolve(record, quiet=True) if callable(value) else value


class DeclaredColumns(OrderedDict):
    """A table class's columns. django-tables2 copies them for each table (Table.__init__);
    each column copies itself (Column.__deepcopy__), the mapping is only rebuilt."""

    def __deepcopy__(self, memo):
        return OrderedDict((name, column.__deepcopy__(memo)) for name, column in self.items())


class DashboardTable(tables.Table):
    """Page sizes are limited to PAGE_SIZES whatever the query string asks for.

    `absolute_url`, a function from a path to an address (request.build_absolute_uri),
    makes exports write whole addresses; without it they write paths."""

    paginator_class = KeysFirstPaginator
    # The table exports write (for_export): a subclass with this one's columns and the
    # export-only ones (`visible=False`); this table itself by default.
    export_class = None
    # Dimensions (dimensions.py) that get a coded column each, in this order, named as the
    # dimension; Meta.sequence places them with "...".
    coded_dimensions = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for dimension in cls.__dict__.get("coded_dimensions", ()):
            cls.base_columns.setdefault(dimension.name, coded_column(dimension))
        cls.base_columns = DeclaredColumns(cls.base_columns)

    def __init__(self, data, *args, absolute_url=None, day=None, shown=None, **kwargs):
        self.unsorted = data
        # A user's column choice (tables/chosen.py): these columns in this order, the
        # table's other shown columns left out; None for the table as declared.
        self.shown = shown
        if shown is not None:
            kwargs.update(chosen_columns(type(self), shown))
        self.absolute_url = absolute_url or (lambda path: path)
        self.day = day or timezone.localdate()  # the day a column asks a standing of
        self.address = Addresses()
        self._labels = {}
        self._quoted = {}
        self._page_data = {}
        super().__init__(data, *args, **kwargs)

    # --- what cells share on a page ------------------------------------------------------

    # Memos for one page. A table is made for one request and dropped with it: what these
    # keep (translations in the request's language, the escaped quotations of the page's
    # own rows) never outlives that request. docs/performance.md says what each saves.

    def label(self, choices, value):
        """label_of(choices, value), translated once per value: a page shows the same few
        labels hundreds of times."""
        key = (choices, value)
        label = self._labels.get(key)
        if label is None:
            label = self._labels[key] = label_of(choices, value)
        return label

    def gettext(self, message):
        """gettext(message), translated once for the page's many cells that say it."""
        translated = self._labels.get(message)
        if translated is None:
            translated = self._labels[message] = gettext(message)
        return translated

    def quoted(self, evidence):
        """An excerpt's quotation and its source's link, escaped once: a commitment's coding
        notes mostly quote the same few excerpts, and escaping a long excerpt again for each
        cell costs more than the rest of the cell."""
        quote = self._quoted.get(evidence.excerpt_key)
        if quote is None:
            href = self.address(SOURCE_PAGE, evidence.source_key)
            quote = self._quoted[evidence.excerpt_key] = (
                html("<blockquote>{}</blockquote>", reading_form(evidence.text)),
                html('<a href="{}#excerpt-{}">{}</a>', href, evidence.excerpt_key, evidence.publisher),
            )
        return quote

    # --- rows and what they read -----------------------------------------------------------

    def page_rows(self, queryset, columns=None):
        """The rows of a page (or an export batch) with what `columns` (the visible ones by
        default) join and compute."""
        columns = list(self.columns) if columns is None else columns
        related = sorted({path for bound in columns for path in bound.column.related})
        annotations = {name: value for bound in columns for name, value in bound.column.annotations().items()}
        if related:
            queryset = queryset.select_related(*related)
        if annotations:
            queryset = queryset.annotate(**annotations)
        return queryset

    def read_data(self, columns, records):
        """Each PageData the columns read, for these records: one query each."""
        self._page_data = {}
        for bound in columns:
            reads = bound.column.reads
            if reads is not None and reads not in self._page_data:
                self._page_data[reads] = reads.read(records)
        return self._page_data

    def data_for(self, column, record):
        """What `column` reads for `record`, for django-tables2's own rendering (the
        current page's, read on first use)."""
        if getattr(column, "table", None) is not self:
            column.prepare(self)
        if column.reads is None:
            return None
        if column.reads not in self._page_data:
            records = list(self.page.object_list) if hasattr(self, "page") else [record]
            self._page_data[column.reads] = column.reads.read(records)
        found = self._page_data[column.reads]
        if record.pk not in found and not hasattr(self, "page"):
            found.update(column.reads.read([record]))
        return found.get(record.pk)

    def paginate(self, paginator_class=None, per_page=None, page=1, *args, **kwargs):
        """A page of the table's queryset. With KeysFirstPaginator (the default) the rows of
        the page alone are read with what they show; another paginator class gets the rows
        with it already."""
        if per_page not in PAGE_SIZES:
            per_page = DEFAULT_PAGE_SIZE
        paginator_class = paginator_class or self.paginator_class
        queryset = self.data.data
        if issubclass(paginator_class, KeysFirstPaginator):
            self.paginator = paginator_class(queryset, per_page, *args, read_rows=self.page_rows, **kwargs)
        else:
            self.paginator = paginator_class(self.page_rows(queryset), per_page, *args, **kwargs)
        # A page number that is not one, or past the end, shows the first or the last page.
        self.page = self.paginator.get_page(page)
        self._page_data = {}
        return self

    @property
    def paginated_rows(self):
        """The current page's rows as django-tables2's BoundRows, for its own templates."""
        if hasattr(self, "page"):
            return BoundRows(data=list(self.page.object_list), table=self)
        return self.rows

    @property
    def row_count(self):
        """The number of matching rows, or None where the paginator does not count them; past
        the count limit, the limit + 1 (`row_count_is_exact` is then false)."""
        try:
            return self.paginator.count
        except (NotImplementedError, AttributeError):
            return None

    @property
    def row_count_is_exact(self):
        return getattr(self.paginator, "count_is_exact", True)

    # --- HTML -------------------------------------------------------------------------------

    def _attrs(self, bound, tag):
        """The column's th or td attributes as django-tables2 computes them (BoundColumn.attrs),
        without its computation for the many columns that declare none."""
        if bound.column.attrs or _CELL_ATTRS & set(self.attrs) or type(self).get_column_class_names is not _CLASS_NAMES:
            return attributes(bound.attrs[tag])
        if tag == "td":
            return _NO_ATTRIBUTES
        classes = bound.get_th_class({})
        return attributes({"class": classes}) if classes else _NO_ATTRIBUTES

    def _cells(self, columns):
        """For each column: how to read, render and wrap its cells."""
        plan = []
        for bound in columns:
            column = bound.column
            column.prepare(self)
            static = not (_has_callables(column.attrs) or _has_callables(self.attrs))
            td = self._attrs(bound, "td") if static else None
            plan.append((column, _reader(bound.accessor), self._page_data.get(column.reads), td, bound))
        return plan

    def body_html(self, columns=None):
        """The rows of the current page as HTML; `columns`, the visible ones."""
        records = list(self.page.object_list)
        columns = list(self.columns) if columns is None else columns
        if not records:
            return html('<tr><td colspan="{}">{}</td></tr>', len(columns), self.empty_text)
        self.read_data(columns, records)
        plan = self._cells(columns)
        row_template = "<tr>" + "<td{}>{}</td>" * len(plan) + "</tr>"
        rows = []
        for record in records:
            cells = []
            for column, (getter, accessor), data, td, bound in plan:
                try:
                    value = getter(record)
                except Exception:
                    value = accessor.resolve(record, quiet=True)
                else:
                    if callable(value):
                        value = accessor.resolve(record, quiet=True)
                if value in column.empty_values:
                    content = escaped(bound.default)
                else:
                    content = column.cell(value, record, None if data is None else data.get(record.pk))
                    if bound.link:
                        content = bound.link(content, value=value, record=record, column=column, bound_column=bound,
                                             bound_row=None, table=self)
                if td is None:  # attributes computed for each cell, as django-tables2 does
                    bound.current_record, bound.current_value = record, content
                    td = attributes(bound.attrs["td"])
                cells += (td, content)
            rows.append(html(row_template, *cells))
        return joined("\n", rows)

    def html(self, query):
        """The whole table with its sortable headers and page links; `query` is the request's
        QueryDict, which every link keeps but for the sort and the page."""
        columns = list(self.columns)
        return html(
            '<div class="table-wrap">\n<table{}>\n{}\n<tbody>\n{}\n</tbody>\n</table>\n</div>\n{}',
            self._table_attrs(), self._head_html(query, columns), self.body_html(columns), self._pages_html(query),
        )

    def _table_attrs(self):
        # django-tables2 keeps the attributes of thead, tbody and tfoot as dictionaries
        # among the table's own; they are not attributes of <table>.
        return attributes({name: value for name, value in self.attrs.items() if not isinstance(value, dict)})

    def _head_html(self, query, columns):
        base = _query_without(query, {self.order_by_field, self.page_field})
        cells = []
        for bound in columns:
            th = self._attrs(bound, "th")
            if not bound.orderable:
                cells.append(html('<th scope="col"{}>{}</th>', th, bound.header))
                continue
            href = f"?{base}{self.order_by_field}={bound.order_by_alias.next}&{self.page_field}=1"
            if bound.is_ordered:
                descending = bound.order_by_alias.is_descending
                cells.append(html('<th scope="col"{} aria-sort="{}"><a href="{}">{} {}</a></th>', th,
                                  "descending" if descending else "ascending", href, bound.header,
                                  "▼" if descending else "▲"))
            else:
                cells.append(html('<th scope="col"{}><a href="{}">{}</a></th>', th, href, bound.header))
        return html("<thead>\n<tr>{}</tr>\n</thead>", joined("", cells))

    def _pages_html(self, query):
        page, paginator = self.page, self.paginator
        last = paginator.num_pages
        if not last or (last <= 1 and not page.has_next()):
            return ""
        base = _query_without(query, {self.page_field})

        def to(number, text, rel=""):
            return html('<a{} href="?{}{}={}">{}</a>', rel, base, self.page_field, number, text)

        exact = self.row_count_is_exact
        known = last if exact else paginator.bound_pages  # the pages the count has reached
        links = []
        if page.has_previous():
            links.append(to(page.previous_page_number(), gettext("previous"), html(' rel="prev"')))
        for number in page_range(page.number, known):
            if number is None:
                links.append(html("<span>{}</span>", "…"))
            elif number == page.number:
                links.append(html('<span aria-current="page" class="current">{}</span>', number))
            else:
                links.append(to(number, number))
        if page.has_next():
            links.append(to(page.next_page_number(), gettext("next"), html(' rel="next"')))
        # A paginator that does not count (LazyPaginator) knows no last page.
        if self.row_count is None:
            where = gettext("Page %(page)s") % {"page": page.number}
        elif not exact:
            where = gettext("Page %(page)s of more than %(pages)s") % {"page": page.number, "pages": known}
        else:
            where = gettext("Page %(page)s of %(pages)s") % {"page": page.number, "pages": last}
        return html('<nav class="pagination" aria-label="{}"><span class="page-of">{}</span>{}</nav>', gettext("Pages"),
                    where, joined("", links))

    # --- exports ------------------------------------------------------------------------------

    def for_export(self):
        """The table an export of this one writes: the same rows in the same order, with the
        columns of `export_class`."""
        return (self.export_class or type(self))(self.unsorted, absolute_url=self.absolute_url, day=self.day,
                                                 order_by=self.order_by or None, shown=self.shown)

    def export_columns(self):
        """The columns an export writes, in order: every column but those excluded from
        exports, shown or not (django-tables2's `visible=False` columns are export-only)."""
        return [bound for bound in self.columns.iterall() if not bound.column.exclude_from_export]

    def export_header(self):
        """(name, header) of each export column."""
        columns = self.export_columns()
        for bound in columns:
            bound.column.prepare(self)
        return [(bound.name, str(bound.header)) for bound in columns]

    def export_rows(self, queryset=None, batch=EXPORT_BATCH):
        """Each row of `queryset` (the table's sorted rows by default) as the plain-text
        values of the export columns, read `batch` rows at a time with what those columns
        read, so that memory does not grow with the number of rows (a server-side cursor on
        PostgreSQL)."""
        columns = self.export_columns()
        queryset = self.page_rows(self.data.data if queryset is None else queryset, columns)
        records = []
        for record in queryset.iterator(chunk_size=batch):
            records.append(record)
            if len(records) == batch:
                yield from self._export_batch(columns, records)
                records = []
        if records:
            yield from self._export_batch(columns, records)

    def _export_batch(self, columns, records):
        self.read_data(columns, records)
        plan = self._cells(columns)
        for record in records:
            row = []
            for column, reader, data, _td, _bound in plan:
                value = _read(reader, record)
                if value in column.empty_values:
                    row.append("")
                else:
                    row.append(column.text(value, record, data.get(record.pk) if data is not None else None))
            yield row

    class Meta:
        attrs = {"class": "data"}
        order_by_field = "sort"
        page_field = "page"
        per_page_field = "per_page"
