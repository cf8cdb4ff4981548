"""Tables of the dashboard: the pact list and the comparison matrix.

django-tables2 declares the columns, their sorting and the pagination. The rows of a page
are built as one string in Python, every value escaped by `esc`, from plain values read
for the whole page in a fixed number of queries (queries.*_page_details): a template per
row and cell, model instances for every related row and Django's lazy-string machinery
together cost many times the rest of the page.
"""

from functools import lru_cache
from html import escape
from urllib.parse import urlencode

import django_tables2 as tables
from django.core.paginator import Paginator
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import reasons
from .articles import article_label
from .choices import CodedDimension, PartyScope
from .dates import format_date
from .models import CodingNote, Commitment, CommitmentCondition, Pact
from .queries import commitment_page_details, pact_page_details, pact_page_rows
from .readable import reading_form
from .standing import pact_status_rank
from .strength import obligation_rank
from .widgets import attrs_html

PAGE_SIZES = (10, 25, 50, 100)
DATE_CELL = {"td": {"class": "date"}}
DEFAULT_PAGE_SIZE = 25


class Column(tables.Column):
    """A column declared once and shared by every table of its class. Each table copies
    its class's columns so that one table's changes stay its own; ours change none, and
    copying fourteen columns cost a page more than rendering its rows."""

    def __deepcopy__(self, memo):
        return self


def esc(value):
    """conditional_escape without the lazy-string wrapper around it, for the thousands
    of values of a page: safe strings pass, anything else is escaped."""
    if isinstance(value, SafeString):
        return value
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape(str(value))


@lru_cache(maxsize=None)
def _labels(model, field, language):
    return {value: str(label) for value, label in model._meta.get_field(field).flatchoices}


def label_of(model, field, value, language=None):
    """The label of a field's stored value, from a table of labels per language: Django's
    get_<field>_display() rebuilds the table at every call, a measurable cost over a page."""
    return _labels(model, field, language or get_language()).get(value, value)


def display(obj, field):
    return label_of(type(obj), field, getattr(obj, field))


# Stands for the key while reversing: letters only, so that it fits a slug and a state
# code alike.
KEY_PLACEHOLDER = "ZZZ"


@lru_cache(maxsize=None)
def _url_pattern(name, prefix):
    before, _placeholder, after = reverse(name, args=[KEY_PLACEHOLDER]).rpartition(KEY_PLACEHOLDER)
    return before, after


def link(name, key):
    """reverse(name, args=[key]) for pages keyed by a slug or a state code, reversing once
    per page name rather than once per cell."""
    before, after = _url_pattern(name, get_script_prefix())
    return f"{before}{key}{after}"


def _date(obj, field):
    value = getattr(obj, f"{field}_on")
    return "" if value is None else format_date(value, getattr(obj, f"{field}_precision"))


def _pact_link(pact):
    return f'<a href="{esc(link("pact-detail", pact.slug))}">{esc(pact.short_name)}</a>'


def headline_item(commitment):
    """What the headline cell needs of a commitment (as queries.pact_page_details reads it)."""
    c = commitment
    return (c.commitment_type, c.obligation, c.automaticity, c.immediacy, c.clause.label)


def headline(items, language=None):
    """A pact's commitments in one cell: the single coding, or that they differ, with the
    strongest and the weakest. `items` are headline_item tuples."""
    if not items:
        return format_html('<span class="muted">{}</span>', gettext("none coded"))
    language = language or get_language()
    described = sorted(
        {(label_of(Commitment, "commitment_type", kind, language), label_of(Commitment, "obligation", what, language),
          label_of(Commitment, "automaticity", auto, language), label_of(Commitment, "immediacy", when, language),
          obligation_rank(what), article_label(article))
         for kind, what, auto, when, article in items},
        key=lambda item: (item[4], item[5]),
    )
    if len({d[:4] for d in described}) == 1:
        kind, what, auto, when, _rank, label = map(esc, described[0])
        return mark_safe(f"{kind}: {what} ({auto}, {when}) <small>{label}</small>")
    strongest, weakest = [list(map(esc, d)) for d in (described[0], described[-1])]
    differ = esc(gettext("commitments differ"))
    strongest_text = esc(gettext("strongest %(type)s: %(obligation)s")) % {"type": strongest[0], "obligation": strongest[1]}
    weakest_text = esc(gettext("weakest %(type)s: %(obligation)s")) % {"type": weakest[0], "obligation": weakest[1]}
    return mark_safe(
        f'<span class="differs">{differ}</span>'
        f'<br>{strongest_text} <small>{strongest[5]}</small>'
        f'<br>{weakest_text} <small>{weakest[5]}</small>'
    )


