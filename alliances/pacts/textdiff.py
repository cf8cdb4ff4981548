"""Word-by-word comparison of two texts, with a similarity score. Texts are compared in
their reading form (readable.py), so that a diff shows words, not the scan's artefacts."""

import re
from difflib import SequenceMatcher

from .readable import reading_form

_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)


def tokens(text):
    return _TOKEN.findall(reading_form(text))


def similarity(a, b):
    """0.0 (nothing shared) to 1.0 (the same words in the same order), ignoring case."""
    return SequenceMatcher(None, [t.lower() for t in tokens(a)], [t.lower() for t in tokens(b)], autojunk=False).ratio()


def word_diff(a, b):
    """Segments (op, words of a, words of b) with op one of equal, replace, delete, insert."""
    left, right = tokens(a), tokens(b)
    matcher = SequenceMatcher(None, [t.lower() for t in left], [t.lower() for t in right], autojunk=False)
    segments = [
        (op, _join(left[i1:i2]), _join(right[j1:j2])) for op, i1, i2, j1, j2 in matcher.get_opcodes()
    ]
    return segments, matcher.ratio()


def _join(words):
    text = ""
    for word in words:
        if text and (word[0].isalnum() or word in "(“\"'«"):
            text += " "
        text += word
    return text


def most_similar(text, candidates, limit=5, shortlist=25):
    """The `limit` candidates (objects with .text) closest to `text`, with their scores.
    A cheap overlap of word sets picks a shortlist before the exact measure is taken."""
    words = {t.lower() for t in tokens(text)}
    if not words:
        return []

    def overlap(candidate):
        other = {t.lower() for t in tokens(candidate.text)}
        return len(words & other) / len(words | other) if other else 0.0

    shortlisted = sorted(candidates, key=overlap, reverse=True)[:shortlist]
    scored = [(similarity(text, c.text), c) for c in shortlisted]
    scored.sort(key=lambda pair: pair[0], reverse=True)
    return scored[:limit]
