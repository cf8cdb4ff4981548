"""The reading form of verbatim texts: what printing and scanning added is taken out for
display and comparison; the stored text stays as copied."""

import pytest

from alliances.pacts.models import Pact
from alliances.pacts.readable import reading_form
from alliances.pacts.textdiff import tokens


@pytest.mark.parametrize("copied,read", [
    ("and will con- tinue to act", "and will continue to act"),
    ("imme-\ndiately", "immediately"),
    ("the right of individual or collective self- defense", "the right of individual or collective self-defense"),
    ("long- and short-range", "long- and short-range"),  # a suspended hyphen
    ("and/ or", "and/ or"),
    ("the Charter 59 stat. 1031. of the United Nations", "the Charter of the United Nations"),
    ("collective self-defense M9stat. 10 recognized by Article 51", "collective self-defense recognized by Article 51"),
    ("Article 61 of the Charter", "Article 61 of the Charter"),  # no citation here
    ("締約国は、日 本国の施政", "締約国は、日本国の施政"),  # wrapping space inside Japanese
    ("체약 쌍방은 지체없이", "체약 쌍방은 지체없이"),  # Korean separates its words
    ("two  spaces\n\nnew paragraph", "two spaces\n\nnew paragraph"),
    ("the Organ of Consultation- Article 6", "the Organ of Consultation- Article 6"),  # a capital follows
])
def test_the_reading_form_removes_what_printing_added_and_nothing_else(copied, read):
    assert reading_form(copied) == read


def test_the_word_diff_compares_reading_forms():
    assert tokens("con- tinue") == tokens("continue")


@pytest.mark.django_db
def test_the_pact_page_reads_the_normalised_text_and_keeps_the_copy(staff_client, curated):
    page = staff_client.get("/pacts/rio-treaty-1947/").content.decode()
    assert "collective self-defense recognized by Article 51" in page  # as read
    assert "self-defense M9stat. 10 recognized" in page  # as copied, one click away
    version = Pact.objects.get(slug="rio-treaty-1947").clauses.get(label="Article 3(1)").versions.filter(
        text__contains="M9stat").first()
    assert "M9stat. 10" in version.text  # the stored text is the copy
