"""The dashboard's filters.

Two kinds of condition, each a filter set whose filters own their lookups:

- PactConditionsFilterSet, on a pact: its parties, dates, kind, origin, ATOP depth,
  invocations, nuclear-armed parties, words in its clauses;
- CommitmentConditionsFilterSet, on one commitment: its coded dimensions (dimensions.py),
  conditions, words in its clause.

Both pages offer both kinds. The pact list (PactFilterSet) keeps the pacts meeting the
pact conditions that have a commitment meeting all the commitment conditions, on one and
the same commitment; the matrix (CommitmentFilterSet) keeps the commitments meeting the
commitment conditions whose pact meets the pact conditions. Each applies the other kind's
filters to the other model's rows and keeps its own rows by that one subquery.

Filter values live in the query string, so any view can be bookmarked. An invalid value is
dropped, not fatal: the form's errors are shown and the other filters still apply (a
form's `cleaned_data` holds its valid fields). Anything may use these classes as
django-filter's: `PactFilterSet(request.GET, queryset=Pact.objects.all()).qs`.
"""

import copy
import types

import django_filters
from django import forms
from django.core.validators import EMPTY_VALUES
from django.http import QueryDict
from django.db import router
from django.db.models import CharField as CharDbField
from django.db.models import IntegerField as IntegerDbField
from django.db.models import Count, Exists, F, OuterRef, Q, Value
from django.db.models.functions import Cast, ExtractYear
from django.utils import timezone
from django.utils.choices import BaseChoiceIterator
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_filters.conf import settings as filter_settings

from . import widgets
from .choices import Depth, MembershipStatus, Multilaterality, Origin, PactStatus, PartyMatch, YesNo, decades
from .counting import bounded_keys, count_limit
from .dimensions import DIMENSIONS, Conditions
from .html import escaped, html_join
from .models import AtopPhase, Commitment, CommitmentCondition, Invocation, Pact, Party, State
from .standing import MEMBERSHIP, NUCLEAR_ARMED, PACT_STATUS, WORDING_IN_FORCE
from .textsearch import Keys, matching_pacts, matching_versions, names_read_from_index, pacts_of, read_from_index

YEARS = {"min_value": 1000, "max_value": 9999}


def state_choices():
    return list(State.objects.order_by("name").values_list("code", "name"))


class FilterForm(forms.Form):
    """The base of a filter set's form (DashboardFilterSet.get_form_class)."""

    # Pairs of fields that bound a range from below and from above: a start after the end
    # asks for nothing, and is named rather than answered with an empty table.
    RANGES = (("signed_from", "signed_to"),)

    def clean(self):
        cleaned = super().clean()
        for low, high in self.RANGES:
            start, end = cleaned.get(low), cleaned.get(high)
            if start is not None and end is not None and start > end:
                del cleaned[low], cleaned[high]
                self.add_error(None, _("“%(low)s” (%(start)s) is after “%(high)s” (%(end)s): both are ignored.") % {
                    "low": self.fields[low].label, "start": start, "high": self.fields[high].label, "end": end})
        return cleaned

    def boxes(self, names=None):
        """The fields `names` (every field without), each as a labelled filter box."""
        names = self.fields if names is None else [name for name in names if name in self.fields]
        return html_join("\n", '<div class="filter-field">\n<label for="{}">{}</label>\n{}\n</div>', (
            (bound.auto_id, field.label, field.widget.render(bound.html_name, bound.value(),
                                                             {"id": bound.auto_id} if bound.auto_id else None))
            for bound, field in ((self[name], self.fields[name]) for name in names)
        ))


