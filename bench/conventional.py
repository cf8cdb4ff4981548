"""The pact list and the matrix built the conventional way, for bench/pages.py to time beside
the dashboard's own (`--peer`).

django-filter's FilterView with the dashboard's own filter sets (the same rows) and the
stock form, rendered by Django's widget templates; django-tables2's SingleTableMixin with
its stock template (`{% render_table %}`, `django_tables2/table.html`) and its stock
pagination; every cell a render_FOO method building its HTML with format_html from rows
read through select_related and prefetch_related. The numbers beside the filters' options
are counted as such a page counts them (`counted_options`): per filter, a filter set of the
same query without that filter, its rows counted, then grouped by the filter's own lookup,
with the dashboard's bound (no numbers past it). The cells and the numbers are the
dashboard's (tests/test_conventional_peer.py compares them), without the dashboard's batched
page queries and shared row sets, Python-built rows and widgets, or keys-first pagination.
"""

from django import forms
from django.db.models import Count, Prefetch
from django.template import engines
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django_filters.views import FilterView
from django_tables2 import Column, SingleTableMixin, Table

from alliances.pacts import widgets
from alliances.pacts import reasons
from alliances.pacts.articles import article_label
from alliances.pacts.choices import Condition, Confidence, PartyScope, label_of
from alliances.pacts.counting import count_limit
from alliances.pacts.dates import format_date
from alliances.pacts.dimensions import AUTOMATICITY, DIMENSIONS, IMMEDIACY, OBLIGATION, TYPE, Conditions, with_detail
from alliances.pacts.filtersets import CommitmentFilterSet, PactFilterSet
from alliances.pacts.models import CodingNote, Commitment, CommitmentCondition, Pact, Party
from alliances.pacts.readable import reading_form
from alliances.pacts.standing import pact_status_rank
from alliances.pacts.strength import obligation_rank
from alliances.pacts.tables import provenance_who

STOCK_WIDGETS = {
    widgets.TextInput: lambda w: forms.TextInput(w.attrs),
    widgets.NumberInput: lambda w: forms.NumberInput(w.attrs),
    widgets.DateInput: lambda w: forms.DateInput({**w.attrs, "type": "date"}, format="%Y-%m-%d"),
    widgets.Select: lambda w: forms.Select(w.attrs, w.choices),
    widgets.SelectMultiple: lambda w: forms.SelectMultiple(w.attrs, w.choices),
}


class StockForm:
    """The filter set's form with Django's own widgets, rendered by their templates."""

    @property
    def form(self):
        form = super().form
        if not getattr(form, "stock_widgets", False):
            for field in form.fields.values():
                make = STOCK_WIDGETS.get(type(field.widget))
                if make is not None:
                    field.widget = make(field.widget)
            form.stock_widgets = True
        return form


class ConventionalPactFilterSet(StockForm, PactFilterSet):
    pass


class ConventionalCommitmentFilterSet(StockForm, CommitmentFilterSet):
    pass


def _date(record, name):
    day = getattr(record, f"{name}_on")
    return format_date(day, getattr(record, f"{name}_precision")) if day else ""


