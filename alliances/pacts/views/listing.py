"""Filterable, sortable, exportable tables: the pact list and the comparison matrix.

A list view is configuration: its rows, its filter set, its table and template. One
template serves the whole page and, for an htmx request aimed at the dashboard region, only
that region (filters, chips and table). The query string carries every filter, the sort
and the page, so each view can be bookmarked and Back restores it.
"""

from django.contrib import messages
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from ..choices import ExportFormat
from ..dates import format_day
from ..exports import XLSX_ROW_LIMIT, TooManyRows, export_response
from ..html import html, html_join
from ..models import State
from ..standing import NUCLEAR_ARMED
from ..tables import DEFAULT_PAGE_SIZE, PAGE_SIZES

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
            remaining.pop("page", None)
            result.append({"label": field.label, "value": shown, "url": "?" + remaining.urlencode()})
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
    export_name = "export"

    def get_queryset(self):
        return self.queryset.all()

    def get(self, request, *args, **kwargs):
        query = request.GET
        # What the query string asks that cannot be done is named on the page. It is kept
        # aside until a page is rendered: an export that downloads (from a page that named
        # it already) must not leave it in the message store for the next page opened.
        self.notices = []
        self.filterset = self.filterset_class(query or None, queryset=self.get_queryset(), request=request)
        rows = self.filterset.qs  # the valid filters; the invalid are named, not fatal
        for label, errors in self.filterset.errors_by_label:
            self.notices.append((messages.ERROR, _("Filter “%(label)s” ignored: %(errors)s")
                                 % {"label": label, "errors": " ".join(errors)}))
        self.notices += nuclear_gaps(getattr(self.filterset.form, "cleaned_data", {}))
        # The day a column asks a standing of: the "in force on" filter's, or today.
        day = getattr(self.filterset.form, "cleaned_data", {}).get("on")
        self.table = self.table_class(rows, absolute_url=request.build_absolute_uri, day=day,
                                      shown=self.shown_columns())
        self.sort = self.apply_sort(query.get(self.table.order_by_field, ""))
        export_format = query.get("export")
        if export_format in ExportFormat.values:
            try:
                return export_response(self.table.for_export(), export_format, self.export_name)
            except TooManyRows:
                self.notices.append((messages.ERROR, _(
                    "Excel exports hold at most %(limit)s rows; this view has more. Export CSV or JSON instead."
                ) % {"limit": intcomma(XLSX_ROW_LIMIT)}))
        for level, notice in self.notices:
            messages.add_message(request, level, notice)
        self.table.paginate(self.paginator_class, page=query.get("page", 1), per_page=self.page_size(query))
        response = self.render_to_response(self.get_context_data(**kwargs))
        patch_vary_headers(response, ["HX-Request", "HX-Target"])
        return response

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

    @staticmethod
    def page_size(query):
        try:
            size = int(query.get("per_page", DEFAULT_PAGE_SIZE))
        except (TypeError, ValueError):
            return DEFAULT_PAGE_SIZE
        return size if size in PAGE_SIZES else DEFAULT_PAGE_SIZE

    def get_template_names(self):
        if is_region_request(self.request):
            return [f"{self.template_name}#dashboard"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET
        without_export = query.copy()
        without_export.pop("export", None)
        export_links = []
        for value, label in ExportFormat.choices:
            with_format = without_export.copy()
            with_format["export"] = value
            export_links.append({"label": label, "url": "?" + with_format.urlencode()})
        applied = chips(self.filterset, query)
        per_page = self.page_size(query)
        # The parts of the region repeated per filter, link or size, built as the rows are.
        remove, removal = _("Remove this filter"), _("remove")
        context.update(
            filter=self.filterset,
            filter_fields=self.filterset.form.boxes(),
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
        )
        return context