class Choices(BaseChoiceIterator):
    """Choices read once, in the (value, label) form fields and widgets use: Django takes
    such an iterator as it is instead of checking each choice again. They never change, so
    a copy of a field or a filter shares them."""

    def __init__(self, choices, kept=True):
        self.choices = tuple(choices)
        self.kept = kept  # declared for the process, not read for one request
        self._escaped = {}

    def escaped_pairs(self, language):
        """(value as text, value escaped, label escaped) of each choice, in `language`, for
        widgets.Select.

        Kept per language on this object, which a filter declares once for the process: it
        holds only what the declared choices and the language determine, so no request can
        change what a later one reads (tests/test_tables.py changes a form and reads the
        next). Translating and escaping the labels again at every request made the filter
        form cost about half as much again (docs/performance.md)."""
        if not self.kept:  # read for this form alone: escaped once anyway
            return [(str(value), value, label) for value, label in self.choices]
        triples = self._escaped.get(language)
        if triples is None:
            triples = self._escaped[language] = tuple(
                (str(value), escaped(str(value)), escaped(label)) for value, label in self.choices)
        return triples

    def __iter__(self):
        return iter(self.choices)

    def __len__(self):
        return len(self.choices)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


# What a filter or a field holds that nothing changes in place: its copies share it.
# (`type(_(str()))` is the class of a lazy translation; a literal would reach the catalog.)
_SHARED = {str, int, bool, type(None), type, types.FunctionType, type(_(str())), Choices}
_UNCHANGING = (str, int, bool, type(None), type, Promise, types.FunctionType, Choices)


def _unchanging(value):
    return isinstance(value, _UNCHANGING) or (type(value) is tuple and all(_unchanging(item) for item in value))


def _copied(value, memo):
    return value if type(value) in _SHARED or _unchanging(value) else copy.deepcopy(value, memo)


class FieldCopy:
    """Django's copy of a form field for each form (Field.__deepcopy__: the field with its
    own widget, error messages, validators and choices), made directly instead of through
    the generic copy machinery, which costs more than the copy itself."""

    def __deepcopy__(self, memo):
        copied = object.__new__(type(self))
        memo[id(self)] = copied
        copied.__dict__.update(self.__dict__)
        copied.widget = copy.deepcopy(self.widget, memo)
        copied.error_messages = self.error_messages.copy()
        copied.validators = self.validators[:]
        if "_choices" in self.__dict__:
            copied._choices = copy.deepcopy(self._choices, memo)
        return copied


class CharField(FieldCopy, forms.CharField):
    pass


class IntegerField(FieldCopy, forms.IntegerField):
    pass


class DateField(FieldCopy, forms.DateField):
    pass


class ChoiceField(FieldCopy, forms.ChoiceField):
    pass


class MultipleChoiceField(FieldCopy, forms.MultipleChoiceField):
    pass


class Filter(django_filters.Filter):
    """A filter whose choices are pairs (kept as Choices), or a function giving them when a
    form is made.

    django-filter copies the declared filters for each filter set, so that one may change
    its own: this copies each filter and what it holds that may change (its field's
    options), not the values that cannot (strings, numbers, tuples of choices, lazy
    translations, widget classes), as a generic deep copy would at a cost comparable to
    validating the form (tests/test_tables.py checks that one filter set's changes stay its
    own)."""

    def __init__(self, *args, **kwargs):
        if "choices" in kwargs and not callable(kwargs["choices"]):
            kwargs["choices"] = Choices(kwargs["choices"])
        super().__init__(*args, **kwargs)

    def __deepcopy__(self, memo):
        clone = object.__new__(type(self))
        memo[id(self)] = clone
        clone.__dict__ = {name: value if type(value) in _SHARED else _copied(value, memo)
                          for name, value in self.__dict__.items() if name not in ("_field", "parent", "extra")}
        clone.extra = {name: value if type(value) in _SHARED else _copied(value, memo)
                       for name, value in self.extra.items()}
        return clone

    @property
    def field(self):
        """The filter's form field, with its fixed choices; choices given by a function are
        read by each form (choices_now)."""
        if not hasattr(self, "_field"):
            extra = dict(self.extra)
            choices = extra.pop("choices", None)
            self._field = self.field_class(label=self.label, **extra)
            if choices is not None and not callable(choices):
                self._field.choices = choices
        return self._field

    def choices_now(self):
        """The choices a function gives (the states, translated decades), or None."""
        choices = self.extra.get("choices")
        return Choices(choices(), kept=False) if callable(choices) else None

    def cleaned(self, name):
        """The valid value of another field of the form, or None."""
        return getattr(self.parent.form, "cleaned_data", {}).get(name)  # none on an unbound form


