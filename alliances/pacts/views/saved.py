"""Saved views and column choices of the dashboard's tables (the pact list, the matrix).

A saved view is a name for a table's address: its filters and sort (the query string) and
its columns. Its owner picks it from the table's menu, renames and deletes it; shared, it is
in every staff member's menu, for them to pick only. A column choice is kept per user and
table and applied whenever that user's table is shown or exported; an address may carry its
own (`columns=a,b,c`, as a saved view's link does), which then wins.

Who may do what (roles.py): every role keeps its own views and columns (they change no data
about pacts); sharing with all staff needs `pacts.share_savedview` (Editors). Each write
checks its permission; a view is changed or deleted only by its owner (another's is not
found: 404).
"""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import BooleanField, CharField, Q, Value
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from ..html import html, html_join
from ..models import SavedView, TableConfig, TableName
from ..models.saved_views import NAME_LENGTH, QUERY_LENGTH
from ..tables import CommitmentTable, PactTable, query_string
from ..tables.chosen import SEPARATOR, headers, parse, read_choice

COLUMNS = "columns"  # the address's parameter that names the columns shown
# Parameters of an address that are no part of a view: where one is in its rows, a download.
NOT_SAVED = ("page", "export", COLUMNS)

ADD, CHANGE, DELETE, SHARE = ("pacts.add_savedview", "pacts.change_savedview", "pacts.delete_savedview",
                              "pacts.share_savedview")
CHOOSE_COLUMNS = ("pacts.add_tableconfig", "pacts.change_tableconfig")
RESET_COLUMNS = "pacts.delete_tableconfig"


@dataclass(frozen=True)
class SavedTable:
    url_name: str
    table_class: type


TABLES = {
    TableName.PACTS: SavedTable("pacts:pact-list", PactTable),
    TableName.MATRIX: SavedTable("pacts:compare", CommitmentTable),
}


def kept_query(query):
    """A QueryDict (or query string) without what a view does not keep, as a query string."""
    if isinstance(query, str):
        query = QueryDict(query)
    return query_string(query, NOT_SAVED)


def table_address(table, query="", columns=()):
    """The address of `table` with `query` and, where given, the columns shown."""
    parts = [part for part in (query, COLUMNS + "=" + SEPARATOR.join(columns) if columns else "") if part]
    return reverse(TABLES[table].url_name) + ("?" + "&".join(parts) if parts else "")


def view_address(view, table=None):
    return table_address(table or view.table, view.query, view.columns)


def visible_views(user, table):
    """The views `user` may pick in `table`'s menu: their own and those shared with all staff."""
    return SavedView.objects.filter(table=table).filter(Q(owner=user) | Q(shared=True))


@dataclass(frozen=True)
class MenuView:
    pk: int
    name: str
    query: str
    columns: list
    owner_id: int
    owner_name: str


def preferences(user, table):
    """(the user's column choice for `table` or None, the views of its menu by name), read
    in one query: a table's page reads them on every request."""
    text, flag = Value("", output_field=CharField()), Value(False, output_field=BooleanField())
    views = visible_views(user, table).annotate(is_view=Value(True, output_field=BooleanField())).values_list(
        "is_view", "pk", "name", "query", "columns", "owner_id", "owner__username").order_by()
    config = TableConfig.objects.filter(user=user, table=table).annotate(
        is_view=flag, no_name=text, no_query=text, no_owner=text).values_list(
        "is_view", "pk", "no_name", "no_query", "columns", "user_id", "no_owner").order_by()
    columns, menu = None, []
    for is_view, pk, name, query, chosen, owner_id, owner_name in views.union(config, all=True):
        if is_view:
            menu.append(MenuView(pk, name, query, chosen, owner_id, owner_name))
        else:
            columns = chosen
    menu.sort(key=lambda view: (view.name, view.pk))
    return columns, menu


# --- on the table's page ---------------------------------------------------------------------

