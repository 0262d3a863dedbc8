"""The guide's framework: collaboration models, their recommendations, motivations."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from collab_atlas.links import slug_path
from collab_atlas.translated import TranslatedFields


class CollaborationModel(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=60,
        unique=True,
        help_text=_("Stable identifier used in URLs and filters, e.g. 'hackathon'."),
    )
    summary = models.CharField(
        _("summary"),
        max_length=400,
        help_text=_("One or two sentences saying what this model of collaboration is."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("The model explained in Markdown: who takes part, how it usually runs."),
    )
    translations = TranslatedFields("name", "summary", "description")
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Position in lists; the guide's order.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("collaboration model")
        verbose_name_plural = _("collaboration models")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_path("models_of_collab:detail", self.slug)


class Recommendation(models.Model):
    collaboration_model = models.ForeignKey(
        CollaborationModel,
        on_delete=models.CASCADE,
        related_name="recommendations",
        verbose_name=_("collaboration model"),
    )
    text = models.TextField(
        _("text"), help_text=_("One piece of the guide's advice for this model, in Markdown.")
    )
    translations = TranslatedFields("text")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["collaboration_model", "order", "pk"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self):
        return f"{self.collaboration_model}: {self.text[:60]}"


class Motivation(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=60,
        unique=True,
        help_text=_("Stable identifier used in URLs and filters, e.g. 'finances'."),
    )
    summary = models.CharField(
        _("summary"), max_length=400, help_text=_("Why partners join forces for this reason.")
    )
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    translations = TranslatedFields("name", "summary", "description")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("motivation")
        verbose_name_plural = _("motivations")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_path("models_of_collab:motivation", self.slug)