class Among:
    """The rows a subquery of their keys names: applied to those rows as `pk IN (subquery)`
    (or NOT IN, `negated`); to another model's rows through the reference that names them,
    as `<reference> IN (subquery)`, without reading the rows themselves (see
    DashboardFilterSet.filter_queryset)."""

    def __init__(self, keys, negated=False):
        self.keys, self.negated = keys, negated

    def q(self, reference="pk"):
        q = Q(**{f"{reference}__in": self.keys})
        return ~q if self.negated else q


class ConditionsFilter(Filter):
    """A filter whose lookup is `conditions(value)`: Q objects on the filter set's model, or
    Among. It applies them to that model's rows; a filter set that offers it on another
    model's page applies them to those rows' related ones."""

    def conditions(self, value):
        raise NotImplementedError

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        for condition in self.conditions(value):
            qs = qs.filter(condition.q() if isinstance(condition, Among) else condition)
        return qs


class AnyOfFilter(ConditionsFilter):
    """The rows whose `field_name` is any of the chosen values."""

    field_class = MultipleChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", widgets.SelectMultiple)
        super().__init__(*args, **kwargs)

    def conditions(self, value):
        return [Q(**{f"{self.field_name}__in": value})]

    # Whether an option's count is taken with this filter's own choice kept ("all of"
    # filters: the rows the option would add a condition to) or without it ("any of": the
    # rows the option alone would give).
    def counted_with_own_choice(self):
        return False

    def facet(self, rows, path):
        """The number of rows per choice, as one grouped query of (value, n): `rows` are the
        rows of this filter's model that meet the other filters, `path` leads from them to
        the rows counted ("pk": themselves)."""
        return rows.values(value=Cast(self.field_name, CharDbField())).annotate(n=Count(path, distinct=True))


class OneOfFilter(ConditionsFilter):
    """The rows whose `field_name` is the chosen value; `empty_label` names the choice of
    none (django-filter's default label for it without one)."""

    field_class = ChoiceField

    def __init__(self, *args, empty_label=filter_settings.EMPTY_CHOICE_LABEL, **kwargs):
        kwargs.setdefault("widget", widgets.Select)
        choices = kwargs.pop("choices")
        super().__init__(*args, choices=(("", empty_label), *choices), **kwargs)

    def conditions(self, value):
        return [Q(**{self.field_name: value})]


def _member_on(day):
    """A party's spell that binds it on `day` (standing.MEMBERSHIP); any spell without a day."""
    return MEMBERSHIP.q(day, [MembershipStatus.PARTY]) if day else Q()


def _pacts_among(model, *conditions, negated=False, **lookups):
    """Pacts with a `model` row meeting the conditions. An IN over one subquery, not a
    correlated EXISTS: the database reads the few matching rows once instead of probing
    them for every pact."""
    return Among(model.objects.filter(*conditions, **lookups).values("pact"), negated)


class PartyFilter(AnyOfFilter):
    """Pacts with any of the chosen states as a party on the day "in force on" names (ever,
    without a day). With "all of them" (PartyMatchFilter) that filter applies instead."""

    def conditions(self, value):
        if self.cleaned("party_match") == PartyMatch.ALL:
            return []
        return [_pacts_among(Party, _member_on(self.cleaned("on")), state__code__in=value)]

    def counted_with_own_choice(self):
        return self.cleaned("party_match") == PartyMatch.ALL

    def facet(self, rows, path):
        """Per state, the rows of pacts it is a party of on the day "in force on" names."""
        counted = "pact" if path == "pk" else f"pact__{path}"
        return (Party.objects.filter(_member_on(self.cleaned("on")), **{f"{counted}__in": rows.values("pk")})
                .values(value=F("state__code")).annotate(n=Count(counted, distinct=True)))


class PartyMatchFilter(OneOfFilter):
    """"All of them": pacts with every chosen state as a party (on the day "in force on" names)."""

    def conditions(self, value):
        codes = self.cleaned("party")
        if value != PartyMatch.ALL or not codes:
            return []
        day = self.cleaned("on")
        return [_pacts_among(Party, _member_on(day), state__code=code) for code in codes]


