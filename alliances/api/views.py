"""The API's endpoints: read-only, paginated by cursor, filtered as the dashboard filters.

The pact and commitment lists take the dashboard's filters through the dashboard's own
filter sets (PactFilterSet, CommitmentFilterSet): one definition, so that a query string
matches the same rows here and on the pact list or the matrix. Where the dashboard names a
bad value and ignores it, the API refuses the request (400) naming it, so that a script is
never handed rows it did not ask for; a parameter the endpoint does not know is refused too.
"""

import csv
import io
from base64 import urlsafe_b64decode, urlsafe_b64encode

from django.db.models import Min, Prefetch
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from alliances.pacts.exports import spreadsheet_cell
from alliances.pacts.filtersets import CommitmentFilterSet, PactFilterSet
from alliances.pacts.lookup import pair
from alliances.pacts.models import (
    Clause,
    ClauseVersion,
    CodingNote,
    Commitment,
    CommitmentCondition,
    CommitmentSide,
    Invocation,
    Pact,
    Party,
    Reservation,
    Source,
    State,
    Suspension,
)
from alliances.pacts.state_day import state_on

from . import serializers as api
from .dyadyears import KINDS, dyad_years
from .pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, QUERY_PARAMETERS, ordered_by


def check_parameters(request, known):
    """Refuses a query parameter the endpoint does not take (a typo would otherwise widen
    the answer silently)."""
    unknown = sorted(set(request.query_params) - set(known))
    if unknown:
        raise ValidationError({name: [_("Not a parameter of this endpoint. It takes: %(known)s.")
                                      % {"known": ", ".join(sorted(known)) or "—"}] for name in unknown})


def filter_parameters(filterset_class):
    """The filter set's filters as OpenAPI query parameters, for the schema."""
    parameters = []
    for name, declared in filterset_class.base_filters.items():
        field = declared.field_class
        many = "Multiple" in field.__name__
        choices = declared.extra.get("choices")
        enum = [value for value, _label in choices] if isinstance(choices, (list, tuple)) else None
        kind = {"DateField": OpenApiTypes.DATE, "IntegerField": OpenApiTypes.INT}.get(field.__name__, OpenApiTypes.STR)
        parameters.append(OpenApiParameter(
            name, kind, OpenApiParameter.QUERY, many=many, enum=enum, explode=True if many else None,
            # Lazy, as the labels are: the schema is written in the language of its request.
            description=format_lazy("{}{}", declared.label, gettext_lazy(" (repeat for several)") if many else ""),
        ))
    return parameters


def dashboard_filtered(filterset_class, request, queryset):
    """`queryset` filtered by the request's query string, as the dashboard filters it."""
    filterset = filterset_class(request.query_params or None, queryset=queryset, request=request)
    if filterset.is_bound and not filterset.is_valid():
        raise ValidationError({name: list(errors) for name, errors in filterset.form.errors.items()})
    return filterset.qs


class ReadOnly(viewsets.ReadOnlyModelViewSet):
    list_parameters = ()

    def list(self, request, *args, **kwargs):
        check_parameters(request, {*QUERY_PARAMETERS, *self.list_parameters})
        return super().list(request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        check_parameters(request, ())
        return super().retrieve(request, *args, **kwargs)


def _commitments():
    return Commitment.objects.select_related("pact", "clause").prefetch_related(
        Prefetch("sides", queryset=CommitmentSide.objects.select_related("state")),
        Prefetch("notes", queryset=CodingNote.objects.select_related("excerpt__source")),
        Prefetch("conditions", queryset=CommitmentCondition.objects.select_related("excerpt__source")),
    )


def _pact_parts():
    return [
        Prefetch("parties", queryset=Party.objects.select_related("state", "source").order_by("joined_on", "state__code", "pk")),
        Prefetch("suspensions", queryset=Suspension.objects.select_related(
            "from_state", "to_state", "source", "excerpt__source")),
    ]


def _clauses():
    return Clause.objects.select_related("pact").prefetch_related(
        Prefetch("versions", queryset=ClauseVersion.objects.select_related("source")),
        Prefetch("reservations", queryset=Reservation.objects.select_related("state", "source")),
    )


def _invocations():
    return Invocation.objects.select_related("pact", "clause", "invoked_by", "on_behalf_of", "source", "excerpt__source")


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("Pacts, filtered as the pact list filters them"),
                       parameters=filter_parameters(PactFilterSet)),
    retrieve=extend_schema(summary=gettext_lazy("A pact with its articles, commitments and invocations")),
)
class PactViewSet(ReadOnly):
    lookup_field = "slug"
    pagination_class = ordered_by("slug")
    list_parameters = tuple(PactFilterSet.base_filters)

    def get_queryset(self):
        pacts = Pact.objects.select_related("replaces", "source").prefetch_related(*_pact_parts())
        if self.action == "retrieve":
            return pacts.prefetch_related(
                Prefetch("clauses", queryset=_clauses()),
                Prefetch("commitments", queryset=_commitments()),
                Prefetch("invocations", queryset=_invocations()),
            )
        return pacts

    def filter_queryset(self, queryset):
        if self.action == "list":
            return dashboard_filtered(PactFilterSet, self.request, queryset)
        return queryset

    def get_serializer_class(self):
        return api.PactDetailSerializer if self.action == "retrieve" else api.PactSerializer


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("Coded commitments, filtered as the comparison matrix filters them"),
                       parameters=filter_parameters(CommitmentFilterSet)),
    retrieve=extend_schema(summary=gettext_lazy("A coded commitment with the evidence of each value")),
)
class CommitmentViewSet(ReadOnly):
    lookup_field = "key"
    serializer_class = api.CommitmentSerializer
    pagination_class = ordered_by("key")
    list_parameters = tuple(CommitmentFilterSet.base_filters)

    def get_queryset(self):
        return _commitments()

    def filter_queryset(self, queryset):
        if self.action == "list":
            return dashboard_filtered(CommitmentFilterSet, self.request, queryset)
        return queryset


