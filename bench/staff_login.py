"""A signed-in staff analyst's session cookie, for the benchmarks and the load test."""

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore


def staff_session_cookie(username="load-test"):
    user, _ = get_user_model().objects.get_or_create(username=username, defaults={"is_staff": True})
    user.set_unusable_password()
    user.save()
    user.groups.add(Group.objects.get(name="Analysts"))
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"
