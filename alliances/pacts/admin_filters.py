"""A list filter on a related record that is searched for, not listed.

Django's own related-field filter lists every row of the related table in the sidebar
(every clause of every pact once ATOP is loaded). This one shows the admin's autocomplete
box instead: the page loads only the record chosen, the box asks the admin's autocomplete
view for the rest as the user types, and that view answers only users who may view the
related records.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.utils.translation import gettext_lazy as _


class SearchedRelatedFilter(admin.FieldListFilter):
    template = "admin/pacts/searched_related_filter.html"

    def __init__(self, field, request, params, model, model_admin, field_path):
        self.lookup_kwarg = f"{field_path}__{field.target_field.name}__exact"
        self.lookup_isnull = f"{field_path}__isnull"
        super().__init__(field, request, params, model, model_admin, field_path)
        self.request = request
        self.admin_site = model_admin.admin_site
        values = self.used_parameters.get(self.lookup_kwarg) or []
        self.value = values[-1] if values else None

    def expected_parameters(self):
        return [self.lookup_kwarg, self.lookup_isnull]

    def choices(self, changelist):
        # The admin renders a filter's template with its choices and the filter itself.
        self.box_html = self.box(changelist)
        yield {
            "selected": self.value is None and self.lookup_isnull not in self.used_parameters,
            "query_string": changelist.get_query_string(remove=self.expected_parameters()),
            "display": _("All"),
        }
        if self.field.null:
            yield {
                "selected": self.lookup_isnull in self.used_parameters,
                "query_string": changelist.get_query_string({self.lookup_isnull: "True"}, [self.lookup_kwarg]),
                "display": _("None"),
            }

    def box(self, changelist):
        """The autocomplete box, holding the chosen record (if the user may see it)."""
        remote = self.field.remote_field.model
        remote_admin = self.admin_site._registry.get(remote)
        visible = remote_admin is not None and remote_admin.has_view_permission(self.request)
        choice = forms.ModelChoiceField(
            queryset=remote._default_manager.all(),
            required=False,
            widget=AutocompleteSelect(
                self.field,
                self.admin_site,
                attrs={
                    "data-filter-param": self.lookup_kwarg,
                    "data-filter-query": changelist.get_query_string(remove=self.expected_parameters()),
                    "aria-label": _("Search %(records)s") % {"records": remote._meta.verbose_name_plural},
                    "data-placeholder": _("Type to search"),
                },
            ),
        )
        return choice.widget.render(
            self.lookup_kwarg, self.value if visible else None, attrs={"id": f"filter-{self.lookup_kwarg}"}
        )

    @classmethod
    def media(cls, admin_site, field):
        return AutocompleteSelect(field, admin_site).media + forms.Media(
            js=["alliances/admin/searched_filter.js"],
            css={"screen": ["alliances/admin/searched_filter.css"]},
        )
