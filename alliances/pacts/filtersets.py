"""The dashboard's filters, shared by the pact list and the comparison matrix.

One form describes every filter. Conditions about the pact (its parties, dates, kind,
invocations, nuclear-armed parties) apply to a pact directly and to a commitment through
its pact; conditions about a commitment (type, trigger, obligation) select commitments in
the matrix and, in the pact list, the pacts with at least one commitment meeting all of
them together. Filter values live in the query string, so any view can be bookmarked.

Invalid values are dropped, not fatal: the form's errors are shown to the user and the
remaining filters still apply.
"""

import copy

import django_filters
from django import forms
from django.db import connections
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import (
    AdversaryScope,
    Automaticity,
    CommitmentType,
    Condition,
    Depth,
    Immediacy,
    MembershipStatus,
    Multilaterality,
    ObligationKind,
    Origin,
    PactStatus,
    PartyMatch,
    TriggerEvent,
    TriggerScope,
    YesNo,
    decades,
)
from .models import AtopPhase, Commitment, CommitmentCondition, Invocation, Pact, Party, State
from .standing import MEMBERSHIP, NUCLEAR_ARMED, PACT_STATUS, WORDING_IN_FORCE
from .textsearch import matching_pacts, matching_versions
from .widgets import quick

def state_choices():
    return list(State.objects.order_by("name").values_list("code", "name"))


class YearFilter(django_filters.Filter):
    field_class = forms.IntegerField


class FilterForm(forms.Form):
    """The filter form. Its fields are built once per filterset class and shared by every
    request's form: Django deep-copies a form's fields so that a form may change its own,
    and these change none but the parties' choices, which get a copy of their own
    (DashboardFilterSet.form). The copy cost about as much as validating the form."""

    def __init__(self, *args, **kwargs):
        self.base_fields = {}  # hides the class's fields from the copy in BaseForm.__init__
        super().__init__(*args, **kwargs)
        del self.base_fields
        self.fields = dict(type(self).base_fields)


