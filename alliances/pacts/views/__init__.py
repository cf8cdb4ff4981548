"""Dashboard views. Every view here sits behind the staff-login middleware."""

from .atop import AtopDisagreementsView
from .compare import CompareView, DiffView
from .lists import MatrixView, PactListView
from .lookup import LookupView
from .pages import AtopRecordView, ClaimListView, HomeView, PactDetailView, SourceDetailView, StateDetailView, StateListView

__all__ = [
    "AtopDisagreementsView",
    "AtopRecordView",
    "ClaimListView",
    "CompareView",
    "DiffView",
    "HomeView",
    "LookupView",
    "MatrixView",
    "PactDetailView",
    "PactListView",
    "SourceDetailView",
    "StateDetailView",
    "StateListView",
]
