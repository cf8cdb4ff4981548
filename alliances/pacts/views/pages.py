"""Home, pact, source and state pages."""

from functools import cache
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView

from ..articles import article_label
from ..atop_compare import compare_with_atop
from ..choices import LinkStatus, PactStatus
from ..models import (
    Claim,
    ClaimPact,
    Clause,
    ClauseVersion,
    CodingNote,
    Commitment,
    CommitmentCondition,
    Invocation,
    Pact,
    Party,
    Source,
    State,
)
from ..pictures import timelines, yearly
from ..seedfiles import read_seed_text
from ..standing import PACT_STATUS
from ..tables import display, esc, link


def today():
    return timezone.localdate()


# What each kind of edited record is called in the list of latest changes, read from its
# historical record with the related rows fetched in the same query.
CHANGE_LABELS = [
    (Pact, (), lambda r: r.short_name),
    (Party, ("state", "pact"), lambda r: f"{r.state.name} – {r.pact.short_name}"),
    (ClauseVersion, ("clause__pact",), lambda r: f"{r.clause.pact.short_name}, {article_label(r.clause.label)} ({r.label})"),
    (Commitment, (), lambda r: r.key),
]


def latest_changes(limit=10):
    """The most recent edits to pacts, parties, clause texts and commitments."""
    changes = []
    for model, related, label in CHANGE_LABELS:
        records = model.history.select_related("history_user", *related).order_by("-history_date")[:limit]
        for record in records:
            changes.append((record.history_date, model._meta.verbose_name, label(record), record))
    changes.sort(key=lambda item: item[0], reverse=True)
    return changes[:limit]


class DateForm(forms.Form):
    on = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))


def day_from(request):
    """The `on` date of the query string, or today; a bad date is reported, not fatal."""
    form = DateForm(request.GET)
    if form.is_valid() and form.cleaned_data["on"]:
        return form.cleaned_data["on"]
    if not form.is_valid():
        messages.error(request, _("The date “%(value)s” is not a date; showing today instead.") % {"value": request.GET.get("on", "")[:40]})
    return today()


class HomeView(TemplateView):
    template_name = "pacts/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        day = today()
        # The table lists the curated pacts; the others (ATOP-only, or any number more) are
        # counted and reached through the pact list.
        curated = list(
            Pact.objects.filter(curated=True)
            .annotate(
                party_count=Count("parties__state", distinct=True),
                clause_count=Count("clauses", distinct=True),
            )
            .order_by("signed_on", "slug")
        )
        # The rule the pact list's "in force on" filter applies, so the count and the list agree.
        in_force = Pact.objects.filter(PACT_STATUS.q(day, [PactStatus.IN_FORCE]))
        context["day"] = day
        context["rows"] = [(pact, pact.status_on(day)) for pact in curated]
        context["counts"] = {
            "pacts": Pact.objects.count(),
            "in_force": in_force.count(),
            "states": State.objects.count(),
            "commitments": Commitment.objects.count(),
            "invocations": Invocation.objects.count(),
            "sources": Source.objects.count(),
        }
        by_origin = yearly.counts(day)
        context["yearly_chart"] = yearly.chart(by_origin, day)
        context["yearly_rows"] = yearly.table_rows(by_origin)
        context["yearly_origins"] = [yearly.ORIGINS[origin] for origin in by_origin]
        context["changes"] = latest_changes()
        context["claims"] = Claim.objects.select_related("excerpt", "source").prefetch_related(
            Prefetch("subjects", queryset=ClaimPact.objects.select_related("pact"))
        )
        return context


