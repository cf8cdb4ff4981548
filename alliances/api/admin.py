"""API tokens in the admin: created for a user, shown once on the page that follows, listed
by their first characters, revoked by deleting them."""

from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["shown", "user", "name", "created", "last_used_on"]
    list_filter = ["last_used_on"]
    search_fields = ["user__username", "name", "shown"]
    fields = ["user", "name"]
    readonly_fields = []
    autocomplete_fields = []

    def get_readonly_fields(self, request, obj=None):
        # A token's owner and purpose are fixed once it exists; a new purpose is a new token.
        return ["user", "name", "shown", "created", "last_used_on"] if obj else []

    def get_fields(self, request, obj=None):
        return ["user", "name", "shown", "created", "last_used_on"] if obj else ["user", "name"]

    def save_model(self, request, obj, form, change):
        if change:
            return  # nothing of a token can be changed
        token, key = ApiToken.objects.create_token(obj.user, obj.name)
        obj.pk, obj.shown, obj.digest, obj.created = token.pk, token.shown, token.digest, token.created
        obj._state.adding = False
        request._created_token_key = key

    def response_add(self, request, obj, post_url_continue=None):
        # The token is on this page only: not in a message, a cookie or the address.
        return TemplateResponse(request, "api/token_created.html", {
            **self.admin_site.each_context(request),
            "title": _("API token created"),
            "token": obj,
            "key": request._created_token_key,
            "header": "Authorization: Bearer",  # the HTTP header's words, the same in every language
            "opts": self.model._meta,
        })