class ConventionalPactTable(Table):
    short_name = Column(verbose_name=_("Pact"), order_by=("short_name", "pk"))
    status = Column(verbose_name=_("Status today"), accessor="pk", order_by=("status_rank", "signed_on", "pk"))
    parties = Column(verbose_name=_("Parties"), accessor="pk", order_by=("sort_parties", "pk"))
    signed = Column(verbose_name=_("Signed"), accessor="signed_on", order_by=("signed_on", "pk"))
    in_force = Column(verbose_name=_("In force"), accessor="in_force_on", order_by=("in_force_on", "pk"),
                      empty_values=())
    ended = Column(verbose_name=_("Ended"), accessor="ended_on", order_by=("ended_on", "pk"), default="")
    multilaterality = Column(verbose_name=_("Kind"), order_by=("multilaterality", "pk"))
    commitments = Column(verbose_name=_("Headline commitment"), accessor="pk", order_by=("sort_strongest", "pk"))
    invocations = Column(verbose_name=_("Invocations"), accessor="invocation_count", order_by=("sort_invocations", "pk"))

    class Meta:
        model = Pact
        fields = ()
        attrs = {"class": "data"}
        order_by_field = "sort"
        empty_text = _("No pact matches these filters.")

    def __init__(self, *args, **kwargs):
        self.today = timezone.localdate()
        super().__init__(*args, **kwargs)

    def order_status(self, queryset, is_descending):
        fields = ("status_rank", "signed_on", "pk")
        return queryset.alias(status_rank=pact_status_rank(self.today)).order_by(
            *(f"-{f}" if is_descending else f for f in fields)), True

    def render_short_name(self, record):
        return format_html('<a href="{}">{}</a><br><small>{}</small>', record.get_absolute_url(), record.short_name,
                           record.title)

    def render_status(self, record):
        said = reasons.pact_status(record, self.today)
        note = _("entry into force inferred") if said.inferred else said.why
        return format_html('<span class="status status-{}">{}</span>{}', said.value, said.label,
                           format_html(' <small class="gap">{}</small>', note) if note else "")

    def render_parties(self, record):
        codes = [party.state.code for party in record.parties.all()]
        shown = ", ".join(codes[:6]) + (f" +{len(codes) - 6}" if len(codes) > 6 else "")
        return format_html("{} <small>{}</small>", len(codes), shown)

    def render_signed(self, record):
        return _date(record, "signed")

    def render_in_force(self, record):
        if record.in_force_on is None and record.in_force_inferred_on is not None:
            return format_html("{} <small>{}</small>", _date(record, "in_force_inferred"), _("(inferred)"))
        return _date(record, "in_force")

    def render_ended(self, record):
        return format_html("{} <small>{}</small>", _date(record, "ended"), record.get_end_reason_display())

    def render_commitments(self, record):
        described = sorted(
            {(label_of(TYPE.choices, c.commitment_type), label_of(OBLIGATION.choices, c.obligation),
              label_of(AUTOMATICITY.choices, c.automaticity), label_of(IMMEDIACY.choices, c.immediacy),
              obligation_rank(c.obligation), article_label(c.clause.label)) for c in record.commitments.all()},
            key=lambda d: (d[4], d[5]),
        )
        if not described:
            return format_html('<span class="muted">{}</span>', _("none coded"))
        if len({d[:4] for d in described}) == 1:
            kind, what, auto, when, _rank, article = described[0]
            return format_html("{}: {} ({}, {}) <small>{}</small>", kind, what, auto, when, article)
        s, w = described[0], described[-1]
        return format_html('<span class="differs">{}</span><br>{} <small>{}</small><br>{} <small>{}</small>',
                           _("commitments differ"),
                           _("strongest %(type)s: %(obligation)s") % {"type": s[0], "obligation": s[1]}, s[5],
                           _("weakest %(type)s: %(obligation)s") % {"type": w[0], "obligation": w[1]}, w[5])


def _why(value, note):
    if note is None:
        return format_html("{}", value)
    return format_html(
        '<details class="why"><summary>{}</summary><blockquote>{}</blockquote><p>{}</p>'
        '<p class="meta"><a href="{}#excerpt-{}">{}</a> · {} · {}</p></details>',
        value, reading_form(note.excerpt.text), note.rationale, reverse("pacts:source-detail", args=[note.excerpt.source.key]),
        note.excerpt.key, note.excerpt.source.publisher, label_of(Confidence, note.confidence),
        provenance_who(note.coded_by, note.reviewed_by),
    )


class ConventionalCommitmentTable(Table):
    pact = Column(verbose_name=_("Pact"), order_by=("pact__signed_on", "pact__slug", "clause__order", "pk"))
    article = Column(verbose_name=_("Article"), accessor="clause__label", order_by=("pact__slug", "clause__order", "pk"))
    obliged = Column(verbose_name=_("From"), accessor="obliged_scope", orderable=False)
    protected = Column(verbose_name=_("To"), accessor="protected_scope", orderable=False)

    class Meta:
        model = Commitment
        fields = ()
        attrs = {"class": "data"}
        order_by_field = "sort"
        empty_text = _("No commitment matches these filters.")

    def render_pact(self, record):
        return format_html('<a href="{}">{}</a>', record.pact.get_absolute_url(), record.pact.short_name)

    def render_article(self, record):
        return format_html('<a href="{}#clause-{}">{}</a>', record.pact.get_absolute_url(), record.clause.order,
                           article_label(record.clause.label))

    def _sides(self, record, role):
        scope = getattr(record, f"{role}_scope")
        if scope == PartyScope.ALL_PARTIES:
            return _("every party") if role == "obliged" else _("every other party")
        return ", ".join(side.state.name for side in record.sides.all() if side.role == role)

    def render_obliged(self, record):
        return self._sides(record, "obliged")

    def render_protected(self, record):
        return self._sides(record, "protected")


def _coded_column(dimension):
    """A coded dimension as a stock column with a render method reading prefetched notes."""
    if isinstance(dimension, Conditions):
        def render(record):
            conditions = list(record.conditions.all())
            if not conditions:
                return format_html('<span class="muted">{}</span>', _("none"))
            return format_html_join("", "{}", ((_why(with_detail(label_of(Condition, c.condition), c.detail), c),)
                                               for c in conditions))
        column = Column(verbose_name=dimension.label, accessor="pk", orderable=False)
    else:
        def render(record):
            notes = {note.dimension: note for note in record.notes.all()}
            return _why(dimension.text(record), notes.get(dimension.note))
        if dimension.sortable:
            column = Column(verbose_name=dimension.label, accessor=dimension.field, order_by=(dimension.field, "pk"))
        else:
            column = Column(verbose_name=dimension.label, accessor="pk", orderable=False)
    column.render = lambda record: render(record)
    return column


