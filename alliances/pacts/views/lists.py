"""The pact list and the comparison matrix."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..filtersets import CommitmentFilterSet, PactFilterSet
from ..models import Commitment, Pact, TableName
from ..tables import CommitmentTable, PactTable, query_string
from .listing import FilteredTableView
from .saved import TablePreferencesMixin


# The matrix's order: by pact (signed, then slug), then by clause; the key breaks ties.
MATRIX_ORDER = ("pact__signed_on", "pact__slug", "clause__order", "key", "pk")


def commitment_rows():
    """The matrix's rows, with each commitment's pact and clause, for pages that read the
    matrix's filtered commitments whole (the network)."""
    return Commitment.objects.select_related("pact", "clause").order_by(*MATRIX_ORDER)


class PactListView(TablePreferencesMixin, FilteredTableView):
    table_name = TableName.PACTS
    template_name = "pacts/pact_list.html"
    queryset = Pact.objects.order_by("signed_on", "slug", "pk")
    filterset_class = PactFilterSet
    table_class = PactTable
    export_name = "pacts"
    export_title = _("Pacts")


class MatrixView(TablePreferencesMixin, FilteredTableView):
    table_name = TableName.MATRIX
    template_name = "pacts/compare.html"
    queryset = Commitment.objects.order_by(*MATRIX_ORDER)
    filterset_class = CommitmentFilterSet
    table_class = CommitmentTable
    export_name = "commitments"
    export_title = _("Commitments")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = query_string(self.request.GET, {"page", "sort", "per_page", "export", "columns"})
        context["network_url"] = reverse("pacts:network") + ("?" + query if query else "")
        return context
