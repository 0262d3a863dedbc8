"""The catalogue's evidence: case studies, the organisations behind them, what they learnt."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from collab_atlas.links import link
from models_of_collab.models import CollaborationModel, Motivation

from .choices import (
    ActorKind,
    CollaborationForm,
    FundingSource,
    InitiatorKind,
    LessonKind,
    LinkKind,
    Role,
    Scope,
    State,
    Status,
)
from .querysets import (
    ActorQuerySet,
    InitiativeQuerySet,
    InvolvementQuerySet,
    LessonQuerySet,
    ThemeQuerySet,
)

MIN_YEAR = 1990
MAX_YEAR = 2100


class Theme(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return link("cases:list", theme=self.slug)


class Actor(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    aliases = models.TextField(
        _("aliases"),
        blank=True,
        help_text=_(
            "Other names the organisation goes by, one per line (translations, former "
            "names, abbreviations). Searching for any of them finds this organisation."
        ),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ActorKind)
    country = CountryField(
        _("country"), blank=True, help_text=_("Where it is based; empty for international.")
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [
            # The actor list filters by kind and by country.
            models.Index(fields=["kind"], name="actor_kind_idx"),
            models.Index(fields=["country"], name="actor_country_idx"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cases:actor", kwargs={"slug": self.slug})

    @property
    def alias_list(self):
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]


class Initiative(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_("Part of the case's permanent address; do not change once published."),
    )
    summary = models.CharField(
        _("summary"), max_length=500, help_text=_("One or two sentences shown in lists.")
    )
    aim = models.TextField(
        _("aim"), blank=True, help_text=_("The guide's first question: what is the aim?")
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("The case told in full, in Markdown.")
    )
    collaboration = models.CharField(
        _("collaboration form"),
        max_length=10,
        choices=CollaborationForm,
        help_text=_(
            "Direct: open cooperation between government and civil society. Indirect: civic "
            "groups cooperating with each other to increase their impact on authorities."
        ),
    )
    initiator_kind = models.CharField(
        _("initiated by"),
        max_length=12,
        choices=InitiatorKind,
        help_text=_("Who started the collaboration. Name the organisation as an involvement."),
    )
    initiation = models.TextField(
        _("how it was initiated"),
        blank=True,
        help_text=_("The guide's question 'who initiated collaboration?', answered in prose."),
    )
    collaboration_models = models.ManyToManyField(
        CollaborationModel,
        related_name="initiatives",
        verbose_name=_("models of collaboration"),
        help_text=_("The guide's models this case follows (fellowship, hackathon, lab…)."),
    )
    motivations = models.ManyToManyField(
        Motivation,
        related_name="initiatives",
        blank=True,
        verbose_name=_("motivations"),
        help_text=_("Why the partners chose to collaborate."),
    )
    funding = models.TextField(
        _("funding"), blank=True, help_text=_("The guide's question 'how are they funded?'.")
    )
    funding_sources = models.JSONField(
        _("kinds of funding"),
        default=list,
        blank=True,
        help_text=_("The kinds of money behind the case, for filtering and statistics."),
    )
    countries = CountryField(
        _("countries"), multiple=True, blank=True, help_text=_("Where the case takes place.")
    )
    scope = models.CharField(_("scope"), max_length=15, choices=Scope, blank=True)
    themes = models.ManyToManyField(
        Theme, related_name="initiatives", blank=True, verbose_name=_("themes")
    )
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(
        _("end year"), null=True, blank=True, help_text=_("Empty while the case is running.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.UNKNOWN)
    website = models.URLField(_("website"), blank=True)
    actors = models.ManyToManyField(
        Actor, through="Involvement", related_name="initiatives", verbose_name=_("actors")
    )
    state = models.CharField(
        _("publication state"),
        max_length=12,
        choices=State,
        default=State.DRAFT,
        help_text=_("Only published cases appear on the public site."),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("published by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Maintained by the database itself on PostgreSQL (triggers, see cases.search);
    # whatever a save writes here is replaced before it is stored.
    search_vector = SearchVectorField(null=True, blank=True, editable=False)
    search_text = models.TextField(blank=True, default="", editable=False)
    history = HistoricalRecords(m2m_fields=[collaboration_models, motivations, themes])

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")
        permissions = [("publish_initiative", _("Can publish and unpublish case studies"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__isnull=True)
                | models.Q(start_year__isnull=True)
                | models.Q(end_year__gte=models.F("start_year")),
                name="initiative_end_not_before_start",
                violation_error_message=_("The end year cannot be before the start year."),
            ),
            models.CheckConstraint(
                condition=models.Q(start_year__isnull=True)
                | models.Q(start_year__gte=MIN_YEAR, start_year__lte=MAX_YEAR),
                name="initiative_start_year_plausible",
                violation_error_message=_("The start year must be between 1990 and 2100."),
            ),
            models.CheckConstraint(
                condition=models.Q(end_year__isnull=True)
                | models.Q(end_year__gte=MIN_YEAR, end_year__lte=MAX_YEAR),
                name="initiative_end_year_plausible",
                violation_error_message=_("The end year must be between 1990 and 2100."),
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=State.values),
                name="initiative_state_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(collaboration__in=CollaborationForm.values),
                name="initiative_collaboration_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(initiator_kind__in=InitiatorKind.values),
                name="initiative_initiator_kind_valid",
            ),
        ]
        indexes = [
            # Every public page starts from published cases, newest first.
            models.Index(fields=["state", "-published_at"], name="initiative_public_idx"),
            # initiative_newest_idx, for the list's default order, is made by migration
            # cases/0004 on PostgreSQL: SQLite cannot index NULLS LAST.
            # List facets filter on these columns.
            models.Index(fields=["collaboration"], name="initiative_collab_idx"),
            models.Index(fields=["initiator_kind"], name="initiative_initiator_idx"),
            models.Index(fields=["start_year"], name="initiative_start_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.state == State.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("cases:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        unknown = set(self.funding_sources or []) - set(FundingSource.values)
        if not isinstance(self.funding_sources, list) or unknown:
            raise ValidationError({"funding_sources": _("Choose kinds of funding from the list.")})

    @property
    def is_published(self):
        return self.state == State.PUBLISHED

    @property
    def year_span(self):
        """ "2018", "2018–2020" or "since 2018"; empty when the start is unknown."""
        if not self.start_year:
            return ""
        if self.end_year == self.start_year:
            return str(self.start_year)
        if self.end_year:
            return f"{self.start_year}–{self.end_year}"
        return _("since %(year)s") % {"year": self.start_year}

    def get_funding_sources_display(self):
        labels = dict(FundingSource.choices)
        return [labels.get(value, value) for value in self.funding_sources or []]


class Involvement(models.Model):
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="involvements",
        verbose_name=_("case study"),
    )
    actor = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="involvements", verbose_name=_("actor")
    )
    role = models.CharField(
        _("role"),
        max_length=12,
        choices=Role,
        help_text=_("Each case has exactly one initiator; add other roles as partners etc."),
    )
    note = models.CharField(
        _("note"), max_length=300, blank=True, help_text=_("What this organisation did.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    objects = InvolvementQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("involvement")
        verbose_name_plural = _("organisations involved")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "actor", "role"],
                name="involvement_unique_role",
                violation_error_message=_("This organisation already has this role here."),
            ),
            models.UniqueConstraint(
                fields=["initiative"],
                condition=models.Q(role=Role.INITIATOR),
                name="involvement_one_initiator",
                violation_error_message=_("A case study has only one initiator."),
            ),
        ]
        indexes = [models.Index(fields=["actor", "role"], name="involvement_actor_role_idx")]

    def __str__(self):
        return f"{self.actor} ({self.get_role_display()}) in {self.initiative}"


class Lesson(models.Model):
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="lessons", verbose_name=_("case study")
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


class Source(models.Model):
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="sources", verbose_name=_("case study")
    )
    title = models.CharField(_("title"), max_length=300)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    url = models.URLField(_("address"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.title


class InitiativeLink(models.Model):
    """A case's lineage: it was replicated from, adapted from or is part of another."""

    source = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="links_out",
        verbose_name=_("case study"),
    )
    kind = models.CharField(_("relation"), max_length=20, choices=LinkKind)
    target = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="links_in",
        verbose_name=_("related case study"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lineage link")
        verbose_name_plural = _("lineage")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")),
                name="link_not_to_itself",
                violation_error_message=_("A case study cannot derive from itself."),
            ),
            models.UniqueConstraint(
                fields=["source", "target"],
                name="link_unique_pair",
                violation_error_message=_("These two case studies are already linked."),
            ),
        ]

    def __str__(self):
        return f"{self.source} {self.get_kind_display().lower()} {self.target}"

    def clean(self):
        super().clean()
        from .lineage import describe_cycle, find_cycle

        loop = find_cycle(self.source_id, self.target_id, exclude_pks=[self.pk])
        if loop:
            raise ValidationError(
                {
                    "target": _("This link would make a case study its own ancestor: %(chain)s.")
                    % {"chain": describe_cycle(loop)}
                }
            )