def _query_without(query, names):
    """The query string without `names`, ready for one more `name=value` to be appended."""
    kept = urlencode([(key, value) for key, values in query.lists() if key not in names for value in values])
    return kept + "&" if kept else ""


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


class KeysFirstPaginator(Paginator):
    """Reads a page in one query that first finds the page's keys, sorting and filtering on
    keys alone, and only then reads those rows with everything they show: the database
    computes what a row displays for the rows of the page, not for every matching row."""

    def __init__(self, object_list, per_page, read_rows):
        super().__init__(object_list, per_page)
        self.read_rows = read_rows

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        keys = self.object_list.values("pk")[bottom : bottom + self.per_page]
        rows = self.read_rows(self.object_list.filter(pk__in=keys))
        return self._get_page(rows, number, self)


class DashboardTable(tables.Table):
    """Page sizes are limited to PAGE_SIZES whatever the query string asks for."""

    def paginate(self, paginator_class=None, per_page=None, page=1, *args, **kwargs):
        if per_page not in PAGE_SIZES:
            per_page = DEFAULT_PAGE_SIZE
        self.paginator = KeysFirstPaginator(self.data.data, per_page, self.page_rows)
        # A page number that is not one, or past the end, shows the first or the last page.
        self.page = self.paginator.get_page(page)
        return self

    def page_rows(self, queryset):
        """The rows of one page, with what they display beyond the sorted queryset."""
        return queryset

    def details(self, records):
        """What the cells show beyond the row itself, read for the whole page at once."""
        return {}

    def body_html(self):
        """The rows of the current page as HTML."""
        records = list(self.page.object_list)
        self.extra = self.details(records)
        self.language = get_language()
        cells = [(self._renderer(column), attrs_html(column.column.attrs.get("td", {}))) for column in self.columns]
        if not records:
            return mark_safe(f'<tr><td colspan="{len(cells)}">{esc(self.empty_text)}</td></tr>')
        return mark_safe("\n".join(
            "<tr>" + "".join(f"<td{attrs}>{esc(render(record))}</td>" for render, attrs in cells) + "</tr>"
            for record in records
        ))

    def html(self, query):
        """The whole table with its sortable headers and page links; `query` is the request's
        QueryDict, which every link keeps but for the sort and the page."""
        return mark_safe(
            f'<div class="table-wrap">\n<table{attrs_html(self._table_attrs())}>\n{self._head_html(query)}\n'
            f"<tbody>\n{self.body_html()}\n</tbody>\n</table>\n</div>\n{self._pages_html(query)}"
        )

    def _table_attrs(self):
        # django-tables2 keeps the attributes of thead, tbody and tfoot as dictionaries
        # among the table's own; they are not attributes of <table>.
        return {name: value for name, value in self.attrs.items() if not isinstance(value, dict)}

    def _head_html(self, query):
        base = _query_without(query, {self.order_by_field, self.page_field})
        cells = []
        for column in self.columns:
            header = esc(column.header)
            if not column.orderable:
                cells.append(f'<th scope="col">{header}</th>')
                continue
            sort = ""
            if column.is_ordered:
                descending = column.order_by_alias.is_descending
                sort = f' aria-sort="{"descending" if descending else "ascending"}"'
                header += " ▼" if descending else " ▲"
            href = esc(f"?{base}{self.order_by_field}={column.order_by_alias.next}&{self.page_field}=1")
            cells.append(f'<th scope="col"{sort}><a href="{href}">{header}</a></th>')
        return f"<thead>\n<tr>{''.join(cells)}</tr>\n</thead>"

    def _pages_html(self, query):
        page, paginator = self.page, self.paginator
        if paginator.num_pages <= 1:
            return ""
        base = _query_without(query, {self.page_field})

        def to(number, text, rel=""):
            return f'<a{rel} href="{esc(f"?{base}{self.page_field}={number}")}">{text}</a>'

        links = []
        if page.has_previous():
            links.append(to(page.previous_page_number(), esc(gettext("previous")), ' rel="prev"'))
        for number in page_range(page.number, paginator.num_pages):
            if number is None:
                links.append("<span>…</span>")
            elif number == page.number:
                links.append(f'<span aria-current="page" class="current">{number}</span>')
            else:
                links.append(to(number, number))
        if page.has_next():
            links.append(to(page.next_page_number(), esc(gettext("next")), ' rel="next"'))
        pages = esc(gettext("Pages"))
        return f'<nav class="pagination" aria-label="{pages}">{"".join(links)}</nav>'

    def _renderer(self, column):
        """The column's render_<name> method, or its value read through the accessor."""
        render = getattr(self, f"render_{column.name}", None)
        return render or (lambda record: column.accessor.resolve(record, quiet=True))

    def label(self, record, field, value=None):
        return label_of(type(record), field, getattr(record, field) if value is None else value, self.language)

    class Meta:
        attrs = {"class": "data"}
        order_by_field = "sort"
        page_field = "page"
        per_page_field = "per_page"


