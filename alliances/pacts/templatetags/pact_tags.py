from django import template
from django.utils.translation import get_language

from ..articles import article_label
from ..dates import format_date

register = template.Library()


@register.simple_tag
def precise_date(obj, field):
    """Show `obj.<field>_on` no more precisely than `obj.<field>_precision` allows."""
    return format_date(getattr(obj, f"{field}_on"), getattr(obj, f"{field}_precision"))


@register.filter
def article(label):
    """A clause's label in the reader's language ("Article 4" is "Pasal 4" in Indonesian)."""
    return article_label(label)


@register.filter
def leads_with_original(claim):
    """Whether the reader, in the page's language, reads `claim` first in its source's words."""
    return claim.leads_with_original(get_language())