class InForceOnFilter(ConditionsFilter):
    """Pacts in force on the day (standing.PACT_STATUS)."""

    field_class = DateField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", widgets.DateInput)
        super().__init__(*args, **kwargs)

    def conditions(self, value):
        statuses = [PactStatus.IN_FORCE, PactStatus.UNKNOWN] if self.parent.with_unknown else [PactStatus.IN_FORCE]
        return [PACT_STATUS.q(value, statuses)]


class SignedYearFilter(ConditionsFilter):
    """Pacts signed in that year or later (`lookup_expr="gte"`), or earlier ("lte")."""

    field_class = IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", widgets.NumberInput)
        super().__init__(*args, **{**YEARS, **kwargs})

    def conditions(self, value):
        return [Q(**{f"signed_on__year__{self.lookup_expr}": value})]


class DecadeFilter(AnyOfFilter):
    """Pacts signed in any of the chosen decades."""

    def conditions(self, value):
        years = Q()
        for decade in value:
            start = int(decade)
            years |= Q(signed_on__year__gte=start, signed_on__year__lt=start + 10)
        return [years]

    def facet(self, rows, path):
        """Per decade (its first year, as the choices name it), the rows of pacts signed in it."""
        # an integer division on both databases (PostgreSQL's EXTRACT gives a numeric)
        decade = Cast(Cast(ExtractYear("signed_on"), IntegerDbField()) / 10 * 10, CharDbField())
        return (Pact.objects.filter(signed_on__isnull=False, **{f"{path}__in": rows.values("pk")})
                .values(value=decade).annotate(n=Count(path, distinct=True)))


class OriginFilter(OneOfFilter):
    """Curated pacts, or those known only from ATOP (generated demonstration pacts are
    neither)."""

    def conditions(self, value):
        if value == Origin.CURATED:
            return [Q(curated=True)]
        return [Q(curated=False, atop_id__isnull=False)]


class DepthFilter(AnyOfFilter):
    """Pacts with every chosen depth of commitment in an ATOP phase."""

    def conditions(self, value):
        return [_pacts_among(AtopPhase, **{f"{Depth(depth).value}__gt": 0}) for depth in value]

    facet = None  # "all of" several columns: not one grouping


class InvokedFilter(OneOfFilter):
    """Pacts invoked at least once ("yes") or never ("no")."""

    def conditions(self, value):
        return [_pacts_among(Invocation, negated=value == YesNo.NO)]


class NuclearPartyFilter(OneOfFilter):
    """"Yes": pacts with a party armed with nuclear weapons on the day "in force on" names
    (today without one; standing.NUCLEAR_ARMED); "no": none known to be (an unknown status
    is not counted as armed)."""

    def conditions(self, value):
        day = self.cleaned("on") or timezone.localdate()
        return [_pacts_among(Party, _member_on(day), NUCLEAR_ARMED.q(day, [True], "state__"),
                             negated=value == YesNo.NO)]


