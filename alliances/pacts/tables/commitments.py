"""The comparison matrix."""

from django.utils.translation import gettext_lazy as _

from ..choices import CommitmentRole
from ..dimensions import DIMENSIONS
from ..models import Commitment
from .base import DashboardTable
from .columns import (
    AddressColumn,
    ArticleColumn,
    Column,
    CommitmentEvidenceColumn,
    EveryPartyColumn,
    PactColumn,
    SidesColumn,
)


class CommitmentTable(DashboardTable):
    """One row per commitment: who is bound to whom, then a column per coded dimension."""

    pact = PactColumn("pact", verbose_name=_("Pact"), order_by=("pact__signed_on", "pact__slug", "clause__order", "pk"))
    article = ArticleColumn(verbose_name=_("Article"), order_by=("pact__slug", "clause__order", "pk"))
    obliged = SidesColumn(CommitmentRole.OBLIGED, verbose_name=_("From"))
    protected = SidesColumn(CommitmentRole.PROTECTED, verbose_name=_("To"))
    coded_dimensions = DIMENSIONS

    class Meta(DashboardTable.Meta):
        model = Commitment
        fields = ()
        empty_text = _("No commitment matches these filters.")


class CommitmentExport(CommitmentTable):
    """The matrix as exports write it: its columns, with each commitment's pact's
    identifiers and address, and the excerpt that stands for the commitment with its source."""

    slug = Column(verbose_name=_("Pact's slug"), accessor="pact__slug", visible=False, orderable=False)
    atop_id = Column(verbose_name=_("ATOP id"), accessor="pact__atop_id", visible=False, orderable=False)
    address = AddressColumn("pact", visible=False)
    obliged_names = EveryPartyColumn(CommitmentRole.OBLIGED, verbose_name=_("From: every party by name"), visible=False)
    protected_names = EveryPartyColumn(CommitmentRole.PROTECTED, verbose_name=_("To: every party by name"),
                                       visible=False)
    excerpt = CommitmentEvidenceColumn("excerpt", verbose_name=_("Excerpt"), visible=False)
    excerpt_language = CommitmentEvidenceColumn("language", verbose_name=_("Excerpt's language"), visible=False)
    source = CommitmentEvidenceColumn("source", verbose_name=_("Source"), visible=False)
    source_url = CommitmentEvidenceColumn("source_url", verbose_name=_("Source URL"), visible=False)

    class Meta(CommitmentTable.Meta):
        sequence = ("pact", "slug", "atop_id", "address", "article", "obliged", "obliged_names", "protected",
                    "protected_names", "...", "excerpt", "excerpt_language", "source", "source_url")


CommitmentTable.export_class = CommitmentExport