class PactTable(DashboardTable):
    # Counted values are kept on each pact for these sorts (sortkeys.py); pacts without a
    # coded commitment sort after every coded one. Status today is computed (order_status).
    STATUS_SORT = ("status_rank", "signed_on", "pk")

    short_name = Column(verbose_name=_("Pact"), order_by=("short_name", "pk"))
    status = Column(verbose_name=_("Status today"), accessor="pk", order_by=STATUS_SORT)
    parties = Column(verbose_name=_("Parties"), accessor="pk", order_by=("sort_parties", "pk"))
    signed = Column(verbose_name=_("Signed"), accessor="signed_on", order_by=("signed_on", "pk"), attrs=DATE_CELL)
    in_force = Column(
        verbose_name=_("In force"), accessor="in_force_on", order_by=("in_force_on", "pk"), attrs=DATE_CELL, default=""
    )
    ended = Column(
        verbose_name=_("Ended"), accessor="ended_on", order_by=("ended_on", "pk"), default="", attrs=DATE_CELL
    )
    multilaterality = Column(verbose_name=_("Kind"), order_by=("multilaterality", "pk"))
    commitments = Column(verbose_name=_("Headline commitment"), accessor="pk", order_by=("sort_strongest", "pk"))
    invocations = Column(verbose_name=_("Invocations"), accessor="invocation_count", order_by=("sort_invocations", "pk"))

    class Meta(DashboardTable.Meta):
        model = Pact
        fields = ()
        sequence = ("short_name", "status", "parties", "signed", "in_force", "ended", "multilaterality",
                    "commitments", "invocations")
        empty_text = _("No pact matches these filters.")

    def __init__(self, *args, **kwargs):
        self.today = timezone.localdate()  # before the sort, which may rank by status today
        super().__init__(*args, **kwargs)

    def order_status(self, queryset, is_descending):
        """Status today is computed: the sort adds it to its query alone, as an alias (the
        page's other queries copy every expression of the query they start from)."""
        return (
            queryset.alias(status_rank=pact_status_rank(self.today))
            .order_by(*(f"-{field}" if is_descending else field for field in self.STATUS_SORT)),
            True,
        )

    def page_rows(self, queryset):
        return pact_page_rows(queryset)

    def details(self, records):
        return pact_page_details([record.pk for record in records])

    def render_short_name(self, record):
        return mark_safe(f"{_pact_link(record)}<br><small>{esc(record.title)}</small>")

    def render_status(self, record):
        said = reasons.pact_status(record, self.today)
        note = gettext("entry into force inferred") if said.inferred else said.why
        return format_html('<span class="status status-{}">{}</span>{}', said.value, said.label,
                           format_html(' <small class="gap">{}</small>', note) if note else "")

    def render_parties(self, record):
        codes = self.extra["party_codes"].get(record.pk, [])
        shown = ", ".join(codes[:6]) + (f" +{len(codes) - 6}" if len(codes) > 6 else "")
        return mark_safe(f"{len(codes)} <small>{esc(shown)}</small>")

    def render_signed(self, record):
        return _date(record, "signed")

    def render_in_force(self, record):
        if record.in_force_on is None and record.in_force_inferred_on is not None:
            return format_html("{} <small>{}</small>", _date(record, "in_force_inferred"), gettext("(inferred)"))
        return _date(record, "in_force")

    def render_ended(self, record):
        if record.ended_on is None:
            return ""
        return mark_safe(f'{esc(_date(record, "ended"))} <small>{esc(self.label(record, "end_reason"))}</small>')

    def render_multilaterality(self, record):
        return self.label(record, "multilaterality")

    def render_commitments(self, record):
        return headline(self.extra["headlines"].get(record.pk, []), self.language)


