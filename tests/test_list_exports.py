"""Exports of the pact list and the matrix: file names, the Excel sheet's name, the language
of every excerpt, and the states "every party" stands for."""

import csv
import datetime
import io
import json

import openpyxl
import pytest
from django.utils import timezone, translation

from alliances.pacts.choices import PartyScope
from alliances.pacts.exports import sheet_name
from alliances.pacts.models import Commitment, Excerpt

pytestmark = pytest.mark.django_db


def body(response):
    return b"".join(response.streaming_content).decode() if response.streaming else response.content


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(body(response))))


@pytest.mark.parametrize("path, name", [("/pacts/", "pacts"), ("/compare/", "commitments")])
@pytest.mark.parametrize("export", ["csv", "xlsx", "json"])
def test_an_export_is_named_for_its_table_and_the_day(staff_client, curated, path, name, export, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2026, 12, 2))
    response = staff_client.get(path, {"export": export})
    assert response["Content-Disposition"] == f'attachment; filename="{name}-2026-12-02.{export}"'


@pytest.mark.parametrize("path, sheet", [("/pacts/", "Pacts"), ("/compare/", "Commitments")])
def test_the_excel_sheet_is_named_for_the_table(staff_client, curated, path, sheet):
    workbook = openpyxl.load_workbook(io.BytesIO(staff_client.get(path, {"export": "xlsx"}).content))
    assert workbook.sheetnames == [sheet]


def test_the_excel_sheet_is_named_in_the_language_of_the_request(staff_client, curated):
    with translation.override("id"):
        expected = str(translation.gettext("Pacts"))
    response = staff_client.get("/pacts/", {"export": "xlsx"}, HTTP_ACCEPT_LANGUAGE="id")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [sheet_name(expected)]


def test_a_sheet_name_is_one_excel_accepts():
    assert sheet_name("Pacts: [a]/b?*\\c") == "Pacts   a  b   c"
    assert len(sheet_name("x" * 80)) == 31
    assert sheet_name("") == "Sheet1"


def test_every_excerpt_of_the_matrix_has_its_language_beside_it(staff_client, curated):
    rows = csv_rows(staff_client.get("/compare/", {"export": "csv"}))
    header = list(rows[0])
    assert header.index("Excerpt's language") == header.index("Excerpt") + 1
    languages = {excerpt.text: excerpt.source.language for excerpt in Excerpt.objects.select_related("source")}
    quoted = [row for row in rows if row["Excerpt"]]
    assert quoted
    for row in quoted:
        assert row["Excerpt's language"] == languages[row["Excerpt"]], row["Pact"]
    assert all(not row["Excerpt's language"] for row in rows if not row["Excerpt"])


def test_every_excerpt_of_the_pact_list_has_its_language_beside_it(staff_client, curated):
    rows = csv_rows(staff_client.get("/pacts/", {"export": "csv"}))
    header = list(rows[0])
    assert header.index("Its excerpt's language") == header.index("Its excerpt") + 1
    languages = {excerpt.text: excerpt.source.language for excerpt in Excerpt.objects.select_related("source")}
    quoted = [row for row in rows if row["Its excerpt"]]
    assert quoted
    for row in quoted:
        assert row["Its excerpt's language"] == languages[row["Its excerpt"]]


def test_the_json_export_carries_the_languages_too(staff_client, curated):
    data = json.loads(body(staff_client.get("/compare/", {"export": "json"})))
    assert all("excerpt_language" in row for row in data)
    assert any(row["excerpt_language"] for row in data)


def test_every_party_is_named_beside_the_placeholder(staff_client, curated):
    rows = csv_rows(staff_client.get("/compare/", {"export": "csv", "q": "North Atlantic"}))
    nato = [row for row in rows if row["Pact"] == "North Atlantic Treaty (NATO)"]
    assert nato
    header = list(rows[0])
    assert header.index("From: every party by name") == header.index("From") + 1
    assert header.index("To: every party by name") == header.index("To") + 1
    names = [row for row in nato if row["From"] == "every party"]
    assert names
    for row in names:
        listed = row["From: every party by name"].split(", ")
        assert "Canada" in listed and "Poland" in listed and len(listed) == len(set(listed))


def test_a_listed_side_has_no_names_beside_it(staff_client, curated):
    listed = Commitment.objects.exclude(obliged_scope=PartyScope.ALL_PARTIES).select_related("pact").first()
    if listed is None:
        pytest.skip("every commitment of the data binds every party")
    rows = csv_rows(staff_client.get("/compare/", {"export": "csv"}))
    for row in rows:
        if row["From"] not in ("every party",):
            assert row["From: every party by name"] == ""


def test_every_party_names_each_state_of_the_pact_once(staff_client, curated):
    from alliances.pacts.models import Party
    rows = csv_rows(staff_client.get("/compare/", {"export": "csv"}))
    by_pact = {}
    for party in Party.objects.select_related("pact", "state"):
        by_pact.setdefault(party.pact.short_name, set()).add(party.state.name)
    for row in rows:
        if row["From"] == "every party":
            assert set(row["From: every party by name"].split(", ")) == by_pact[row["Pact"]]
