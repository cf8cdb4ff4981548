"""The first staff account, created once on a new installation."""

import secrets

from django.contrib.auth import get_user_model


def create_first_staff_user(username="admin"):
    """Create a superuser with a generated password if the database has no user yet.

    Returns (username, password) when an account was created, else None. The password
    is never stored anywhere but in the hashed form.
    """
    User = get_user_model()
    if User.objects.exists():
        return None
    password = secrets.token_urlsafe(15)
    User.objects.create_superuser(username=username, email="", password=password)
    return username, password
