"""Home, pact, source and state pages."""

from functools import cache
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.db.models import Count, F, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import DetailView, TemplateView

from .. import reasons
from ..articles import article_label
from ..importers.atop import MEMBER_FILE, PHASE_FILE
from ..importers.atop_codebook import described
from ..atop_compare import compare_with_atop
from ..addresses import Addresses
from ..choices import Automaticity, LinkStatus, ObligationKind, PactStatus, label_of
from ..dates import format_date
from ..html import html, html_join, joined
from ..models import (
    AtopMember,
    AtopPhase,
    Claim,
    ClaimPact,
    Clause,
    ClauseVersion,
    CodingNote,
    Commitment,
    CommitmentCondition,
    InferenceEvidence,
    Invocation,
    Pact,
    Party,
    Source,
    State,
)
from ..pact_history import edit_history
from ..pictures import timelines, yearly
from ..seedfiles import read_seed_text
from ..standing import PACT_STATUS
from ..state_day import StateCount, pacts_in_force_by_state, state_on


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
            # The most recent first; a pact whose signature date is unknown comes last.
            .order_by(F("signed_on").desc(nulls_last=True), "slug")
        )
        # The rule the pact list's "in force on" filter applies, so the count and the list agree.
        in_force = Pact.objects.filter(PACT_STATUS.q(day, [PactStatus.IN_FORCE]))
        context["day"] = day
        context["rows"] = [(pact, reasons.pact_status(pact, day)) for pact in curated]
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
        context["claim_count"] = Claim.objects.count()
        return context


class ClaimListView(TemplateView):
    """The seed article's claims, each with its excerpt, its verdict against the corpus and
    the pacts it is about."""

    template_name = "pacts/claims.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["claims"] = Claim.objects.select_related("excerpt", "source").prefetch_related(
            Prefetch("subjects", queryset=ClaimPact.objects.select_related("pact"))
        )
        return context


class PactDetailView(DetailView):
    model = Pact
    template_name = "pacts/pact_detail.html"
    context_object_name = "pact"

    def get_queryset(self):
        return Pact.objects.select_related("replaces", "source", "name_evidence__source").prefetch_related(
            Prefetch("in_force_evidence", queryset=InferenceEvidence.objects.select_related("excerpt__source")),
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
            "atop_disagreements",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pact = self.object
        day = today()
        context["day"] = day
        context["status"] = reasons.pact_status(pact, day)
        context["parties"] = [(party, party.status_on(day)) for party in pact.parties.all()]
        context["history"], context["history_total"] = edit_history(pact)
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


def link_items(groups, state, day, inbound):
    """The list items of "committed to defend it" (inbound) or "it is committed to defend",
    and of each kind of pledge: one item per commitment and status (state_day.groups),
    naming the states it binds that way, rather than one per state (NATO's Article 5 would
    repeat itself thirty times). Built in Python: a state in hundreds of pacts has
    thousands of such links, which a template loop renders many times slower."""
    if not groups:
        return html("<li>{}</li>", _("No one, by the coded commitments."))
    on = day.isoformat()
    address = Addresses()
    lookup_url = reverse("pacts:lookup")
    conditions = _("conditions")

    @cache  # a state recurs in many of the state's pacts: its HTML is built once
    def state_html(other):
        link = html('<a href="{}?on={}">{}</a>', address("pacts:state-detail", other.code), on, other.name)
        if inbound:
            query = urlencode({"obliged": other.code, "protected": state.code, "on": on})
            link = html('{} <small><a href="{}?{}">{}</a></small>', link, lookup_url, query, conditions)
        return link

    def item(group):
        commitment = group.commitment
        obligation = label_of(ObligationKind, commitment.obligation)
        if inbound:
            obligation += ", " + label_of(Automaticity, commitment.automaticity)
        return html(
            '<li><a href="{}">{}</a>, {} — {} <span class="status">{}</span> ({}): {}</li>',
            address("pacts:pact-detail", commitment.pact.slug), commitment.pact.short_name,
            article_label(commitment.clause.label),
            obligation, label_of(LinkStatus, group.status), len(group.states),
            joined(", ", [state_html(other) for other in group.states]),
        )

    return joined("", [item(group) for group in groups])


def state_pacts_html(rows, empty):
    """The rows of one of a state's tables of pacts (state_day.Membership): each pact with
    every spell's joining and leaving dates and its standings that day. Built in Python, as
    link_items are: a state may be a party to thousands of pacts."""
    if not rows:
        return html('<tr><td colspan="5">{}</td></tr>', empty)
    address = Addresses()
    incomplete = html(' <small class="gap">{}</small>', _("party list incomplete"))
    between = html("<br>")

    def row(membership):
        pact, spells = membership.pact, membership.spells
        return (
            address("pacts:pact-detail", pact.slug), pact.short_name, incomplete if pact.parties_incomplete else "",
            joined(between, [format_date(spell.joined_on, spell.joined_precision) for spell in spells]),
            joined(between, [format_date(spell.left_on, spell.left_precision) if spell.left_on else ""
                             for spell in spells]),
            str(membership.membership), str(membership.status),
        )

    return html_join("", '<tr><td><a href="{}">{}</a>{}</td><td class="date">{}</td><td class="date">{}</td>'
                         "<td>{}</td><td>{}</td></tr>", [row(membership) for membership in rows])


class StateDetailView(TemplateView):
    """A state on a chosen date: its pacts in force that day (the others apart), who is
    committed to defend it, whom it must defend, and its other pledges (state_day)."""

    template_name = "pacts/state_detail.html"

    def get_context_data(self, code, **kwargs):
        context = super().get_context_data(**kwargs)
        state = get_object_or_404(State, code=code.upper())
        day = day_from(self.request)
        on_day = state_on(state, day)
        in_force, perhaps, earlier_and_later = on_day.in_force, on_day.perhaps_in_force, on_day.earlier_and_later
        context.update(
            state=state,
            day=day,
            on_day=on_day,
            in_force=in_force,
            perhaps_in_force=perhaps,
            earlier_and_later=earlier_and_later,
            in_force_html=state_pacts_html(in_force, _("None, by the recorded dates.")),
            perhaps_in_force_html=state_pacts_html(perhaps, _("None.")),
            earlier_and_later_html=state_pacts_html(earlier_and_later, _("None.")),
            defended_by_html=link_items(on_day.defended_by, state, day, inbound=True),
            defends_html=link_items(on_day.defends, state, day, inbound=False),
            pledges=[(kind, link_items(to_it, state, day, inbound=False), link_items(from_it, state, day, inbound=False),
                      bool(to_it or from_it))
                     for kind, to_it, from_it in on_day.pledges],
            any_pledges=any(to_it or from_it for _kind, to_it, from_it in on_day.pledges),
            timeline=timelines.state_timeline(state, [spell for m in on_day.pacts for spell in m.spells], day),
        )
        return context


class StateSearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=100)
    on = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))


