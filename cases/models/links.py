"""Lineage links between cases, and the queries that walk them for public pages."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from collab_atlas.translated import columns

from .. import lineage
from ..choices import LinkKind
from .initiative import Initiative
from .lessons import check_provenance, provenance_field
from .publication import published_through


class InitiativeLinkQuerySet(models.QuerySet):
    def public(self):
        """Links between two published cases."""
        return self.filter(published_through("source"), published_through("target"))

    def generation(self, up, down):
        """Public links leaving the cases ``up`` or entering the cases ``down``, both ends
        joined (one query, at most LINKS_PER_LEVEL rows), and whether rows were left unread.
        """
        links = list(
            self.public()
            .filter(Q(source_id__in=up) | Q(target_id__in=down))
            .select_related("source", "target")
            .only(
                "kind",
                "provenance",
                "source__slug",
                "source__countries",
                "target__slug",
                "target__countries",
                *[f"{end}__{name}" for end in ("source", "target") for name in columns("title")],
            )
            .order_by("pk")[: lineage.LINKS_PER_LEVEL + 1]
        )
        return links[: lineage.LINKS_PER_LEVEL], len(links) > lineage.LINKS_PER_LEVEL

    def lineage_for(self, initiative):
        """The public lineage near one case (``cases.lineage.walk``), one query per generation."""
        if initiative is None or not initiative.is_published:
            return lineage.Lineage(case=None)
        return lineage.walk(initiative, self.generation)

    def families(self, case_ids):
        """Groups of linked published cases around ``case_ids`` (``cases.lineage.families``)."""
        return lineage.families(case_ids, self.generation)

    def model_families(self, model, limit=lineage.MAX_FAMILIES):
        """Up to ``limit`` families around a model's best-linked published cases.

        Queries: the model's published cases with a public link, most links first (one
        query), the walk (one per generation), and how many of those cases it did not reach.
        """
        # Read from the links' ends first: few cases have links, a model may have tens of
        # thousands of cases.
        # One IN over both ends: an OR of two made PostgreSQL test every case of the table.
        ends = self.order_by().values("source_id").union(self.order_by().values("target_id"))
        linked = (
            Initiative.objects.published().filter(pk__in=ends).using_model(model).publicly_linked()
        )
        starts = list(
            linked.order_by("-degree", "title", "pk").values_list("pk", flat=True)[:limit]
        )
        if not starts:
            return lineage.ModelFamilies(families=[])
        groups = self.families(starts)[:limit]
        shown = {node.pk for group in groups for node in group.descendants}
        more = linked.exclude(pk__in=shown).count()
        return lineage.ModelFamilies(families=groups, more=more)

    def find_cycle(self, source_id, target_id, *, exclude_pks=()):
        """The loop that linking ``source_id`` to ``target_id`` would close, as ids, or None;
        every link it needs is read at once, leaving out the source's own and ``exclude_pks``.
        """
        if source_id is None or target_id is None or source_id == target_id:
            return lineage.find_cycle(source_id, target_id, ())
        pairs = (
            self.exclude(source_id=source_id)
            .exclude(pk__in=[pk for pk in exclude_pks if pk])
            .values_list("source_id", "target_id")
        )
        return lineage.find_cycle(source_id, target_id, pairs)

    def describe_cycle(self, ids):
        """The loop as readable titles: “A → B → A”."""
        titles = dict(Initiative.objects.filter(pk__in=set(ids)).values_list("pk", "title"))
        return " → ".join(titles.get(pk, "?") for pk in ids)


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
    provenance = provenance_field(
        _("source"),
        _("Where the relation is documented: one of this case's own sources."),
    )
    history = HistoricalRecords()

    objects = InitiativeLinkQuerySet.as_manager()

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
        check_provenance(self, self.source_id)
        loop = InitiativeLink.objects.find_cycle(
            self.source_id, self.target_id, exclude_pks=[self.pk]
        )
        if loop:
            raise ValidationError(
                {
                    "target": _("This link would make a case study its own ancestor: %(chain)s.")
                    % {"chain": InitiativeLink.objects.describe_cycle(loop)}
                }
            )
