from django import template

from ..dates import format_date
from ..readable import reading_form

register = template.Library()


@register.simple_tag
def precise_date(obj, field):
    """Show `obj.<field>_on` no more precisely than `obj.<field>_precision` allows."""
    return format_date(getattr(obj, f"{field}_on"), getattr(obj, f"{field}_precision"))


@register.filter
def readable(text):
    """A verbatim text in its reading form (readable.py), for display."""
    return reading_form(text)