class PactDetailView(DetailView):
    model = Pact
    template_name = "pacts/pact_detail.html"
    context_object_name = "pact"

    def get_queryset(self):
        return Pact.objects.select_related("replaces", "source").prefetch_related(
            Prefetch(
                "clauses",
                queryset=Clause.objects.prefetch_related(
                    Prefetch(
                        "versions",
                        queryset=ClauseVersion.objects.select_related("source"),
                    ),
                    "reservations__state",
                    "reservations__source",
                ),
            ),
            Prefetch(
                "parties",
                queryset=Party.objects.select_related("state", "source").order_by(
                    "joined_on", "state__name"
                ),
            ),
            Prefetch(
                "commitments",
                queryset=Commitment.objects.select_related("clause").prefetch_related(
                    "sides__state",
                    Prefetch("notes", queryset=CodingNote.objects.select_related("excerpt__source")),
                    Prefetch(
                        "conditions",
                        queryset=CommitmentCondition.objects.select_related("excerpt__source"),
                    ),
                ),
            ),
            Prefetch(
                "invocations",
                queryset=Invocation.objects.select_related(
                    "clause", "invoked_by", "on_behalf_of", "source", "excerpt"
                ),
            ),
            "suspensions__from_state",
            "suspensions__to_state",
            "suspensions__source",
            Prefetch(
                "claim_links",
                queryset=ClaimPact.objects.select_related("claim__excerpt", "claim__source"),
            ),
            "replaced_by",
            "atop_phases__members__state",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pact = self.object
        day = today()
        context["day"] = day
        context["status"] = pact.status_on(day)
        context["parties"] = [(party, party.status_on(day)) for party in pact.parties.all()]
        context["history"] = pact.history.select_related("history_user").order_by(
            "-history_date"
        )[:20]
        context["can_edit"] = self.request.user.has_perm("pacts.change_pact")
        context["atop"] = compare_with_atop(pact) if pact.curated else []
        context["timeline"] = timelines.pact_timeline(pact, day)
        return context


class SourceDetailView(DetailView):
    model = Source
    template_name = "pacts/source_detail.html"
    context_object_name = "source"
    slug_field = "key"
    slug_url_kwarg = "key"

    def get_queryset(self):
        return Source.objects.prefetch_related("excerpts", "claims")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["seed_text"] = read_seed_text(self.object.seed_file)
        return context


def link_items(links, state, day, inbound):
    """The list items of "committed to defend it" (inbound) or "it is committed to defend":
    one item per commitment and status, naming the states it binds that way, rather than
    one per state (NATO's Article 5 would repeat itself thirty times). Built in Python: a
    state in hundreds of pacts has thousands of such links, which a template loop renders
    a hundred times slower."""
    if not links:
        no_one = esc(_("No one, by the coded commitments."))
        return mark_safe(f"<li>{no_one}</li>")
    on = day.isoformat()
    lookup_url = reverse("lookup")
    conditions = esc(_("conditions"))

    @cache  # a state recurs in many of the state's pacts: its HTML is built once
    def state_html(other):
        html = f'<a href="{esc(link("state-detail", other.code))}?on={on}">{esc(other.name)}</a>'
        if inbound:
            query = esc(urlencode({"obliged": other.code, "protected": state.code, "on": on}))
            html += f' <small><a href="{lookup_url}?{query}">{conditions}</a></small>'
        return html

    groups = {}  # (commitment, status): the other states, in the order of `links`
    for other, commitment, status in links:
        groups.setdefault((commitment.pk, status), (commitment, []))[1].append(other)
    items = []
    for (_pk, status), (commitment, others) in groups.items():
        obligation = display(commitment, "obligation")
        if inbound:
            obligation += ", " + display(commitment, "automaticity")
        names = [state_html(other) for other in others]
        items.append(
            f'<li><a href="{esc(link("pact-detail", commitment.pact.slug))}">{esc(commitment.pact.short_name)}</a>, '
            f"{esc(article_label(commitment.clause.label))} — {esc(obligation)} "
            f'<span class="status">{esc(LinkStatus(status).label)}</span> ({len(others)}): {", ".join(names)}</li>'
        )
    return mark_safe("".join(items))


class StateDetailView(TemplateView):
    """A state on a chosen date: its pacts, who must defend it, whom it must defend."""

    template_name = "pacts/state_detail.html"

    def get_context_data(self, code, **kwargs):
        context = super().get_context_data(**kwargs)
        state = get_object_or_404(State, code=code.upper())
        day = day_from(self.request)
        memberships = list(
            Party.objects.filter(state=state).select_related("pact", "source").order_by("pact__signed_on", "joined_on")
        )
        # A commitment binds no one on a day its pact is known not to be in force (as
        # Commitment.link_status says first); those pacts' commitments are not read at all.
        pact_status = {m.pact_id: m.pact.status_on(day) for m in memberships}
        pact_ids = {pact for pact, status in pact_status.items() if status in (PactStatus.IN_FORCE, PactStatus.UNKNOWN)}
        commitments = (
            Commitment.objects.filter(pact_id__in=pact_ids)
            .select_related("pact", "clause")
            .prefetch_related("pact__parties__state", "pact__suspensions", "sides")
            .order_by("pact__signed_on", "clause__order")
        )
        defended_by, defends = [], []
        for commitment in commitments:
            others = {p.state for p in commitment.pact.parties.all() if p.state_id != state.pk}
            for other in sorted(others, key=lambda s: s.name):
                inbound = commitment.link_status(other, state, day)
                if inbound != LinkStatus.NOT_BINDING:
                    defended_by.append((other, commitment, inbound))
                outbound = commitment.link_status(state, other, day)
                if outbound != LinkStatus.NOT_BINDING:
                    defends.append((other, commitment, outbound))
        context.update(
            defended_by_html=link_items(defended_by, state, day, inbound=True),
            defends_html=link_items(defends, state, day, inbound=False),
            state=state,
            day=day,
            memberships=[(m, m.status_on(day), pact_status[m.pact_id]) for m in memberships],
            defended_by=defended_by,
            defends=defends,
            nuclear=state.nuclear_armed_on(day),
            timeline=timelines.state_timeline(state, memberships, day),
        )
        return context
