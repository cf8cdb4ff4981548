"""The API's addresses, under /api/v1/ (namespace "api")."""

from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import DefaultRouter

from . import docs, views

router = DefaultRouter()
router.include_format_suffixes = False
router.register("pacts", views.PactViewSet, basename="pact")
router.register("clauses", views.ClauseViewSet, basename="clause")
router.register("commitments", views.CommitmentViewSet, basename="commitment")
router.register("states", views.StateViewSet, basename="state")
router.register("sources", views.SourceViewSet, basename="source")
router.register("invocations", views.InvocationViewSet, basename="invocation")

urlpatterns = [
    path("lookup/", views.LookupView.as_view(), name="lookup"),
    path("dyad-years/", views.DyadYearView.as_view(), name="dyad-years"),
    path("dyad-years.csv", views.DyadYearCsvView.as_view(), name="dyad-years-csv"),
    path("schema/", SpectacularJSONAPIView.as_view(), name="schema"),
    path("docs/", docs.DocsView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
]
