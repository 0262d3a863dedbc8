"""Organisations and their involvement in cases: who initiated, who partnered."""

from django.db import models
from django.db.models import Count, F
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from collab_atlas.links import slug_path

from ..choices import ActorKind, Role
from .checked_links import CHECK_FIELDS, CheckedLink
from .lessons import check_provenance, provenance_field
from .publication import published_through


class ActorQuerySet(models.QuerySet):
    def with_published_cases(self):
        """Organisations involved in at least one published case, each once."""
        return self.filter(pk__in=Involvement.objects.published().values("actor_id"))

    def for_directory(self):
        """Organisations with at least one published case, with how many (``case_count``)."""
        return (
            self.annotate(
                case_count=Count(
                    "involvements__initiative",
                    filter=published_through("involvements__initiative"),
                    distinct=True,
                )
            )
            .filter(case_count__gt=0)
            .order_by("name")
        )

    def directory_countries(self, selected=()):
        """(code, name, chosen) for each country of an organisation with a published case."""
        codes = set(
            self.filter(published_through("involvements__initiative"))
            .exclude(country="")
            .order_by()
            .values_list("country", flat=True)
            .distinct()
        )
        codes |= {code for code in selected if code in countries}
        rows = [(code, countries.name(code), code in selected) for code in codes]
        return sorted(rows, key=lambda row: row[1])


class Actor(CheckedLink):
    link_field = "website"

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
    history = HistoricalRecords(excluded_fields=CHECK_FIELDS)

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
        return slug_path("cases:actor", self.slug)

    @property
    def alias_list(self):
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]


class InvolvementQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_through("initiative"))

    def for_actor_page(self):
        return self.select_related("initiative").order_by(
            F("initiative__published_at").desc(nulls_last=True), "initiative__title", "order"
        )


class Involvement(models.Model):
    initiative = models.ForeignKey(
        "cases.Initiative",
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
    provenance = provenance_field(_("source"))
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

    def clean(self):
        super().clean()
        check_provenance(self, self.initiative_id)
