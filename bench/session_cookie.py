"""Prints a session cookie for a staff analyst, for the load test (run with the app's settings)."""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliances.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402

user, _ = get_user_model().objects.get_or_create(username="load-test", defaults={"is_staff": True})
user.set_unusable_password()
user.save()
user.groups.add(Group.objects.get(name="Analysts"))
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(f"{settings.SESSION_COOKIE_NAME}={session.session_key}")