class ClauseTextFilter(ConditionsFilter):
    """Rows with a clause text holding every word and "quoted phrase" (textsearch.py), or
    whose pact's name holds them or is the ATOP id asked (textsearch.matching_pacts):
    `clause` is the row's reference to its clause (a commitment's), or None for any clause
    of a pact. How the texts are matched depends on the database (in_matching_texts).

    The search runs once per request: the keys of the matching rows are read in one query
    (matching_query), and the page's queries (its rows, its count, every facet count) keep
    their rows by that list, passed as one parameter (textsearch.AmongKeys). The list is
    kept by the filter set of the request and shared with the filter sets it narrows for
    the facets (DashboardFilterSet.found_keys), never beyond the request: a later request
    may find other rows."""

    field_class = CharField

    def __init__(self, *args, clause=None, **kwargs):
        kwargs.setdefault("widget", widgets.TextInput)
        super().__init__(*args, **kwargs)
        self.clause = clause

    def filter(self, qs, value):
        # The form of the search depends on the database of the rows it filters.
        self.db = qs.db
        return super().filter(qs, value)

    def conditions(self, value):
        return [Q(pk__among=self.matching_keys(value))]

    def matching_query(self, value):
        """The keys of the rows matching the search, as one query (unordered)."""
        model = Pact if self.clause is None else Commitment
        using = getattr(self, "db", None) or router.db_for_read(model)
        # The pacts found by name as a subquery of their keys: for commitments, not a join
        # of every commitment with its pact; for pacts, where the names' trigram indexes
        # answer it (textsearch.names_read_from_index), rather than comparing every pact's
        # names that the texts did not find.
        by_name = matching_pacts(value)
        named = Pact.objects.using(using).filter(by_name).values("pk")
        if self.clause is not None:
            condition = in_matching_texts(using, value, self.clause) | Q(pact__in=named)
        elif names_read_from_index(value, using):
            condition = in_matching_texts(using, value, "pk", of_pact=True) | Q(pk__in=named)
        else:
            condition = in_matching_texts(using, value, "pk", of_pact=True) | by_name
        return model.objects.using(using).filter(condition).order_by().values_list("pk", flat=True)

    def matching_keys(self, value):
        parent = getattr(self, "parent", None)
        if parent is None:  # no filter set, hence no request to keep them for
            return Keys(self.matching_query(value))
        found = parent.found_keys
        asked = (self.clause, getattr(self, "db", None), value)
        if asked not in found:
            found[asked] = Keys(self.matching_query(value))
        return found[asked]


def in_matching_texts(using, q, field, of_pact=False):
    """The rows whose `field` is a clause (or with `of_pact`, a pact) with a clause version
    matching q.

    Where an index answers the search (PostgreSQL's text search, SQLite's trigrams), an IN
    over one subquery (a pact's: textsearch.pacts_of): the matching texts are read once,
    from the index, even beside the OR with the pact names (in a correlated EXISTS inside
    an OR the index goes unused). Where texts are scanned (a term too short for a trigram,
    on SQLite), a correlated EXISTS stops at a pact's first matching clause, and for
    commitments only the texts of clauses that carry one are read."""
    versions = matching_versions(q, using)
    if read_from_index(q, versions.db):
        return Q(**{f"{field}__in": pacts_of(versions) if of_pact else versions.values("clause")})
    return Q(Exists(versions.filter(**{"clause__pact" if of_pact else "clause": OuterRef(field)})))


class NamedDetailFilter(ConditionsFilter):
    """Commitments whose dimension is `named` and whose detail holds the words, as typed
    (the named adversary)."""

    field_class = CharField

    def __init__(self, dimension, **kwargs):
        kwargs.setdefault("widget", widgets.TextInput)
        super().__init__(field_name=dimension.detail, **kwargs)
        self.dimension_field, self.named = dimension.field, dimension.named

    def conditions(self, value):
        return [Q(**{self.dimension_field: self.named, f"{self.field_name}__icontains": value})]


class ConditionFilter(AnyOfFilter):
    """Commitments with any of the chosen conditions."""

    def conditions(self, value):
        return [Among(CommitmentCondition.objects.filter(condition__in=value).values("commitment"))]

    def facet(self, rows, path):
        """Per condition, the rows of the commitments carrying it."""
        counted = f"commitment__{path}"
        return (CommitmentCondition.objects.filter(commitment__in=rows.values("pk"))
                .values(value=F("condition")).annotate(n=Count(counted, distinct=True)))


def dimension_filter(dimension):
    """The filter of a coded dimension (dimensions.py), or None."""
    if dimension.filter_name is None:
        return None
    options = {"label": dimension.filter_label}
    if isinstance(dimension, Conditions):
        return ConditionFilter(choices=tuple(dimension.choices.choices), **options)
    if dimension.filter_on == "detail":
        return NamedDetailFilter(dimension, **options)
    return AnyOfFilter(field_name=dimension.field, choices=tuple(dimension.choices.choices), **options)


