"""A clause's label as the reader's language writes it. Labels are recorded as the text
numbers its articles, in English ("Article 5", "Article IV(3)", "Art. 42(7)"); an
Indonesian reader sees "Pasal 5", "Pasal IV(3)", "Pasal 42(7)", as the Indonesian press
and the treaties' Indonesian texts write them. Labels of another form ("Preamble",
"Duration clause") are shown as recorded.
"""

import re
from functools import lru_cache

from django.utils.translation import get_language, pgettext

NUMBERED = re.compile(r"^(?P<word>Article|Art\.)\s+(?P<number>\S(?:.*\S)?)$")


@lru_cache(maxsize=4096)
def _article_label(label, language):
    match = NUMBERED.match(label)
    if match is None:
        return label
    if match["word"] == "Art.":
        return pgettext("a treaty's article, abbreviated", "Art. %(number)s") % {"number": match["number"]}
    return pgettext("a treaty's article", "Article %(number)s") % {"number": match["number"]}


def article_label(label):
    """`label` in the reader's language: every page, table, picture and export shows a
    clause's label through this."""
    return _article_label(label, get_language())
