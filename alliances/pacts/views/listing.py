"""Filterable, sortable, exportable tables: the pact list and the comparison matrix.

A list view is configuration: its rows, its filter set, its table and template. One
template serves the whole page and, for an htmx request aimed at the dashboard region, only
that region (filters, chips and table). The query string carries every filter, the sort
and the page, so each view can be bookmarked and Back restores it.
"""

from urllib.parse import parse_qsl, urlsplit

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from ..choices import ExportFormat
from ..counting import count_limit
from ..dates import format_day
from ..exports import XLSX_ROW_LIMIT, TooManyRows, export_response
from ..html import html, html_join
from ..models import State
from ..standing import NUCLEAR_ARMED
from ..tables import DEFAULT_PAGE_SIZE, PAGE_SIZES, query_string

REGION = "dashboard"


def is_region_request(request):
    """An htmx request that swaps only the dashboard region (not a history restore,
    which needs the whole page)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and htmx.target == REGION and not htmx.history_restore_request


def chips(filterset, query):
    """The applied filters, each with the address of the same view without it."""
    result = []
    form = filterset.form
    for name, value in getattr(form, "cleaned_data", {}).items():
        if value in (None, "", []):
            continue
        field = form.fields[name]
        labels = dict(field.choices) if hasattr(field, "choices") else {}
        for item in value if isinstance(value, list) else [value]:
            remaining = query.copy()
            raw = remaining.getlist(name)
            shown = str(labels.get(item, item))
            kept = [v for v in raw if v != str(item)] if len(raw) > 1 else []
            remaining.setlist(name, kept)
            result.append({"label": field.label, "value": shown, "url": "?" + query_string(remaining, {"page"})})
    return result


def nuclear_gaps(cleaned):
    """Where the nuclear-armed filter answers, how many states it cannot say of: the data
    is incomplete, and the answer says so (standing.NUCLEAR_ARMED's "unknown")."""
    if not cleaned.get("nuclear"):
        return []
    day = cleaned.get("on") or timezone.localdate()
    unknown = State.objects.filter(NUCLEAR_ARMED.q(day, [None])).count()
    if not unknown:
        return []
    return [(messages.INFO, ngettext(
        "%(count)d state's nuclear weapons on %(day)s are not known to the data (no status recorded, or a date "
        "known only in part): it is not counted as armed.",
        "%(count)d states' nuclear weapons on %(day)s are not known to the data (no status recorded, or a date "
        "known only in part): they are not counted as armed.", unknown) % {"count": unknown, "day": format_day(day)})]


class FilteredTableView(TemplateView):
    queryset = None  # the rows before any filter, in their default order
    filterset_class = None
    table_class = None
    paginator_class = None  # the table's own (KeysFirstPaginator) unless set
    export_name = "export"  # the word an export's file name starts with
    export_title = None  # the name of an Excel export's sheet

    def get_queryset(self):
        return self.queryset.all()

    def get(self, request, *args, **kwargs):
        query = request.GET
        if not request.htmx and any(value == "" for _name, values in query.lists() for value in values):
            # A form sent without htmx sends its empty fields too: the address keeps only
            # what is asked (htmx's requests are named so by set_history).
            return HttpResponseRedirect(self.address(query))
        # What the query string asks that cannot be done is named on the page. It is kept
        # aside until a page is rendered: an export that downloads (from a page that named
        # it already) must not leave it in the message store for the next page opened.
        self.notices = []
        self.filterset = self.filterset_class(query or None, queryset=self.get_queryset(), request=request)
        rows = self.filterset.qs  # the valid filters; the invalid are named, not fatal
        self.notices += [(messages.ERROR, notice) for notice in self.filterset.error_messages]
        self.notices += nuclear_gaps(getattr(self.filterset.form, "cleaned_data", {}))
        # The day a column asks a standing of: the "in force on" filter's, or today.
        day = getattr(self.filterset.form, "cleaned_data", {}).get("on")
        self.table = self.table_class(rows, absolute_url=request.build_absolute_uri, day=day,
                                      shown=self.shown_columns())
        self.sort = self.apply_sort(query.get(self.table.order_by_field, ""))
        self.per_page = self.page_size(query.get("per_page", ""))
        export_format = query.get("export", "")
        if export_format in ExportFormat.values:
            try:
                return export_response(self.table.for_export(), export_format, self.export_name, self.export_title)
            except TooManyRows:
                self.notices.append((messages.ERROR, _(
                    "Excel exports hold at most %(limit)s rows; this view has more. Export CSV or JSON instead."
                ) % {"limit": intcomma(XLSX_ROW_LIMIT)}))
        elif export_format:
            self.notices.append((messages.ERROR, _("Export “%(value)s” ignored: choose one of %(formats)s.") % {
                "value": export_format[:40], "formats": ", ".join(ExportFormat.values)}))
        self.paginate(query.get(self.table.page_field, ""))
        for level, notice in self.notices:
            messages.add_message(request, level, notice)
        response = self.render_to_response(self.get_context_data(**kwargs))
        patch_vary_headers(response, ["HX-Request", "HX-Target"])
        if is_region_request(request):
            self.set_history(request, response)
        return response

    def address(self, query, without=()):
        """This view's address for `query`, without empty parameters nor those `without` names."""
        kept = query_string(query, without)
        return self.request.path + ("?" + kept if kept else "")

    def set_history(self, request, response):
        """One history entry per change: the region's response names the address it shows
        (without empty fields), pushed when it differs from the one the browser shows and put
        in its place when it does not (a field left after typing sends the same filters again)."""
        shown = self.address(request.GET)
        current = urlsplit(request.headers.get("HX-Current-URL", ""))
        same = current.path == request.path and sorted(parse_qsl(current.query)) == sorted(parse_qsl(urlsplit(shown).query))
        response["HX-Replace-Url" if same else "HX-Push-Url"] = shown

    def paginate(self, asked):
        """The page the address asks for; one that is not a page number, or past the last
        page, is named, and the first or the last page shown."""
        number = 1
        if asked:
            try:
                number = int(asked)
                if number < 1:
                    raise ValueError
            except ValueError:
                self.notices.append((messages.ERROR, _(
                    "Page “%(page)s” ignored: a page is a whole number from 1; this is the first page."
                ) % {"page": asked[:40]}))
                number = 1
        self.table.paginate(self.paginator_class, page=number, per_page=self.per_page)
        last = self.table.paginator.num_pages if self.table.row_count is not None else None
        if last is not None and number > max(last, 1):
            self.notices.append((messages.ERROR, ngettext(
                "Page %(page)s ignored: this view has %(pages)s page; this is the last.",
                "Page %(page)s ignored: this view has %(pages)s pages; this is the last.", last,
            ) % {"page": str(number)[:40], "pages": last}))

    def shown_columns(self):
        """The columns to show, in order, or None for the table's own (saved.TablePreferencesMixin)."""
        return None

    def apply_sort(self, asked):
        """Sort the table as the query string asks when it names one column that sorts, and
        return that sort; anything else (a mistyped or outdated sort from an old bookmark, or
        several columns, which each column's tie-break on the id would make moot) is noted
        and the table keeps its default order."""
        if not asked:
            return ""
        name = asked.removeprefix("-")
        if name in self.table.columns and self.table.columns[name].orderable:
            self.table.order_by = asked
            return asked
        # An address can be long; the message names the start of what was asked.
        self.notices.append((messages.WARNING, _(
            "Sort “%(sort)s” ignored: name one column of this table, with “-” before it for descending order."
        ) % {"sort": asked[:40]}))
        return ""

    def page_size(self, asked):
        """The number of rows per page the address asks for; any other than PAGE_SIZES is
        named, and the default used."""
        if not asked:
            return DEFAULT_PAGE_SIZE
        try:
            size = int(asked)
        except ValueError:
            size = None
        if size not in PAGE_SIZES:
            self.notices.append((messages.ERROR, _(
                "Rows per page “%(value)s” ignored: choose one of %(sizes)s; this page shows %(default)s."
            ) % {"value": asked[:40], "sizes": ", ".join(map(str, PAGE_SIZES)), "default": DEFAULT_PAGE_SIZE}))
            return DEFAULT_PAGE_SIZE
        return size

    def get_template_names(self):
        if is_region_request(self.request):
            return [f"{self.template_name}#dashboard"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET
        without_export = query_string(query, {"export", self.table.page_field})
        export_links = [{"label": label, "url": "?" + "&".join(filter(None, [without_export, f"export={value}"]))}
                        for value, label in ExportFormat.choices]
        applied = chips(self.filterset, query)
        form = self.filterset.form
        uncounted = []
        for name, counts in self.filterset.facet_counts().items():
            form.fields[name].widget.counts = counts  # this form's own copy of the widget
            if counts is None:
                uncounted.append(str(form.fields[name].label))
        first = [name for name in self.filterset.first_filters if name in form.fields]
        per_page = self.per_page
        # The parts of the region repeated per filter, link or size, built as the rows are.
        remove, removal = _("Remove this filter"), _("remove")
        context.update(
            filter=self.filterset,
            filter_fields=form.boxes(first),
            more_filter_fields=form.boxes([name for name in form.fields if name not in first]),
            more_filters_open=self.filterset.more_filters_set(),
            table=self.table,
            table_html=self.table.html(query),
            chips=applied,
            chips_html=html_join("\n", '<li><a href="{}" title="{}">{}: {} <span aria-hidden="true">×</span>'
                                 '<span class="visually-hidden">{}</span></a></li>',
                                 ((chip["url"], remove, chip["label"], chip["value"], removal) for chip in applied)),
            export_links=export_links,
            export_links_html=html_join(" · ", '<a href="{}" hx-boost="false" download>{}</a>',
                                        ((link["url"], link["label"]) for link in export_links)),
            xlsx_limit=XLSX_ROW_LIMIT,
            per_page=per_page,
            page_size_options=html_join("", '<option value="{}"{}>{}</option>', (
                (size, html(" selected") if size == per_page else "", size) for size in PAGE_SIZES)),
            sort=self.sort,
            uncounted_filters=", ".join(uncounted),
            count_limit=count_limit(),
        )
        return context