class DashboardFilterSet(django_filters.FilterSet):
    # How a pact is reached from the filtered model: "" from a pact, "pact__" from a commitment.
    pact_prefix = ""
    pact_ref = "pk"

    q = django_filters.CharFilter(label=_("Words in the clause text or the pact's name"), method="keep")
    party = django_filters.MultipleChoiceFilter(label=_("Parties"), choices=state_choices, method="keep")
    party_match = django_filters.ChoiceFilter(
        label=_("Match"), choices=PartyMatch.choices, empty_label=_("any of them"), method="keep"
    )
    on = django_filters.DateFilter(
        label=_("In force on"), method="keep", widget=forms.DateInput(attrs={"type": "date"})
    )
    signed_from = YearFilter(label=_("Signed from (year)"), method="keep", min_value=1000, max_value=9999)
    signed_to = YearFilter(label=_("Signed until (year)"), method="keep", min_value=1000, max_value=9999)
    decade = django_filters.MultipleChoiceFilter(label=_("Decade signed"), choices=decades, method="keep")
    origin = django_filters.ChoiceFilter(label=_("Curated or ATOP only"), choices=Origin.choices, method="keep")
    depth = django_filters.MultipleChoiceFilter(
        label=_("Depth (ATOP): all of"), choices=Depth.choices, method="keep"
    )
    multilaterality = django_filters.ChoiceFilter(
        label=_("Bilateral or multilateral"), choices=Multilaterality.choices, method="keep"
    )
    commitment_type = django_filters.MultipleChoiceFilter(
        label=_("Type of obligation"), choices=CommitmentType.choices, method="keep"
    )
    trigger_event = django_filters.MultipleChoiceFilter(
        label=_("Trigger event"), choices=TriggerEvent.choices, method="keep"
    )
    trigger_scope = django_filters.MultipleChoiceFilter(
        label=_("Where"), choices=TriggerScope.choices, method="keep"
    )
    adversary = django_filters.CharFilter(label=_("Named adversary"), method="keep")
    obligation = django_filters.MultipleChoiceFilter(
        label=_("Obligation"), choices=ObligationKind.choices, method="keep"
    )
    automaticity = django_filters.MultipleChoiceFilter(
        label=_("Automaticity"), choices=Automaticity.choices, method="keep"
    )
    immediacy = django_filters.MultipleChoiceFilter(
        label=_("Timing"), choices=Immediacy.choices, method="keep"
    )
    condition = django_filters.MultipleChoiceFilter(
        label=_("Conditions (any of)"), choices=Condition.choices, method="keep"
    )
    invoked = django_filters.ChoiceFilter(label=_("Ever invoked"), choices=YesNo.choices, method="keep")
    nuclear = django_filters.ChoiceFilter(
        label=_("A party with nuclear weapons"), choices=YesNo.choices, method="keep"
    )

    def __init__(self, *args, **kwargs):
        # django-filter copies every filter for each filterset and binds the copies to it
        # (parent, model); filter_queryset below applies the form's cleaned data itself and
        # never calls a filter, so the filters are only read, once, to build the form class.
        # Each declares its label: none needs the model to be named.
        self.base_filters = {}
        super().__init__(*args, **kwargs)
        del self.base_filters
        self.filters = type(self).base_filters

    def get_form_class(self):
        # Built once per filterset class: every request's form copies these fields, and
        # building them again cost as much as the rest of the form.
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            form_class = super().get_form_class()
            for field in form_class.base_fields.values():
                field.widget = quick(field.widget)
            cls._form_class = form_class
        return cls._form_class

    @property
    def form(self):
        if not hasattr(self, "_form"):
            # The states are read once, for validation and for the select alike (a callable
            # choice list is called again at every use), into this form's own copy of the
            # field and its widget: the others are shared (FilterForm).
            fields = super().form.fields
            party = copy.copy(fields["party"])
            party.widget = copy.copy(party.widget)
            party.choices = state_choices()
            fields["party"] = party
        return self._form

    def keep(self, queryset, name, value):
        """Every filter is applied together in filter_queryset."""
        return queryset

    @property
    def errors_by_label(self):
        """Invalid filters, as (label, messages) pairs, for the page's message."""
        return [
            (self.form.fields[name].label if name in self.form.fields else name, errors)
            for name, errors in self.form.errors.items()
        ]

    def filter_queryset(self, queryset):
        cleaned = getattr(self.form, "cleaned_data", {})  # unbound form: no filters
        data = {k: v for k, v in cleaned.items() if v not in (None, "", [])}
        queryset = queryset.filter(self.pact_conditions(data))
        return self.apply_commitment_conditions(queryset, self.commitment_conditions(data), data)

    # --- conditions about the pact -------------------------------------------------

    def field(self, name):
        return self.pact_prefix + name

    def pact_among(self, model, *conditions, **lookups):
        """The rows whose pact has a `model` row meeting the conditions. An IN over one
        subquery, not a correlated EXISTS: the database reads the few matching rows once
        instead of probing them for every pact or commitment."""
        pacts = model.objects.filter(*conditions, **lookups).values("pact")
        return Q(**{f"{self.pact_ref}__in": pacts})

    # Whether "in force on" also admits the commitments that may be: of a pact whose
    # standing that day is unknown, or in a wording whose changeover is uncertain. Their
    # links are all of unknown status; the network counts them, and shows them on request.
    with_unknown = False

    @staticmethod
    def member_on(day):
        """A party's spell that binds it on `day` (standing.MEMBERSHIP); any spell without a day."""
        return MEMBERSHIP.q(day, [MembershipStatus.PARTY]) if day else Q()

    def pact_conditions(self, data):
        day = data.get("on")
        q = Q()
        codes = data.get("party")
        if codes and data.get("party_match") == PartyMatch.ALL:
            for code in codes:
                q &= self.pact_among(Party, self.member_on(day), state__code=code)
        elif codes:
            q &= self.pact_among(Party, self.member_on(day), state__code__in=codes)
        if day:
            statuses = [PactStatus.IN_FORCE, PactStatus.UNKNOWN] if self.with_unknown else [PactStatus.IN_FORCE]
            q &= PACT_STATUS.q(day, statuses, self.pact_prefix)
        if "signed_from" in data:
            q &= Q(**{self.field("signed_on__year__gte"): data["signed_from"]})
        if "signed_to" in data:
            q &= Q(**{self.field("signed_on__year__lte"): data["signed_to"]})
        if "decade" in data:
            years = Q()
            for decade in data["decade"]:
                start = int(decade)
                years |= Q(**{self.field("signed_on__year__gte"): start, self.field("signed_on__year__lt"): start + 10})
            q &= years
        if data.get("origin") == Origin.CURATED:
            q &= Q(**{self.field("curated"): True})
        elif data.get("origin") == Origin.ATOP_ONLY:
            # Generated demonstration pacts are neither curated nor from ATOP.
            q &= Q(**{self.field("curated"): False, self.field("atop_id__isnull"): False})
        for depth in data.get("depth", []):
            q &= self.pact_among(AtopPhase, **{f"{Depth(depth).value}__gt": 0})
        if "multilaterality" in data:
            q &= Q(**{self.field("multilaterality"): data["multilaterality"]})
        if "invoked" in data:
            invoked = self.pact_among(Invocation)
            q &= invoked if data["invoked"] == YesNo.YES else ~invoked
        if "nuclear" in data:
            # "Yes": a party armed that day; "no": none is known to be (an unknown status
            # is not counted as armed).
            when = day or timezone.localdate()
            armed = self.pact_among(Party, self.member_on(when), NUCLEAR_ARMED.q(when, [True], "state__"))
            q &= armed if data["nuclear"] == YesNo.YES else ~armed
        return q

    # --- conditions about a commitment -----------------------------------------------

    MULTI = ("commitment_type", "trigger_event", "trigger_scope", "obligation", "automaticity", "immediacy")

    def commitment_conditions(self, data):
        q = Q()
        for name in self.MULTI:
            if name in data:
                q &= Q(**{f"{name}__in": data[name]})
        if "adversary" in data:
            q &= Q(adversary_scope=AdversaryScope.NAMED, named_adversary__icontains=data["adversary"])
        if "condition" in data:
            q &= Q(pk__in=CommitmentCondition.objects.filter(condition__in=data["condition"]).values("commitment"))
        return q

    def wording_on(self, day):
        """Commitments whose wording was in force on the day (standing.WORDING_IN_FORCE): an
        amended article is coded once per wording; a day inside an uncertain changeover
        selects neither (both, with_unknown)."""
        if not day:
            return Q()
        return WORDING_IN_FORCE.q(day, [True, None] if self.with_unknown else [True])

    def apply_commitment_conditions(self, queryset, q, data):
        raise NotImplementedError


