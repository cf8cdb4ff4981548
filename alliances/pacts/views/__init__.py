"""Dashboard views. Every view here sits behind the staff-login middleware."""

from .compare import CompareView, DiffView
from .lists import MatrixView, PactListView
from .lookup import LookupView
from .pages import AtopRecordView, HomeView, PactDetailView, SourceDetailView, StateDetailView, StateListView

__all__ = [
    "AtopRecordView",
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