PACT_PARAMETER = OpenApiParameter("pact", OpenApiTypes.STR, description=gettext_lazy("Only this pact's (its slug)."))


class ByPact:
    """A list that can be narrowed to one pact (`?pact=<slug>`)."""

    list_parameters = ("pact",)

    def filter_queryset(self, queryset):
        slug = self.request.query_params.get("pact")
        if self.action == "list" and slug is not None:
            if not Pact.objects.filter(slug=slug).exists():
                raise ValidationError({"pact": [_("No pact has this slug.")]})
            queryset = queryset.filter(pact__slug=slug)
        return queryset


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("Articles with every recorded text"), parameters=[PACT_PARAMETER]),
    retrieve=extend_schema(summary=gettext_lazy("An article with every recorded text")),
)
class ClauseViewSet(ByPact, ReadOnly):
    serializer_class = api.ClauseSerializer
    pagination_class = ordered_by("id")

    def get_queryset(self):
        return _clauses()


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("Invocations, consultations and requests for assistance"),
                       parameters=[PACT_PARAMETER]),
    retrieve=extend_schema(summary=gettext_lazy("An invocation")),
)
class InvocationViewSet(ByPact, ReadOnly):
    lookup_field = "key"
    serializer_class = api.InvocationSerializer
    pagination_class = ordered_by("key")

    def get_queryset(self):
        return _invocations()


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("Sources, with the excerpts cited from each")),
    retrieve=extend_schema(summary=gettext_lazy("A source, with the excerpts cited from it")),
)
class SourceViewSet(ReadOnly):
    lookup_field = "key"
    serializer_class = api.SourceSerializer
    pagination_class = ordered_by("key")

    def get_queryset(self):
        return Source.objects.prefetch_related("excerpts")


class DayQuery(serializers.Serializer):
    on = serializers.DateField(required=False, help_text=gettext_lazy("The day (YYYY-MM-DD); today if not given."))


class StateCodeField(serializers.CharField):
    """A state's code (case ignored), read as the state."""

    def to_internal_value(self, data):
        code = super().to_internal_value(data).strip().upper()
        state = State.objects.filter(code=code).first()
        if state is None:
            raise ValidationError(_("No state has the code “%(code)s”.") % {"code": code[:10]})
        return state


class LookupQuery(DayQuery):
    obliged = StateCodeField(help_text=gettext_lazy("The state that would be obliged (its code)."))
    protected = StateCodeField(help_text=gettext_lazy("The state that would be defended (its code)."))

    def validate(self, data):
        if data["obliged"].pk == data["protected"].pk:
            raise ValidationError({"protected": [_("A state is not asked to defend itself: name two different states.")]})
        return data


