"""The dashboard in English and in Bahasa Indonesia: the browser's language chooses, the
switcher sets the language for the browser session, dates and numbers follow it, coded
values, tables, exports, pictures and error pages speak it, and no page in Indonesian
shows an interface string in English."""

import csv
import datetime
import io
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from alliances.pacts.articles import article_label
from alliances.pacts.dates import format_date
from alliances.pacts.models import AtopPhase, Claim, ClauseVersion, Pact
from tests.catalogs import CATALOGS, messages, read_po

ID = {"HTTP_ACCEPT_LANGUAGE": "id"}


def html_lang(response):
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


# --- choosing the language --------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("header,language", [
    ("id", "id"), ("id-ID,id;q=0.9,en;q=0.8", "id"), ("en-US,en;q=0.9", "en"), ("fr-FR,fr;q=0.9", "en"), (None, "en"),
])
def test_the_browsers_language_chooses_the_interface_language(staff_client, header, language):
    extra = {"HTTP_ACCEPT_LANGUAGE": header} if header else {}
    response = staff_client.get("/", **extra)
    assert html_lang(response) == language
    assert response["Content-Language"] == language
    assert ("Pakta pertahanan" in response.content.decode()) == (language == "id")


@pytest.mark.django_db
def test_every_page_has_the_switcher_a_csrf_protected_post_to_set_language(staff_client):
    page = staff_client.get("/pacts/?multilaterality=bilateral").content.decode()
    form = re.search(r'<form method="post" action="/language/" class="[^"]*language-switcher[^"]*".*?</form>', page, re.S)
    assert form, "no language switcher in the page"
    form = form.group(0)
    assert 'name="csrfmiddlewaretoken"' in form
    assert '<input type="hidden" name="next" value="/pacts/?multilaterality=bilateral">' in form
    assert '<button type="submit" name="language" value="id" lang="id"' in form and "Bahasa Indonesia" in form
    assert '<strong lang="en" aria-current="true">English</strong>' in form
    assert "<script>" not in page  # the switcher needs no inline script (the CSP forbids it)


@pytest.mark.django_db
def test_the_switchers_choice_holds_for_the_rest_of_the_browser_session(staff_client):
    response = staff_client.post("/language/", {"language": "id", "next": "/pacts/?multilaterality=bilateral"})
    assert response.status_code == 302 and response["Location"] == "/pacts/?multilaterality=bilateral"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "id"
    assert not cookie["max-age"] and not cookie["expires"], "the choice should end with the browser session"
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    # The choice outranks the browser's language, on every page, until changed.
    for url in ("/", "/pacts/", "/compare/", "/lookup/"):
        assert html_lang(staff_client.get(url, HTTP_ACCEPT_LANGUAGE="en")) == "id", url
    page = staff_client.get("/").content.decode()
    assert '<strong lang="id" aria-current="true">Bahasa Indonesia</strong>' in page
    staff_client.post("/language/", {"language": "en", "next": "/"})
    assert html_lang(staff_client.get("/", **ID)) == "en"


@pytest.mark.django_db
def test_the_switcher_refuses_a_post_without_the_csrf_token(staff_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user)
    response = client.post("/language/", {"language": "id", "next": "/"})
    assert response.status_code == 403
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert html_lang(client.get("/")) == "en"


