"""Text diffs and similarity scores cost a bounded amount of work whatever the texts."""

import difflib

import pytest

from alliances.pacts import textdiff
from alliances.pacts.models import Clause, ClauseVersion, Pact, Source
from alliances.pacts.textdiff import LENGTH, MAX_CHARACTERS, WORK, WORK_BUDGET, word_diff

pytestmark = pytest.mark.django_db

# Repetitive texts that cost SequenceMatcher about the cube of their length.
REPETITIVE = ("attack armed party " * 700, "armed attack party " * 700)  # 13 kB each


@pytest.fixture
def steps(monkeypatch):
    """Counts what every SequenceMatcher search walks: each word of the first sequence in
    its range, and each place of that word in the second."""
    walked = []
    search = difflib.SequenceMatcher.find_longest_match

    def counted(self, alo=0, ahi=None, blo=0, bhi=None):
        ahi = len(self.a) if ahi is None else ahi
        walked.append(sum(1 + len(self.b2j.get(word, ())) for word in self.a[alo:ahi]))
        return search(self, alo, ahi, blo, bhi)

    monkeypatch.setattr(difflib.SequenceMatcher, "find_longest_match", counted)
    return walked


def _versions(*texts):
    source = Source.objects.first()
    pact = Pact.objects.create(slug="repetitive", short_name="Repetitive", title="Repetitive", curated=True,
                               source=source)
    versions = []
    for number, text in enumerate(texts):
        clause = Clause.objects.create(pact=pact, label=f"Article {number}", order=number)
        versions.append(ClauseVersion.objects.create(clause=clause, label="Text", kind="authentic", language="en",
                                                     text_status="verbatim", text=text, source=source))
    return versions


def test_repetitive_texts_are_compared_within_the_budget_and_say_so(staff_client, curated, steps):
    a, b = _versions(*REPETITIVE)
    response = staff_client.get("/diff/", {"a": a.pk, "b": b.pk})
    assert response.status_code == 200
    # The diff and the search for the closest texts each stay within one budget.
    assert sum(steps) <= 2 * WORK_BUDGET
    assert "repeat the same words so often" in response.content.decode()
    segments = response.context["segments"]
    assert " ".join(left for _op, left, _right in segments if left).split() == REPETITIVE[0].split()
    assert " ".join(right for _op, _left, right in segments if right).split() == REPETITIVE[1].split()


@pytest.mark.parametrize("repeats", [50, 200])
def test_the_work_of_one_comparison_is_bounded(steps, repeats):
    comparison = word_diff("attack armed party " * repeats, "armed attack party " * repeats)
    assert sum(steps) <= WORK_BUDGET
    assert comparison.bound == (WORK if repeats == 200 else None)


def test_the_closest_texts_share_one_budget(steps):
    class Text:
        def __init__(self, text):
            self.text = text

    candidates = [Text("armed attack party " * 100) for _ in range(30)]
    assert len(textdiff.most_similar("attack armed party " * 100, candidates)) == 5
    assert sum(steps) <= WORK_BUDGET


def test_ordinary_clause_texts_are_compared_in_full(curated):
    texts = list(ClauseVersion.objects.filter(language="en").exclude(text="").values_list("text", flat=True))
    for a in texts[:12]:
        for b in texts:
            assert word_diff(a, b).bound is None


def test_a_very_long_text_is_compared_on_its_beginning_and_says_so(staff_client, curated):
    a, b = _versions("The Parties agree. " * 6000, "The Parties agree that an armed attack. " * 10)
    assert len(a.text) > MAX_CHARACTERS
    assert word_diff(a.text, b.text).bound == LENGTH
    response = staff_client.get("/diff/", {"a": a.pk, "b": b.pk})
    assert f"only the first {MAX_CHARACTERS:,} characters" in response.content.decode()
