"""Saved views and column choices in the admin. A superuser sees and manages everyone's;
anyone else sees their own and the views shared with all staff. The admin is where Editors
change things: there, an Editor adds, changes and deletes their own; an Analyst, who keeps
their own views and columns from the tables' pages, only reads here, as everywhere in the
admin."""

from django.contrib import admin
from django.db.models import Q

from .models import SavedView, TableConfig

# Who changes anything in the admin: the Editors' role (and superusers).
EDITS_DATA = "pacts.change_pact"


class OwnRowsAdmin(admin.ModelAdmin):
    owner_field = "owner"
    shared_field = None

    def get_queryset(self, request):
        rows = super().get_queryset(request).select_related(self.owner_field)
        if request.user.is_superuser:
            return rows
        mine = Q(**{self.owner_field: request.user})
        if self.shared_field:
            mine |= Q(**{self.shared_field: True})
        return rows.filter(mine)

    def _owns(self, request, obj):
        return obj is None or request.user.is_superuser or getattr(obj, f"{self.owner_field}_id") == request.user.pk

    @staticmethod
    def _edits_in_admin(request):
        return request.user.has_perm(EDITS_DATA)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and self._edits_in_admin(request)

    def has_change_permission(self, request, obj=None):
        return (super().has_change_permission(request, obj) and self._edits_in_admin(request)
                and self._owns(request, obj))

    def has_delete_permission(self, request, obj=None):
        return (super().has_delete_permission(request, obj) and self._edits_in_admin(request)
                and self._owns(request, obj))

    def get_readonly_fields(self, request, obj=None):
        # Only a superuser gives a row to someone else.
        return () if request.user.is_superuser else (self.owner_field,)

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            setattr(obj, self.owner_field, request.user)
        super().save_model(request, obj, form, change)


@admin.register(SavedView)
class SavedViewAdmin(OwnRowsAdmin):
    shared_field = "shared"
    list_display = ("name", "table", "owner", "shared", "updated")
    list_filter = ("table", "shared")
    search_fields = ("name", "owner__username")
    autocomplete_fields = ("owner",)

    def get_readonly_fields(self, request, obj=None):
        # Sharing is the share permission's: without it, the shared box stays as it was.
        fields = super().get_readonly_fields(request, obj)
        if not request.user.has_perm("pacts.share_savedview"):
            fields += ("shared",)
        return fields


@admin.register(TableConfig)
class TableConfigAdmin(OwnRowsAdmin):
    owner_field = "user"
    list_display = ("user", "table", "updated")
    list_filter = ("table",)
    search_fields = ("user__username",)
    autocomplete_fields = ("user",)
