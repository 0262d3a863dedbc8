"""Themes: the subjects a case is about, offered on the lists as a filter."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from collab_atlas.links import link
from collab_atlas.translated import TranslatedFields

from .publication import published_through


class ThemeQuerySet(models.QuerySet):
    def in_use(self):
        """Themes of at least one published case."""
        return self.filter(published_through("initiatives")).distinct().order_by("name")


class Theme(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    translations = TranslatedFields("name")

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return link("cases:list", theme=self.slug)
