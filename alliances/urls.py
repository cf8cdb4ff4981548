from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from alliances.health import health

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("health/", health, name="health"),
    path("admin/", admin.site.urls),
    path("api/v1/", include(("alliances.api.urls", "api"), namespace="api")),
    path("", include("alliances.pacts.urls")),
]
