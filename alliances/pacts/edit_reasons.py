"""The reason kept with an edit in its history, and how a revert is recorded.

An edit's reason is django-simple-history's `history_change_reason` (100 characters). A
revert stores a marker naming the version it went back to, `revert:<history id>`, then the
editor's own reason, so the history can say "reverted to the version of <date>, by <user>"
in any language; the marker and a reason of at most REASON_MAX characters always fit.
"""

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from .html import html

REASON_MAX = 80
REVERT = "revert:"


def revert_reason(version_id, reason=""):
    """The reason recorded for a revert to the historical record `version_id`."""
    marker = f"{REVERT}{int(version_id)}"
    return f"{marker} {reason}" if reason else marker


def reverted_to(reason):
    """(history id of the version a revert went back to, or None; the editor's own reason)."""
    reason = reason or ""
    if not reason.startswith(REVERT):
        return None, reason
    marker, _space, rest = reason.partition(" ")
    try:
        return int(marker[len(REVERT):]), rest
    except ValueError:
        return None, reason


def describe(reason, target=None):
    """The reason as HTML for a history list. `target` is the historical record a revert
    went back to, when it is at hand (None if it is gone)."""
    version_id, text = reverted_to(reason)
    # Reasons the loader writes are sentences of the project, translated like any other.
    text = _(text) if text else ""
    if version_id is None:
        return html("{}", text)
    if target is None:
        revert = html("{}", _("Reverted to version no. %(version)s.") % {"version": version_id})
    else:
        revert = html(
            "{}",
            _("Reverted to version no. %(version)s, saved %(date)s by %(user)s.")
            % {
                "version": version_id,
                "date": date_format(localtime(target.history_date), "DATETIME_FORMAT"),
                "user": target.history_user or _("loader"),
            },
        )
    return html('<span class="revert">{}</span> {}', revert, text) if text else html('<span class="revert">{}</span>', revert)
