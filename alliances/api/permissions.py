"""The dashboard's rule, for every API endpoint: Analysts and Editors read; a staff user
with no role, a user who is not staff and an anonymous caller get nothing."""

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from alliances.permissions import may_read_dashboard


class ReadsDashboard(permissions.BasePermission):
    message = _("Your account has no role that lets it read the dashboard's data.")

    def has_permission(self, request, view):
        return may_read_dashboard(request.user)
