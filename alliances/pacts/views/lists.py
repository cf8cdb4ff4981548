"""The pact list and the comparison matrix."""

from django.urls import reverse
from django.utils import timezone

from ..exports import COMMITMENT_COLUMNS, pact_columns
from ..filtersets import CommitmentFilterSet, PactFilterSet
from ..queries import commitment_export_rows, commitment_rows, pact_export_rows, pact_rows
from ..tables import CommitmentTable, PactTable
from .listing import FilteredTableView


class PactListView(FilteredTableView):
    template_name = "pacts/pact_list.html"
    filterset_class = PactFilterSet
    table_class = PactTable
    export_name = "pacts"

    @property
    def export_columns(self):
        """The pact columns with the status on the filter's "in force on" day, or today."""
        cleaned = getattr(self.filterset.form, "cleaned_data", {})
        return pact_columns(cleaned.get("on") or timezone.localdate())

    def base_queryset(self):
        return pact_rows()

    def export_rows(self, queryset):
        return pact_export_rows(queryset)


class MatrixView(FilteredTableView):
    template_name = "pacts/compare.html"
    filterset_class = CommitmentFilterSet
    table_class = CommitmentTable
    export_columns = COMMITMENT_COLUMNS
    export_name = "commitments"

    def base_queryset(self):
        return commitment_rows()

    def export_rows(self, queryset):
        return commitment_export_rows(queryset)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        for name in ("page", "sort", "per_page", "export"):
            query.pop(name, None)
        context["network_url"] = reverse("network") + ("?" + query.urlencode() if query else "")
        return context
