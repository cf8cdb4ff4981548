"""The pact list's and the matrix's addresses and what they say of what they were asked:
no empty parameters in any address the server builds or the browser keeps, the page and
the number of pages, plurals, and every bad page, page size, export or range named."""

import re
from html import unescape

import pytest

pytestmark = pytest.mark.django_db

LISTS = ["/pacts/", "/compare/"]
EMPTY_FORM = "q=&party_match=&on=&signed_from=&signed_to=&multilaterality=bilateral"


def text(response):
    return unescape(response.content.decode())


def hrefs(page):
    return re.findall(r'href="(\?[^"]*)"', page)


def region(client, url, current="http://testserver/pacts/"):
    return client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="dashboard", HTTP_HX_CURRENT_URL=current)


@pytest.mark.parametrize("path", LISTS)
def test_a_form_sent_with_empty_fields_lands_on_an_address_without_them(staff_client, curated, path):
    response = staff_client.get(f"{path}?{EMPTY_FORM}")
    assert response.status_code == 302
    assert response["Location"] == f"{path}?multilaterality=bilateral"


@pytest.mark.parametrize("path", LISTS)
def test_the_address_htmx_keeps_has_no_empty_fields(staff_client, curated, path):
    response = region(staff_client, f"{path}?{EMPTY_FORM}", current=f"http://testserver{path}")
    assert response.status_code == 200
    assert response["HX-Push-Url"] == f"{path}?multilaterality=bilateral"
    assert "HX-Replace-Url" not in response


def test_the_same_filters_again_replace_the_history_entry_instead_of_adding_one(staff_client, curated):
    # Typing pauses send the words; leaving the field sends them again: one entry, not two.
    response = region(staff_client, "/pacts/?q=treaty&on=", current="http://testserver/pacts/?q=treaty")
    assert response["HX-Replace-Url"] == "/pacts/?q=treaty"
    assert "HX-Push-Url" not in response


@pytest.mark.parametrize("path", LISTS)
def test_links_the_server_builds_carry_no_empty_parameters(staff_client, curated, path):
    page = text(region(staff_client, f"{path}?{EMPTY_FORM}&per_page=10&multilaterality=multilateral"))
    links = hrefs(page)
    assert any("sort=" in link for link in links)
    assert any("export=csv" in link for link in links)
    assert any("page=2" in link for link in links) or path == "/pacts/"
    for link in links:
        assert "=&" not in link + "&" and not link.endswith("="), link
        assert "q=" not in link and "on=" not in link, link


def test_the_export_links_keep_the_filters_and_sort_but_not_the_page(staff_client, curated):
    page = text(staff_client.get("/compare/?per_page=10&page=2&sort=-pact&obligation=must"))
    csv_link = next(link for link in hrefs(page) if "export=csv" in link)
    assert csv_link == "?per_page=10&sort=-pact&obligation=must&export=csv"


def test_the_pages_say_which_page_of_how_many(staff_client, curated):
    first = text(staff_client.get("/compare/?per_page=10"))
    pages = int(re.search(r"Page 1 of (\d+)", first).group(1))
    assert pages >= 3
    third = text(staff_client.get("/compare/?per_page=10&page=3"))
    assert f"Page 3 of {pages}" in third


def test_one_row_and_several_rows_are_counted_in_the_right_form(staff_client, curated):
    one = text(staff_client.get("/pacts/?q=Russia%E2%80%93DPRK+treaty+%282024%29"))
    several = text(staff_client.get("/pacts/"))
    count = int(re.search(r"(\d+) rows match\.", several).group(1))
    assert count > 1 and "1 row matches." not in several
    assert re.search(r"\b1 row matches\.", one) or "0 rows match." in one


def test_one_row_matches_in_the_singular(staff_client, curated):
    from alliances.pacts.models import Pact
    slug = Pact.objects.order_by("pk").values_list("short_name", flat=True).first()
    page = text(staff_client.get("/pacts/", {"q": slug}))
    matched = int(re.search(r"(\d+) rows? match(?:es)?\.", page).group(1))
    assert ("1 row matches." in page) == (matched == 1)
    assert ("rows match." in page) == (matched != 1)


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("value", ["7", "abc", "-10", "0", "1000"])
def test_a_page_size_that_is_not_offered_is_named(staff_client, curated, path, value):
    response = staff_client.get(path, {"per_page": value})
    assert response.status_code == 200
    page = text(response)
    assert f"Rows per page “{value}” ignored: choose one of 10, 25, 50, 100; this page shows 25." in page


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("value", ["abc", "0", "-2", "1.5", "1e3", "x" * 400])
def test_a_page_that_is_not_a_page_number_is_named(staff_client, curated, path, value):
    response = staff_client.get(path, {"page": value})
    assert response.status_code == 200
    assert f"Page “{value[:40]}” ignored: a page is a whole number from 1; this is the first page." in text(response)


def test_a_page_past_the_last_is_named_and_the_last_shown(staff_client, curated):
    first = text(staff_client.get("/compare/?per_page=10"))
    pages = int(re.search(r"Page 1 of (\d+)", first).group(1))
    page = text(staff_client.get(f"/compare/?per_page=10&page={pages + 5}"))
    assert f"Page {pages + 5} ignored: this view has {pages} pages; this is the last." in page
    assert f"Page {pages} of {pages}" in page


def test_a_page_number_too_long_to_be_a_page_is_named_shortened(staff_client, curated):
    page = text(staff_client.get("/pacts/", {"per_page": "100", "page": "9" * 400}))
    assert f"Page {'9' * 40} ignored: this view has 1 page; this is the last." in page


def test_a_page_past_the_end_of_a_one_page_view_is_named_in_the_singular(staff_client, curated):
    page = text(staff_client.get("/pacts/?per_page=100&page=4"))
    assert "Page 4 ignored: this view has 1 page; this is the last." in page


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("value", ["pdf", "CSV", "<script>"])
def test_an_export_format_that_is_not_offered_is_named_and_the_page_shown(staff_client, curated, path, value):
    response = staff_client.get(path, {"export": value})
    assert response.status_code == 200 and "Content-Disposition" not in response
    assert f"Export “{value}” ignored: choose one of csv, xlsx, json." in text(response)
    assert "<script>" not in response.content.decode().split("<main", 1)[1] or value != "<script>"


@pytest.mark.parametrize("path", LISTS)
def test_signed_from_after_signed_to_is_named_and_both_ignored(staff_client, curated, path):
    unfiltered = text(staff_client.get(path))
    count = re.search(r"(\d+) rows? match", unfiltered).group(1)
    page = text(staff_client.get(path, {"signed_from": "2000", "signed_to": "1950"}))
    assert "“Signed from (year)” (2000) is after “Signed until (year)” (1950): both are ignored." in page
    assert re.search(r"(\d+) rows? match", page).group(1) == count  # neither bound applied


def test_signed_from_before_signed_to_is_no_error(staff_client, curated):
    page = text(staff_client.get("/pacts/", {"signed_from": "1950", "signed_to": "2000"}))
    assert "is after" not in page and "ignored" not in page


def test_a_bad_range_reaches_the_network_page_as_a_message_too(staff_client, curated):
    page = text(staff_client.get("/network/", {"signed_from": "2000", "signed_to": "1950"}))
    assert "both are ignored" in page
