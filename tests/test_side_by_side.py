"""Pacts side by side: commitments aligned by type, any pact found by a search (curated or
imported from ATOP), and the text diff inline or in two columns with a free choice of the
second text."""

import re

import pytest

from alliances.pacts.models import ClauseVersion, Pact
from alliances.pacts.textdiff import OWN_ROW_WORDS, two_columns, word_diff
from tests.atop_subset import import_alliances, needs_atop

pytestmark = pytest.mark.django_db

HELSINKI = 3740
FRAGMENT = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "found-pacts"}


def text(response):
    return response.content.decode()


def side_by_side(client, *slugs, **more):
    response = client.get("/compare/", {"pacts": list(slugs), **more})
    assert response.status_code == 200
    return response


def group(response, label):
    return next(g for g in response.context["groups"] if g["label"] == label)


# --- rows aligned by commitment type --------------------------------------------------------


def test_commitments_stand_beside_those_of_the_same_type(staff_client, curated):
    """NATO: Article 5 defence, Article 4 consultation; Russia–DPRK 2024: Article 4 defence,
    Article 3 consultation; Russia–Iran 2025: Article 3 neutrality only."""
    response = side_by_side(staff_client, "north-atlantic-treaty", "russia-dprk-2024", "russia-iran-2025")
    groups = response.context["groups"]
    assert [g["label"] for g in groups] == ["defence", "neutrality", "consultation"]  # the vocabulary's order
    defence = group(response, "defence")
    assert defence["articles"][0] == ["Article 5"] and set(defence["articles"][1]) == {"Article 4"}
    assert defence["articles"][2] is None  # Russia–Iran has no defence commitment
    consultation = group(response, "consultation")
    assert consultation["articles"][0] == ["Article 4"] and set(consultation["articles"][1]) == {"Article 3"}
    neutrality = group(response, "neutrality")
    assert neutrality["articles"][:2] == [None, None] and neutrality["articles"][2] == ["Article 3"]
    # Each other dimension is a row of the group, its absent cells left to the one that says so.
    assert all(row["cells"][2] is None for row in defence["rows"])
    labels = [str(row["label"]) for row in defence["rows"]]
    assert "Type" not in labels and "Automaticity" in labels

    page = text(response)
    assert page.count("No defence commitment coded in this pact.") == 2  # the table and the texts
    assert page.count("No neutrality commitment coded in this pact.") == 4
    assert f'rowspan="{defence["span"]}" class="absent"' in page
    # Defence comes first, then neutrality, then consultation, in the table as in the texts.
    table = page.split('<table class="data aligned">', 1)[1].split("</table>", 1)[0]
    assert table.index(">Defence<") < table.index(">Neutrality<") < table.index(">Consultation<")
    # The texts are grouped the same way: NATO's Article 5 under defence, its Article 4 under consultation.
    texts = page.split("The texts</h2>", 1)[1]
    defence_texts, rest = texts.split("<h3>Neutrality</h3>", 1)
    assert "North Atlantic Treaty (NATO), Article 5" in defence_texts
    assert "North Atlantic Treaty (NATO), Article 4" not in defence_texts
    assert "North Atlantic Treaty (NATO), Article 4" in rest.split("<h3>Consultation</h3>", 1)[1]


def test_chosen_pacts_keep_their_order_each_once_and_can_be_removed(staff_client, curated):
    response = side_by_side(staff_client, "russia-dprk-2024", "north-atlantic-treaty", "russia-dprk-2024")
    assert [p.slug for p in response.context["pacts"]] == ["russia-dprk-2024", "north-atlantic-treaty"]
    page = text(response)
    assert 'href="/compare/?pacts=north-atlantic-treaty"' in page  # removing the first
    assert 'href="/compare/?pacts=russia-dprk-2024"' in page  # removing the second
    # Removing the last one stays on this page, with nothing chosen.
    empty = staff_client.get("/compare/", {"find": ""})
    assert empty.status_code == 200 and empty.context["pacts"] == []
    assert "No pact chosen yet" in text(empty)


def test_at_most_six_pacts_stand_side_by_side(staff_client, curated):
    slugs = list(Pact.objects.filter(curated=True).order_by("slug").values_list("slug", flat=True)[:8])
    response = side_by_side(staff_client, *slugs, find="treaty")
    assert len(response.context["pacts"]) == 6
    assert "At most 6 pacts can stand side by side" in text(response)
    assert not response.context["room"]
    assert 'name="find"' not in text(response)  # no room: the search gives way to the reason


# --- any pact, by a search ------------------------------------------------------------------


