"""The reading form of a text kept verbatim: what the printing or the scan added to it is
taken out, for display and word-by-word comparison only. The verbatim text stays as
stored, and is what the loader checks against the seed documents. docs/data-model.md lists
what is changed; nothing else is.
"""

import re

# A word broken at the end of a printed line ("con- tinue", "imme-\ndiately"): joined when
# the next part starts with a small letter. The hyphen of these prefixes is kept, only the
# break removed ("self- defence" is "self-defence"); a hyphen before a conjunction is a
# suspended one ("long- and short-range") and is left alone.
_LINE_BREAK = re.compile(r"\b(\w+)-\s+(\w+)")
_HYPHENATED_PREFIXES = {"self", "co", "non", "ex", "quasi", "all", "half", "anti", "semi"}
_CONJUNCTIONS = {"and", "or", "to", "nor", "et", "ou", "und", "oder", "y", "o", "и", "или"}

# A marginal citation of the US Statutes at Large printed into the running text by the
# scan ("59 Stat. 1031.", or as misread, "M9stat. 10").
_MARGIN_CITATION = re.compile(r"[ \t]+(?:\d{1,3}|M\d)[ \t]?[Ss]tat\.[ \t]?\d{1,4}\.?(?=\s|$)")

# Chinese and Japanese put no space between words: a space or line break between two such
# characters comes from the line wrapping of the copy ("日 本" is "日本"). Hangul is not
# among them: Korean separates its words.
_CJK = "\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef"
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")

_SPACES = re.compile(r"[ \t]{2,}")


def _join(match):
    left, right = match.group(1), match.group(2)
    if not (left[-1].isalpha() and right[0].isalpha() and right[0].islower()) or right.lower() in _CONJUNCTIONS:
        return match.group(0)
    if left.lower() in _HYPHENATED_PREFIXES:
        return f"{left}-{right}"
    return left + right


def reading_form(text):
    """`text` without line-break hyphens, marginal citations, wrapping spaces inside
    Chinese or Japanese, and runs of spaces; line breaks between paragraphs are kept."""
    if not text:
        return text
    text = _MARGIN_CITATION.sub("", text)
    text = _LINE_BREAK.sub(_join, text)
    text = _CJK_BREAK.sub("", text)
    return _SPACES.sub(" ", text)