class PactFilterSet(DashboardFilterSet):
    class Meta:
        model = Pact
        fields = []
        form = FilterForm

    def apply_commitment_conditions(self, queryset, q, data):
        if q:
            q &= self.wording_on(data.get("on"))
            queryset = queryset.filter(pk__in=Commitment.objects.filter(q).values("pact"))
        if "q" in data:
            queryset = queryset.filter(
                in_matching_texts(queryset.db, data["q"], "pk", "clause__pact") | matching_pacts(data["q"])
            )
        return queryset


def in_matching_texts(using, q, field, version_field):
    """The rows whose `field` is the `version_field` of a clause version matching q.

    On PostgreSQL an IN over one subquery: the matching texts are read once, from the text
    index, even beside the OR with the pact names. On SQLite, where each text is scanned, a
    correlated EXISTS stops at a row's first matching text."""
    versions = matching_versions(q, using)
    if connections[using].vendor == "postgresql":
        return Q(**{f"{field}__in": versions.values(version_field)})
    return Q(Exists(versions.filter(**{version_field: OuterRef(field)})))


class CommitmentFilterSet(DashboardFilterSet):
    pact_prefix = "pact__"
    pact_ref = "pact_id"

    class Meta:
        model = Commitment
        fields = []
        form = FilterForm

    def apply_commitment_conditions(self, queryset, q, data):
        queryset = queryset.filter(q & self.wording_on(data.get("on")))
        if "q" in data:
            queryset = queryset.filter(
                in_matching_texts(queryset.db, data["q"], "clause_id", "clause") | matching_pacts(data["q"], "pact__")
            )
        return queryset