@pytest.mark.django_db
def test_the_switcher_goes_back_only_to_this_site_and_ignores_unknown_languages(staff_client):
    response = staff_client.post("/language/", {"language": "id", "next": "https://elsewhere.example/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "id"
    response = staff_client.post("/language/", {"language": "xx", "next": "/pacts/"})
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert html_lang(staff_client.get("/")) == "id"


@pytest.mark.django_db
def test_the_login_page_can_be_read_and_switched_in_indonesian(client):
    page = client.get("/login/", **ID).content.decode()
    assert '<html lang="id">' in page and "Nama pengguna" in page and "Kata sandi" in page
    assert 'action="/language/"' in page
    response = client.post("/language/", {"language": "id", "next": "/login/"})
    assert response.status_code == 302 and response["Location"] == "/login/"
    failed = client.post("/login/", {"username": "nobody", "password": "wrong-password"}).content.decode()
    assert "Nama pengguna dan kata sandi tidak cocok" in failed


# --- what follows the language --------------------------------------------------------------


def test_dates_are_written_as_each_language_writes_them():
    day = datetime.date(1996, 9, 7)
    with translation.override("en"):
        assert [format_date(day, p) for p in ("day", "month", "year")] == ["1996-09-07", "1996-09", "1996"]
    with translation.override("id"):
        assert [format_date(day, p) for p in ("day", "month", "year")] == ["7 September 1996", "September 1996", "1996"]


@pytest.mark.django_db
def test_an_address_names_the_same_day_in_both_languages(staff_client, curated):
    for on in ("2001-09-12", "09/12/2001"):
        english = staff_client.get("/states/USA/", {"on": on}).context["day"]
        indonesian = staff_client.get("/states/USA/", {"on": on}, **ID).context["day"]
        assert english == indonesian == datetime.date(2001, 9, 12), on


@pytest.mark.django_db
def test_pages_write_dates_and_numbers_in_the_readers_language(staff_client, curated):
    english = staff_client.get("/pacts/north-atlantic-treaty/").content.decode()
    indonesian = staff_client.get("/pacts/north-atlantic-treaty/", **ID).content.decode()
    assert "1949-04-04" in english and "4 April 1949" in indonesian and "1949-04-04" not in indonesian
    assert "24 Agustus 1949" in indonesian  # entry into force, with the month's Indonesian name
    assert "Excel: at most 10,000 rows" in staff_client.get("/pacts/").content.decode()
    assert "Excel: paling banyak 10.000 baris" in staff_client.get("/pacts/", **ID).content.decode()


@pytest.mark.django_db
def test_treaty_articles_are_pasal_in_indonesian_and_the_texts_stay_as_recorded(staff_client, curated):
    page = staff_client.get("/pacts/russia-dprk-2024/", **ID).content.decode()
    assert "<h3>Pasal 4: " in page and "<h3>Article 4: " not in page
    version = ClauseVersion.objects.filter(clause__pact__slug="russia-dprk-2024", clause__label="Article 4").exclude(text="")[0]
    assert version.text.splitlines()[0] in page  # the treaty text itself is not translated
    with translation.override("id"):
        assert [article_label(x) for x in ("Article 5", "Article IV(3)", "Art. 42(7)", "Duration clause")] == [
            "Pasal 5", "Pasal IV(3)", "Pasal 42(7)", "Duration clause"]
    with translation.override("en"):
        assert article_label("Art. 42(7)") == "Art. 42(7)"


@pytest.mark.django_db
def test_the_seed_articles_claims_lead_with_the_indonesian_original_in_indonesian(staff_client, curated):
    claims = list(Claim.objects.filter(source__key="genpi-2024-russia-dprk-pact").select_related("excerpt"))
    assert claims
    indonesian = staff_client.get("/claims/", **ID).content.decode()
    english = staff_client.get("/claims/").content.decode()
    for claim in claims:
        assert _escaped('<p class="claim-original"><strong><q lang="id">', claim.excerpt.text) in indonesian, claim.key
        assert _escaped("<p><strong>", claim.summary) in english, claim.key
        assert _escaped('<span lang="en">', claim.summary) in indonesian  # the English summary, second
    nato = staff_client.get("/pacts/north-atlantic-treaty/", **ID).content.decode()
    assert _escaped('<strong><q lang="id">', "Satu-satunya saat Pasal 5 NATO digunakan") in nato


def _escaped(prefix, text):
    from django.utils.html import escape

    return prefix + escape(text)


@pytest.mark.django_db
def test_tables_and_exports_speak_the_readers_language(staff_client, curated):
    page = staff_client.get("/compare/", **ID).content.decode()
    for header in ("Pakta", "Pasal", "Pemicu", "Kewajiban", "Sifat otomatis", "Rujukan hukum"):
        assert f">{header}</a></th>" in page or f">{header}</th>" in page, header
    export = staff_client.get("/compare/", {"export": "csv", "commitment_type": "defense"}, **ID)
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    header = rows[0]
    assert header[:11] == ["Pakta", "Slug pakta", "ID ATOP", "Alamat", "Pasal", "Dari", "Dari: setiap pihak menurut nama",
                           "Kepada", "Kepada: setiap pihak menurut nama", "Jenis", "Pemicu"]
    assert {row[header.index("Jenis")] for row in rows[1:]} == {"pertahanan"}
    assert any(row[header.index("Pasal")].startswith("Pasal ") for row in rows[1:])
    english = staff_client.get("/compare/", {"export": "csv", "commitment_type": "defense"})
    first = next(csv.reader(io.StringIO(b"".join(english.streaming_content).decode())))
    assert first[:11] == ["Pact", "Pact's slug", "ATOP id", "Address", "Article", "From", "From: every party by name",
                          "To", "To: every party by name", "Type", "Trigger"]


@pytest.mark.django_db
def test_the_pictures_speak_the_readers_language(staff_client, curated):
    svg = staff_client.get("/pacts/russia-dprk-2024/timeline.svg", **ID).content.decode()
    assert "Russia–DPRK treaty (2024): para pihaknya dari waktu ke waktu" in svg
    assert "pihak dari 4 Desember 2024 hingga sekarang" in svg
    map_page = staff_client.get("/states/PRK/map/", {"on": "2025-06-01"}, **ID).content.decode()
    assert "Siapa yang berkomitmen membela North Korea (DPRK) pada 1 Juni 2025" in map_page


@pytest.mark.django_db
def test_error_pages_speak_the_readers_language(staff_client, client, db):
    missing = staff_client.get("/pacts/no-such-pact/", **ID)
    assert missing.status_code == 404 and "Halaman tidak ditemukan" in missing.content.decode()
    assert "Page not found" in staff_client.get("/pacts/no-such-pact/").content.decode()
    outsider = get_user_model().objects.create_user("outsider", password="a-long-test-password", is_staff=True)
    client.force_login(outsider)
    refused = client.get("/", **ID)
    assert refused.status_code == 403 and "Anda tidak boleh membuka halaman ini" in refused.content.decode()
    assert "Akun outsider tidak memiliki peran di dasbor ini" in refused.content.decode()
    assert "The account outsider has no role" in client.get("/").content.decode()
    with translation.override("id"):
        assert "Kesalahan server" in render_to_string("500.html")
        assert "Permintaan tidak valid" in render_to_string("400.html")
        assert "Formulir sudah kedaluwarsa" in render_to_string("403_csrf.html")


@pytest.mark.django_db
def test_the_admin_speaks_indonesian_from_djangos_catalog_and_ours(admin_client_):
    page = admin_client_.get("/admin/", **ID).content.decode()
    assert "Aliansi: admin penyunting" in page  # the project's
    assert "Selamat datang" in page  # Django's own
    assert "Catatan pengodean" in page  # a model's name


def test_every_field_and_model_of_the_app_is_named_through_the_catalog():
    """The admin's column headers and form labels come from the fields' verbose names: a
    field left without one is labelled by its Python name, in English in every language."""
    from django.apps import apps
    from django.utils.functional import Promise

    unnamed = []
    for model in apps.get_app_config("pacts").get_models():
        if model._meta.label.startswith("pacts.Historical"):
            continue  # simple_history's copies, named after the models
        for attribute in ("verbose_name", "verbose_name_plural"):
            if not isinstance(getattr(model._meta, attribute), Promise):
                unnamed.append(f"{model.__name__}.Meta.{attribute}")
        for field in model._meta.get_fields():
            if field.concrete and not field.auto_created and not isinstance(field.verbose_name, Promise):
                unnamed.append(f"{model.__name__}.{field.name}")
    assert not unnamed, "fields and models without a translatable name (verbose_name=_(...)): " + ", ".join(unnamed)


# --- no interface string left in English ------------------------------------------------------


def english_messages():
    """The interface's English messages whose Indonesian differs, as text a page shows whole:
    {English: Indonesian}. Messages that are mostly placeholders are left out."""
    found = {}
    for entry in messages(read_po(next(p for p in CATALOGS if p.parents[1].name == "id"))):
        translation_ = entry.msgstr.get(0, "")
        for english in entry.sources:
            if not translation_ or translation_ == english or "%" in english or "{" in english:
                continue
            found[" ".join(english.split())] = translation_
    return found


class ShownText(HTMLParser):
    """The texts a page shows, each whole run of text and each read attribute, outside
    elements marked as in another language (treaty texts, excerpts) and outside scripts.
    Reads HTML and SVG alike: an element closed by its own tag (`<rect/>`) or one that never
    has content (`<br>`) opens nothing, and an end tag closes up to its own start tag."""

    READ = {"title", "aria-label", "placeholder", "alt"}
    VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts, self.stack = [], []  # stack: (tag, whether it is in another language or a script)

    def _element(self, tag, attrs, has_content):
        attributes = dict(attrs)
        other = tag in ("script", "style") or attributes.get("lang", "id") != "id"
        if not other and not any(outside for _tag, outside in self.stack):
            self.texts += [value for name, value in attrs if name in self.READ and value]
        if has_content:
            self.stack.append((tag, other))

    def handle_starttag(self, tag, attrs):
        self._element(tag, attrs, has_content=tag not in self.VOID)

    def handle_startendtag(self, tag, attrs):
        self._element(tag, attrs, has_content=False)

    def handle_endtag(self, tag):
        if any(open_ == tag for open_, _outside in self.stack):
            while self.stack.pop()[0] != tag:
                pass

    def handle_data(self, data):
        if not any(outside for _tag, outside in self.stack) and data.strip():
            self.texts.append(" ".join(data.split()))


def untranslated(page, english):
    parser = ShownText()
    parser.feed(page)
    shown = set()
    for text in parser.texts:
        for candidate in (text, text.rstrip(" .·")):
            if candidate in english:
                shown.add(candidate)
        # A label and its value in one run of text: "Trigger: armed attack".
        label = text.split(": ", 1)[0] + ":"
        if ": " in text and label in english:
            shown.add(label)
    return sorted(shown)


PAGES = [
    "/", "/pacts/", "/pacts/?sort=-signed&per_page=10", "/compare/", "/compare/?commitment_type=defense&q=attack",
    "/compare/?pacts=russia-dprk-2024&pacts=north-atlantic-treaty", "/pacts/north-atlantic-treaty/",
    "/pacts/russia-dprk-2024/", "/pacts/ussr-dprk-1961/", "/states/PRK/", "/states/USA/?on=2001-09-12",
    "/states/PRK/map/", "/pacts/north-atlantic-treaty/map/?on=1990-01-01", "/network/",
    "/lookup/?obliged=RUS&protected=PRK&on=2025-06-01", "/lookup/?obliged=USA&protected=CHN",
    "/sources/genpi-2024-russia-dprk-pact/", "/diff/?a={version}", "/pacts/no-such-pact/", "/pacts/?on=not-a-date",
    "/pacts/?sort=nonsense", "/api/v1/docs/", "/states/", "/states/?q=korea&on=1980-01-01",
    "/lookup/?protected=PRK&on=2025-06-01", "/lookup/?obliged=USA&on=2001-09-12", "/lookup/?obliged=PRK&protected=PRK",
    "/states/POL/?on=1985-01-01", "/pacts/rio-treaty-1947/", "/lookup/?obliged=USA&protected=ARG&on=2000-01-01", "/atop/{nato_atop_id}/",
    "/atop/differences/", "/diff/?a={version}&b={version}",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_a_page_in_indonesian_shows_no_interface_string_in_english(staff_client, curated, url):
    version = ClauseVersion.objects.filter(clause__pact__slug="russia-dprk-2024", language="en").exclude(text="")[0]
    nato = Pact.objects.get(slug="north-atlantic-treaty")
    AtopPhase.objects.get_or_create(pact=nato, atop_id=nato.atop_id, phase=0, defaults={"version": "5.1"})
    url = url.format(version=version.pk, nato_atop_id=nato.atop_id)
    response = staff_client.get(url, **ID)
    assert response.status_code in (200, 404)
    page = response.content.decode()
    assert html_lang(response) == "id"
    shown = untranslated(page, english_messages())
    assert not shown, f"{url} shows in English: {shown}"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/network/", "/admin/"])
def test_the_page_for_an_account_without_a_role_shows_no_interface_string_in_english(client, curated, url):
    client.force_login(get_user_model().objects.create_user("outsider", password="a-long-test-password",
                                                             is_staff=True))
    response = client.get(url, **ID)
    assert response.status_code == 403
    page = response.content.decode()
    assert html_lang(response) == "id" and "Akun outsider tidak memiliki peran" in page
    shown = untranslated(page, english_messages())
    assert not shown, f"{url} shows in English: {shown}"


def schema_texts(node):
    """The texts an OpenAPI schema gives its reader: titles, summaries and descriptions."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("title", "summary", "description") and isinstance(value, str):
                yield " ".join(value.split())
            else:
                yield from schema_texts(value)
    elif isinstance(node, list):
        for item in node:
            yield from schema_texts(item)


@pytest.mark.django_db
def test_the_apis_documentation_speaks_the_readers_language(staff_client, curated):
    english = staff_client.get("/api/v1/schema/").json()
    indonesian = staff_client.get("/api/v1/schema/", **ID).json()
    assert english["info"]["title"] == "Alliances API" and indonesian["info"]["title"] == "API Aliansi"
    assert indonesian["info"]["description"].startswith("Akses baca-saja")
    assert "Rows per page (at most 1000; 100 unless given)." in schema_texts(english)
    assert "Baris per halaman (paling banyak 1000; 100 jika tidak diberikan)." in schema_texts(indonesian)
    messages_ = english_messages()
    shown = sorted({text for text in schema_texts(indonesian) if text in messages_ or text.rstrip(".") in messages_})
    assert not shown, f"the schema in Indonesian shows in English: {shown}"
    docs = staff_client.get("/api/v1/docs/", **ID).content.decode()
    assert "<title>API Aliansi</title>" in docs and "Kembali ke dasbor" in docs


@pytest.mark.django_db
def test_the_page_showing_a_new_api_token_is_in_indonesian(admin_client_, curated):
    analyst = get_user_model().objects.create_user("analyst", password="a-long-test-password", is_staff=True)
    response = admin_client_.post("/admin/api/apitoken/add/", {"user": analyst.pk, "name": "R scripts"}, **ID)
    page = response.content.decode()
    assert "Salin sekarang" in page and "<code>Authorization: Bearer &lt;token&gt;</code>" in page
    shown = untranslated(page, english_messages())
    assert not shown, f"the new token's page shows in English: {shown}"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/admin/", "/admin/pacts/pact/", "/admin/pacts/commitment/", "/admin/api/apitoken/"])
def test_the_admin_in_indonesian_shows_none_of_our_strings_in_english(admin_client_, curated, url):
    page = admin_client_.get(url, **ID).content.decode()
    shown = untranslated(page, english_messages())
    assert not shown, f"{url} shows in English: {shown}"


@pytest.mark.django_db
@pytest.mark.parametrize("url", [
    "/pacts/ussr-dprk-1961/timeline.svg", "/pacts/north-atlantic-treaty/timeline.svg", "/states/PRK/timeline.svg",
    "/states/PRK/map.svg?on=2025-06-01", "/pacts/north-atlantic-treaty/map.svg?on=1990-01-01", "/charts/in-force.svg",
])
def test_a_picture_in_indonesian_shows_no_interface_string_in_english(staff_client, curated, url):
    response = staff_client.get(url, **ID)
    assert response.status_code == 200 and response["Content-Type"].startswith("image/svg+xml")
    shown = untranslated(response.content.decode(), english_messages())
    assert not shown, f"{url} shows in English: {shown}"


@pytest.mark.django_db
def test_the_networks_download_has_its_headers_in_indonesian(staff_client, curated):
    english = next(csv.reader(io.StringIO(staff_client.get("/network/links.csv").content.decode())))
    indonesian = next(csv.reader(io.StringIO(staff_client.get("/network/links.csv", **ID).content.decode())))
    assert english[:2] == ["obliged", "obliged code"] and indonesian[:2] == ["berkewajiban", "kode pihak berkewajiban"]
    shown = [header for header in indonesian if header in english_messages()]
    assert len(english) == len(indonesian) and not shown, f"headers in English: {shown}"


def test_the_check_finds_an_interface_string_left_in_english():
    english = {"Apply filters": "Terapkan filter", "Trigger:": "Pemicu:", "Who defends whom": "Siapa membela siapa"}
    page = '<p><button>Apply filters</button> Trigger: armed attack <span lang="en">Apply filters</span></p>'
    assert untranslated(page, english) == ["Apply filters", "Trigger:"]
    assert untranslated('<blockquote lang="en">Apply filters</blockquote><p>Terapkan filter</p>', english) == []
    # Self-closed SVG elements and unclosed paragraphs do not hide what follows, nor show what is marked.
    svg = '<svg><g lang="en"><rect/><text>Apply filters</text></g><rect/><text>Who defends whom</text></svg>'
    assert untranslated(svg, english) == ["Who defends whom"]
    assert untranslated('<div lang="en"><p>Apply filters</div><p>Trigger: x', english) == ["Trigger:"]


@pytest.mark.django_db
def test_the_one_sided_lookup_and_the_state_index_write_days_and_articles_as_the_reader_does(staff_client, curated):
    defenders = staff_client.get("/lookup/", {"protected": "PRK", "on": "2025-06-01"}, **ID).content.decode()
    assert "Siapa yang berkomitmen membela North Korea (DPRK) pada 1 Juni 2025?" in defenders
    assert "Pasal 4</a>" in defenders and "Article 4</a>" not in defenders
    assert "Pasal 3" in defenders  # the consultation pledge, listed apart
    english = staff_client.get("/lookup/", {"protected": "PRK", "on": "2025-06-01"}).content.decode()
    assert "Who is committed to defend North Korea (DPRK) on 2025-06-01?" in english and "Article 4</a>" in english
    states = staff_client.get("/states/", {"on": "2025-06-01"}, **ID).content.decode()
    assert "pada 1 Juni 2025." in states


@pytest.mark.django_db
def test_the_nuclear_filters_note_names_its_day_in_the_readers_format(staff_client, curated):
    from alliances.pacts.models import State
    State.objects.filter(code="PRK").update(nuclear_status="")  # a state whose status is not recorded
    page = staff_client.get("/pacts/", {"nuclear": "yes", "on": "2025-06-01"}, **ID).content.decode()
    assert "pada 1 Juni 2025 tidak diketahui dari data" in page, "the note, in Indonesian, with the day as it is written"
