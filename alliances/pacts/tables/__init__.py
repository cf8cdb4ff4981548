"""The dashboard's tables: the pact list and the comparison matrix (see base.py for what
they share, columns.py for their columns, data.py for what the columns read per page)."""

from .base import DEFAULT_PAGE_SIZE, PAGE_SIZES, DashboardTable, KeysFirstPaginator, query_string
from .columns import provenance_who
from .commitments import CommitmentExport, CommitmentTable
from .pacts import PactExport, PactTable

__all__ = ["DEFAULT_PAGE_SIZE", "PAGE_SIZES", "CommitmentExport", "CommitmentTable", "DashboardTable",
           "KeysFirstPaginator", "query_string", "PactExport", "PactTable", "provenance_who"]
