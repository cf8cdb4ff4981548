"""Cursor pagination in a fixed order, with the number of matching rows on every page.

A cursor names a position in the order, not a page number, so a script that pages through
a list while records are added neither misses a row nor sees one twice. Each list orders
by its natural key (a pact's slug, a commitment's key, a state's code), unique and never
blank, as cursor pagination needs.
"""

from collections import OrderedDict

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000
QUERY_PARAMETERS = ("cursor", "page_size")


class CountedCursorPagination(CursorPagination):
    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    page_size_query_description = _("Rows per page (at most 1000; 100 unless given).")
    invalid_cursor_message = _("This cursor is not one the API gave: start again without it.")

    def decode_cursor(self, request):
        # A cursor that is not one the API gave is bad input (400), not a missing page.
        try:
            return super().decode_cursor(request)
        except NotFound:
            raise ValidationError({self.cursor_query_param: [self.invalid_cursor_message]}) from None

    def paginate_queryset(self, queryset, request, view=None):
        self.count = queryset.count()
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        return Response(OrderedDict([
            ("count", self.count), ("next", self.get_next_link()), ("previous", self.get_previous_link()),
            ("results", data),
        ]))

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"] = {
            "count": {"type": "integer", "description": str(_("Rows matching the query, on every page."))},
            **response["properties"],
        }
        response["required"] = ["count", "next", "previous", "results"]
        return response


def ordered_by(field):
    """The pagination class of a list ordered by `field`."""
    return type(f"CursorBy{field.title()}", (CountedCursorPagination,), {"ordering": field})
