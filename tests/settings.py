"""Test settings: production settings (debug off) with a fixed key and test hosts.

The database comes from DATABASE_URL as in production, so the same suite runs on
SQLite and on PostgreSQL.
"""

import os

os.environ.setdefault("ALLIANCES_SECRET_KEY", "test-only-key-6b1f0c2e9a7d4e58b3c1f0a2d9e8c7b6-5f3e1d0c9b8a7")
os.environ.setdefault("ALLIANCES_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("ALLIANCES_SSL_REDIRECT", "0")

from alliances.settings import *  # noqa: E402,F403

# Tests render templates without collectstatic having run.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Serve static files from the apps' folders, as production serves them after collectstatic.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
