"""What a case learnt and where its facts come from: lessons and sources."""

from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from models_of_collab.models import CollaborationModel

from ..choices import LessonKind
from .checked_links import CHECK_FIELDS, CheckedLink
from .publication import published_through


class LessonQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_through("initiative"))

    def for_list(self):
        return self.select_related("initiative", "collaboration_model")

    def by_case(self):
        """Grouped by case title, each case's lessons in its own order."""
        return self.order_by("initiative__title", "order", "pk")

    def from_newest_cases_of(self, model, cases):
        """Lessons about ``model`` from its ``cases`` newest published cases, newest first:
        the cases are read off the list's order, so the cost does not grow with the
        catalogue (all lessons about a model may be tens of thousands)."""
        about = Q(collaboration_model=model) | Q(collaboration_model__isnull=True)
        newest = (
            self.model._meta.get_field("initiative")
            .related_model.objects.published()
            .using_model(model)
            .filter(Exists(self.model.objects.filter(about, initiative=OuterRef("pk"))))
            .newest_first()
            .values("pk")[:cases]
        )
        return self.filter(about, initiative__in=newest).order_by(
            F("initiative__published_at").desc(nulls_last=True),
            "initiative__title",
            "initiative_id",
            "order",
            "pk",
        )

    def search(self, text):
        """Lessons whose text or case title holds every word of ``text`` (any case)."""
        for word in text.split()[:10]:
            self = self.filter(Q(text__icontains=word) | Q(initiative__title__icontains=word))
        return self

    def about_models(self, slugs):
        """Lessons tagged with one of the models, or untagged lessons of cases using one."""
        using = self.model.objects.filter(initiative__collaboration_models__slug__in=slugs).values(
            "initiative_id"
        )
        return self.filter(
            Q(collaboration_model__slug__in=slugs)
            | Q(collaboration_model__isnull=True, initiative_id__in=using)
        )


class Lesson(models.Model):
    initiative = models.ForeignKey(
        "cases.Initiative",
        on_delete=models.CASCADE,
        related_name="lessons",
        verbose_name=_("case study"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=LessonKind, default=LessonKind.LESSON)
    text = models.TextField(_("text"), help_text=_("Markdown."))
    collaboration_model = models.ForeignKey(
        CollaborationModel,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lessons",
        verbose_name=_("model of collaboration"),
        help_text=_("The model this lesson is about, when it is about one."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    objects = LessonQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons learnt and challenges")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"

    def get_absolute_url(self):
        return self.initiative.get_absolute_url() + f"#lesson-{self.pk}"


class Source(CheckedLink):
    link_field = "url"

    initiative = models.ForeignKey(
        "cases.Initiative",
        on_delete=models.CASCADE,
        related_name="sources",
        verbose_name=_("case study"),
    )
    title = models.CharField(_("title"), max_length=300)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    url = models.URLField(_("address"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords(excluded_fields=CHECK_FIELDS)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.title
