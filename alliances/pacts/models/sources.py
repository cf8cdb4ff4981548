"""Where facts come from: source documents, verbatim excerpts of them, and claims."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import SourceKind, Verdict
from ..dates import precision_constraint, precision_field


class Source(models.Model):
    """A document a fact is taken from. Its text, as copied, lives in `seeds/<seed_file>`."""

    key = models.SlugField(_("key"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=500)
    publisher = models.CharField(_("publisher"), max_length=300)
    url = models.URLField(_("URL"), max_length=1000, blank=True)
    language = models.CharField(
        _("language"), max_length=20, help_text=_("A language tag such as en, ru, ko, id.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SourceKind.choices)
    published_on = models.DateField(_("published"), null=True, blank=True)
    published_precision = precision_field(_("publication date precision"))
    accessed_on = models.DateField(_("date read"), null=True, blank=True)
    seed_file = models.CharField(
        _("seed file"),
        max_length=300,
        blank=True,
        help_text=_("Path under seeds/ of the file holding the document's text as copied."),
    )
    notes = models.TextField(_("notes"), blank=True)
    curated = models.BooleanField(
        _("curated"), default=True, help_text=_("False for sources an importer records (ATOP).")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["key"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [precision_constraint("source", "published")]

    def __str__(self):
        return f"{self.publisher}: {self.title}"


class Excerpt(models.Model):
    """A verbatim passage of a source, cited by the facts it supports."""

    key = models.SlugField(_("key"), max_length=120, unique=True)
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="excerpts", verbose_name=_("source")
    )
    text = models.TextField(_("text"))
    location = models.CharField(
        _("location"), max_length=200, blank=True, help_text=_("Article, paragraph or page.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["key"]
        verbose_name = _("excerpt")
        verbose_name_plural = _("excerpts")
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="excerpt_text_not_empty")
        ]

    def __str__(self):
        return self.text if len(self.text) <= 80 else self.text[:77] + "…"


class Claim(models.Model):
    """Something a source asserts, and whether the corpus bears it out."""

    key = models.SlugField(_("key"), max_length=120, unique=True)
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="claims", verbose_name=_("source")
    )
    excerpt = models.ForeignKey(
        Excerpt, on_delete=models.PROTECT, related_name="claims", verbose_name=_("excerpt")
    )
    gloss = models.TextField(_("English gloss"), blank=True)
    summary = models.CharField(_("claim"), max_length=300)
    verdict = models.CharField(
        _("verdict"), max_length=20, choices=Verdict.choices, default=Verdict.UNVERIFIED
    )
    verdict_reasons = models.TextField(_("reasons for the verdict"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["source__key", "order", "key"]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")

    def __str__(self):
        return self.summary

    def leads_with_original(self, language):
        """Whether a reader of `language` reads the claim first in its source's own words:
        the summary and the gloss are the project's English, and a reader of the source's
        language (the seed article's, in Indonesian) is better served by the original."""
        def primary(tag):
            return (tag or "").split("-")[0].lower()

        return primary(language) == primary(self.source.language) != "en"


class ClaimPact(models.Model):
    """A pact a claim speaks about."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="subjects", verbose_name=_("claim"))
    pact = models.ForeignKey(
        "pacts.Pact", on_delete=models.CASCADE, related_name="claim_links", verbose_name=_("pact")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["claim", "pact__slug"]
        verbose_name = _("pact the claim is about")
        verbose_name_plural = _("pacts the claim is about")
        constraints = [
            models.UniqueConstraint(fields=["claim", "pact"], name="claimpact_unique")
        ]

    def __str__(self):
        return str(self.pact)