def read_query(request, query_class):
    check_parameters(request, query_class().fields)
    query = query_class(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("States, with their codes and nuclear status")),
    retrieve=extend_schema(summary=gettext_lazy("A state")),
)
class StateViewSet(ReadOnly):
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z]{3}"
    serializer_class = api.StateSerializer
    pagination_class = ordered_by("code")

    def get_queryset(self):
        return State.objects.select_related("nuclear_source")

    def get_object(self):
        return get_object_or_404(self.get_queryset(), code=self.kwargs["code"].upper())

    @extend_schema(
        summary=gettext_lazy("A state's standing on a day: its pacts, who is committed to it, to whom it is"),
        parameters=[DayQuery],
        responses=api.StandingSerializer,
    )
    @action(detail=True, url_path="standing")
    def standing(self, request, code):
        state = self.get_object()
        day = read_query(request, DayQuery).get("on") or timezone.localdate()
        # The state page's answer (state_day.state_on): defence commitments answer who is
        # committed to whom; the pledges (non-aggression, neutrality, consultation) apart.
        on_day = state_on(state, day)

        def links(groups):
            return [{"state": other.code, "state_name": other.name, "commitment": group.commitment.key,
                     "commitment_type": group.commitment.commitment_type, "pact": group.commitment.pact.slug,
                     "article": group.commitment.clause.label, "status": group.status}
                    for group in groups for other in group.states]

        return Response({
            "state": state.code, "name": state.name, "on": day, "nuclear_armed": on_day.nuclear.value,
            "memberships": [
                {"pact": m.pact.slug, "pact_status": m.status.value, "membership": spell.status_on(day),
                 "joined_on": spell.joined_on, "left_on": spell.left_on}
                for m in on_day.pacts for spell in m.spells],
            "committed_to_it": links(on_day.defended_by),
            "it_is_committed_to": links(on_day.defends),
            "pledged_to_it": links(group for _kind, to_it, _from_it in on_day.pledges for group in to_it),
            "it_pledged_to": links(group for _kind, _to_it, from_it in on_day.pledges for group in from_it),
        })


class LookupView(APIView):
    @extend_schema(
        summary=gettext_lazy("Is one state committed to defend another on a day? The answer and its evidence"),
        parameters=[LookupQuery],
        responses=api.LookupSerializer,
    )
    def get(self, request):
        query = read_query(request, LookupQuery)
        day = query.get("on") or timezone.localdate()
        obliged, protected = query["obliged"], query["protected"]
        found = pair(obliged, protected, day)  # the lookup page's answer
        return Response({
            "obliged": obliged.code, "protected": protected.code, "on": day, "answer": found.answer,
            "findings": [self.finding(f) for f in found.findings],
            "pledges": [self.finding(f) for f in found.pledges],
            "incomplete_party_lists": [pact.slug for pact in found.gaps],
        })

    @staticmethod
    def finding(found):
        c = found.commitment
        evidence = found.evidence
        return {
            "pact": c.pact.slug, "article": c.clause.label, "commitment": c.key, "commitment_type": c.commitment_type,
            "trigger_event": c.trigger_event, "trigger_scope": c.trigger_scope, "obligation": c.obligation,
            "automaticity": c.automaticity, "immediacy": c.immediacy, "status": found.status,
            "conditional": found.conditional,
            "conditions": api.ConditionSerializer(found.conditions, many=True).data,
            "evidence": api.EvidenceSerializer(evidence).data if evidence else None,
            "suspensions": [
                {"from_state": s.from_state.code if s.from_state else None,
                 "to_state": s.to_state.code if s.to_state else None, "started_on": s.started_on,
                 "ended_on": s.ended_on, "description": s.description,
                 "source": api.SourceRefSerializer(s.source).data} for s in found.suspensions],
        }


# --- directed dyad-years ----------------------------------------------------------------

FIRST_YEAR = 1800  # before any pact the corpus or ATOP holds

COLUMNS = ["ddyad", "year", *KINDS, "transyr", "statea", "stateb", "obliged", "obliged_name", "protected",
           "protected_name", "pacts", "atopids"]


def dyad_year_record(row):
    return {
        "ddyad": row.ddyad, "year": row.year, **row.kinds, "transyr": row.transyr,
        "statea": row.obliged.cow_code, "stateb": row.protected.cow_code,
        "obliged": row.obliged.code, "obliged_name": row.obliged.name,
        "protected": row.protected.code, "protected_name": row.protected.name,
        "pacts": [pact.slug for pact in row.pacts], "atopids": row.atopids,
    }


class YearsQuery(serializers.Serializer):
    year_from = serializers.IntegerField(required=False, min_value=FIRST_YEAR, help_text=gettext_lazy(
        "First year; the first year a selected pact was signed if not given."))
    year_to = serializers.IntegerField(required=False, min_value=FIRST_YEAR, help_text=gettext_lazy(
        "Last year, at most this one; this year if not given."))
    obliged = serializers.ListField(child=StateCodeField(), required=False, help_text=gettext_lazy(
        "Only rows from these states (codes; repeat for several)."))
    protected = serializers.ListField(child=StateCodeField(), required=False, help_text=gettext_lazy(
        "Only rows to these states (codes; repeat for several)."))

    def validate(self, values):
        # The data says nothing of years to come; and rows for centuries of them would be
        # only what is still in force today, written again and again.
        this_year = timezone.localdate().year
        for name in ("year_from", "year_to"):
            if values.get(name, this_year) > this_year:
                raise ValidationError({name: [_("At most this year, %(year)d.") % {"year": this_year}]})
        if values.get("year_from") and values.get("year_to") and values["year_from"] > values["year_to"]:
            raise ValidationError({"year_to": [_("The last year comes before the first.")]})
        return values


