"""One rule for every page: staff only.

Each request must come from an active staff user unless its URL name is listed in
settings.LOGIN_EXEMPT_URL_NAMES or it is a static file. Anonymous visitors are sent to
the login page; signed-in users who are not staff get 403.
"""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import Resolver404, resolve


class StaffRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.exempt_names = frozenset(settings.LOGIN_EXEMPT_URL_NAMES)

    def __call__(self, request):
        # Checked before URL resolution, so that unknown addresses look the same as
        # known ones to anonymous visitors.
        if not self._is_exempt(request):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not (user.is_active and user.is_staff):
                raise PermissionDenied
        return self.get_response(request)

    def _is_exempt(self, request):
        static = "/" + settings.STATIC_URL.lstrip("/")
        if request.path_info.startswith(static):
            return True
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.url_name in self.exempt_names and not match.namespace