class DashboardFilterSet(django_filters.FilterSet):
    """Own filters, and those of `also` (another filter set, on another model), which this
    one offers in its form and applies to that model's rows together, keeping its own rows
    by one subquery: `through` is (the lookup on this model, the field of that one)."""

    also = None
    through = None  # (our reference to `also`'s rows, their field it names: "pk" or a reference to ours)
    also_first = False  # in the form, `also`'s filters before this one's
    # Whether "in force on" also admits the commitments that may be: of a pact whose
    # standing that day is unknown, or in a wording whose changeover is uncertain. Their
    # links are all of unknown status; the network counts them, and shows them on request.
    with_unknown = False
    # The filters staff use most, shown first; the others fold under "More filters".
    first_filters = ("q", "party", "party_match", "on", "commitment_type", "obligation")
    # The filter set on `also`'s model keeping its rows by both kinds of condition: the
    # facet counts of `also`'s filters are read from its rows (set below the classes).
    counterpart = None
    shared_choices = {}  # choices read by another filter set's form for the same request

    @classmethod
    def own_filters(cls):
        """The filters on this filter set's own model: declared, or generated."""
        return super().get_filters()

    def get_form_class(self):
        return type(self).declared_form

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            # Choices given by a function are read once for this form, into its own fields.
            for name, filter_ in self.filters.items():
                choices = self.shared_choices[name] if name in self.shared_choices else filter_.choices_now()
                if choices is not None:
                    form.fields[name].choices = choices
        return self._form

    @classmethod
    def get_filters(cls):
        own = cls.own_filters()
        cls.own_filter_names = frozenset(own)
        if cls.also is None:
            filters = own
        else:
            # In the form, one filter set's filters after the other's; where both name a
            # filter, this one's, in the first one's place.
            first, second = (cls.also.base_filters, own) if cls.also_first else (own, cls.also.base_filters)
            filters = {name: own.get(name, declared) for name, declared in first.items()}
            for name, declared in second.items():
                filters.setdefault(name, declared)
        # The form class, made with the filter set class from its filters' fields, as a form
        # class is declared once: each form copies the class's fields (Django's BaseForm
        # does), so that what one request changes stays its own.
        cls.declared_form = type(f"{cls.__name__}Form", (cls._meta.form,),
                                 {name: declared.field for name, declared in filters.items()})
        return filters

    @property
    def errors_by_label(self):
        """Invalid filters, as (label, messages) pairs, for the page's message; the label is
        None for what concerns several filters together (the form's own errors)."""
        fields = self.form.fields
        return [(None if name == forms.forms.NON_FIELD_ERRORS else fields[name].label if name in fields else name,
                 errors) for name, errors in self.form.errors.items()]

    @property
    def error_messages(self):
        """What the page says of each invalid filter, or of filters invalid together."""
        return [" ".join(errors) if label is None
                else _("Filter “%(label)s” ignored: %(errors)s") % {"label": label, "errors": " ".join(errors)}
                for label, errors in self.errors_by_label]

    def filter_queryset(self, queryset):
        """This filter set's filters on its rows, and the other's conditions on the related
        rows:

        - rows with several related rows (a pact's commitments) are kept when one of them
          meets every condition: an IN over one subquery of those rows, read once;
        - rows with one related row (a commitment's pact) are kept when it meets them: each
          condition applies to it through the row's reference, so that the database joins
          it and chooses which side to read first (the pacts of one decade; commitments in
          their sort order); a condition naming the related rows by a subquery of their keys
          (Among) compares the reference with it, without reading those rows.
        """
        self.form.is_valid()  # validates a bound form once; an unbound one filters nothing
        cleaned = getattr(self.form, "cleaned_data", {})  # the valid fields only
        if self.also is not None:
            reference, field = self.through
            related = self.also._meta.model.objects.all()
        for name, value in cleaned.items():
            filter_ = self.filters[name]
            if name in self.own_filter_names:
                queryset = filter_.filter(queryset, value)
            elif value not in EMPTY_VALUES:
                for condition in filter_.conditions(value):
                    if isinstance(condition, Among):
                        if field == "pk":
                            queryset = queryset.filter(condition.q(reference))
                        else:
                            related = related.filter(condition.q())
                    elif field == "pk" and (through := _through(condition, reference)) is not None:
                        queryset = queryset.filter(through)
                    else:
                        related = related.filter(condition)
        day = cleaned.get("on")
        if self._meta.model is Commitment:
            queryset = queryset.filter(self.wording_on(day))
        if self.also is not None and related.query.has_filters():
            if related.model is Commitment:
                related = related.filter(self.wording_on(day))
            queryset = queryset.filter(**{f"{reference}__in": related.values(field)})
        return queryset

    def more_filters_set(self):
        """Whether any filter outside `first_filters` has a value in the query."""
        data = self.data or QueryDict()
        values = data.getlist if hasattr(data, "getlist") else lambda name: [data.get(name)]
        return any(value for name in self.form.fields if name not in self.first_filters for value in values(name))

    @property
    def found_keys(self):
        """{(clause reference, database, search): keys of the rows it matches}, read once
        for this request by ClauseTextFilter and shared with the filter sets it narrows."""
        if "_found_keys" not in self.__dict__:
            self._found_keys = {}
        return self._found_keys

    def narrowed(self, filterset_class, data, queryset):
        """A filter set of the same request on other data, reusing this one's choices and
        the keys its search found."""
        narrowed = filterset_class(data, queryset=queryset, request=self.request)
        narrowed._found_keys = self.found_keys
        narrowed.shared_choices = {name: field.choices for name, field in self.form.fields.items()
                                   if callable(self.filters[name].extra.get("choices"))}
        return narrowed

    def facet_counts(self):
        """{filter name: {choice value: rows}} for each filter with counted choices: the rows
        of this table each choice would give under the other filters as they are. One rule,
        one place: the rows are this filter set's, with that one filter removed (kept for an
        "all of" filter), and the filter groups them by its own lookup.

        Each filter counts at most the count limit of rows (counting.py). The keys of the
        rows the filters group are read first, at most the limit + 1 of each distinct set of
        rows (the filters left unset all group the same ones), in one statement; then each
        filter with no more than the limit groups its rows by their keys, one grouped query
        per filter, all in one statement (UNION ALL). A filter with more rows to count has
        None, its options shown without numbers; when every filter has, the second
        statement is not sent."""
        self.form.is_valid()
        data = self.data.copy() if self.data is not None else QueryDict(mutable=True)
        model = self._meta.model
        limit = count_limit()
        row_sets = {}  # {(model, SQL, parameters) of the rows a filter groups: those rows}
        plans = []  # (filter name, filter, the key of its rows, path to the rows counted)
        narrowed_rows = {}  # {(filter set, its data): its rows}: the filters left unset share one

        def rows_of(filterset_class, narrowed_data, queryset):
            asked = (filterset_class, tuple(sorted((key, tuple(values)) for key, values in narrowed_data.lists())))
            if asked not in narrowed_rows:
                narrowed_rows[asked] = self.narrowed(filterset_class, narrowed_data, queryset).qs
            return narrowed_rows[asked]

        for name, filter_ in self.filters.items():
            if getattr(filter_, "facet", None) is None:
                continue
            narrowed_data = data.copy()
            if not filter_.counted_with_own_choice():
                narrowed_data.pop(name, None)
            own = name in self.own_filter_names
            if own or model is Commitment:
                rows = rows_of(type(self), narrowed_data, self.queryset)
                # from the filter's model to this table's rows
                path = "pk" if own else "commitments"
            else:  # a commitment's filter on the pact list: the commitments meeting the conditions
                rows = rows_of(self.counterpart, narrowed_data, Commitment.objects.all())
                path = "pact"
            sql, params = rows.query.sql_with_params()
            key = (rows.model, sql, repr(params))
            row_sets.setdefault(key, rows)
            plans.append((name, filter_, key, path))
        keys = dict(zip(row_sets, (Keys(found) for found in bounded_keys(list(row_sets.values()), limit))))
        counts = {}
        grouped = []
        for name, filter_, key, path in plans:
            if len(keys[key]) > limit:
                counts[name] = None
                continue
            counts[name] = {}
            rows = key[0].objects.filter(pk__among=keys[key])
            grouped.append(filter_.facet(rows, path).order_by()
                           .annotate(facet=Value(name, output_field=CharDbField())))
        if grouped:
            for row in grouped[0].union(*grouped[1:], all=True):
                if row["value"] is not None:
                    counts[row["facet"]][row["value"]] = row["n"]
        return counts

    def wording_on(self, day):
        """Commitments whose wording was in force on the day (standing.WORDING_IN_FORCE): an
        amended article is coded once per wording; a day inside an uncertain changeover
        selects neither (both, with_unknown). Any wording without a day."""
        if not day:
            return Q()
        return WORDING_IN_FORCE.q(day, [True, None] if self.with_unknown else [True])


