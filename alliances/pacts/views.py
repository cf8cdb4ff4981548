"""Pages of the dashboard. Every view here sits behind the staff-login middleware."""


from django.db.models import Count, Prefetch
from django.utils import timezone
from django.views.generic import DetailView, TemplateView

from .models import (
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
)
from .seedfiles import read_seed_text


def today():
    return timezone.localdate()


class HomeView(TemplateView):
    template_name = "pacts/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        day = today()
        pacts = list(
            Pact.objects.annotate(
                party_count=Count("parties__state", distinct=True),
                clause_count=Count("clauses", distinct=True),
            ).order_by("signed_on", "slug")
        )
        context["day"] = day
        context["rows"] = [(pact, pact.status_on(day)) for pact in pacts]
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
