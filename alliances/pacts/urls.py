from django.urls import path

from . import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("pacts/", views.PactListView.as_view(), name="pact-list"),
    path("pacts/<slug:slug>/", views.PactDetailView.as_view(), name="pact-detail"),
    path("compare/", views.CompareView, name="compare"),
    path("diff/", views.DiffView.as_view(), name="diff"),
    path("lookup/", views.LookupView.as_view(), name="lookup"),
    path("states/<str:code>/", views.StateDetailView.as_view(), name="state-detail"),
    path("sources/<slug:key>/", views.SourceDetailView.as_view(), name="source-detail"),
]
