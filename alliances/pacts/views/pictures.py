"""Pages and downloads of the pictures: the maps of a state's defenders and of a pact's
parties on a day, the commitment network on a day, and each SVG picture as a file."""

import csv

from django import forms
from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from ..choices import LinkStatus
from ..exports import spreadsheet_cell
from ..filtersets import CommitmentFilterSet
from ..models import ClauseVersion, Invocation, Pact, Party, State
from ..pictures import network as networks
from ..pictures import timelines, worldmap, yearly
from .listing import chips
from .lists import commitment_rows
from .pages import day_from, today


class DayForm(forms.Form):
    on = forms.DateField(required=False)


def day_or_error(request):
    """(day, None) from the `on` of the query string (today without one), or (None, a
    400 response naming the bad value): a download has no page to carry a message."""
    form = DayForm(request.GET)
    if not form.is_valid():
        return None, HttpResponseBadRequest(
            _("The date “%(value)s” is not a date: write it as YYYY-MM-DD.") % {"value": request.GET.get("on", "")[:40]},
            content_type="text/plain; charset=utf-8",
        )
    return form.cleaned_data["on"] or today(), None


def svg_file(svg, filename):
    response = HttpResponse(str(svg), content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def timeline_pact(slug):
    """A pact with what its timeline draws (as PactDetailView prefetches it)."""
    return get_object_or_404(
        Pact.objects.prefetch_related(
            Prefetch("parties", queryset=Party.objects.select_related("state").order_by("joined_on", "state__name")),
            "suspensions__from_state", "suspensions__to_state",
            Prefetch("invocations", queryset=Invocation.objects.select_related("invoked_by")),
            Prefetch("clauses__versions", queryset=ClauseVersion.objects.select_related("clause")),
            "atop_phases",
        ),
        slug=slug,
    )


def pact_timeline_svg(request, slug):
    pact = timeline_pact(slug)
    return svg_file(timelines.pact_timeline(pact, today()), f"{pact.slug}-timeline.svg")


def state_memberships(state):
    return list(Party.objects.filter(state=state).select_related("pact").order_by("pact__signed_on", "joined_on"))


def state_timeline_svg(request, code):
    day, error = day_or_error(request)
    if error:
        return error
    state = get_object_or_404(State, code=code.upper())
    return svg_file(timelines.state_timeline(state, state_memberships(state), day), f"{state.code}-timeline.svg")


def in_force_chart_svg(request):
    day = today()
    return svg_file(yearly.chart(yearly.counts(day), day), "pacts-in-force-each-year.svg")


# --- maps -------------------------------------------------------------------------------------


class StateMapView(TemplateView):
    """`/states/<code>/map/?on=<date>`: who is committed to defend the state that day."""

    template_name = "pacts/state_map.html"

    def get_context_data(self, code, **kwargs):
        context = super().get_context_data(**kwargs)
        state = get_object_or_404(State, code=code.upper())
        day = day_from(self.request)
        found = worldmap.defenders(state, day)
        context.update(
            state=state, day=day, defenders=found, map=worldmap.defenders_map(state, found, day),
            subject_drawn=worldmap.where_drawn(state, day),
            notes=worldmap.historical_notes([state] + [d.state for d in found], day),
            binding=LinkStatus.BINDING,
        )
        return context


def state_map_svg(request, code):
    day, error = day_or_error(request)
    if error:
        return error
    state = get_object_or_404(State, code=code.upper())
    svg = worldmap.defenders_map(state, worldmap.defenders(state, day), day)
    return svg_file(svg, f"{state.code}-defenders-{day.isoformat()}.svg")


class PactMapView(TemplateView):
    """`/pacts/<slug>/map/?on=<date>`: the pact's parties that day."""

    template_name = "pacts/pact_map.html"

    def get_context_data(self, slug, **kwargs):
        context = super().get_context_data(**kwargs)
        pact = get_object_or_404(Pact, slug=slug)
        day = day_from(self.request)
        found = worldmap.members(pact, day)
        context.update(
            pact=pact, day=day, status=pact.status_on(day), members=found,
            map=worldmap.members_map(pact, found, day),
            notes=worldmap.historical_notes([m.state for m in found], day),
        )
        return context


def pact_map_svg(request, slug):
    day, error = day_or_error(request)
    if error:
        return error
    pact = get_object_or_404(Pact, slug=slug)
    svg = worldmap.members_map(pact, worldmap.members(pact, day), day)
    return svg_file(svg, f"{pact.slug}-parties-{day.isoformat()}.svg")


# --- the network ------------------------------------------------------------------------------

SHOWN_ALWAYS = [LinkStatus.BINDING, LinkStatus.SUSPENDED]


def network_for(request, notify=True):
    """The network of the commitments the matrix's filters select in this query string, on
    its "in force on" day (today without one); with `unknown=1`, the links whose status
    the data cannot say as well. Returns (network, filterset, whether unknown links are
    shown). A download (`notify` false) leaves no message for the next page: the page
    that offered it named the bad filters already."""
    filterset = CommitmentFilterSet(request.GET or None, queryset=commitment_rows(), request=request)
    filterset.form.is_valid()
    for notice in filterset.error_messages if notify else ():
        messages.error(request, notice)
    day = getattr(filterset.form, "cleaned_data", {}).get("on") or today()
    with_unknown = request.GET.get("unknown") == "1"
    statuses = SHOWN_ALWAYS + [LinkStatus.UNKNOWN] if with_unknown else SHOWN_ALWAYS
    # Links of unknown status come also from pacts and wordings of unknown standing that
    # day: they are read, and shown or counted as hidden like the others.
    filterset.with_unknown = True
    rows = filterset.filter_queryset(filterset.queryset)
    return networks.network(rows, day, statuses), filterset, with_unknown


def _query_without(query, names):
    kept = query.copy()
    for name in names:
        kept.pop(name, None)
    return kept


class NetworkView(TemplateView):
    """`/network/?<the matrix's filters>`: the links the selected commitments make on the
    "in force on" day, drawn in the browser from the data the page carries (json_script),
    with a table of the same links per state beside it."""

    template_name = "pacts/network.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        net, filterset, with_unknown = network_for(self.request)
        query = _query_without(self.request.GET, ["page", "sort", "per_page", "export"])
        toggled = query.copy()
        if with_unknown:
            toggled.pop("unknown", None)
        else:
            toggled["unknown"] = "1"
        context.update(
            network=net, day=net.day, data=networks.as_json(net), rows=networks.summary_rows(net),
            kinds=networks.kinds_present(net), all_kinds=networks.ORDER, with_unknown=with_unknown,
            filter_fields=filterset.form.boxes(), chips=chips(filterset, self.request.GET),
            matrix_url=reverse("pacts:compare") + ("?" + query.urlencode() if query else ""),
            csv_url=reverse("pacts:network-csv") + ("?" + query.urlencode() if query else ""),
            toggle_unknown_url="?" + toggled.urlencode(),
        )
        return context


class Echo:
    def write(self, value):
        return value


def network_csv(request):
    net, _filterset, _with_unknown = network_for(request, notify=False)
    writer = csv.writer(Echo())
    rows = ([spreadsheet_cell(cell) for cell in row] for row in networks.csv_rows(net))
    response = HttpResponse("".join(writer.writerow(row) for row in rows),
                            content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="network-{net.day.isoformat()}.csv"'
    return response
