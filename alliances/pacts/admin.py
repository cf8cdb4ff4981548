"""Editors' admin. Every model keeps a revertable edit history (HistoryAdmin)."""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.utils import get_history_model_for_model

from .admin_filters import SearchedRelatedFilter
from .edit_reasons import REASON_MAX, revert_reason
from .models import (
    AtopDisagreement,
    AtopMember,
    AtopPhase,
    Claim,
    ClaimPact,
    Clause,
    ClauseVersion,
    CodingNote,
    Commitment,
    CommitmentCondition,
    CommitmentSide,
    Excerpt,
    InferenceEvidence,
    Invocation,
    Pact,
    Party,
    Reservation,
    Source,
    State,
    Suspension,
)

admin.site.site_header = _("Alliances: editors' admin")
admin.site.site_title = _("Alliances admin")
admin.site.index_title = _("Defence pacts and their sources")

SAFE_METHODS = ("GET", "HEAD")


class ReasonForm(forms.ModelForm):
    """A change form with the reason for the edit, kept in the edit's history."""

    history_change_reason = forms.CharField(
        label=_("Reason for this edit"),
        required=False,
        max_length=REASON_MAX,
        help_text=_("Optional. Kept in the edit history beside the change, and given to the edits made in the lists below."),
    )


class HistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose history pages write only for those who may change the record.

    django-simple-history's page of one past version saves a POST of its form (that is how
    a revert works) after checking only that the user may view the history: an Analyst
    could post the read-only page back with changed fields. Here every request but GET and
    HEAD to a history page needs the change permission. Ids that are not ids are a 404,
    not a crash.
    """

    form = ReasonForm

    def save_model(self, request, obj, form, change):
        obj._change_reason = self._reason(request, form)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        """Inline rows saved with the page carry the page's reason into their own history."""
        reason = self._reason(request, form)
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj._change_reason = reason
            obj.delete()
        for obj in instances:
            obj._change_reason = reason
            obj.save()
        formset.save_m2m()

    @staticmethod
    def _reason(request, form):
        typed = (form.cleaned_data.get("history_change_reason") or "").strip()
        reverting_to = getattr(request, "reverting_to", None)
        if reverting_to is not None:
            return revert_reason(reverting_to, typed)
        return typed or None

    @property
    def media(self):
        media = super().media
        for spec in self.list_filter:
            if isinstance(spec, tuple) and spec[1] is SearchedRelatedFilter:
                return media + SearchedRelatedFilter.media(self.admin_site, self.model._meta.get_field(spec[0]))
        return media

    def history_view(self, request, object_id, extra_context=None):
        self._require_change_to_write(request)
        self._valid_id(self.model, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._require_change_to_write(request)
        self._valid_id(self.model, object_id)
        self._valid_id(get_history_model_for_model(self.model), version_id)
        if request.method not in SAFE_METHODS:
            # Saving a past version is a revert: its history entry names that version.
            request.reverting_to = get_history_model_for_model(self.model)._meta.pk.to_python(unquote(version_id))
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _require_change_to_write(self, request):
        if request.method in SAFE_METHODS:
            return
        if not (self.has_change_permission(request) and self.has_change_history_permission(request)):
            raise PermissionDenied

    @staticmethod
    def _valid_id(model, value):
        try:
            model._meta.pk.to_python(unquote(value))
        except ValidationError:
            raise Http404 from None


class PartyInline(admin.TabularInline):
    model = Party
    extra = 0
    autocomplete_fields = ["state", "source"]


class ClauseInline(admin.TabularInline):
    model = Clause
    extra = 0
    show_change_link = True


class CommitmentInline(admin.TabularInline):
    model = Commitment
    extra = 0
    show_change_link = True
    fields = ["key", "clause", "commitment_type", "trigger_event", "obligation", "automaticity"]
    autocomplete_fields = ["clause"]


class InvocationInline(admin.TabularInline):
    model = Invocation
    extra = 0
    show_change_link = True
    fields = ["key", "clause", "occurred_on", "occurred_precision", "kind", "invoked_by", "outcome", "source"]
    autocomplete_fields = ["clause", "invoked_by", "source"]


class InferenceEvidenceInline(admin.TabularInline):
    model = InferenceEvidence
    extra = 0
    autocomplete_fields = ["excerpt"]
    verbose_name_plural = _("evidence of the inferred entry into force")


class SuspensionInline(admin.TabularInline):
    model = Suspension
    extra = 0
    autocomplete_fields = ["from_state", "to_state", "source", "excerpt"]


@admin.register(Pact)
class PactAdmin(HistoryAdmin):
    list_display = ["short_name", "signed_on", "in_force_on", "ended_on", "multilaterality", "atop_id"]
    list_filter = ["multilaterality", "end_reason"]
    search_fields = ["title", "short_name", "slug"]
    prepopulated_fields = {"slug": ["short_name"]}
    autocomplete_fields = ["replaces", "source", "name_evidence"]
    inlines = [PartyInline, ClauseInline, CommitmentInline, InvocationInline, SuspensionInline, InferenceEvidenceInline]


@admin.register(State)
class StateAdmin(HistoryAdmin):
    list_display = ["name", "code", "cow_code", "nuclear_status", "nuclear_since_on"]
    list_filter = ["nuclear_status"]
    search_fields = ["name", "code", "cow_abbreviation"]
    autocomplete_fields = ["nuclear_source"]


@admin.register(Party)
class PartyAdmin(HistoryAdmin):
    list_display = ["state", "pact", "joined_on", "left_on"]
    list_filter = [("pact", SearchedRelatedFilter)]
    search_fields = ["state__name", "pact__short_name"]
    autocomplete_fields = ["state", "pact", "source"]


class ClauseVersionInline(admin.StackedInline):
    model = ClauseVersion
    extra = 0
    autocomplete_fields = ["source"]


class ReservationInline(admin.StackedInline):
    model = Reservation
    extra = 0
    autocomplete_fields = ["state", "source"]


@admin.register(Clause)
class ClauseAdmin(HistoryAdmin):
    list_display = ["__str__", "pact", "label", "order"]
    list_filter = [("pact", SearchedRelatedFilter)]
    search_fields = ["label", "heading", "pact__short_name", "versions__text"]
    autocomplete_fields = ["pact"]
    inlines = [ClauseVersionInline, ReservationInline]


@admin.register(ClauseVersion)
class ClauseVersionAdmin(HistoryAdmin):
    list_display = ["__str__", "kind", "language", "text_status", "effective_on"]
    list_filter = ["kind", "text_status", "language"]
    search_fields = ["text", "paraphrase", "label", "clause__pact__short_name"]
    autocomplete_fields = ["clause", "source"]


@admin.register(Reservation)
class ReservationAdmin(HistoryAdmin):
    list_display = ["__str__", "kind", "made_on"]
    list_filter = ["kind"]
    search_fields = ["text", "state__name"]
    autocomplete_fields = ["clause", "state", "source"]


class CommitmentSideInline(admin.TabularInline):
    model = CommitmentSide
    extra = 0
    autocomplete_fields = ["state"]


class CodingNoteInline(admin.StackedInline):
    model = CodingNote
    extra = 0
    autocomplete_fields = ["excerpt"]


class CommitmentConditionInline(admin.StackedInline):
    model = CommitmentCondition
    extra = 0
    autocomplete_fields = ["excerpt"]


@admin.register(Commitment)
class CommitmentAdmin(HistoryAdmin):
    list_display = [
        "key", "pact", "clause", "commitment_type", "trigger_event", "obligation", "automaticity", "immediacy"
    ]
    list_filter = ["commitment_type", "trigger_event", "obligation", "automaticity", "immediacy", ("pact", SearchedRelatedFilter)]
    search_fields = ["key", "summary", "pact__short_name"]
    autocomplete_fields = ["pact", "clause"]
    inlines = [CommitmentSideInline, CodingNoteInline, CommitmentConditionInline]


@admin.register(CodingNote)
class CodingNoteAdmin(HistoryAdmin):
    list_display = ["__str__", "confidence", "coded_by", "reviewed_by"]
    list_filter = ["dimension", "confidence"]
    search_fields = ["rationale", "commitment__key"]
    autocomplete_fields = ["commitment", "excerpt"]


@admin.register(CommitmentCondition)
class CommitmentConditionAdmin(HistoryAdmin):
    list_display = ["__str__", "commitment", "confidence"]
    list_filter = ["condition"]
    search_fields = ["detail", "rationale", "commitment__key"]
    autocomplete_fields = ["commitment", "excerpt"]


@admin.register(CommitmentSide)
class CommitmentSideAdmin(HistoryAdmin):
    list_display = ["commitment", "role", "state"]
    list_filter = ["role"]
    search_fields = ["commitment__key", "state__name"]
    autocomplete_fields = ["commitment", "state"]


@admin.register(Invocation)
class InvocationAdmin(HistoryAdmin):
    list_display = ["key", "pact", "clause", "occurred_on", "kind", "invoked_by", "outcome"]
    list_filter = ["kind", "outcome", ("pact", SearchedRelatedFilter)]
    search_fields = ["key", "event", "outcome_detail"]
    autocomplete_fields = ["pact", "clause", "invoked_by", "on_behalf_of", "source", "excerpt"]


@admin.register(Suspension)
class SuspensionAdmin(HistoryAdmin):
    list_display = ["__str__", "pact", "from_state", "to_state", "started_on", "ended_on"]
    list_filter = [("pact", SearchedRelatedFilter)]
    search_fields = ["description"]
    autocomplete_fields = ["pact", "from_state", "to_state", "source", "excerpt"]


class ExcerptInline(admin.StackedInline):
    model = Excerpt
    extra = 0


@admin.register(Source)
class SourceAdmin(HistoryAdmin):
    list_display = ["key", "title", "publisher", "language", "kind", "accessed_on"]
    list_filter = ["kind", "language"]
    search_fields = ["key", "title", "publisher", "url"]
    inlines = [ExcerptInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Excerpt)
class ExcerptAdmin(HistoryAdmin):
    list_display = ["key", "source", "location", "__str__"]
    list_filter = [("source", SearchedRelatedFilter)]
    search_fields = ["key", "text", "location"]
    autocomplete_fields = ["source"]


class ClaimPactInline(admin.TabularInline):
    model = ClaimPact
    extra = 0
    autocomplete_fields = ["pact"]


@admin.register(Claim)
class ClaimAdmin(HistoryAdmin):
    list_display = ["summary", "source", "verdict"]
    list_filter = ["verdict", ("source", SearchedRelatedFilter)]
    search_fields = ["summary", "gloss", "verdict_reasons"]
    autocomplete_fields = ["source", "excerpt"]
    inlines = [ClaimPactInline]


@admin.register(InferenceEvidence)
class InferenceEvidenceAdmin(HistoryAdmin):
    list_display = ["pact", "excerpt"]
    autocomplete_fields = ["pact", "excerpt"]


@admin.register(ClaimPact)
class ClaimPactAdmin(HistoryAdmin):
    list_display = ["claim", "pact"]
    autocomplete_fields = ["claim", "pact"]


class AtopMemberInline(admin.TabularInline):
    model = AtopMember
    extra = 0
    autocomplete_fields = ["state"]
    fields = ["state", "member_code", "entered_on", "entered_precision", "exited_on", "exited_precision"]


@admin.register(AtopPhase)
class AtopPhaseAdmin(admin.ModelAdmin):
    """ATOP's coding as imported; a re-import restores ATOP's values."""

    list_display = ["__str__", "pact", "began_on", "ended_on", "defense", "offense", "neutral", "nonagg", "consul"]
    list_filter = ["defense", "offense", "neutral", "nonagg", "consul"]
    search_fields = ["atop_id", "pact__short_name"]
    autocomplete_fields = ["pact"]
    inlines = [AtopMemberInline]


@admin.register(AtopMember)
class AtopMemberAdmin(admin.ModelAdmin):
    list_display = ["__str__", "member_code", "entered_on", "exited_on"]
    search_fields = ["state__name", "phase__atop_id"]
    autocomplete_fields = ["phase", "state"]


@admin.register(AtopDisagreement)
class AtopDisagreementAdmin(HistoryAdmin):
    """Curated explanations of where the project's coding differs from ATOP's."""

    list_display = ["__str__", "status", "coded_by", "reviewed_by"]
    list_filter = ["status", "dimension"]
    search_fields = ["pact__short_name", "explanation"]
    autocomplete_fields = ["pact", "source", "excerpt"]


# Saved views and column choices, each user's own.
from . import saved_admin  # noqa: E402,F401  (registers their admin pages)