def test_a_search_finds_curated_pacts_and_adds_them_to_the_chosen(staff_client, curated):
    response = side_by_side(staff_client, "north-atlantic-treaty", find="Warsaw")
    found = [pact.slug for pact, _ in response.context["search"]["pacts"]]
    assert found == ["warsaw-pact-1955"]
    assert 'href="/compare/?pacts=north-atlantic-treaty&amp;pacts=warsaw-pact-1955"' in text(response)
    # A pact already chosen is not offered again.
    again = side_by_side(staff_client, "north-atlantic-treaty", find="North Atlantic")
    assert "north-atlantic-treaty" not in [pact.slug for pact, _ in again.context["search"].get("pacts", [])]


def test_the_search_refreshes_as_a_fragment(staff_client, curated):
    response = staff_client.get("/compare/", {"pacts": ["north-atlantic-treaty"], "find": "Warsaw"}, **FRAGMENT)
    page = text(response)
    assert "<html" not in page and "Add Warsaw Pact" in page
    assert "HX-Target" in response["Vary"]
    full = staff_client.get("/compare/", {"pacts": ["north-atlantic-treaty"], "find": "Warsaw"})
    assert "<html" in text(full) and "Add Warsaw Pact" in text(full)


@needs_atop
def test_a_search_finds_pacts_imported_from_atop_by_name_and_id(staff_client, curated, tmp_path):
    import_alliances(tmp_path / "atop", {HELSINKI})
    helsinki = Pact.objects.get(atop_id=HELSINKI)
    assert not helsinki.curated
    for q in ("Helsinki", str(HELSINKI), f"ATOP {HELSINKI}"):
        response = staff_client.get("/compare/", {"find": q})
        assert [pact.slug for pact, _ in response.context["search"]["pacts"]] == [helsinki.slug], q
        assert f"ATOP {HELSINKI}" in text(response)
    # Chosen, it stands beside a curated pact, its commitments aligned by type.
    response = side_by_side(staff_client, "north-atlantic-treaty", helsinki.slug)
    labels = [g["label"] for g in response.context["groups"]]
    assert "non-aggression" in labels and "defence" in labels
    assert group(response, "non-aggression")["articles"][0] is None
    assert group(response, "defence")["articles"][1] is None


@pytest.mark.parametrize("query, message", [
    ({"find": "!!!"}, "Type a word of a pact"),
    ({"find": "\x00"}, "The search was not run: Null characters are not allowed."),
    ({"find": "zzzqqq"}, "No other pact&#x27;s name, title or ATOP id matches “zzzqqq”"),
    ({"find": "a" * 201}, "The search was not run: Ensure this value has at most 200 characters (it has 201)."),
    ({"find": "9" * 40}, "No other pact"),
    ({"pacts": ["no-such-pact", "north-atlantic-treaty"]}, "Some chosen pacts are unknown"),
    ({"pacts": ["../etc"]}, "Some chosen pacts are unknown"),
    ({"pacts": [""]}, "Some chosen pacts are unknown"),
])
def test_bad_searches_and_choices_get_a_clear_message(staff_client, curated, query, message):
    response = staff_client.get("/compare/", query)
    assert response.status_code == 200
    assert message in text(response)


def test_an_unknown_pact_beside_known_ones_leaves_the_known_ones_shown(staff_client, curated):
    response = staff_client.get("/compare/", {"pacts": ["no-such-pact", "north-atlantic-treaty"]})
    assert [p.slug for p in response.context["pacts"]] == ["north-atlantic-treaty"]


# --- the diff: two columns, any second text, other versions ---------------------------------


def versions(slug, label, **more):
    return ClauseVersion.objects.filter(clause__pact__slug=slug, clause__label=label, **more).order_by("pk")


def test_two_columns_put_each_text_on_its_side_with_changes_level():
    first = "The Parties agree that an armed attack against one or more of them shall be considered an attack against them all."
    second = "The Parties agree that an armed attack against any of them shall be regarded as an attack against them all, forthwith."
    rows = two_columns(word_diff(first, second).segments)
    left = " ".join(words for row in rows for _, words in row[0])
    right = " ".join(words for row in rows for _, words in row[1])
    assert left.split() == "The Parties agree that an armed attack against one or more of them shall be considered an attack against them all .".split()
    assert right.split() == "The Parties agree that an armed attack against any of them shall be regarded as an attack against them all , forthwith .".split()
    assert all(kind != "insert" for row in rows for kind, _ in row[0])  # the second text's words stay right
    assert all(kind != "delete" for row in rows for kind, _ in row[1])
    deleted = [words for row in rows for kind, words in row[0] if kind == "delete"]
    inserted = [words for row in rows for kind, words in row[1] if kind == "insert"]
    assert "considered" in deleted and "regarded as" in inserted
    # A change and its counterpart share a row.
    for left_pieces, right_pieces, changed in rows:
        if any(words == "considered" for _, words in left_pieces):
            assert any(words == "regarded as" for _, words in right_pieces) and changed


