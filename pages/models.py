"""The pages that make the catalogue accountable: about and methodology, privacy,
accessibility, contact. Editors write them in Markdown under the cases' review rules."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.choices import State
from collab_atlas.translated import TranslatedFields

# Pages with an address of their own (``pages:<slug>``), linked from every footer.
NAMED = ["about", "privacy", "accessibility", "contact"]


class PageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=State.PUBLISHED)


class Page(models.Model):
    slug = models.SlugField(
        _("slug"),
        max_length=60,
        unique=True,
        help_text=_(
            "Part of the page's address. 'about', 'privacy', 'accessibility' and 'contact' "
            "have their own addresses and footer links; do not change them."
        ),
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One sentence for search engines and link previews."),
    )
    body = models.TextField(_("text"), help_text=_("Markdown."))
    translations = TranslatedFields("title", "summary", "body")
    state = models.CharField(
        _("publication state"),
        max_length=12,
        choices=State,
        default=State.DRAFT,
        help_text=_("Only published pages appear on the public site."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        permissions = [("publish_page", _("Can publish and unpublish pages"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=State.values), name="page_state_valid"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        if self.slug in NAMED:
            return reverse(f"pages:{self.slug}")
        return reverse("pages:detail", kwargs={"slug": self.slug})