def _through(condition, reference):
    """A condition on a model's fields (a Q of field lookups) as the same condition on the
    rows that reference one row of that model, through `reference`; None for a condition
    holding expressions, which only a subquery can carry."""
    if not isinstance(condition, Q):
        return None
    children = []
    for child in condition.children:
        if isinstance(child, Q):
            child = _through(child, reference)
            if child is None:
                return None
        elif isinstance(child, tuple):
            lookup, value = child
            child = (f"{reference}__{lookup}", value)
        else:
            return None
        children.append(child)
    return Q(*children, _connector=condition.connector, _negated=condition.negated)


class PactConditionsFilterSet(DashboardFilterSet):
    """Conditions on a pact."""

    q = ClauseTextFilter(label=_("Words in the clause text or the pact's name"))
    party = PartyFilter(label=_("Parties"), choices=state_choices)
    party_match = PartyMatchFilter(label=_("Match"), choices=tuple(PartyMatch.choices), empty_label=_("any of them"))
    on = InForceOnFilter(label=_("In force on"))
    signed_from = SignedYearFilter(lookup_expr="gte", label=_("Signed from (year)"))
    signed_to = SignedYearFilter(lookup_expr="lte", label=_("Signed until (year)"))
    decade = DecadeFilter(label=_("Decade signed"), choices=decades)
    origin = OriginFilter(label=_("Curated or ATOP only"), choices=tuple(Origin.choices))
    depth = DepthFilter(label=_("Depth (ATOP): all of"), choices=tuple(Depth.choices))
    multilaterality = OneOfFilter(label=_("Bilateral or multilateral"), choices=tuple(Multilaterality.choices))
    invoked = InvokedFilter(label=_("Ever invoked"), choices=tuple(YesNo.choices))
    nuclear = NuclearPartyFilter(label=_("A party with nuclear weapons"), choices=tuple(YesNo.choices))

    class Meta:
        model = Pact
        fields = []
        form = FilterForm