class TablePreferencesMixin:
    """For a FilteredTableView: the user's columns (or the address's) applied to the table and
    its exports, and the saved-views menu and column chooser in its context. Two queries per
    page whatever the rows: the user's column choice and the views in the menu."""

    table_name = None  # a TableName

    def shown_columns(self):
        self.column_config, self.menu = preferences(self.request.user, self.table_name)
        self.address_columns = ""
        asked = self.request.GET.get(COLUMNS)
        if asked is not None:
            names, errors = read_choice(self.table_class, parse(asked))
            if not errors:
                self.address_columns = SEPARATOR.join(names)
                return names
            self.notices.append((messages.ERROR, _("Columns “%(asked)s” ignored: %(errors)s")
                                 % {"asked": asked[:80], "errors": " ".join(errors)}))
        if self.column_config is not None:
            # A choice made before a column was removed keeps the columns that remain.
            names, errors = read_choice(self.table_class, self.column_config)
            if names:
                return names
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, query = self.request.user, self.request.GET
        kept = kept_query(query)
        shown = [bound.name for bound in self.table.columns]
        customised = self.table.shown is not None
        current = (kept, shown if customised else [])
        views = self.menu
        view_items = []
        for view in views:
            owner = "" if view.owner_id == user.pk else html(
                ' <small>{}</small>', _("shared by %(owner)s") % {"owner": view.owner_name})
            selected = html(' aria-current="true"') if (view.query, view.columns) == current else ""
            view_items.append((view_address(view, self.table_name), selected, view.name, owner))
        header_of = dict(headers(self.table_class))
        order = shown + [name for name in header_of if name not in shown]
        column_rows = [(name, html(" checked") if name in shown else "", header_of[name], position)
                       for position, name in enumerate(order, start=1)]
        context.update(
            table_name=self.table_name,
            address_columns=self.address_columns,
            saved_query=kept,
            saved_columns=SEPARATOR.join(shown) if customised else "",
            saved_views_count=len(views),
            saved_views_html=html_join(
                "\n", '<li><a href="{}"{}>{}</a>{}</li>', view_items),
            may_save_view=user.has_perm(ADD),
            may_share_view=user.has_perm(SHARE),
            may_choose_columns=user.has_perms(CHOOSE_COLUMNS),
            name_length=NAME_LENGTH,
            column_count=len(order),
            columns_customised=customised,
            column_rows_html=html_join("\n", (
                '<li><label><input type="checkbox" name="show" value="{0}"{1}> {2}</label> '
                '<label class="position">{4} <input type="number" name="position-{0}" value="{3}" min="1" '
                'max="99" inputmode="numeric"></label><input type="hidden" name="was-{0}" value="{3}"></li>'),
                ((name, checked, header, position, _("position")) for name, checked, header, position in column_rows)),
        )
        return context


# --- writes -----------------------------------------------------------------------------------

class SavedViewForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), strip=True, required=True, max_length=NAME_LENGTH,
                           error_messages={"required": gettext_lazy("Give the view a name.")})
    shared = forms.BooleanField(label=gettext_lazy("Shared with all staff"), required=False)

    def clean_name(self):
        return self.cleaned_data["name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["max_length"] = gettext_lazy(
            "A name has at most %(limit_value)d characters; this one has %(show_value)d.")


class NewSavedViewForm(SavedViewForm):
    table = forms.ChoiceField(choices=TableName.choices, error_messages={
        "invalid_choice": gettext_lazy("There is no table “%(value)s” whose views can be saved.")})
    query = forms.CharField(required=False, strip=False)
    columns = forms.CharField(required=False)

    def clean_query(self):
        query = kept_query(self.cleaned_data["query"])
        if len(query) > QUERY_LENGTH:
            raise forms.ValidationError(
                _("This view's filters are too long to save (at most %(limit)s characters in the address).")
                % {"limit": number_format(QUERY_LENGTH, force_grouping=True)})
        return query

    def clean(self):
        cleaned = super().clean()
        table = cleaned.get("table")
        asked = parse(cleaned.get("columns") or "")
        if table and asked:
            names, errors = read_choice(TABLES[table].table_class, asked)
            if errors:
                self.add_error("columns", " ".join(errors))
            cleaned["columns"] = names
        else:
            cleaned["columns"] = []
        return cleaned


def _duplicate(owner, table, name, exclude=None):
    same = SavedView.objects.filter(owner=owner, table=table, name=name)
    if exclude is not None:
        same = same.exclude(pk=exclude.pk)
    return same.exists()


def _duplicate_message(name):
    return _("You already have a view named “%(name)s” for this table: choose another name, or rename or delete "
             "that one.") % {"name": name}


def _report(request, form):
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _require(user, *permissions):
    if not user.has_perms(permissions):
        raise PermissionDenied


@require_POST
def save_view(request):
    """Save the table's current address under a name, for the user (and, if asked and
    allowed, for all staff)."""
    _require(request.user, ADD)
    form = NewSavedViewForm(request.POST)
    valid = form.is_valid()
    table = form.cleaned_data.get("table") if valid or "table" in getattr(form, "cleaned_data", {}) else None
    back = table_address(table, kept_query(request.POST.get("query", ""))) if table else reverse("pacts:saved-views")
    if not valid:
        _report(request, form)
        return redirect(back)
    data = form.cleaned_data
    if data["shared"]:
        _require(request.user, SHARE)
    if _duplicate(request.user, table, data["name"]):
        messages.error(request, _duplicate_message(data["name"]))
        return redirect(back)
    try:
        with transaction.atomic():
            view = SavedView.objects.create(owner=request.user, table=table, name=data["name"], query=data["query"],
                                            columns=data["columns"], shared=data["shared"])
    except IntegrityError:  # saved at the same moment from another page
        messages.error(request, _duplicate_message(data["name"]))
        return redirect(back)
    messages.success(request, _("View “%(name)s” saved.") % {"name": view.name})
    return redirect(view_address(view))


