"""How API callers are recognised: a script by its token, the browser by its session.

A token is sent as `Authorization: Bearer <token>` (or `Token <token>`). A header that
names a token which does not exist, was revoked, or belongs to an inactive user is refused
with 401, whatever session the request also carries.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from .models import ApiToken

KEYWORDS = (b"bearer", b"token")


class ApiTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Send the token as “Authorization: Bearer <token>”."))
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("The token is not valid or has been revoked.")) from None
        token = ApiToken.objects.find(key)
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("The token is not valid or has been revoked."))
        token.note_use()
        return token.user, token

    def authenticate_header(self, request):
        # Makes an unauthenticated request a 401 that says how to authenticate.
        return 'Bearer realm="api"'
