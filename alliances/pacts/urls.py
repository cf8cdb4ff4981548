from django.urls import path, re_path

from . import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("pacts/", views.PactListView.as_view(), name="pact-list"),
    path("pacts/<slug:slug>/", views.PactDetailView.as_view(), name="pact-detail"),
    path("compare/", views.CompareView, name="compare"),
    path("diff/", views.DiffView.as_view(), name="diff"),
    path("lookup/", views.LookupView.as_view(), name="lookup"),
    path("atop/differences/", views.AtopDisagreementsView.as_view(), name="atop-disagreements"),
    # State codes are three letters; anything else is not a state (and never reaches the database).
    re_path(r"^states/(?P<code>[A-Za-z]{3})/$", views.StateDetailView.as_view(), name="state-detail"),
    path("sources/<slug:key>/", views.SourceDetailView.as_view(), name="source-detail"),
]