class CommitmentConditionsFilterSet(DashboardFilterSet):
    """Conditions on one commitment: each coded dimension's filter (dimensions.py), and
    words in the commitment's own clause."""

    q = ClauseTextFilter(label=_("Words in the clause text or the pact's name"), clause="clause_id")

    @classmethod
    def own_filters(cls):
        filters = super().own_filters()
        for dimension in DIMENSIONS:
            made = dimension_filter(dimension)
            if made is not None and dimension.filter_name not in filters:
                made.field_name = made.field_name or dimension.filter_name
                filters[dimension.filter_name] = made
        return filters

    class Meta:
        model = Commitment
        fields = []
        form = FilterForm


class PactFilterSet(PactConditionsFilterSet):
    """The pact list: pacts meeting the pact conditions, with a commitment meeting every
    commitment condition."""

    also = CommitmentConditionsFilterSet
    through = ("pk", "pact")

    class Meta(PactConditionsFilterSet.Meta):
        pass


class CommitmentFilterSet(CommitmentConditionsFilterSet):
    """The matrix: commitments meeting the commitment conditions, of pacts meeting the pact
    conditions."""

    also = PactConditionsFilterSet
    through = ("pact", "pk")
    also_first = True

    class Meta(CommitmentConditionsFilterSet.Meta):
        pass


PactFilterSet.counterpart = CommitmentFilterSet
CommitmentFilterSet.counterpart = PactFilterSet
