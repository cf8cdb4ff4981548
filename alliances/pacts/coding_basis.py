"""What a coded value rests on, and the highest confidence that allows (coding guide,
section 7): the authentic text, a translation, a paraphrase of a text not located, or a
secondary description of the text.

The basis is read from the records themselves: the excerpt a coding note cites, its source,
and the pact's clause texts from that source (their kind, language and text status).
What the records cannot say is not caught: a source's own comment beside a clause text it
gives reads as that text, and an amended text in a translation reads as authentic where
the pact's authentic languages are not recorded (the CSTO's English protocol of 2010,
capped by hand).
"""

from .choices import Confidence, SourceKind, TextStatus, VersionKind
from .models import ClauseVersion
from .seedfiles import normalise_whitespace

TEXT = "text"
TRANSLATION = "translation"
PARAPHRASE = "paraphrase"
SECONDARY = "secondary"

CONFIDENCE_CAP = {
    TEXT: Confidence.HIGH,
    TRANSLATION: Confidence.MEDIUM,
    PARAPHRASE: Confidence.LOW,
    SECONDARY: Confidence.LOW,
}
_RANK = {Confidence.LOW: 0, Confidence.MEDIUM: 1, Confidence.HIGH: 2}


def _overlaps(a, b):
    a, b = normalise_whitespace(a), normalise_whitespace(b)
    return bool(a and b) and (a in b or b in a)


def _authentic_languages(pact):
    return {code.strip() for code in pact.authentic_languages.split(",") if code.strip()}


def _text_basis(versions, pact):
    """A clause text is a translation when recorded as one, or when its language is not
    among the pact's authentic languages (where those are recorded)."""
    authentic = _authentic_languages(pact)
    for version in versions:
        if version.kind != VersionKind.TRANSLATION and (not authentic or version.language in authentic):
            return TEXT
    return TRANSLATION


def basis_of(coded, versions=None):
    """The basis of a coding note or condition. `versions`: the pact's clause versions,
    when the caller has them already."""
    pact = coded.commitment.pact
    excerpt = coded.excerpt
    if versions is None:
        versions = list(ClauseVersion.objects.filter(clause__pact=pact))
    same_source = [v for v in versions if v.source_id == excerpt.source_id]
    with_text = [v for v in same_source if v.text_status != TextStatus.NOT_LOCATED]
    quoted = [v for v in with_text if _overlaps(excerpt.text, v.text)]
    if quoted:
        return _text_basis(quoted, pact)
    # A source giving the coded clause is read as that clause's text, or its paraphrase.
    own = [v for v in same_source if v.clause_id == coded.commitment.clause_id]
    if own:
        own_text = [v for v in own if v.text_status != TextStatus.NOT_LOCATED]
        return _text_basis(own_text, pact) if own_text else PARAPHRASE
    if with_text:
        return _text_basis(with_text, pact)
    source = excerpt.source
    if source.kind == SourceKind.TREATY_TEXT:
        authentic = _authentic_languages(pact)
        return TRANSLATION if authentic and source.language not in authentic else TEXT
    return PARAPHRASE if same_source else SECONDARY


def exceeds_cap(coded, versions=None):
    """The basis, and whether the confidence is higher than the basis allows."""
    basis = basis_of(coded, versions)
    return basis, _RANK[coded.confidence] > _RANK[CONFIDENCE_CAP[basis]]
