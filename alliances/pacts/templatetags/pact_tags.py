from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from ..articles import article_label
from ..dates import format_date
from ..html import html
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


@register.filter
def article(label):
    """A clause's label in the reader's language ("Article 4" is "Pasal 4" in Indonesian)."""
    return article_label(label)


@register.filter
def leads_with_original(claim):
    """Whether the reader, in the page's language, reads `claim` first in its source's words."""
    return claim.leads_with_original(get_language())


@register.filter
def language_name(code):
    """A language tag's name in the reader's language ("ru": Russian, Rusia), or the tag
    itself where Django does not know it."""
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


# Notes longer than this (in characters) show their first words and a "more" button; a
# <details> element needs no script, which the site's Content Security Policy would forbid inline.
LONG_NOTE = 300


@register.filter
def shortened(text, limit=LONG_NOTE):
    """A note with its line breaks kept; a long one cut at a word under `limit` characters,
    the whole of it one click ("more") away."""
    if not text:
        return ""
    text = str(text)
    if len(text) <= limit:
        return linebreaksbr(text)
    cut = text.rfind(" ", 0, limit)
    if cut < limit // 2:
        cut = limit
    return html(
        '<details class="more"><summary><span class="lead">{}…</span> <span class="more-label">{}</span>'
        '<span class="less-label">{}</span></summary>{}</details>',
        linebreaksbr(text[:cut].rstrip()), _("more"), _("less"), linebreaksbr(text),
    )
