"""What the OpenAPI schema says about authentication."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "alliances.api.authentication.ApiTokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": str(_(
                "A personal token, created in the admin (API tokens) or with "
                "`manage.py api_token create USER`, sent as `Authorization: Bearer <token>`."
            )),
        }