for _dimension in DIMENSIONS:
    ConventionalCommitmentTable.base_columns[_dimension.name] = _coded_column(_dimension)


def counted_options(filterset):
    """{filter name: {option value: rows}, or None past the bound}, as
    DashboardFilterSet.facet_counts answers, counted the conventional way: for each filter
    with counted options, a new filter set of the query without that filter (each reading
    its rows again, a search included), its rows counted, and where they are no more than
    the dashboard's bound, grouped by the filter's own lookup (`facet`): two queries per
    filter, or one past the bound."""
    filterset.form.is_valid()
    model = filterset._meta.model
    limit = count_limit()
    counts = {}
    for name, filter_ in filterset.filters.items():
        if getattr(filter_, "facet", None) is None:
            continue
        data = filterset.data.copy()
        if not filter_.counted_with_own_choice():
            data.pop(name, None)
        own = name in filterset.own_filter_names
        if own or model is Commitment:
            rows, path = type(filterset)(data, queryset=model.objects.all()).qs, "pk" if own else "commitments"
        else:  # a commitment's filter on the pact list: the commitments meeting the conditions
            rows, path = filterset.counterpart(data, queryset=Commitment.objects.all()).qs, "pact"
        if rows.count() > limit:
            counts[name] = None
            continue
        counts[name] = {row["value"]: row["n"] for row in filter_.facet(rows, path).order_by()
                        if row["value"] is not None}
    return counts


def with_counts(form, counts):
    """The form's options labelled with their numbers, "Poland (12)"; a filter past the
    bound keeps its labels."""
    for name, counted in counts.items():
        field = form.fields[name]
        if counted is not None:
            field.choices = [(value, f"{label} ({counted.get(str(value), 0)})" if value not in ("", None) else label)
                             for value, label in field.choices]
    return [str(form.fields[name].label) for name, counted in counts.items() if counted is None]


PAGE = engines["django"].from_string("""{% extends "base.html" %}{% load i18n django_tables2 %}
{% block content %}
<h1>{{ title }}</h1>
<form method="get" class="filters">{{ filter.form }}<button type="submit">{% translate "Apply filters" %}</button></form>
{% if uncounted %}<p class="meta">{% blocktranslate %}No numbers beside the options of {{ uncounted }}.{% endblocktranslate %}</p>{% endif %}
<p class="meta">{% blocktranslate count counter=table.paginator.count %}{{ counter }} row matches.{% plural %}{{ counter }} rows match.{% endblocktranslate %}</p>
{% render_table table %}
{% endblock %}""")


class ConventionalList(SingleTableMixin, FilterView):
    table_pagination = {"per_page": 25}
    strict = False
    title = ""

    def get_table_data(self):
        return self.object_list

    def render_to_response(self, context, **kwargs):
        from django.http import HttpResponse

        context["title"] = self.title
        context["counts"] = counted_options(self.filterset)
        context["uncounted"] = ", ".join(with_counts(self.filterset.form, context["counts"]))
        return HttpResponse(PAGE.render(context, self.request))


class ConventionalPactList(ConventionalList):
    filterset_class = ConventionalPactFilterSet
    table_class = ConventionalPactTable
    title = _("Pacts")

    def get_queryset(self):
        return Pact.objects.order_by("signed_on", "slug", "pk").annotate(invocation_count=Count("invocations")).prefetch_related(
            Prefetch("parties", queryset=Party.objects.select_related("state").order_by("joined_on", "state__code")),
            Prefetch("commitments", queryset=Commitment.objects.select_related("clause").order_by("clause__order", "key")),
        )


class ConventionalMatrix(ConventionalList):
    filterset_class = ConventionalCommitmentFilterSet
    table_class = ConventionalCommitmentTable
    title = _("Compare commitments")

    def get_queryset(self):
        return (
            Commitment.objects.order_by("pact__signed_on", "pact__slug", "clause__order", "key", "pk")
            .select_related("pact", "clause")
            .prefetch_related(
                "sides__state",
                Prefetch("notes", queryset=CodingNote.objects.select_related("excerpt__source")),
                Prefetch("conditions", queryset=CommitmentCondition.objects.select_related("excerpt__source")),
            )
        )


urlpatterns = [
    path("bench-conventional/pacts/", ConventionalPactList.as_view(), name="conventional-pact-list"),
    path("bench-conventional/compare/", ConventionalMatrix.as_view(), name="conventional-matrix"),
]
