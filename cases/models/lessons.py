"""What a case learnt and where its facts come from: lessons and sources."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from collab_atlas.translated import TranslatedFields, translation_columns, translations_of
from models_of_collab.models import CollaborationModel

from ..choices import LessonKind
from .checked_links import CHECK_FIELDS, CheckedLink
from .publication import published_through


def provenance_field(verbose_name, help_text=""):
    """Where a fact of a case comes from: one of that case's own sources.

    Nullable, because a draft is written before its sources are chosen; a case in review
    or published must name one for every fact it states (``Initiative.clean``, the
    admin's formsets). SET_NULL rather than PROTECT: an import replaces a case's sources
    wholesale, and an emptied provenance is caught by the same rule on the next check.
    """
    return models.ForeignKey(
        "cases.Source",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
        help_text=help_text
        or _("The guide (with its section) or another source in this case's list of sources."),
    )


def check_provenance(row, case_id, field="provenance"):
    """A row's provenance must be a source of its own case."""
    source = getattr(row, field)
    if source is not None and case_id is not None and source.initiative_id != case_id:
        raise ValidationError(
            {field: _("Choose one of this case study's own sources.")}, code="foreign_source"
        )


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
        """Lessons whose text or case title, in any language, holds every word of
        ``text`` (any case)."""
        columns = ["text", *translation_columns(self.model)]
        columns += [f"initiative__{name}" for name in ["title", *translations_of("title")]]
        for word in text.split()[:10]:
            found = Q()
            for column in columns:
                found |= Q(**{f"{column}__icontains": word})
            self = self.filter(found)
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
    translations = TranslatedFields("text")
    collaboration_model = models.ForeignKey(
        CollaborationModel,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lessons",
        verbose_name=_("model of collaboration"),
        help_text=_("The model this lesson is about, when it is about one."),
    )
    provenance = provenance_field(_("source"))
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

    def clean(self):
        super().clean()
        check_provenance(self, self.initiative_id)


class Source(CheckedLink):
    link_field = "url"

    initiative = models.ForeignKey(
        "cases.Initiative",
        on_delete=models.CASCADE,
        related_name="sources",
        verbose_name=_("case study"),
    )
    title = models.CharField(_("title"), max_length=300)
    translations = TranslatedFields("title")
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    url = models.URLField(_("address"), max_length=500, blank=True)
    is_guide = models.BooleanField(
        _("the guide itself"),
        default=False,
        help_text=_(
            "Tick when this source is the guide the catalogue is built on; say where in it "
            "under “section or page”."
        ),
    )
    locator = models.CharField(
        _("section or page"),
        max_length=200,
        blank=True,
        help_text=_("Where in the source the facts are: a section, a page, a paragraph."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords(excluded_fields=CHECK_FIELDS)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return f"{self.title}, {self.locator}" if self.locator else self.title

    def clean(self):
        super().clean()
        if self.is_guide and not self.locator:
            raise ValidationError(
                {"locator": _("Say which section or page of the guide the facts come from.")},
                code="guide_without_locator",
            )
        if not self.is_guide and not (self.url or self.publisher):
            raise ValidationError(
                {"url": _("Give the address of this source, or at least who published it.")},
                code="source_not_findable",
            )
