"""Create, list and revoke API tokens from the command line."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from alliances.api.models import ApiToken
from alliances.permissions import may_read_dashboard


class Command(BaseCommand):
    help = _("Create, list or revoke the API tokens of users.")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help=_("Create a token for a user and print it, once."))
        create.add_argument("username")
        create.add_argument("--name", required=True, help=_("What the token is for."))
        listing = actions.add_parser("list", help=_("List tokens (their first characters, never the token)."))
        listing.add_argument("username", nargs="?")
        revoke = actions.add_parser("revoke", help=_("Revoke a token, named by its first characters."))
        revoke.add_argument("begins", help=_("The first characters of the token, as listed."))

    def handle(self, *args, action, **options):
        getattr(self, action)(**options)

    def create(self, username, name, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("No user is named “%(username)s”.") % {"username": username})
        if not name.strip():
            raise CommandError(_("Give the token a name saying what it is for."))
        token, key = ApiToken.objects.create_token(user, name.strip())
        self.stdout.write(key)
        self.stderr.write(_("Token “%(shown)s…” created for %(username)s. It is shown only once: copy it now.")
                          % {"shown": token.shown, "username": username})
        if not may_read_dashboard(user):
            self.stderr.write(_("Warning: %(username)s has no role that lets them read the dashboard, so the API "
                                "will refuse this token until they have one.") % {"username": username})

    def list(self, username=None, **options):
        tokens = ApiToken.objects.select_related("user")
        if username:
            tokens = tokens.filter(user__username=username)
        for token in tokens:
            used = token.last_used_on.isoformat() if token.last_used_on else _("never used")
            self.stdout.write(f"{token.shown}…\t{token.user.username}\t{token.name}\t"
                              f"{token.created:%Y-%m-%d}\t{used}")

    def revoke(self, begins, **options):
        begins = begins.rstrip("…").strip()
        matching = list(ApiToken.objects.filter(shown__startswith=begins)) if begins else []
        if not matching:
            raise CommandError(_("No token begins with “%(begins)s”.") % {"begins": begins[:40]})
        if len(matching) > 1:
            raise CommandError(_("%(count)d tokens begin with “%(begins)s”: give more of it.")
                               % {"count": len(matching), "begins": begins[:40]})
        token = matching[0]
        token.delete()
        self.stdout.write(_("Revoked “%(shown)s…” of %(username)s.")
                          % {"shown": token.shown, "username": token.user.username})
