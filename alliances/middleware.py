"""One rule for every page: staff only, and the dashboard only for those allowed to read it.

Each request must come from an active staff user unless its URL name is listed in
settings.LOGIN_EXEMPT_URL_NAMES or it is a static file. Anonymous visitors are sent to
the login page; signed-in users who are not staff get 403. Every page, the admin's
included, also needs DASHBOARD_PERMISSION, which the Analysts and Editors roles carry
(permissions.may_read_dashboard): a staff user with neither role sees no page (the admin's
own pages, such as its index, its password change or its "view on site" redirect, would
otherwise open to any staff user). Within the admin, each model's pages then check that
model's permissions. Signing out needs only a signed-in user.

The API (URL namespace settings.API_URL_NAMESPACE) reads a script's token, which this
middleware cannot, so it is left to the API's views: they apply the same rule to the user
they authenticate and answer 401 or 403, never a login page (alliances.api.permissions;
tests/test_api_access.py walks every API address with every role).

Pages for signed-in users are never stored by shared caches or the browser's disk cache.
"""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _

from .permissions import may_read_dashboard

# Signing out needs only a signed-in user: whoever may see no page may still leave.
SIGN_OUT = {("", "logout"), ("admin", "logout")}


class StaffRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.exempt_names = frozenset(settings.LOGIN_EXEMPT_URL_NAMES)
        self.static_prefix = "/" + settings.STATIC_URL.lstrip("/")
        self.api_namespace = getattr(settings, "API_URL_NAMESPACE", None)

    def __call__(self, request):
        # Checked before URL resolution, so that unknown addresses look the same as
        # known ones to anonymous visitors.
        match = self._match(request)
        if not self._is_exempt(request, match) and not self._is_api(match):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            signing_out = match is not None and (match.namespace, match.url_name) in SIGN_OUT
            if not signing_out and not may_read_dashboard(user):
                raise PermissionDenied
        response = self.get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response

    @staticmethod
    def _match(request):
        try:
            return resolve(request.path_info)
        except Resolver404:
            return None

    def _is_api(self, match):
        return bool(self.api_namespace) and match is not None and match.namespaces[:1] == [self.api_namespace]

    def _is_exempt(self, request, match):
        if request.path_info.startswith(self.static_prefix):
            return True
        return match is not None and match.url_name in self.exempt_names and not match.namespace


class AdminNulGuardMiddleware:
    """PostgreSQL refuses text containing NUL bytes, and some admin views (autocomplete) pass
    query values straight to the database. Such admin requests get a 400. Dashboard pages
    validate their own input and show a message instead."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        if request.path_info.startswith(self.admin_prefix) and self._has_nul(request):
            return HttpResponseBadRequest(_("The request contains a NUL character."))
        return self.get_response(request)

    @staticmethod
    def _has_nul(request):
        if "\x00" in request.path_info:
            return True
        return any("\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists())
