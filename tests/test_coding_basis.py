"""Every coded value's confidence within what its basis allows (coding guide, section 7:
a paraphrase or a secondary description at most low, a translation at most medium), and
every coded value with a coder and a rationale."""

import pytest

from alliances.pacts.coding_basis import PARAPHRASE, SECONDARY, TEXT, TRANSLATION, basis_of, exceeds_cap
from alliances.pacts.models import ClauseVersion, CodingNote, CommitmentCondition


def _coded_values():
    versions = {}
    for version in ClauseVersion.objects.select_related("clause"):
        versions.setdefault(version.clause.pact_id, []).append(version)
    for model in (CodingNote, CommitmentCondition):
        for coded in model.objects.filter(commitment__pact__curated=True).select_related(
                "commitment__pact", "excerpt__source"):
            yield coded, versions.get(coded.commitment.pact_id, [])


def _name(coded):
    return f"{coded.commitment.key} {getattr(coded, 'dimension', None) or coded.condition}"


def _over_the_cap():
    over = {}
    for coded, versions in _coded_values():
        basis, exceeded = exceeds_cap(coded, versions)
        if exceeded:
            over.setdefault(coded.commitment.pact.slug, []).append(
                f"{_name(coded)}: {coded.confidence} from a {basis}")
    return over


@pytest.mark.django_db
def test_no_coded_value_is_more_confident_than_its_basis_allows(curated):
    over = _over_the_cap()
    found = [line for lines in over.values() for line in lines]
    assert not found, "\n".join(found)


@pytest.mark.django_db
def test_every_coded_value_has_a_coder_and_a_rationale(curated):
    missing = [_name(coded) for coded, _ in _coded_values()
               if not coded.coded_by.strip() or not coded.rationale.strip()]
    assert not missing, missing


@pytest.mark.django_db
@pytest.mark.parametrize("key, field, basis", [
    ("nato-art5-defence", "trigger_event", TEXT),  # the English text, authentic
    ("warsaw-art4-defence", "trigger_event", TRANSLATION),  # an English copy; Russian is authentic
    ("us-roc-art5-defence", "obligation", PARAPHRASE),  # the Senate report's summary of Art. V
    ("russia-dprk-2000-art2-consultation", "obligation", SECONDARY),  # a newspaper's account
])
def test_the_basis_is_read_from_the_clause_texts_and_sources(curated, key, field, basis):
    note = CodingNote.objects.get(commitment__key=key, dimension=field)
    assert basis_of(note) == basis
