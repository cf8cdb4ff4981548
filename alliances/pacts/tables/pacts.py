"""The pact list."""

from django.utils.translation import gettext_lazy as _

from ..choices import Multilaterality
from ..models import Invocation, Pact
from ..sortkeys import count_of
from .base import DashboardTable
from .columns import (
    AddressColumn,
    ArticlesColumn,
    ChoiceColumn,
    Column,
    DateColumn,
    EndedColumn,
    HeadlineColumn,
    InForceColumn,
    PactColumn,
    PartiesColumn,
    StatusColumn,
    StatusOnColumn,
    StrongestEvidenceColumn,
)


def _invocation_count():
    return {"invocation_count": count_of(Invocation)}


class PactTable(DashboardTable):
    """One row per pact. Counted values sort on the values kept on each pact (sortkeys.py);
    pacts without a coded commitment sort after every coded one."""

    short_name = PactColumn(title=True, verbose_name=_("Pact"), order_by=("short_name", "pk"))
    status = StatusColumn(verbose_name=_("Status today"))
    parties = PartiesColumn(verbose_name=_("Parties"))
    signed = DateColumn("signed", verbose_name=_("Signed"))
    in_force = InForceColumn(verbose_name=_("In force"))
    ended = EndedColumn("ended", verbose_name=_("Ended"), default="")
    multilaterality = ChoiceColumn("multilaterality", Multilaterality, verbose_name=_("Kind"))
    commitments = HeadlineColumn(verbose_name=_("Headline commitment"))
    invocations = Column(verbose_name=_("Invocations"), accessor="invocation_count",
                         order_by=("sort_invocations", "pk"), annotations=_invocation_count)

    class Meta(DashboardTable.Meta):
        model = Pact
        fields = ()
        empty_text = _("No pact matches these filters.")


class PactExport(PactTable):
    """The pact list as exports write it: its columns, with each pact's identifiers and
    address, its title, and its strongest commitment's article and evidence."""

    slug = Column(verbose_name=_("Slug"), visible=False, orderable=False)
    atop_id = Column(verbose_name=_("ATOP id"), visible=False, orderable=False)
    address = AddressColumn(visible=False)
    title = Column(verbose_name=_("Official title"), visible=False, orderable=False)
    status_on = StatusOnColumn(visible=False)
    articles = ArticlesColumn(verbose_name=_("Articles coded"), visible=False)
    strongest_article = StrongestEvidenceColumn("article", verbose_name=_("Strongest commitment's article"),
                                                visible=False)
    excerpt = StrongestEvidenceColumn("excerpt", verbose_name=_("Its excerpt"), visible=False)
    excerpt_language = StrongestEvidenceColumn("language", verbose_name=_("Its excerpt's language"), visible=False)
    excerpt_url = StrongestEvidenceColumn("source_url", verbose_name=_("Its excerpt's source URL"), visible=False)
    dates_source_url = Column(verbose_name=_("Source URL for the dates"), accessor="source__url", related=("source",),
                              visible=False, orderable=False)

    class Meta(PactTable.Meta):
        sequence = ("short_name", "slug", "atop_id", "address", "title", "status", "parties", "signed", "in_force",
                    "ended", "status_on", "multilaterality", "commitments", "invocations", "...")


PactTable.export_class = PactExport