class StateListView(TemplateView):
    """Every state with its code and the pacts in force for it on a day (today by default),
    found by name or code."""

    template_name = "pacts/state_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        day = day_from(self.request)
        form = StateSearchForm(self.request.GET)
        words = form.cleaned_data["q"].strip() if form.is_valid() else ""
        states = State.objects.order_by("name", "code")
        if words:
            states = states.filter(Q(name__icontains=words) | Q(code__iexact=words) | Q(cow_abbreviation__iexact=words))
        states = list(states)
        context.update(day=day, q=words, rows_html=state_rows(states, pacts_in_force_by_state(day), day),
                       count=len(states))
        return context


def state_rows(states, counts, day):
    """The rows of the state index, built in Python (two hundred states, each with its
    pacts linked)."""
    on = day.isoformat()
    none = StateCount()
    link = Addresses()

    def row(state):
        count = counts.get(state.pk, none)
        pacts = format_html_join(", ", '<a href="{}">{}</a>', ((link("pacts:pact-detail", slug), name) for slug, name in count.in_force))
        unknown = ""
        if count.unknown:
            unknown = format_html(
                ' <small class="gap">{}</small>',
                ngettext("%(count)d more perhaps in force: the data cannot say",
                         "%(count)d more perhaps in force: the data cannot say", count.unknown) % {"count": count.unknown})
        return format_html(
            '<tr><td><a href="{}?on={}">{}</a></td><td><code>{}</code></td><td>{}</td><td>{}{}</td></tr>',
            link("pacts:state-detail", state.code), on, state.name, state.code, len(count.in_force), pacts, unknown)

    return format_html_join("\n", "{}", ((row(state),) for state in states))


class AtopRecordView(TemplateView):
    """ATOP 5.1's own record of an alliance, every value as the files give it, each with
    its meaning where the codebook's is kept (atop_codebook)."""

    template_name = "pacts/atop_record.html"

    def get_context_data(self, atop_id, **kwargs):
        context = super().get_context_data(**kwargs)
        phases = list(AtopPhase.objects.filter(atop_id=atop_id).select_related("pact").prefetch_related(
            Prefetch("members", queryset=AtopMember.objects.select_related("state").order_by("member_code", "entered_on"))
        ).order_by("phase"))
        if not phases:
            raise Http404(_("ATOP codes no alliance %(id)s in the data imported.") % {"id": atop_id})
        legend = {}  # the member-level meanings the page refers to, once each

        def values_html(codes):
            """A member record's values on one line, each variable linked to its meaning."""
            items = []
            for column, value, meaning in described(codes):
                if meaning:
                    legend.setdefault(meaning.name, meaning)
                    items.append(format_html('<a href="#meaning-{}"><code>{}</code></a>&nbsp;{}', meaning.variables[0],
                                             column.upper(), value))
                else:
                    items.append(format_html("<code>{}</code>&nbsp;{}", column.upper(), value))
            return format_html_join(" · ", "{}", ((item,) for item in items))

        context.update(
            atop_id=atop_id,
            pact=phases[0].pact,
            phases=[(phase, described(phase.codes, phase_level=True),
                     [(member, values_html(member.codes)) for member in phase.members.all()]) for phase in phases],
            legend=list(legend.values()),
            phase_file=PHASE_FILE,  # the files' names, the same in every language
            member_file=MEMBER_FILE,
        )
        return context
