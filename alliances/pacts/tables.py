"""Tables of the dashboard: the pact list and the comparison matrix.

Cells are built as HTML in Python (format_html escapes every value) rather than with a
template per cell: it keeps a page of rows cheap to render.
"""

import django_tables2 as tables
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from .choices import OBLIGATION_STRENGTH, PactStatus, PartyScope
from .dates import format_date
from .models import Commitment, Pact

PAGE_SIZES = (10, 25, 50, 100)
DATE_CELL = {"td": {"class": "date"}}
DEFAULT_PAGE_SIZE = 25


class DashboardTable(tables.Table):
    """Page sizes are limited to PAGE_SIZES whatever the query string asks for."""

    def paginate(self, paginator_class=Paginator, per_page=None, page=1, *args, **kwargs):
        if per_page not in PAGE_SIZES:
            per_page = DEFAULT_PAGE_SIZE
        return super().paginate(paginator_class, per_page, page, *args, **kwargs)

    class Meta:
        template_name = "pacts/_table.html"
        attrs = {"class": "data"}
        order_by_field = "sort"
        page_field = "page"
        per_page_field = "per_page"


def _date(obj, field):
    value = getattr(obj, f"{field}_on")
    return "" if value is None else format_date(value, getattr(obj, f"{field}_precision"))


def _pact_link(pact):
    return format_html('<a href="{}">{}</a>', pact.get_absolute_url(), pact.short_name)


def strength(obligation):
    return OBLIGATION_STRENGTH.index(obligation) if obligation in OBLIGATION_STRENGTH else len(OBLIGATION_STRENGTH)


def headline(commitments):
    """A pact's commitments in one cell: the single coding, or that they differ, with the
    strongest and the weakest."""
    if not commitments:
        return format_html('<span class="muted">{}</span>', _("none coded"))
    described = sorted(
        {(c.get_commitment_type_display(), c.get_obligation_display(), c.get_automaticity_display(),
          c.get_immediacy_display(), strength(c.obligation), c.clause.label) for c in commitments},
        key=lambda item: item[4],
    )
    if len({d[:4] for d in described}) == 1:
        kind, what, auto, when, _rank, label = described[0]
        return format_html("{}: {} ({}, {}) <small>{}</small>", kind, what, auto, when, label)
    strongest, weakest = described[0], described[-1]
    return format_html(
        '<span class="differs">{}</span><br>{} {}: {} <small>{}</small><br>{} {}: {} <small>{}</small>',
        _("commitments differ"),
        _("strongest"), strongest[0], strongest[1], strongest[5],
        _("weakest"), weakest[0], weakest[1], weakest[5],
    )


class PactTable(DashboardTable):
    short_name = tables.Column(verbose_name=_("Pact"), order_by=("short_name",))
    status = tables.Column(verbose_name=_("Status today"), accessor="status_rank", order_by=("status_rank", "signed_on"))
    parties = tables.Column(verbose_name=_("Parties"), accessor="party_count", order_by=("party_count",))
    signed = tables.Column(verbose_name=_("Signed"), accessor="signed_on", order_by=("signed_on",), attrs=DATE_CELL)
    in_force = tables.Column(
        verbose_name=_("In force"), accessor="in_force_on", order_by=("in_force_on",), attrs=DATE_CELL, default=""
    )
    ended = tables.Column(
        verbose_name=_("Ended"), accessor="ended_on", order_by=("ended_on",), default="", attrs=DATE_CELL
    )
    multilaterality = tables.Column(verbose_name=_("Kind"))
    commitments = tables.Column(
        verbose_name=_("Headline commitment"), accessor="pk", order_by=("strongest_rank",)
    )
    invocations = tables.Column(verbose_name=_("Invocations"), accessor="invocation_count", order_by=("invocation_count",))

    class Meta(DashboardTable.Meta):
        model = Pact
        fields = ()
        sequence = ("short_name", "status", "parties", "signed", "in_force", "ended", "multilaterality",
                    "commitments", "invocations")
        empty_text = _("No pact matches these filters.")

    def render_short_name(self, record):
        return format_html("{}<br><small>{}</small>", _pact_link(record), record.title)

    def render_status(self, record):
        status = record.status_on(timezone.localdate())
        return format_html('<span class="status status-{}">{}</span>', status, PactStatus(status).label)

    def render_parties(self, record):
        codes = [p.state.code for p in record.current_parties]
        shown = ", ".join(codes[:6]) + (f" +{len(codes) - 6}" if len(codes) > 6 else "")
        return format_html("{} <small>{}</small>", record.party_count, shown)

    def render_signed(self, record):
        return _date(record, "signed")

    def render_in_force(self, record):
        return _date(record, "in_force")

    def render_ended(self, record):
        if record.ended_on is None:
            return ""
        return format_html("{} <small>{}</small>", _date(record, "ended"), record.get_end_reason_display())

    def render_multilaterality(self, record):
        return record.get_multilaterality_display()

    def render_commitments(self, record):
        return headline(list(record.commitments.all()))


