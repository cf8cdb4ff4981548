"""The pact list and the comparison matrix."""

from ..filtersets import CommitmentFilterSet, PactFilterSet
from ..models import Commitment, Pact
from ..tables import CommitmentTable, PactTable
from .listing import FilteredTableView


class PactListView(FilteredTableView):
    template_name = "pacts/pact_list.html"
    queryset = Pact.objects.order_by("signed_on", "slug", "pk")
    filterset_class = PactFilterSet
    table_class = PactTable
    export_name = "pacts"


class MatrixView(FilteredTableView):
    template_name = "pacts/compare.html"
    queryset = Commitment.objects.order_by("pact__signed_on", "pact__slug", "clause__order", "key", "pk")
    filterset_class = CommitmentFilterSet
    table_class = CommitmentTable
    export_name = "commitments"
