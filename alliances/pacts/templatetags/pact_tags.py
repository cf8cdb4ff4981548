from django import template

from ..dates import format_date
from ..readable import reading_form
from ..tables import provenance_who

register = template.Library()


@register.simple_tag
def precise_date(obj, field):
    """Show `obj.<field>_on` no more precisely than `obj.<field>_precision` allows."""
    return format_date(getattr(obj, f"{field}_on"), getattr(obj, f"{field}_precision"))


@register.filter
def readable(text):
    """A verbatim text in its reading form (readable.py), for display."""
    return reading_form(text)


@register.simple_tag
def who_coded(coded):
    """Who coded a value (a coding note or a condition) and who reviewed it."""
    return provenance_who(coded.coded_by, coded.reviewed_by)
