"""SQL queries per page do not grow with the data: the same count with a few generated pacts
and with many, for every dashboard page and fragment. The whole request is counted,
session, user and permission included."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from alliances.demo.generator import generate
from alliances.pacts.models import ClauseVersion, Commitment, Pact, Party

SMALL, LARGE = 10, 400
FRAGMENT = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "dashboard"}
TABLES = ("pact list", "pact list fragment", "matrix", "matrix fragment")


class Rollback(Exception):
    pass


def addresses():
    """A page of each kind, chosen from the data as it stands."""
    pacts = list(Pact.objects.filter(commitments__isnull=False).distinct().order_by("pk")[:3])
    party = Party.objects.order_by("pk").first()
    commitment = Commitment.objects.filter(pact__multilaterality="multilateral").order_by("pk").first()
    obliged, protected = list(commitment.pact.parties.order_by("pk").values_list("state__code", flat=True)[:2])
    version = ClauseVersion.objects.exclude(text="").order_by("pk").first()
    return {
        "pact list": ("/pacts/?sort=-parties&page=2&party=" + party.state.code, {}),
        "pact list fragment": ("/pacts/?sort=status&page=2&multilaterality=multilateral", FRAGMENT),
        "matrix": ("/compare/?sort=-obligation&page=2&commitment_type=defense", {}),
        "matrix fragment": ("/compare/?page=2&party=" + party.state.code, FRAGMENT),
        "pact list, searched": ("/pacts/?sort=-parties&page=2&q=armed+attack", {}),
        "pact list fragment, searched": ('/pacts/?sort=status&q="armed+attack"&multilaterality=multilateral', FRAGMENT),
        "matrix, searched": ("/compare/?sort=-obligation&page=2&q=UN+attack&commitment_type=defense", {}),
        "matrix fragment, searched": ("/compare/?page=2&q=Parties&party=" + party.state.code, FRAGMENT),
        "side by side": ("/compare/?" + "&".join(f"pacts={p.slug}" for p in pacts), {}),
        "pact page": (f"/pacts/{pacts[0].slug}/", {}),
        "state page": (f"/states/{party.state.code}/?on=2000-01-01", {}),
        "lookup": (f"/lookup/?obliged={obliged}&protected={protected}&on=2000-01-01", {}),
        "lookup, who defends": (f"/lookup/?protected={protected}&on=2000-01-01", {}),
        "lookup, whom it defends": (f"/lookup/?obliged={obliged}&on=2000-01-01", {}),
        "state index": ("/states/?on=2000-01-01", {}),
        "state index, searched": (f"/states/?q={party.state.name[:3]}", {}),
        "side by side, searched": ("/compare/?" + "&".join(f"pacts={p.slug}" for p in pacts[:2])
                                   + "&find=" + pacts[2].short_name.split()[0], {}),
        "side by side search fragment": ("/compare/?pacts=" + pacts[0].slug + "&find=" + pacts[2].short_name.split()[0],
                                         {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "found-pacts"}),
        "diff": (f"/diff/?a={version.pk}", {}),
        "diff, two columns, second text searched": (
            f"/diff/?a={version.pk}&view=columns&find=" + version.clause.pact.short_name.split()[0], {}),
        "atop differences": ("/atop/differences/", {}),
        "home": ("/", {}),
        "network": ("/network/?on=2000-01-01&commitment_type=defense", {}),
        "network csv": ("/network/links.csv?on=2000-01-01", {}),
        "state map": (f"/states/{party.state.code}/map/?on=2000-01-01", {}),
        "pact map": (f"/pacts/{pacts[0].slug}/map/?on=2000-01-01", {}),
        "pact timeline": (f"/pacts/{pacts[0].slug}/timeline.svg", {}),
        "state timeline": (f"/states/{party.state.code}/timeline.svg", {}),
        "yearly chart": ("/charts/in-force.svg", {}),
    }


def counts_with(client, pacts):
    """Queries per page with `pacts` generated pacts (rolled back afterwards)."""
    counts = {}
    try:
        with transaction.atomic():
            generate(pacts, seed=7)
            for name, (url, headers) in addresses().items():
                with CaptureQueriesContext(connection) as queries:
                    assert client.get(url, **headers).status_code == 200, url
                counts[name] = len(queries)
            raise Rollback
    except Rollback:
        return counts


@pytest.mark.django_db
def test_queries_per_page_are_the_same_with_few_pacts_and_many(staff_client):
    few = counts_with(staff_client, SMALL)
    many = counts_with(staff_client, LARGE)
    assert few == many
    for name in TABLES:
        # the page's own queries, two statements for the counts beside the filters' options
        # (the keys of the rows they count, up to the count limit, then the counts), and one
        # for the user's column choice and saved views read together
        assert many[name] <= 11, name
        # a search first reads the keys of the rows it matches: one more query per kind of
        # row (the pact list's counts beside the commitment filters need the commitments')
        assert many[f"{name}, searched"] <= 13, name
