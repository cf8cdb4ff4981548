from django.urls import path

from . import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("pacts/<slug:slug>/", views.PactDetailView.as_view(), name="pact-detail"),
    path("sources/<slug:key>/", views.SourceDetailView.as_view(), name="source-detail"),
]
