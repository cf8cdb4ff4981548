"""Word-by-word comparison of two texts, with a similarity score, at a bounded cost. Texts
are compared in their reading form (readable.py), so that a diff shows words, not the scan's
artefacts.

difflib's SequenceMatcher finds the longest run of words the texts share, then recurses on
either side of it. Each search walks every place in the second text where each word of the
first occurs, so texts that repeat a few words many times cost far more than their length
suggests (a few kilobytes could take minutes; docs/performance.md has the figures). Two
bounds keep every comparison cheap:
- work: each comparison has a budget of such steps, counted before each search from what
  it would walk at most. A search that would overspend is not made and its stretch is
  reported as replaced: the diff stays correct, only coarser, and its score is a lower bound;
- length: only the first MAX_CHARACTERS of a text are compared (clause texts are far shorter).
A comparison says which bound, if any, it met.
"""

import re
from dataclasses import dataclass
from difflib import Match, SequenceMatcher
from itertools import accumulate

from .readable import reading_form

_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)
# Steps one comparison may take (a step: one word of the first text, or one place in the
# second text of one of its words, walked by one search).
WORK_BUDGET = 1_000_000
MAX_CHARACTERS = 100_000

# Which bound a comparison met.
LENGTH, WORK = "length", "work"


def tokens(text):
    return _TOKEN.findall(reading_form(text))


def _words(text):
    """The compared words: lower-cased, from the first MAX_CHARACTERS."""
    return [t.lower() for t in tokens(text[:MAX_CHARACTERS])]


class BoundedMatcher(SequenceMatcher):
    """SequenceMatcher (no junk) that makes no search beyond its budget. As with
    SequenceMatcher, set_seq1 compares another first sequence with the same second one;
    each first sequence gets the whole budget."""

    def __init__(self, a, b, budget=WORK_BUDGET):
        self.budget = budget
        super().__init__(None, a, b, autojunk=False)

    def set_seq1(self, a):
        super().set_seq1(a)
        self.spent, self.complete, self._steps_before = 0, True, None

    def find_longest_match(self, alo=0, ahi=None, blo=0, bhi=None):
        ahi = len(self.a) if ahi is None else ahi
        bhi = len(self.b) if bhi is None else bhi
        if self._steps_before is None:
            # What a search over a[:i] walks at most: each word, and each of its places in b.
            self._steps_before = list(accumulate((1 + len(self.b2j.get(word, ())) for word in self.a), initial=0))
        steps = self._steps_before[ahi] - self._steps_before[alo]
        if self.spent + steps > self.budget:
            self.complete = False
            return Match(alo, blo, 0)
        self.spent += steps
        return super().find_longest_match(alo, ahi, blo, bhi)


@dataclass
class Comparison:
    segments: list  # (op, words of a, words of b), op one of equal, replace, delete, insert
    ratio: float  # 0.0 (nothing shared) to 1.0 (the same words in the same order)
    bound: str | None  # LENGTH or WORK when one was met: the diff is partial or coarser


def word_diff(a, b):
    left, right = tokens(a[:MAX_CHARACTERS]), tokens(b[:MAX_CHARACTERS])
    matcher = BoundedMatcher([t.lower() for t in left], [t.lower() for t in right])
    segments = [
        (op, _join(left[i1:i2]), _join(right[j1:j2])) for op, i1, i2, j1, j2 in matcher.get_opcodes()
    ]
    if max(len(a), len(b)) > MAX_CHARACTERS:
        bound = LENGTH
    else:
        bound = None if matcher.complete else WORK
    return Comparison(segments, matcher.ratio(), bound)


def _join(words):
    text = ""
    for word in words:
        if text and (word[0].isalnum() or word in "(“\"'«"):
            text += " "
        text += word
    return text


def most_similar(text, candidates, limit=5, shortlist=25):
    """The `limit` candidates (objects with .text) closest to `text`, with their scores
    (0.0 to 1.0, ignoring case). A cheap overlap of word sets picks a shortlist before the
    exact measure is taken; the shortlist shares one comparison's budget."""
    own = _words(text)
    if not own:
        return []
    vocabulary = set(own)
    theirs = [(_words(c.text), c) for c in candidates]

    def overlap(pair):
        other = set(pair[0])
        return len(vocabulary & other) / len(vocabulary | other) if other else 0.0

    shortlisted = sorted(theirs, key=overlap, reverse=True)[:shortlist]
    # The text is the second sequence: its index of word places is built once.
    matcher = BoundedMatcher([], own, WORK_BUDGET // max(len(shortlisted), 1))
    scored = []
    for words, candidate in shortlisted:
        matcher.set_seq1(words)
        scored.append((matcher.ratio(), candidate))
    scored.sort(key=lambda pair: pair[0], reverse=True)
    return scored[:limit]


# A passage both texts share that is at least this many words long gets a row of its own in
# the two-column diff; shorter ones stay in the row of the changes around them.
OWN_ROW_WORDS = 12


def two_columns(segments):
    """A comparison's segments as rows of two columns, the first text on the left and the
    second on the right, so that the changes of each row stand level with each other.

    Each row is (left, right, changed): left and right are lists of (kind, words), kind
    one of "equal", "delete" (only in the first text), "insert" (only in the second);
    changed says whether the row holds a change. Long shared passages make rows of their
    own, which is where the two texts are aligned again."""
    rows, left, right = [], [], []

    def close():
        if left or right:
            rows.append((list(left), list(right), any(kind != "equal" for kind, _ in left + right)))
            left.clear()
            right.clear()

    for op, words_a, words_b in segments:
        if op == "equal":
            if len(words_a.split()) >= OWN_ROW_WORDS:
                close()
                rows.append(([("equal", words_a)], [("equal", words_b)], False))
            else:
                left.append(("equal", words_a))
                right.append(("equal", words_b))
            continue
        if words_a:
            left.append(("delete", words_a))
        if words_b:
            right.append(("insert", words_b))
    close()
    return rows
