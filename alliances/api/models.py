"""Tokens that let a user's scripts call the API.

A token is shown once, when it is created; only a digest of it is stored, so that neither
the database, a backup nor the admin can give it away. Deleting the row revokes it.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Marks the string as this project's API token (for secret scanners and for people).
TOKEN_PREFIX = "alliances_"
# Characters of the token kept in clear, to tell a user's tokens apart in lists.
SHOWN_CHARACTERS = len(TOKEN_PREFIX) + 6


def digest(key):
    """SHA-256 of the token. The token is 256 random bits, so a fast digest is enough: no
    dictionary attack can guess it, and the digest can be looked up by index."""
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def create_token(self, user, name):
        """A new token for `user`: returns (token row, the token itself, shown this once)."""
        key = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = self.create(user=user, name=name, shown=key[:SHOWN_CHARACTERS], digest=digest(key))
        return token, key

    def find(self, key):
        """The token row whose digest matches `key`, with its user, or None."""
        return self.select_related("user").filter(digest=digest(key)).first()


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for, e.g. “R scripts on my laptop”."))
    shown = models.CharField(_("token begins"), max_length=SHOWN_CHARACTERS, editable=False)
    digest = models.CharField(_("digest"), max_length=64, unique=True, editable=False)
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    last_used_on = models.DateField(_("last used"), null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["user__username", "created"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.shown}… ({self.name})"

    def note_use(self):
        """Records the day of use, writing at most once a day."""
        today = timezone.localdate()
        if self.last_used_on != today:
            type(self).objects.filter(pk=self.pk).update(last_used_on=today)
            self.last_used_on = today
