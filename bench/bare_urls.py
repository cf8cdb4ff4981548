"""The dashboard's addresses plus one bare view, for bench/pages.py.

The bare view returns bytes it is given, through the same middleware as every page
(session, sign-in, permission check, security headers), so that the difference between a
page and the bare view serving that page's bytes is what the page itself costs.
"""

from django.http import HttpResponse
from django.urls import path

from alliances.urls import urlpatterns as dashboard

try:  # the conventional pact list and matrix (bench/pages.py --peer), where this code has them
    from conventional import urlpatterns as conventional
except ImportError:
    conventional = []

BODIES = {}


def bare(request):
    body, content_type = BODIES[request.GET["k"]]
    return HttpResponse(body, content_type=content_type)


urlpatterns = [path("bench-bare/", bare, name="bench-bare"), *conventional, *dashboard]