DYAD_PARAMETERS = [*YearsQuery().fields, *CommitmentFilterSet.base_filters]


def dyad_year_selection(request):
    """(commitments, first year, last year, obliged ids, protected ids) the query asks for."""
    check_parameters(request, {*DYAD_PARAMETERS, *QUERY_PARAMETERS})
    years = YearsQuery(data=request.query_params)
    years.is_valid(raise_exception=True)
    query = years.validated_data
    commitments = dashboard_filtered(CommitmentFilterSet, request, Commitment.objects.all())
    first = query.get("year_from") or (commitments.aggregate(first=Min("pact__signed_on"))["first"]
                                       or timezone.localdate()).year
    last = query.get("year_to") or timezone.localdate().year
    ids = {name: {state.pk for state in query[name]} if name in query else None for name in ("obliged", "protected")}
    return commitments, first, max(first, last), ids["obliged"], ids["protected"]


def _encode_cursor(row):
    return urlsafe_b64encode(f"{row.year}:{row.obliged.code}:{row.protected.code}".encode()).decode()


def _decode_cursor(value):
    try:
        year, obliged, protected = urlsafe_b64decode(value.encode()).decode().split(":")
        return int(year), obliged, protected
    except (ValueError, UnicodeError):
        raise ValidationError({"cursor": [_("This cursor is not one the API gave: start again without it.")]}) from None


DYAD_FILTERS = [YearsQuery, *filter_parameters(CommitmentFilterSet)]


class DyadYearView(APIView):
    @extend_schema(
        summary=gettext_lazy("Directed dyad-years: who is bound to whom in each year, by which kinds of obligation"),
        parameters=[*DYAD_FILTERS,
                    OpenApiParameter("cursor", OpenApiTypes.STR, description=gettext_lazy("The pagination cursor value.")),
                    OpenApiParameter("page_size", OpenApiTypes.INT, description=gettext_lazy(
                        "Rows per page (at most 1000; 100 unless given)."))],
        responses=api.DyadYearPageSerializer,
    )
    def get(self, request):
        commitments, first, last, obliged, protected = dyad_year_selection(request)
        size = self.page_size(request)
        cursor = request.query_params.get("cursor")
        rows = dyad_years(commitments, first, last, obliged, protected,
                          start_after=_decode_cursor(cursor) if cursor else None)
        page = []
        for row in rows:
            if len(page) == size:
                following = replace_query_param(request.build_absolute_uri(), "cursor", _encode_cursor(page[-1]))
                break
            page.append(row)
        else:
            following = None
        return Response({"next": following, "results": [dyad_year_record(row) for row in page]})

    @staticmethod
    def page_size(request):
        try:
            return max(1, min(int(request.query_params.get("page_size", DEFAULT_PAGE_SIZE)), MAX_PAGE_SIZE))
        except ValueError:
            raise ValidationError({"page_size": [_("A whole number of rows is expected.")]}) from None


class CsvRenderer(BaseRenderer):
    """Lets a client ask for text/csv; the rows themselves are streamed by the view, and
    what else is rendered (an error) is written as JSON."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return JSONRenderer().render(data)


def _csv_lines(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in rows:
        record = dyad_year_record(row)
        record["pacts"] = ";".join(record["pacts"])
        record["atopids"] = ";".join(map(str, record["atopids"]))
        # Names and slugs are text an editor wrote: a spreadsheet must not read one as a formula.
        writer.writerow(["" if record[column] is None
                         else spreadsheet_cell(record[column]) if isinstance(record[column], str)
                         else record[column] for column in COLUMNS])
        if buffer.tell() > 65536:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


class DyadYearCsvView(APIView):
    renderer_classes = [JSONRenderer, CsvRenderer]

    @extend_schema(
        summary=gettext_lazy("Directed dyad-years as one CSV file (every row, streamed)"),
        parameters=DYAD_FILTERS,
        responses={(200, "text/csv"): OpenApiTypes.STR},
    )
    def get(self, request):
        commitments, first, last, obliged, protected = dyad_year_selection(request)
        response = StreamingHttpResponse(_csv_lines(dyad_years(commitments, first, last, obliged, protected)),
                                         content_type="text/csv; charset=utf-8")
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="dyad-years-{first}-{last}-{stamp}.csv"'
        return response