@require_POST
def rename_view(request, pk):
    _require(request.user, CHANGE)
    view = get_object_or_404(SavedView, pk=pk, owner=request.user)
    form = SavedViewForm(request.POST)
    if not form.is_valid():
        _report(request, form)
        return redirect("pacts:saved-views")
    name, shared = form.cleaned_data["name"], form.cleaned_data["shared"]
    if shared != view.shared:
        _require(request.user, SHARE)
    if _duplicate(request.user, view.table, name, exclude=view):
        messages.error(request, _duplicate_message(name))
        return redirect("pacts:saved-views")
    old = view.name
    view.name, view.shared = name, shared
    try:
        with transaction.atomic():
            view.save(update_fields=["name", "shared", "updated"])
    except IntegrityError:
        messages.error(request, _duplicate_message(name))
        return redirect("pacts:saved-views")
    messages.success(request, _("View “%(old)s” is now “%(name)s”, %(shared)s.") % {
        "old": old, "name": name, "shared": _("shared with all staff") if shared else _("private")})
    return redirect("pacts:saved-views")


@require_POST
def delete_view(request, pk):
    _require(request.user, DELETE)
    view = get_object_or_404(SavedView, pk=pk, owner=request.user)
    view.delete()
    messages.success(request, _("View “%(name)s” deleted.") % {"name": view.name})
    return redirect("pacts:saved-views")


@require_POST
def choose_columns(request):
    """Keep the user's columns for a table: the ticked ones, by their position numbers. Of
    columns given the same number, one whose number was changed comes first (typing 1 puts a
    column first), the others keep the table's order. "Reset" forgets the choice."""
    table = request.POST.get("table")
    if table not in TABLES:
        messages.error(request, _("There is no table “%(value)s” whose columns can be chosen.") % {"value": str(table)[:40]})
        return redirect("pacts:saved-views")
    back = table_address(table, kept_query(request.POST.get("query", "")))
    if "reset" in request.POST:
        _require(request.user, RESET_COLUMNS)
        TableConfig.objects.filter(user=request.user, table=table).delete()
        messages.success(request, _("This table shows its own columns again."))
        return redirect(back)
    _require(request.user, *CHOOSE_COLUMNS)
    table_class = TABLES[table].table_class
    header_of = dict(headers(table_class))
    order = list(header_of)
    positions, errors = {}, []
    for name in request.POST.getlist("show"):
        raw = request.POST.get(f"position-{name}", "").strip()
        index = order.index(name) if name in order else 0
        if not raw:
            positions[name] = (len(order) + 1, 1, index)
            continue
        try:
            number = int(raw)
        except ValueError:
            errors.append(_("The position of “%(column)s” must be a whole number, not “%(value)s”.")
                          % {"column": header_of.get(name, name[:40]), "value": raw[:20]})
            continue
        moved = raw != request.POST.get(f"was-{name}", "").strip()
        positions[name] = (number, 0 if moved else 1, index)
    names, choice_errors = read_choice(table_class, sorted(positions, key=positions.get))
    errors += choice_errors
    if errors:
        for error in errors:
            messages.error(request, error)
        messages.error(request, _("Your columns are unchanged."))
        return redirect(back)
    TableConfig.objects.update_or_create(user=request.user, table=table, defaults={"columns": names})
    messages.success(request, _("Your columns for this table are saved."))
    return redirect(back)


# --- the user's views, to rename and delete ---------------------------------------------------

class SavedViewsView(TemplateView):
    template_name = "pacts/saved_views.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        views = list(SavedView.objects.filter(Q(owner=user) | Q(shared=True)).select_related("owner")
                     .order_by("table", "name", "pk"))
        labels = dict(TableName.choices)
        context.update(
            own=[(labels[v.table], v, view_address(v)) for v in views if v.owner_id == user.pk],
            others=[(labels[v.table], v, view_address(v)) for v in views if v.owner_id != user.pk],
            tables=[(labels[name], table_address(name)) for name in TABLES],
            may_change=user.has_perm(CHANGE), may_delete=user.has_perm(DELETE), may_share=user.has_perm(SHARE),
            name_length=NAME_LENGTH,
        )
        return context
