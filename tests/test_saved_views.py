"""Saved views and column choices: who may keep, share, rename and delete them; what a bad
request is told (and that it changes nothing); the columns applied to the table and its
export; saved views in the backup and the admin."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.db import IntegrityError, transaction

from alliances.pacts.models import SavedView, TableConfig
from alliances.pacts.models.saved_views import NAME_LENGTH
from tests.conftest import make_staff

NEW, COLUMNS = "/saved-views/new/", "/columns/"


def rename(view):
    return f"/saved-views/{view.pk}/rename/"


def delete(view):
    return f"/saved-views/{view.pk}/delete/"


def said(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def snapshot():
    return (list(SavedView.objects.order_by("pk").values()), list(TableConfig.objects.order_by("pk").values()))


def signed_in(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def users(db):
    return {
        "analyst": make_staff("analyst", "Analysts"),
        "other_analyst": make_staff("other", "Analysts"),
        "editor": make_staff("editor", "Editors"),
        "no_role": make_staff("norole"),
        "admin": get_user_model().objects.create_superuser("root", password="a-long-test-password"),
    }


def a_view(owner, name="Mine", table="pacts", shared=False, query="sort=status", columns=()):
    return SavedView.objects.create(owner=owner, table=table, name=name, query=query, columns=list(columns),
                                    shared=shared)


# --- the model ---------------------------------------------------------------------------------

def test_a_name_is_unique_per_owner_and_table_only(users):
    a_view(users["analyst"], "Defence")
    a_view(users["analyst"], "Defence", table="matrix")
    a_view(users["other_analyst"], "Defence")
    with pytest.raises(IntegrityError), transaction.atomic():
        a_view(users["analyst"], "Defence")
    assert SavedView.objects.count() == 3


def test_deleting_a_user_deletes_their_views_and_columns(users):
    a_view(users["analyst"])
    TableConfig.objects.create(user=users["analyst"], table="pacts", columns=["short_name"])
    users["analyst"].delete()
    assert not SavedView.objects.exists() and not TableConfig.objects.exists()


# --- who may do what -----------------------------------------------------------------------------

ROLES_THAT_SAVE = ["analyst", "editor", "admin"]


@pytest.mark.parametrize("role", ROLES_THAT_SAVE)
def test_every_role_saves_a_private_view_and_picks_it_from_the_menu(client, users, role):
    signed_in(client, users[role])
    response = client.post(NEW, {"table": "pacts", "name": " Signed after 1990 ", "query": "signed_from=1990-01-01&page=3&export=csv",
                                 "columns": "short_name,signed"})
    view = SavedView.objects.get()
    assert (view.owner, view.name, view.table, view.query, view.columns, view.shared) == (
        users[role], "Signed after 1990", "pacts", "signed_from=1990-01-01", ["short_name", "signed"], False)
    assert response.status_code == 302 and response["Location"] == "/pacts/?signed_from=1990-01-01&columns=short_name,signed"
    page = client.get("/pacts/").content.decode()
    assert '<a href="/pacts/?signed_from=1990-01-01&amp;columns=short_name,signed">Signed after 1990</a>' in page


def test_an_analyst_may_not_share_a_view(client, users):
    signed_in(client, users["analyst"])
    assert client.post(NEW, {"table": "pacts", "name": "For all", "shared": "on"}).status_code == 403
    assert not SavedView.objects.exists()
    view = a_view(users["analyst"])
    assert client.post(rename(view), {"name": "Mine", "shared": "on"}).status_code == 403
    view.refresh_from_db()
    assert not view.shared
    page = client.get("/pacts/").content.decode()
    assert 'name="shared"' not in page  # the box is not offered


@pytest.mark.parametrize("role", ["editor", "admin"])
def test_editors_share_views_that_every_staff_member_then_sees_and_cannot_change(client, users, role):
    signed_in(client, users[role])
    client.post(NEW, {"table": "matrix", "name": "Defence clauses", "query": "commitment_type=defense", "shared": "on"})
    view = SavedView.objects.get(shared=True)
    client.force_login(users["analyst"])
    page = client.get("/compare/").content.decode()
    assert "Defence clauses" in page and f"shared by {users[role].username}" in page
    assert "Defence clauses" not in client.get("/pacts/").content.decode()  # another table's menu
    assert "Defence clauses" in client.get("/saved-views/").content.decode()
    before = snapshot()
    assert client.post(rename(view), {"name": "Taken over"}).status_code == 404
    assert client.post(delete(view)).status_code == 404
    assert snapshot() == before


def test_a_private_view_is_in_its_owners_menu_only(client, users):
    a_view(users["analyst"], "Secret plan")
    for other in ("other_analyst", "editor", "admin"):
        client.force_login(users[other])
        assert "Secret plan" not in client.get("/pacts/").content.decode()
        assert "Secret plan" not in client.get("/saved-views/").content.decode()


@pytest.mark.parametrize("role", ROLES_THAT_SAVE)
def test_owners_rename_and_delete_their_views(client, users, role):
    view = a_view(users[role])
    signed_in(client, users[role])
    response = client.post(rename(view), {"name": "Renamed"})
    assert response.status_code == 302 and "is now “Renamed”" in " ".join(said(response))
    view.refresh_from_db()
    assert view.name == "Renamed"
    response = client.post(delete(view))
    assert response.status_code == 302 and "View “Renamed” deleted." in said(response)
    assert not SavedView.objects.exists()


@pytest.mark.parametrize("role", ["other_analyst", "editor", "admin"])
def test_no_one_but_the_owner_renames_or_deletes_a_view(client, users, role):
    view = a_view(users["analyst"], shared=True)
    signed_in(client, users[role])
    before = snapshot()
    assert client.post(rename(view), {"name": "Hijacked"}).status_code == 404
    assert client.post(delete(view)).status_code == 404
    assert snapshot() == before


def test_anonymous_visitors_are_sent_to_sign_in_and_change_nothing(client, users):
    view = a_view(users["analyst"])
    before = snapshot()
    for url, data in ((NEW, {"table": "pacts", "name": "x"}), (rename(view), {"name": "x"}), (delete(view), {}),
                      (COLUMNS, {"table": "pacts", "show": ["short_name"]}), ("/saved-views/", None)):
        response = client.post(url, data) if data is not None else client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), url
    assert snapshot() == before


def test_staff_without_a_role_are_refused_and_change_nothing(client, users):
    view = a_view(users["analyst"])
    signed_in(client, users["no_role"])
    before = snapshot()
    for url, data in ((NEW, {"table": "pacts", "name": "x"}), (rename(view), {"name": "x"}), (delete(view), {}),
                      (COLUMNS, {"table": "pacts", "show": ["short_name"]})):
        assert client.post(url, data).status_code == 403, url
    assert snapshot() == before


def test_writes_need_their_permission_whatever_the_role_says(client, users):
    """A role stripped of a permission loses the write it allows."""
    from django.contrib.auth.models import Group, Permission

    analysts = Group.objects.get(name="Analysts")
    analysts.permissions.remove(*Permission.objects.filter(codename__in=["add_savedview", "delete_savedview",
                                                                         "change_tableconfig"]))
    view = a_view(users["analyst"])
    signed_in(client, users["analyst"])
    before = snapshot()
    assert client.post(NEW, {"table": "pacts", "name": "x"}).status_code == 403
    assert client.post(delete(view)).status_code == 403
    assert client.post(COLUMNS, {"table": "pacts", "show": ["short_name"]}).status_code == 403
    assert snapshot() == before
    page = client.get("/pacts/").content.decode()
    assert "Save view" not in page and 'class="column-chooser"' not in page


def test_writes_are_posts(client, users):
    view = a_view(users["analyst"])
    signed_in(client, users["analyst"])
    for url in (NEW, rename(view), delete(view), COLUMNS):
        assert client.get(url).status_code == 405, url
    assert SavedView.objects.filter(pk=view.pk).exists()


# --- bad input -------------------------------------------------------------------------------------

@pytest.mark.parametrize("data, message", [
    ({"table": "pacts", "name": "   "}, "Give the view a name."),
    ({"table": "pacts", "name": "x" * (NAME_LENGTH + 1)}, f"A name has at most {NAME_LENGTH} characters; this one has {NAME_LENGTH + 1}."),
    ({"table": "treaties", "name": "Fine"}, "There is no table “treaties” whose views can be saved."),
    ({"name": "Fine"}, "This field is required."),
    ({"table": "pacts", "name": "Fine", "columns": "short_name,nonsense"}, "This table has no column “nonsense”"),
    ({"table": "pacts", "name": "Fine", "query": "q=" + "x" * 2100}, "too long to save"),
    ({"table": "pacts", "name": "Mine"}, "You already have a view named “Mine” for this table"),
])
def test_a_bad_view_is_named_and_nothing_is_saved(client, users, data, message):
    a_view(users["analyst"], "Mine")
    signed_in(client, users["analyst"])
    before = snapshot()
    response = client.post(NEW, data)
    assert response.status_code == 302
    assert any(message in text for text in said(response)), said(response)
    assert snapshot() == before


def test_the_same_name_is_free_in_another_table_and_for_another_user(client, users):
    a_view(users["analyst"], "Mine")
    signed_in(client, users["analyst"])
    client.post(NEW, {"table": "matrix", "name": "Mine"})
    client.force_login(users["other_analyst"])
    client.post(NEW, {"table": "pacts", "name": "Mine"})
    assert SavedView.objects.filter(name="Mine").count() == 3


@pytest.mark.parametrize("name, message", [
    ("", "Give the view a name."),
    ("Other", "You already have a view named “Other” for this table"),
    ("y" * (NAME_LENGTH + 5), "A name has at most"),
])
def test_a_bad_rename_is_named_and_changes_nothing(client, users, name, message):
    view = a_view(users["analyst"], "Mine")
    a_view(users["analyst"], "Other")
    signed_in(client, users["analyst"])
    before = snapshot()
    response = client.post(rename(view), {"name": name})
    assert any(message in text for text in said(response)), said(response)
    assert snapshot() == before


def test_an_unknown_view_is_not_found(client, users):
    signed_in(client, users["analyst"])
    assert client.post("/saved-views/999999/rename/", {"name": "x"}).status_code == 404
    assert client.post("/saved-views/999999/delete/").status_code == 404


# --- columns -------------------------------------------------------------------------------------

def csv_header(client, url):
    response = client.get(url)
    body = b"".join(response.streaming_content).decode()
    return next(csv.reader(io.StringIO(body)))


@pytest.mark.parametrize("role", ROLES_THAT_SAVE)
def test_a_users_columns_are_shown_in_their_order_and_exported_so(client, curated, users, role):
    signed_in(client, users[role])
    response = client.post(COLUMNS, {"table": "pacts", "query": "sort=signed&page=2",
                                     "show": ["signed", "short_name", "parties"],
                                     "position-signed": "1", "position-short_name": "2", "position-parties": "3",
                                     "position-status": "1"})
    assert response.status_code == 302 and response["Location"] == "/pacts/?sort=signed"
    assert TableConfig.objects.get(user=users[role], table="pacts").columns == ["signed", "short_name", "parties"]
    page = client.get("/pacts/?sort=signed").content.decode()
    assert "<th" in page
    head = page[page.index("<thead>"):page.index("</thead>")]
    assert head.index("Signed") < head.index("Pact") < head.index("Parties")
    assert "Status today" not in head and "Headline commitment" not in head
    header = csv_header(client, "/pacts/?export=csv")
    assert header[:3] == ["Signed", "Pact", "Parties"]
    assert "Status today" not in header and "Headline commitment" not in header
    assert "Slug" in header and "Its excerpt" in header  # what exports add stays, after them
    # Another user, and the other table, keep their own columns.
    client.force_login(users["other_analyst"])
    assert csv_header(client, "/pacts/?export=csv")[:3] == ["Pact", "Slug", "ATOP id"]
    client.force_login(users[role])
    assert csv_header(client, "/compare/?export=csv")[0] == "Pact"


def test_positions_order_the_columns_and_ties_keep_the_tables_order(client, curated, users):
    signed_in(client, users["analyst"])
    client.post(COLUMNS, {"table": "matrix", "show": ["pact", "obligation", "article"],
                          "position-pact": "5", "position-obligation": "1", "position-article": "5"})
    assert TableConfig.objects.get().columns == ["obligation", "pact", "article"]
    header = csv_header(client, "/compare/?export=csv")
    assert header[:3] == ["Obligation", "Pact", "Article"]


def test_a_column_given_a_taken_number_goes_before_the_one_that_had_it(client, users):
    signed_in(client, users["analyst"])
    client.post(COLUMNS, {"table": "pacts", "show": ["short_name", "status", "signed"],
                          "position-short_name": "1", "was-short_name": "1",
                          "position-status": "2", "was-status": "2",
                          "position-signed": "1", "was-signed": "4"})
    assert TableConfig.objects.get().columns == ["signed", "short_name", "status"]


def test_reset_brings_back_the_tables_own_columns(client, curated, users):
    TableConfig.objects.create(user=users["analyst"], table="pacts", columns=["signed"])
    signed_in(client, users["analyst"])
    response = client.post(COLUMNS, {"table": "pacts", "reset": "1"})
    assert "This table shows its own columns again." in said(response)
    assert not TableConfig.objects.exists()
    assert csv_header(client, "/pacts/?export=csv")[:2] == ["Pact", "Slug"]


@pytest.mark.parametrize("data, message", [
    ({"table": "pacts"}, "Choose at least one column to show."),
    ({"table": "pacts", "show": ["short_name"], "position-short_name": "first"},
     "The position of “Pact” must be a whole number, not “first”."),
    ({"table": "pacts", "show": ["short_name", "made_up"]}, "This table has no column “made_up”"),
    ({"table": "nowhere", "show": ["short_name"]}, "There is no table “nowhere” whose columns can be chosen."),
])
def test_a_bad_column_choice_is_named_and_changes_nothing(client, users, data, message):
    TableConfig.objects.create(user=users["analyst"], table="pacts", columns=["signed", "short_name"])
    signed_in(client, users["analyst"])
    before = snapshot()
    response = client.post(COLUMNS, data)
    assert response.status_code == 302
    assert any(message in text for text in said(response)), said(response)
    assert snapshot() == before


def test_an_address_with_columns_wins_and_a_bad_one_is_named(client, curated, users):
    TableConfig.objects.create(user=users["analyst"], table="pacts", columns=["signed", "short_name"])
    signed_in(client, users["analyst"])
    assert csv_header(client, "/pacts/?columns=parties,short_name&export=csv")[:2] == ["Parties", "Pact"]
    page = client.get("/pacts/?columns=parties,bogus").content.decode()
    assert "Columns “parties,bogus” ignored: This table has no column “bogus”" in page
    head = page[page.index("<thead>"):page.index("</thead>")]
    assert head.index("Signed") < head.index("Pact") and "Parties" not in head  # the user's own choice
    # The filter form keeps the address's columns.
    page = client.get("/pacts/?columns=parties,short_name").content.decode()
    assert '<input type="hidden" name="columns" value="parties,short_name">' in page


def test_a_saved_choice_that_names_a_removed_column_keeps_the_rest(client, curated, users):
    TableConfig.objects.create(user=users["analyst"], table="pacts", columns=["retired_column", "signed"])
    signed_in(client, users["analyst"])
    assert csv_header(client, "/pacts/?export=csv")[0] == "Signed"


def test_a_saved_view_remembers_the_columns_shown(client, curated, users):
    TableConfig.objects.create(user=users["analyst"], table="pacts", columns=["signed", "short_name"])
    signed_in(client, users["analyst"])
    page = client.get("/pacts/?sort=signed").content.decode()
    assert '<input type="hidden" name="columns" value="signed,short_name">' in page
    assert '<input type="hidden" name="query" value="sort=signed">' in page


# --- backup and admin -------------------------------------------------------------------------------

@pytest.mark.django_db(transaction=True)
def test_saved_views_and_columns_survive_a_backup_and_restore(tmp_path):
    from alliances.pacts.roles import create_roles
    from django.apps import apps

    create_roles(apps)
    owner = make_staff("keeper", "Editors")
    a_view(owner, "Kept", table="matrix", shared=True, query="commitment_type=defense", columns=["pact", "obligation"])
    TableConfig.objects.create(user=owner, table="pacts", columns=["signed", "short_name"])
    before = snapshot()
    path = tmp_path / "backup.xml"
    call_command("backup_database", str(path))
    call_command("flush", interactive=False, verbosity=0)
    assert not SavedView.objects.exists()
    call_command("restore_database", str(path))
    assert snapshot() == before
    assert SavedView.objects.get().owner.username == "keeper"


def test_the_admin_shows_each_user_their_own_and_the_shared_views(client, users):
    mine = a_view(users["analyst"], "Mine")
    shared = a_view(users["editor"], "Shared one", shared=True)
    hidden = a_view(users["editor"], "Editor's private")
    signed_in(client, users["analyst"])
    listing = client.get("/admin/pacts/savedview/").content.decode()
    assert "Mine" in listing and "Shared one" in listing and "Editor&#x27;s private" not in listing
    assert client.get(f"/admin/pacts/savedview/{hidden.pk}/change/").status_code == 302  # not found: to the index
    # An Analyst reads the admin only: their own views too are changed from the tables' pages.
    before = snapshot()
    assert client.post(f"/admin/pacts/savedview/{mine.pk}/change/", {"name": "Changed", "table": "pacts",
                                                                     "query": "", "columns": "[]"}).status_code == 403
    assert client.post("/admin/pacts/savedview/add/", {"name": "New", "table": "pacts", "query": "",
                                                       "columns": "[]"}).status_code == 403
    assert snapshot() == before
    # An Editor changes their own there, and no one else's.
    mine = a_view(users["editor"], "Mine")
    shared = a_view(users["analyst"], "Shared by the analyst", shared=True)
    client.force_login(users["editor"])
    before = snapshot()
    client.post(f"/admin/pacts/savedview/{shared.pk}/change/", {"name": "Taken", "table": "matrix", "query": "",
                                                                 "columns": "[]"})
    client.post(f"/admin/pacts/savedview/{shared.pk}/delete/", {"post": "yes"})
    assert snapshot() == before
    response = client.post(f"/admin/pacts/savedview/{mine.pk}/change/", {"name": "Mine, renamed", "table": "pacts",
                                                                         "query": "", "columns": "[]"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.name, mine.owner, mine.shared) == ("Mine, renamed", users["editor"], False)
    client.force_login(users["admin"])
    assert "Editor&#x27;s private" in client.get("/admin/pacts/savedview/").content.decode()