def side_names(commitment, role):
    scope = commitment.obliged_scope if role == "obliged" else commitment.protected_scope
    if scope == PartyScope.ALL_PARTIES:
        return _("every party") if role == "obliged" else _("every other party")
    return ", ".join(side.state.name for side in commitment.sides.all() if side.role == role)


def _why(value, note):
    """A coded value with its excerpt and rationale one click away."""
    if note is None:
        return value
    return format_html(
        '<details class="why"><summary>{}</summary><blockquote>{}</blockquote><p>{}</p>'
        '<p class="meta"><a href="{}#excerpt-{}">{}</a> · {}</p></details>',
        value, note.excerpt.text, note.rationale,
        reverse("source-detail", args=[note.excerpt.source.key]), note.excerpt.key, note.excerpt.source.publisher,
        note.get_confidence_display(),
    )


def notes_of(commitment):
    return {note.dimension: note for note in commitment.notes.all()}


class CommitmentTable(DashboardTable):
    pact = tables.Column(verbose_name=_("Pact"), order_by=("pact__signed_on", "pact__slug"))
    article = tables.Column(verbose_name=_("Article"), accessor="clause__label", order_by=("pact__slug", "clause__order"))
    obliged = tables.Column(verbose_name=_("From"), accessor="obliged_scope", orderable=False)
    protected = tables.Column(verbose_name=_("To"), accessor="protected_scope", orderable=False)
    commitment_type = tables.Column(verbose_name=_("Type"))
    trigger_event = tables.Column(verbose_name=_("Trigger"))
    trigger_scope = tables.Column(verbose_name=_("Where"))
    adversary_scope = tables.Column(verbose_name=_("Against whom"))
    conditions = tables.Column(verbose_name=_("Conditions"), accessor="pk", orderable=False)
    obligation = tables.Column(verbose_name=_("Obligation"))
    automaticity = tables.Column(verbose_name=_("Automaticity"))
    immediacy = tables.Column(verbose_name=_("Timing"))
    means = tables.Column(verbose_name=_("Means"))
    legal = tables.Column(verbose_name=_("Legal references"), accessor="cites_un_article_51", orderable=False)

    class Meta(DashboardTable.Meta):
        model = Commitment
        fields = ()
        sequence = ("pact", "article", "obliged", "protected", "commitment_type", "trigger_event",
                    "trigger_scope", "adversary_scope", "conditions", "obligation", "automaticity",
                    "immediacy", "means", "legal")
        empty_text = _("No commitment matches these filters.")

    def render_pact(self, record):
        return _pact_link(record.pact)

    def render_article(self, record):
        return format_html('<a href="{}#clause-{}">{}</a>', record.pact.get_absolute_url(), record.clause.order,
                           record.clause.label)

    def render_obliged(self, record):
        return side_names(record, "obliged")

    def render_protected(self, record):
        return side_names(record, "protected")

    def _coded(self, record, dimension, value):
        return _why(value, notes_of(record).get(dimension))

    def render_commitment_type(self, record):
        return self._coded(record, "type", record.get_commitment_type_display())

    def render_trigger_event(self, record):
        return self._coded(record, "trigger_event", record.get_trigger_event_display())

    def render_trigger_scope(self, record):
        value = record.get_trigger_scope_display()
        if record.named_area:
            value = f"{value}: {record.named_area}"
        return self._coded(record, "trigger_scope", value)

    def render_adversary_scope(self, record):
        value = record.get_adversary_scope_display()
        if record.named_adversary:
            value = f"{value}: {record.named_adversary}"
        return self._coded(record, "adversary", value)

    def render_conditions(self, record):
        conditions = list(record.conditions.all())
        if not conditions:
            return format_html('<span class="muted">{}</span>', _("none"))
        return format_html_join(
            "", "{}", ((_why(c.get_condition_display() + (f": {c.detail}" if c.detail else ""), c),) for c in conditions)
        )

    def render_obligation(self, record):
        return self._coded(record, "obligation", record.get_obligation_display())

    def render_automaticity(self, record):
        return self._coded(record, "automaticity", record.get_automaticity_display())

    def render_immediacy(self, record):
        return self._coded(record, "immediacy", record.get_immediacy_display())

    def render_means(self, record):
        return self._coded(record, "means", record.get_means_display())

    def render_legal(self, record):
        return self._coded(record, "legal_references", legal_references(record))


def legal_references(commitment):
    refs = []
    if commitment.cites_un_article_51:
        refs.append(str(_("UN Charter Article 51")))
    if commitment.reports_to_security_council:
        refs.append(str(_("reports to the Security Council")))
    return "; ".join(refs) or str(_("none"))
