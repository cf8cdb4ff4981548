"""The API's documentation page: Swagger UI, served from the app's static files, its
settings script a separate file, so that it runs under the site's Content Security Policy
(no inline script or style)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularSwaggerSplitView


class DocsView(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"
    title = _("Alliances API")
