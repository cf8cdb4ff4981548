from django.urls import path, re_path

from . import views
from .views import pictures, saved

app_name = "pacts"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("pacts/", views.PactListView.as_view(), name="pact-list"),
    path("pacts/<slug:slug>/", views.PactDetailView.as_view(), name="pact-detail"),
    path("compare/", views.CompareView, name="compare"),
    path("diff/", views.DiffView.as_view(), name="diff"),
    path("lookup/", views.LookupView.as_view(), name="lookup"),
    path("atop/differences/", views.AtopDisagreementsView.as_view(), name="atop-disagreements"),
    # State codes are three letters; anything else is not a state (and never reaches the database).
    path("states/", views.StateListView.as_view(), name="state-list"),
    re_path(r"^states/(?P<code>[A-Za-z]{3})/$", views.StateDetailView.as_view(), name="state-detail"),
    path("atop/<int:atop_id>/", views.AtopRecordView.as_view(), name="atop-record"),
    path("claims/", views.ClaimListView.as_view(), name="claims"),
    path("sources/<slug:key>/", views.SourceDetailView.as_view(), name="source-detail"),
    # Pictures: maps, the network, and each picture as an SVG file.
    path("pacts/<slug:slug>/map/", pictures.PactMapView.as_view(), name="pact-map"),
    path("pacts/<slug:slug>/map.svg", pictures.pact_map_svg, name="pact-map-svg"),
    path("pacts/<slug:slug>/timeline.svg", pictures.pact_timeline_svg, name="pact-timeline-svg"),
    re_path(r"^states/(?P<code>[A-Za-z]{3})/map/$", pictures.StateMapView.as_view(), name="state-map"),
    re_path(r"^states/(?P<code>[A-Za-z]{3})/map\.svg$", pictures.state_map_svg, name="state-map-svg"),
    re_path(r"^states/(?P<code>[A-Za-z]{3})/timeline\.svg$", pictures.state_timeline_svg, name="state-timeline-svg"),
    path("network/", pictures.NetworkView.as_view(), name="network"),
    path("network/links.csv", pictures.network_csv, name="network-csv"),
    # Saved views and column choices of the tables.
    path("saved-views/", saved.SavedViewsView.as_view(), name="saved-views"),
    path("saved-views/new/", saved.save_view, name="saved-view-new"),
    path("saved-views/<int:pk>/rename/", saved.rename_view, name="saved-view-rename"),
    path("saved-views/<int:pk>/delete/", saved.delete_view, name="saved-view-delete"),
    path("columns/", saved.choose_columns, name="table-columns"),
    path("charts/in-force.svg", pictures.in_force_chart_svg, name="in-force-chart-svg"),
]
