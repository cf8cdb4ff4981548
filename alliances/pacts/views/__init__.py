"""Dashboard views. Every view here sits behind the staff-login middleware."""

from .compare import CompareView, DiffView
from .lists import MatrixView, PactListView
from .lookup import LookupView
from .pages import HomeView, PactDetailView, SourceDetailView, StateDetailView

__all__ = [
    "CompareView",
    "DiffView",
    "HomeView",
    "LookupView",
    "MatrixView",
    "PactDetailView",
    "PactListView",
    "SourceDetailView",
    "StateDetailView",
]
