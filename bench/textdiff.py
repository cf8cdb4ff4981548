"""Time of the text diff and of the search for the closest texts: before and after their bounds.

"Before" is the unbounded comparison the diff page used to make (difflib's SequenceMatcher on
lower-cased words, no junk; the closest texts: one such comparison per shortlisted text);
"after" is alliances.pacts.textdiff as the page calls it. Inputs: the longest curated clause
texts (from fixtures/), the whole English corpus against itself reversed, repetitive texts of
growing length (a few words repeated: the costly case), and a text of 700 kB. Each figure is
the median of three runs, before and after interleaved; no database is needed.

Usage: .venv/bin/python bench/textdiff.py [--slow]
The unbounded diff of 2,100 repetitive words takes minutes: it is timed (once) only with
--slow; of the two largest inputs it would take hours, and is never timed. The closest-text
search before the bound compared benign curated texts with the input, and is always timed.
"""

import argparse
import json
import os
import statistics
import sys
import time
from difflib import SequenceMatcher
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliances.settings")
os.environ.setdefault("ALLIANCES_DEBUG", "1")
django.setup()

from alliances.pacts import textdiff  # noqa: E402

RUNS = 3
TIMED, MINUTES, HOURS = "timed", "minutes", "hours"


class Text:
    def __init__(self, text):
        self.text = text


def curated_texts(language="en"):
    texts = []
    for path in sorted((ROOT / "fixtures" / "pacts").glob("*.json")):
        for clause in json.loads(path.read_text(encoding="utf-8")).get("clauses", []):
            texts += [v["text"] for v in clause.get("versions", []) if v.get("text") and v.get("language") == language]
    return texts


def words(text):
    return [t.lower() for t in textdiff.tokens(text)]


def diff_before(a, b):
    matcher = SequenceMatcher(None, words(a), words(b), autojunk=False)
    matcher.get_opcodes()
    return matcher.ratio()


def diff_after(a, b):
    return textdiff.word_diff(a, b)


def closest_before(text, candidates, shortlist=25):
    own = set(words(text))
    ranked = sorted(candidates, key=lambda c: len(own & set(words(c.text))) / (len(own | set(words(c.text))) or 1),
                    reverse=True)
    return sorted((diff_before(text, c.text) for c in ranked[:shortlist]), reverse=True)[:5]


def closest_after(text, candidates):
    return textdiff.most_similar(text, candidates)


def median_seconds(call, runs=RUNS):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slow", action="store_true", help="also time the unbounded comparison of long repetitive texts")
    slow = parser.parse_args().slow

    texts = curated_texts()
    candidates = [Text(t) for t in texts]
    longest = sorted(texts, key=len, reverse=True)[:2]
    corpus = " ".join(texts)
    # (label, first text, second text, how long the unbounded comparison takes: TIMED, for
    # less than a few seconds; MINUTES, timed once with --slow; HOURS, never timed)
    inputs = [
        ("two longest curated clauses", longest[0], longest[1], TIMED),
        ("English corpus vs itself reversed", corpus, " ".join(reversed(texts)), TIMED),
    ]
    for repeats, unbounded in ((50, TIMED), (100, TIMED), (200, TIMED), (700, MINUTES), (3000, HOURS)):
        inputs.append((f"repetitive, {3 * repeats} words each", "attack armed party " * repeats,
                       "armed attack party " * repeats, unbounded))
    inputs.append(("700 kB text vs the corpus", corpus * (700_000 // len(corpus) + 1), corpus, HOURS))

    print(f"budget {textdiff.WORK_BUDGET:,} steps, first {textdiff.MAX_CHARACTERS:,} characters; "
          f"{len(texts)} curated English clause texts as candidates; median of {RUNS} runs")
    print(f"{'input':40} {'words':>13} {'diff before':>12} {'diff after':>11} {'bound':>7} "
          f"{'closest before':>15} {'closest after':>14}")
    for label, a, b, unbounded in inputs:
        size = f"{len(textdiff.tokens(a)):,}/{len(textdiff.tokens(b)):,}"
        after, comparison = median_seconds(lambda: diff_after(a, b))
        closest, _ = median_seconds(lambda: closest_after(a, candidates))
        closest_old = f"{median_seconds(lambda: closest_before(a, candidates))[0]:.3f} s"
        if unbounded == TIMED or (unbounded == MINUTES and slow):
            runs = RUNS if unbounded == TIMED else 1
            before = f"{median_seconds(lambda: diff_before(a, b), runs)[0]:.3f} s"
        else:
            before = "(--slow)" if unbounded == MINUTES else "(hours)"
        print(f"{label:40} {size:>13} {before:>12} {after:>9.3f} s {comparison.bound or '-':>7} "
              f"{closest_old:>15} {closest:>12.3f} s")


if __name__ == "__main__":
    main()
