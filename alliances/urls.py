from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from alliances.health import health

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("health/", health, name="health"),
    # The language switcher posts here (CSRF-protected); it sets the language cookie and
    # goes back to the page it came from.
    path("language/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("api/v1/", include(("alliances.api.urls", "api"), namespace="api")),
    path("", include("alliances.pacts.urls")),
]