def test_a_long_shared_passage_gets_a_row_of_its_own():
    shared = " ".join(f"word{i}" for i in range(OWN_ROW_WORDS))
    rows = two_columns(word_diff(f"alpha {shared} beta", f"gamma {shared} delta").segments)
    assert [changed for _, _, changed in rows] == [True, False, True]
    assert rows[1][0] == rows[1][1] == [("equal", shared)]


def test_the_diff_page_toggles_between_inline_and_two_columns(staff_client, curated):
    kcna = versions("russia-dprk-2024", "Article 4", label__startswith="Yonhap").first()
    nato = versions("north-atlantic-treaty", "Article 5").first()
    inline = staff_client.get("/diff/", {"a": kcna.pk, "b": nato.pk})
    page = text(inline)
    assert '<div class="diff">' in page and "diff-columns" not in page
    assert f'href="?a={kcna.pk}&amp;b={nato.pk}&amp;view=columns"' in page  # the toggle, kept in the address
    columns = staff_client.get("/diff/", {"a": kcna.pk, "b": nato.pk, "view": "columns"})
    page = text(columns)
    assert '<table class="diff diff-columns">' in page and '<div class="diff">' not in page
    body = page.split('<table class="diff diff-columns">', 1)[1].split("</table>", 1)[0]
    cells = re.findall(r'<td lang="en">(.*?)</td>', body, re.S)
    left, right = cells[0::2], cells[1::2]
    assert left and len(left) == len(right)
    assert not any("<ins>" in cell for cell in left) and not any("<del>" in cell for cell in right)
    assert "such action as it deems necessary" in " ".join(right).replace("\n", " ")  # NATO's words on the right
    assert f'href="?a={nato.pk}&amp;b={kcna.pk}&amp;view=columns"' in page  # swap, in the same layout
    bad = staff_client.get("/diff/", {"a": kcna.pk, "b": nato.pk, "view": "sideways"})
    assert bad.status_code == 200 and "Unknown layout “sideways”" in text(bad)
    assert '<div class="diff">' in text(bad)


def test_any_text_of_any_pact_can_be_the_second(staff_client, curated):
    kcna = versions("russia-dprk-2024", "Article 4", label__startswith="Yonhap").first()
    response = staff_client.get("/diff/", {"a": kcna.pk, "find": "Warsaw"})
    found = response.context["find"]["pacts"]
    assert [pact.slug for pact, _ in found] == ["warsaw-pact-1955"]
    warsaw_4 = versions("warsaw-pact-1955", "Article 4").exclude(text="").first()
    assert f'href="?a={kcna.pk}&amp;b={warsaw_4.pk}"' in text(response)
    # Another article of the same pact is a choice too; the first text itself is not a link.
    same = staff_client.get("/diff/", {"a": kcna.pk, "find": "DPRK 2024"})
    page = text(same)
    article_3 = versions("russia-dprk-2024", "Article 3").exclude(text="").first()
    assert f'href="?a={kcna.pk}&amp;b={article_3.pk}"' in page
    assert f'href="?a={kcna.pk}&amp;b={kcna.pk}"' not in page
    chosen = staff_client.get("/diff/", {"a": kcna.pk, "b": warsaw_4.pk})
    assert chosen.context["b"] == warsaw_4


@pytest.mark.parametrize("q, message", [
    ("!!!", "Type a word of a pact"), ("\x00", "The search was not run: Null characters are not allowed."),
    ("zzzqqq", "No pact with a located text"),
    ("x" * 201, "The search was not run: Ensure this value has at most 200 characters (it has 201)."),
])
def test_bad_second_text_searches_get_a_message(staff_client, curated, q, message):
    a = versions("north-atlantic-treaty", "Article 5").first()
    response = staff_client.get("/diff/", {"a": a.pk, "find": q})
    assert response.status_code == 200 and message in text(response)


def test_other_versions_is_never_followed_by_nothing(staff_client, curated):
    nato_5 = versions("north-atlantic-treaty", "Article 5").first()  # one version only
    dprk_4 = versions("russia-dprk-2024", "Article 4")  # several
    for a, b in ((nato_5, dprk_4[0]), (dprk_4[0], nato_5), (dprk_4[0], dprk_4[1])):
        page = text(staff_client.get("/diff/", {"a": a.pk, "b": b.pk}))
        for line in re.findall(r'<p class="other-versions[^"]*">(.*?)</p>', page, re.S):
            assert "<a " in line or "No other version of this article is recorded." in line
        assert not re.search(r"Other versions:\s*</p>", page)
    page = text(staff_client.get("/diff/", {"a": nato_5.pk, "b": dprk_4[0].pk}))
    assert "No other version of this article is recorded." in page
    assert page.count("Other versions:") == 1  # the Korean treaty's other copies