def scope_names(commitment, role, sides):
    """Who is obliged (or protected): every party, or the listed states. `sides` are
    (role, state name) pairs."""
    scope = commitment.obliged_scope if role == "obliged" else commitment.protected_scope
    if scope == PartyScope.ALL_PARTIES:
        return _("every party") if role == "obliged" else _("every other party")
    return ", ".join(name for side_role, name in sides if side_role == role)


def side_names(commitment, role):
    """scope_names for a commitment with its sides prefetched."""
    return scope_names(commitment, role, [(side.role, side.state.name) for side in commitment.sides.all()])


def _why(value, evidence, language, quoted=None):
    """A coded value with its excerpt and rationale one click away (an Evidence, as
    queries.commitment_page_details reads it). `quoted` keeps, for one page, the HTML of
    each excerpt already written (by excerpt key, which is unique): a commitment's coding
    notes mostly quote the same few excerpts, and escaping a long excerpt again cost the
    matrix more than the rest of its cell."""
    if evidence is None:
        return esc(value)
    e = evidence
    quote = quoted.get(e.excerpt_key) if quoted is not None else None
    if quote is None:
        quote = (
            f'<blockquote>{esc(reading_form(e.text))}</blockquote>',
            f'<a href="{esc(link("source-detail", e.source_key))}#excerpt-{esc(e.excerpt_key)}">{esc(e.publisher)}</a>',
        )
        if quoted is not None:
            quoted[e.excerpt_key] = quote
    return (
        f'<details class="why"><summary>{esc(value)}</summary>{quote[0]}<p>{esc(e.rationale)}</p>'
        f'<p class="meta">{quote[1]} · {esc(label_of(CodingNote, "confidence", e.confidence, language))} · '
        f"{esc(provenance_who(e.coded_by, e.reviewed_by))}</p></details>"
    )


def provenance_who(coded_by, reviewed_by):
    """Who coded a value and who reviewed it, as the evidence of a coded value says it."""
    if reviewed_by:
        return gettext("coded by %(coder)s, reviewed by %(reviewer)s") % {"coder": coded_by, "reviewer": reviewed_by}
    return gettext("coded by %(coder)s, not yet reviewed") % {"coder": coded_by}


