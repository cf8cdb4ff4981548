"""What the API says of each record: the stored values, as the models name them, with the
evidence behind every coded value (its excerpt, the excerpt's source, the rationale), as the
dashboard's pages show it. Dates keep their precision: `signed_on` 1996-01-01 with
`signed_precision` "year" means some day in 1996 (docs/data-model.md).

Every nested record is read by the views' prefetches (views.py), a fixed number of queries
per page whatever the number of rows.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from alliances.pacts.choices import CodedDimension
from alliances.pacts.models import (
    Clause,
    ClauseVersion,
    Commitment,
    CommitmentCondition,
    Excerpt,
    Invocation,
    Pact,
    Party,
    Reservation,
    Source,
    State,
    Suspension,
)


def dashboard_url(request, name, key):
    """The absolute address of a dashboard page keyed by a slug or a code."""
    return request.build_absolute_uri(reverse(name, args=[key]))


class SourceRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["key", "title", "publisher", "url"]


class ExcerptSerializer(serializers.ModelSerializer):
    source = SourceRefSerializer()

    class Meta:
        model = Excerpt
        fields = ["key", "text", "location", "source"]


class EvidenceSerializer(serializers.Serializer):
    """Why a coded value is what it is (a coding note or a condition's provenance)."""

    excerpt = ExcerptSerializer()
    rationale = serializers.CharField()
    confidence = serializers.CharField()
    coded_by = serializers.CharField()
    reviewed_by = serializers.CharField()


# The coded fields of a commitment each coding note stands for (CodedDimension).
EVIDENCE_HELP = {
    CodedDimension.TYPE: "commitment_type",
    CodedDimension.TRIGGER_EVENT: "trigger_event",
    CodedDimension.TRIGGER_SCOPE: "trigger_scope, named_area",
    CodedDimension.ADVERSARY: "adversary_scope, named_adversary",
    CodedDimension.OBLIGATION: "obligation",
    CodedDimension.AUTOMATICITY: "automaticity",
    CodedDimension.IMMEDIACY: "immediacy",
    CodedDimension.MEANS: "means",
    CodedDimension.LEGAL_REFERENCES: "cites_un_article_51, reports_to_security_council",
}


class CommitmentEvidenceSerializer(serializers.Serializer):
    """The evidence of each coded value, by coded field; null where none is recorded."""

    def get_fields(self):
        return {
            dimension.value: EvidenceSerializer(
                allow_null=True,
                help_text=_("Evidence for %(fields)s.") % {"fields": EVIDENCE_HELP[dimension]},
            )
            for dimension in CodedDimension
        }

    def to_representation(self, commitment):
        notes = {note.dimension: note for note in commitment.notes.all()}
        return {
            dimension.value: EvidenceSerializer(notes[dimension]).data if dimension in notes else None
            for dimension in CodedDimension
        }


class ConditionSerializer(serializers.ModelSerializer):
    evidence = serializers.SerializerMethodField()

    class Meta:
        model = CommitmentCondition
        fields = ["condition", "detail", "evidence"]

    def get_evidence(self, condition) -> EvidenceSerializer:
        return EvidenceSerializer(condition).data


class CommitmentSerializer(serializers.ModelSerializer):
    pact = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    article = serializers.CharField(source="clause.label", read_only=True)
    obliged_states = serializers.SerializerMethodField(
        help_text=_("The obliged states' codes where the obliged side is a list; else every party.")
    )
    protected_states = serializers.SerializerMethodField(
        help_text=_("The protected states' codes where the protected side is a list; else every party.")
    )
    evidence = CommitmentEvidenceSerializer(source="*")
    conditions = ConditionSerializer(many=True)
    api_url = serializers.HyperlinkedIdentityField(view_name="api:commitment-detail", lookup_field="key")

    class Meta:
        model = Commitment
        fields = [
            "key", "api_url", "pact", "article", "commitment_type", "obliged_scope", "obliged_states",
            "protected_scope", "protected_states", "trigger_event", "trigger_scope", "named_area",
            "adversary_scope", "named_adversary", "obligation", "automaticity", "immediacy", "means",
            "cites_un_article_51", "reports_to_security_council", "summary", "effective_on", "effective_precision",
            "superseded_on", "superseded_precision", "evidence", "conditions",
        ]

    @staticmethod
    def _side(commitment, role):
        return sorted(side.state.code for side in commitment.sides.all() if side.role == role)

    def get_obliged_states(self, commitment) -> list[str]:
        return self._side(commitment, "obliged")

    def get_protected_states(self, commitment) -> list[str]:
        return self._side(commitment, "protected")


class PartySerializer(serializers.ModelSerializer):
    state = serializers.SlugRelatedField(slug_field="code", read_only=True)
    state_name = serializers.CharField(source="state.name", read_only=True)
    source = serializers.SlugRelatedField(slug_field="key", read_only=True)

    class Meta:
        model = Party
        fields = ["state", "state_name", "ratified_on", "ratified_precision", "joined_on", "joined_precision",
                  "left_on", "left_precision", "note", "source"]


class SuspensionSerializer(serializers.ModelSerializer):
    from_state = serializers.SlugRelatedField(slug_field="code", read_only=True)
    to_state = serializers.SlugRelatedField(slug_field="code", read_only=True)
    source = SourceRefSerializer()
    excerpt = ExcerptSerializer(allow_null=True)

    class Meta:
        model = Suspension
        fields = ["from_state", "to_state", "started_on", "started_precision", "ended_on", "ended_precision",
                  "description", "source", "excerpt"]


class PactSerializer(serializers.ModelSerializer):
    api_url = serializers.HyperlinkedIdentityField(view_name="api:pact-detail", lookup_field="slug")
    page = serializers.SerializerMethodField(help_text=_("The pact's page on the dashboard."))
    replaces = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    source = SourceRefSerializer(allow_null=True, help_text=_("The source for the pact's dates."))
    parties = PartySerializer(many=True)
    suspensions = SuspensionSerializer(many=True)

    class Meta:
        model = Pact
        fields = [
            "slug", "api_url", "page", "title", "short_name", "multilaterality", "signed_on", "signed_precision",
            "signed_place", "in_force_on", "in_force_precision", "ended_on", "ended_precision", "end_reason",
            "status_known_until", "duration_terms", "withdrawal_terms", "authentic_languages", "replaces",
            "atop_id", "atop_phase", "curated", "source", "notes", "parties", "suspensions",
        ]

    def get_page(self, pact) -> str:
        return self.context["request"].build_absolute_uri(pact.get_absolute_url())


class ClauseVersionSerializer(serializers.ModelSerializer):
    source = SourceRefSerializer()

    class Meta:
        model = ClauseVersion
        fields = ["label", "kind", "language", "effective_on", "effective_precision", "text_status", "text",
                  "paraphrase", "note", "source"]


class ReservationSerializer(serializers.ModelSerializer):
    state = serializers.SlugRelatedField(slug_field="code", read_only=True)
    source = SourceRefSerializer()

    class Meta:
        model = Reservation
        fields = ["state", "kind", "made_on", "made_precision", "text_status", "text", "paraphrase", "note",
                  "source"]


class ClauseSerializer(serializers.ModelSerializer):
    api_url = serializers.HyperlinkedIdentityField(view_name="api:clause-detail")
    pact = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    versions = ClauseVersionSerializer(many=True)
    reservations = ReservationSerializer(many=True)

    class Meta:
        model = Clause
        fields = ["id", "api_url", "pact", "label", "order", "heading", "versions", "reservations"]


class InvocationSerializer(serializers.ModelSerializer):
    api_url = serializers.HyperlinkedIdentityField(view_name="api:invocation-detail", lookup_field="key")
    pact = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    article = serializers.CharField(source="clause.label", read_only=True, allow_null=True, default=None)
    invoked_by = serializers.SlugRelatedField(slug_field="code", read_only=True)
    on_behalf_of = serializers.SlugRelatedField(slug_field="code", read_only=True)
    source = SourceRefSerializer()
    excerpt = ExcerptSerializer(allow_null=True)

    class Meta:
        model = Invocation
        fields = ["key", "api_url", "pact", "article", "occurred_on", "occurred_precision", "kind", "invoked_by",
                  "on_behalf_of", "event", "outcome", "outcome_detail", "source", "excerpt"]


class PactDetailSerializer(PactSerializer):
    """A pact with its articles in every version, its coded commitments and its invocations."""

    clauses = ClauseSerializer(many=True)
    commitments = CommitmentSerializer(many=True)
    invocations = InvocationSerializer(many=True)

    class Meta(PactSerializer.Meta):
        fields = PactSerializer.Meta.fields + ["clauses", "commitments", "invocations"]


class StateSerializer(serializers.ModelSerializer):
    api_url = serializers.HyperlinkedIdentityField(view_name="api:state-detail", lookup_field="code")
    page = serializers.SerializerMethodField(help_text=_("The state's page on the dashboard."))
    nuclear_source = SourceRefSerializer(allow_null=True)

    class Meta:
        model = State
        fields = ["code", "api_url", "page", "name", "cow_code", "cow_abbreviation", "nuclear_status",
                  "nuclear_since_on", "nuclear_since_precision", "nuclear_source", "curated"]

    def get_page(self, state) -> str:
        return dashboard_url(self.context["request"], "pacts:state-detail", state.code)


class ExcerptInSourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Excerpt
        fields = ["key", "text", "location"]


class SourceSerializer(serializers.ModelSerializer):
    api_url = serializers.HyperlinkedIdentityField(view_name="api:source-detail", lookup_field="key")
    page = serializers.SerializerMethodField(help_text=_("The source's page on the dashboard."))
    excerpts = ExcerptInSourceSerializer(many=True)

    class Meta:
        model = Source
        fields = ["key", "api_url", "page", "title", "publisher", "url", "language", "kind", "published_on",
                  "published_precision", "accessed_on", "seed_file", "notes", "curated", "excerpts"]

    def get_page(self, source) -> str:
        return dashboard_url(self.context["request"], "pacts:source-detail", source.key)


# --- answers computed on a day or over years (described for the schema) -------------------


class LinkSerializer(serializers.Serializer):
    state = serializers.CharField(help_text=_("The other state's code."))
    state_name = serializers.CharField()
    commitment = serializers.CharField(help_text=_("The commitment's key."))
    commitment_type = serializers.CharField()
    pact = serializers.CharField()
    article = serializers.CharField()
    status = serializers.ChoiceField(choices=["binding", "suspended", "unknown"])


class MembershipSerializer(serializers.Serializer):
    pact = serializers.CharField()
    pact_status = serializers.CharField()
    membership = serializers.CharField()
    joined_on = serializers.DateField(allow_null=True)
    left_on = serializers.DateField(allow_null=True)


class StandingSerializer(serializers.Serializer):
    state = serializers.CharField()
    name = serializers.CharField()
    on = serializers.DateField()
    nuclear_armed = serializers.BooleanField(allow_null=True, help_text=_("null where the data cannot say."))
    memberships = MembershipSerializer(many=True)
    committed_to_it = LinkSerializer(many=True, help_text=_(
        "Defence (and offence) commitments from other states to this one: who is committed to defend it."))
    it_is_committed_to = LinkSerializer(many=True, help_text=_(
        "Defence (and offence) commitments from this state to others: whom it is committed to defend."))
    pledged_to_it = LinkSerializer(many=True, help_text=_(
        "Pledges not to attack, to stay neutral or to consult, from other states to this one; never defence."))
    it_pledged_to = LinkSerializer(many=True, help_text=_(
        "Its pledges not to attack, to stay neutral or to consult, to other states; never defence."))


class FindingSuspensionSerializer(serializers.Serializer):
    from_state = serializers.CharField(allow_null=True)
    to_state = serializers.CharField(allow_null=True)
    started_on = serializers.DateField()
    ended_on = serializers.DateField(allow_null=True)
    description = serializers.CharField()
    source = SourceRefSerializer()


class FindingSerializer(serializers.Serializer):
    pact = serializers.CharField()
    article = serializers.CharField()
    commitment = serializers.CharField()
    commitment_type = serializers.CharField()
    trigger_event = serializers.CharField()
    trigger_scope = serializers.CharField()
    obligation = serializers.CharField()
    automaticity = serializers.CharField()
    immediacy = serializers.CharField()
    status = serializers.CharField()
    conditional = serializers.BooleanField()
    conditions = ConditionSerializer(many=True)
    evidence = EvidenceSerializer(allow_null=True)
    suspensions = FindingSuspensionSerializer(many=True)


class LookupSerializer(serializers.Serializer):
    obliged = serializers.CharField()
    protected = serializers.CharField()
    on = serializers.DateField()
    answer = serializers.CharField(help_text=_(
        "yes, conditionally, no, or unknown (the data cannot say), from the defence (and offence) commitments."))
    findings = FindingSerializer(many=True, help_text=_("The defence (and offence) commitments between the two."))
    pledges = FindingSerializer(many=True, help_text=_(
        "Pledges between them not to attack, to stay neutral or to consult: listed apart, never counted in the answer."))
    incomplete_party_lists = serializers.ListField(child=serializers.CharField(), help_text=_(
        "Pacts (slugs) whose party list is known to be incomplete, which the answer reads."))


KIND_HELP = _("1: an obligation of this kind binds on some day of the year; null: one may, but the data "
              "cannot say on any day; 0: none.")


class DyadYearSerializer(serializers.Serializer):
    ddyad = serializers.IntegerField(allow_null=True, help_text=_(
        "ATOP's directed-dyad number, statea × 1000 + stateb (null where a state has no COW code)."))
    year = serializers.IntegerField()
    defense = serializers.IntegerField(allow_null=True, help_text=KIND_HELP)
    offense = serializers.IntegerField(allow_null=True, help_text=KIND_HELP)
    neutral = serializers.IntegerField(allow_null=True, help_text=KIND_HELP)
    nonagg = serializers.IntegerField(allow_null=True, help_text=KIND_HELP)
    consul = serializers.IntegerField(allow_null=True, help_text=KIND_HELP)
    transyr = serializers.IntegerField(help_text=_(
        "1 when some commitment behind the row starts, ends or changes status during the year."))
    statea = serializers.IntegerField(allow_null=True, help_text=_("COW code of the obliged state."))
    stateb = serializers.IntegerField(allow_null=True, help_text=_("COW code of the protected state."))
    obliged = serializers.CharField()
    obliged_name = serializers.CharField()
    protected = serializers.CharField()
    protected_name = serializers.CharField()
    pacts = serializers.ListField(child=serializers.CharField(), help_text=_("Slugs of the pacts behind the row."))
    atopids = serializers.ListField(child=serializers.IntegerField(), help_text=_("Their ATOP ids."))


class DyadYearPageSerializer(serializers.Serializer):
    next = serializers.URLField(allow_null=True)
    results = DyadYearSerializer(many=True)
