"""Case studies: the catalogue's evidence, and the questions every public page asks of it."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, F, FloatField, Prefetch, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from collab_atlas.links import slug_path
from collab_atlas.translated import TranslatedFields, translation_columns
from models_of_collab.models import CollaborationModel, Motivation

from .. import search
from ..choices import (
    CollaborationForm,
    FundingSource,
    InitiatorKind,
    Scope,
    State,
    Status,
)
from .actors import Actor, Involvement
from .checked_links import CHECK_FIELDS, CheckedLink
from .lessons import Lesson, check_provenance, provenance_field
from .publication import published_through
from .themes import Theme

PROVENANCE_FIELDS = (
    "initiator_provenance",
    "funding_provenance",
    "years_provenance",
    "status_provenance",
)

MIN_YEAR = 1990
MAX_YEAR = 2100


# Bounds on the cases "related" ranks: the newest of each model and of all, and the
# cases of the organisations involved.
RELATED_PER_MODEL = 60
RELATED_PER_ORGANISATIONS = 400
RELATED_NEWEST = 40


def _shared(model_ids, actor_ids):
    """How many of ``model_ids`` and ``actor_ids`` a case shares. An empty list gets no
    term: a filter on an empty IN would make the whole sum zero."""
    terms = []
    if model_ids:
        models_shared = Q(collaboration_models__in=model_ids)
        terms.append(Count("collaboration_models", filter=models_shared, distinct=True))
    if actor_ids:
        terms.append(Count("actors", filter=Q(actors__in=actor_ids), distinct=True))
    if not terms:
        return Value(0, output_field=models.IntegerField())
    return sum(terms[1:], terms[0])


class InitiativeQuerySet(models.QuerySet):
    def published(self):
        """Cases the public may see. Every public page and export starts here."""
        return self.filter(published_through())

    def newest_first(self):
        return self.order_by(F("published_at").desc(nulls_last=True), "title", "pk")

    def using_model(self, model):
        return self.filter(collaboration_models=model)

    def with_motivation(self, motivation):
        return self.filter(motivations=motivation)

    def for_list(self):
        """The joins a list of case cards needs, in a fixed number of queries."""
        return self.prefetch_related("collaboration_models", "motivations", "themes")

    def for_summary(self):
        """A card's joins, the organisations involved and the sources their roles cite:
        an API list item, a download row."""
        return self.for_list().prefetch_related(
            Prefetch("involvements", queryset=Involvement.objects.select_related("actor")),
            "sources",
        )

    def for_detail(self):
        """Everything a case page shows about the case itself."""
        return self.for_summary().prefetch_related(
            Prefetch("lessons", queryset=Lesson.objects.select_related("collaboration_model")),
        )

    def with_public_lineage(self):
        """Links to and from other published cases, nearest kinds first, as ``links_out`` and
        ``links_in`` (the link model is reached through the relation: it imports this one)."""
        links = self.model._meta.get_field("links_out").related_model.objects
        return self.prefetch_related(
            Prefetch(
                "links_out",
                queryset=links.filter(published_through("target"))
                .select_related("target")
                .order_by("kind", "target__title"),
            ),
            Prefetch(
                "links_in",
                queryset=links.filter(published_through("source"))
                .select_related("source")
                .order_by("kind", "source__title"),
            ),
        )

    def related_to(self, case, limit=6, exclude=(), only_sharing=True):
        """Published cases sharing a model or an organisation with ``case``, most shared
        first (annotated ``shared``), then the newest; ``exclude`` names slugs to leave
        out. With ``only_sharing=False`` the newest cases that share nothing follow.

        Ranked among a bounded set of candidates: the cases of its organisations (an
        organisation has few), the newest RELATED_PER_MODEL of each of its models (a
        model may have tens of thousands) and the newest of all, so the cost does not
        grow with the catalogue. Reads the models and involvements that ``for_detail()``
        prefetched on ``case``.
        """
        model_ids = [model.pk for model in case.collaboration_models.all()]
        actor_ids = sorted({involvement.actor_id for involvement in case.involvements.all()})
        candidates = case.__dict__.get("_related_candidates")
        if candidates is None:
            # Kept on the case: its page asks twice ("related" and "compare with").
            candidates = case.__dict__["_related_candidates"] = self._related_candidates(
                model_ids, actor_ids
            )
        ranked = (
            self.published()
            .filter(pk__in=candidates - {case.pk})
            .exclude(slug__in=exclude)
            .annotate(shared=_shared(model_ids, actor_ids))
        )
        if only_sharing:
            ranked = ranked.filter(shared__gt=0)
        return ranked.order_by("-shared", F("published_at").desc(nulls_last=True), "title", "pk")[
            :limit
        ]

    def _related_candidates(self, model_ids, actor_ids):
        candidates = set(
            Involvement.objects.filter(actor_id__in=actor_ids).values_list(
                "initiative_id", flat=True
            )[:RELATED_PER_ORGANISATIONS]
        )
        for model_id in model_ids:
            newest = self.published().filter(collaboration_models=model_id).newest_first()
            candidates.update(newest.values_list("pk", flat=True)[:RELATED_PER_MODEL])
        # The newest of all, for lists that go on past the cases sharing something.
        newest = self.published().newest_first().values_list("pk", flat=True)
        candidates.update(newest[:RELATED_NEWEST])
        return candidates

    def publicly_linked(self):
        """Cases linked to or from another published case, with how many links (``degree``)."""
        return self.annotate(
            degree=Count("links_out", filter=published_through("links_out__target"), distinct=True)
            + Count("links_in", filter=published_through("links_in__source"), distinct=True)
        ).filter(degree__gt=0)

    def search(self, text):
        """Cases matching every word of ``text`` (as a prefix, or inside words, on
        PostgreSQL), annotated with a ``rank``: higher is better."""
        text = (text or "").strip()
        if not text:
            return self
        if search.uses_vectors(self.db):
            condition = search.match(text)
            if condition is None:
                return self.none().annotate(rank=Value(0.0, output_field=FloatField()))
            return self.filter(condition).annotate(rank=search.rank(text))
        return self._search_without_vectors(search.fold(text), search.words(search.fold(text)))

    def _search_without_vectors(self, text, words):
        if not words:
            return self.none().annotate(rank=Value(0.0, output_field=FloatField()))
        # "unaccent" is a Python function on SQLite (cases.search), so accents never matter.
        # Every language version of the texts, as on PostgreSQL.
        texts = ["title", "summary", "aim", "description", "lessons__text"]
        texts += translation_columns(self.model, ["title", "summary", "aim", "description"])
        texts += [f"lessons__{name}" for name in translation_columns(Lesson)]
        texts += ["actors__name", "actors__aliases"]
        matches = Q()
        for word in words:
            any_text = Q()
            for name in texts:
                any_text |= Q(**{f"{name}__unaccent__icontains": word})
            matches &= any_text
        ids = self.model.objects.filter(matches).values("pk")
        rank = Case(
            When(title__unaccent__icontains=text, then=Value(3.0)),
            When(summary__unaccent__icontains=text, then=Value(2.0)),
            default=Value(1.0),
            output_field=FloatField(),
        )
        return self.filter(pk__in=ids).annotate(rank=rank)


class Initiative(CheckedLink):
    link_field = "website"

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
        blank=True,
        verbose_name=_("models of collaboration"),
        help_text=_(
            "The guide's models this case follows (fellowship, hackathon, lab…). Leave empty "
            "when the sources assign it to none: a tag is a claim like any other."
        ),
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
    # The texts a reader reads, in every configured language (collab_atlas.translated).
    translations = TranslatedFields(
        "title", "summary", "aim", "initiation", "funding", "description"
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
    # Where the facts that differ from source to source come from (cases.provenance).
    # The other fields describe the case in the catalogue's own terms, from its sources
    # as a whole; these are the ones a reader may want to check.
    initiator_provenance = provenance_field(_("source of who initiated it"))
    funding_provenance = provenance_field(_("source of the funding"))
    years_provenance = provenance_field(_("source of the years"))
    status_provenance = provenance_field(_("source of the status"))
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
    reviewed_at = models.DateTimeField(
        _("last reviewed"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When a reviewer last published the case or a change to it."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Maintained by the database itself on PostgreSQL (triggers, see cases.search);
    # whatever a save writes here is replaced before it is stored.
    search_vector = SearchVectorField(null=True, blank=True, editable=False)
    search_text = models.TextField(blank=True, default="", editable=False)
    history = HistoricalRecords(
        m2m_fields=[collaboration_models, motivations, themes], excluded_fields=CHECK_FIELDS
    )

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
            # The lessons list, grouped by case title, walks published cases in title
            # order instead of sorting every lesson.
            models.Index(
                fields=["title", "id"],
                condition=published_through(),
                name="initiative_title_public_idx",
            ),
            # The chart of cases by start year reads published cases' years (and keys)
            # from the index alone.
            models.Index(
                fields=["start_year", "id"],
                condition=published_through(),
                name="initiative_year_public_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.state == State.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_path("cases:detail", self.slug)

    def clean(self):
        super().clean()
        unknown = set(self.funding_sources or []) - set(FundingSource.values)
        if not isinstance(self.funding_sources, list) or unknown:
            raise ValidationError({"funding_sources": _("Choose kinds of funding from the list.")})
        for name in PROVENANCE_FIELDS:
            check_provenance(self, self.pk, name)

    def source_numbers(self):
        """{source id: its note number on the page (1, 2…)}, from the prefetched sources."""
        return {source.pk: number for number, source in enumerate(self.sources.all(), 1)}

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