class CommitmentTable(DashboardTable):
    pact = Column(verbose_name=_("Pact"), order_by=("pact__signed_on", "pact__slug", "clause__order", "pk"))
    article = Column(verbose_name=_("Article"), accessor="clause__label", order_by=("pact__slug", "clause__order", "pk"))
    obliged = Column(verbose_name=_("From"), accessor="obliged_scope", orderable=False)
    protected = Column(verbose_name=_("To"), accessor="protected_scope", orderable=False)
    commitment_type = Column(order_by=("commitment_type", "pk"), verbose_name=_("Type"))
    trigger_event = Column(order_by=("trigger_event", "pk"), verbose_name=_("Trigger"))
    trigger_scope = Column(order_by=("trigger_scope", "pk"), verbose_name=_("Where"))
    adversary_scope = Column(order_by=("adversary_scope", "pk"), verbose_name=_("Against whom"))
    conditions = Column(verbose_name=_("Conditions"), accessor="pk", orderable=False)
    obligation = Column(order_by=("obligation", "pk"), verbose_name=_("Obligation"))
    automaticity = Column(order_by=("automaticity", "pk"), verbose_name=_("Automaticity"))
    immediacy = Column(order_by=("immediacy", "pk"), verbose_name=_("Timing"))
    means = Column(order_by=("means", "pk"), verbose_name=_("Means"))
    legal = Column(verbose_name=_("Legal references"), accessor="cites_un_article_51", orderable=False)

    class Meta(DashboardTable.Meta):
        model = Commitment
        fields = ()
        sequence = ("pact", "article", "obliged", "protected", "commitment_type", "trigger_event",
                    "trigger_scope", "adversary_scope", "conditions", "obligation", "automaticity",
                    "immediacy", "means", "legal")
        empty_text = _("No commitment matches these filters.")

    def details(self, records):
        self.quoted = {}  # excerpts already written on this page (see _why)
        return commitment_page_details([record.pk for record in records])

    def render_pact(self, record):
        return mark_safe(_pact_link(record.pact))

    def render_article(self, record):
        return mark_safe(
            f'<a href="{esc(link("pact-detail", record.pact.slug))}#clause-{record.clause.order}">'
            f"{esc(article_label(record.clause.label))}</a>"
        )

    def render_obliged(self, record):
        return scope_names(record, "obliged", self.extra["sides"].get(record.pk, ()))

    def render_protected(self, record):
        return scope_names(record, "protected", self.extra["sides"].get(record.pk, ()))

    def _coded(self, record, dimension, value):
        return mark_safe(_why(value, self.extra["notes"].get(record.pk, {}).get(dimension), self.language, self.quoted))

    def render_commitment_type(self, record):
        return self._coded(record, CodedDimension.TYPE, self.label(record, "commitment_type"))

    def render_trigger_event(self, record):
        return self._coded(record, CodedDimension.TRIGGER_EVENT, self.label(record, "trigger_event"))

    def render_trigger_scope(self, record):
        value = self.label(record, "trigger_scope")
        if record.named_area:
            value = f"{value}: {record.named_area}"
        return self._coded(record, CodedDimension.TRIGGER_SCOPE, value)

    def render_adversary_scope(self, record):
        value = self.label(record, "adversary_scope")
        if record.named_adversary:
            value = f"{value}: {record.named_adversary}"
        return self._coded(record, CodedDimension.ADVERSARY, value)

    def render_conditions(self, record):
        conditions = self.extra["conditions"].get(record.pk)
        if not conditions:
            return format_html('<span class="muted">{}</span>', gettext("none"))
        return mark_safe("".join(
            _why(label_of(CommitmentCondition, "condition", condition, self.language) + (f": {detail}" if detail else ""),
                 evidence, self.language, self.quoted)
            for condition, detail, evidence in conditions
        ))

    def render_obligation(self, record):
        return self._coded(record, CodedDimension.OBLIGATION, self.label(record, "obligation"))

    def render_automaticity(self, record):
        return self._coded(record, CodedDimension.AUTOMATICITY, self.label(record, "automaticity"))

    def render_immediacy(self, record):
        return self._coded(record, CodedDimension.IMMEDIACY, self.label(record, "immediacy"))

    def render_means(self, record):
        return self._coded(record, CodedDimension.MEANS, self.label(record, "means"))

    def render_legal(self, record):
        return self._coded(record, CodedDimension.LEGAL_REFERENCES, legal_references(record))


def legal_references(commitment):
    refs = []
    if commitment.cites_un_article_51:
        refs.append(str(_("UN Charter Article 51")))
    if commitment.reports_to_security_council:
        refs.append(str(_("reports to the Security Council")))
    return "; ".join(refs) or str(_("none"))
