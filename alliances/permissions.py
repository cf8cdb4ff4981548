"""Who may read the dashboard, and model permissions read in one query.

`may_read_dashboard` is the one rule the staff middleware applies to every dashboard page
and the API applies to every endpoint (alliances.api.permissions).

Django's ModelBackend reads a user's own permissions and their groups' permissions in two
queries; every dashboard page checks a permission, so this backend reads both at once
(and, like ModelBackend, keeps them on the user object for the rest of the request).
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q

# Carried by the Analysts and Editors roles (roles.py); a staff user with neither has no page.
DASHBOARD_PERMISSION = "pacts.view_pact"


def may_read_dashboard(user):
    """An active staff user whose role lets them read the dashboard."""
    return bool(user.is_authenticated and user.is_active and user.is_staff and user.has_perm(DASHBOARD_PERMISSION))


class ModelBackendInOneQuery(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                granted = Permission.objects.all()
            else:
                granted = Permission.objects.filter(Q(user=user_obj) | Q(group__user=user_obj))
            user_obj._perm_cache = {
                f"{app}.{codename}"
                for app, codename in granted.values_list("content_type__app_label", "codename").distinct()
            }
        return user_obj._perm_cache
