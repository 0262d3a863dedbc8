"""Query logic for the cases app: every public page starts from these methods."""

from django.db import models
from django.db.models import Case, Count, F, FloatField, IntegerField, Prefetch, Q, Value, When

from .choices import State

# Bounds on the cases "related" ranks: the newest of each model, all of a few organisations'.
RELATED_PER_MODEL = 60
RELATED_PER_ORGANISATIONS = 400
RELATED_NEWEST = 40


def _shared(model_ids, actor_ids):
    """How many of ``model_ids`` and ``actor_ids`` a case shares. An empty list gets no
    term: a filter on an empty IN would make the whole sum zero."""
    terms = []
    if model_ids:
        terms.append(
            Count(
                "collaboration_models", filter=Q(collaboration_models__in=model_ids), distinct=True
            )
        )
    if actor_ids:
        terms.append(Count("actors", filter=Q(actors__in=actor_ids), distinct=True))
    if not terms:
        return Value(0, output_field=IntegerField())
    return sum(terms[1:], terms[0])


class InitiativeQuerySet(models.QuerySet):
    def published(self):
        """Cases the public may see. Every public page and export starts here."""
        return self.filter(state=State.PUBLISHED)

    def for_list(self):
        """The joins a list of case cards needs, in a fixed number of queries."""
        return self.prefetch_related("collaboration_models", "motivations", "themes")

    def newest_first(self):
        return self.order_by(F("published_at").desc(nulls_last=True), "title", "pk")

    def using_model(self, model):
        return self.filter(collaboration_models=model)

    def with_motivation(self, motivation):
        return self.filter(motivations=motivation)

    def related_to(self, case, limit=6, exclude=(), only_sharing=True):
        """Published cases sharing a model or an organisation with ``case``, most shared
        first, then the newest; ``exclude`` names slugs to leave out. With
        ``only_sharing=False`` the newest cases that share nothing follow.

        Ranked among a bounded set of candidates: the cases of its organisations (an
        organisation has few) and the newest RELATED_PER_MODEL of each of its models (a
        model may have tens of thousands), so the cost does not grow with the catalogue.
        Reads the models and involvements that ``for_detail()`` prefetched on ``case``.
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
        involvements = self.model._meta.get_field("involvements").related_model.objects
        candidates = set(
            involvements.filter(actor_id__in=actor_ids).values_list("initiative_id", flat=True)[
                :RELATED_PER_ORGANISATIONS
            ]
        )
        for model_id in model_ids:
            newest = self.published().filter(collaboration_models=model_id).newest_first()
            candidates.update(newest.values_list("pk", flat=True)[:RELATED_PER_MODEL])
        # The newest of all, for lists that go on past the cases sharing something.
        newest = self.published().newest_first().values_list("pk", flat=True)
        candidates.update(newest[:RELATED_NEWEST])
        return candidates

    def for_detail(self):
        from .models import Involvement, Lesson

        return self.prefetch_related(
            "collaboration_models",
            "motivations",
            "themes",
            "sources",
            Prefetch(
                "involvements",
                queryset=Involvement.objects.select_related("actor").order_by("order", "pk"),
            ),
            Prefetch(
                "lessons",
                queryset=Lesson.objects.select_related("collaboration_model").order_by(
                    "order", "pk"
                ),
            ),
        )

    def search(self, text):
        """Cases matching every word of ``text`` (as a prefix on PostgreSQL), annotated
        with a ``rank``: higher is better."""
        from . import search

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
        from .models import Initiative

        if not words:
            return self.none().annotate(rank=Value(0.0, output_field=FloatField()))
        # "unaccent" is a Python function on SQLite (cases.search), so accents never matter.
        matches = Q()
        for word in words:
            matches &= (
                Q(title__unaccent__icontains=word)
                | Q(summary__unaccent__icontains=word)
                | Q(aim__unaccent__icontains=word)
                | Q(description__unaccent__icontains=word)
                | Q(lessons__text__unaccent__icontains=word)
                | Q(actors__name__unaccent__icontains=word)
                | Q(actors__aliases__unaccent__icontains=word)
            )
        ids = Initiative.objects.filter(matches).values("pk")
        rank = Case(
            When(title__unaccent__icontains=text, then=Value(3.0)),
            When(summary__unaccent__icontains=text, then=Value(2.0)),
            default=Value(1.0),
            output_field=FloatField(),
        )
        return self.filter(pk__in=ids).annotate(rank=rank)


class ActorQuerySet(models.QuerySet):
    def with_published_cases(self):
        """Organisations involved in at least one published case, each once."""
        from .models import Involvement

        return self.filter(pk__in=Involvement.objects.published().values("actor_id"))

    def for_directory(self):
        """Organisations with at least one published case, with how many (``case_count``)."""
        return (
            self.annotate(
                case_count=Count(
                    "involvements__initiative",
                    filter=Q(involvements__initiative__state=State.PUBLISHED),
                    distinct=True,
                )
            )
            .filter(case_count__gt=0)
            .order_by("name")
        )

    def directory_countries(self, selected=()):
        """(code, name, chosen) for each country of an organisation with a published case."""
        from django_countries import countries

        codes = set(
            self.filter(involvements__initiative__state=State.PUBLISHED)
            .exclude(country="")
            .order_by()
            .values_list("country", flat=True)
            .distinct()
        )
        codes |= {code for code in selected if code in countries}
        rows = [(code, countries.name(code), code in selected) for code in codes]
        return sorted(rows, key=lambda row: row[1])


class ThemeQuerySet(models.QuerySet):
    def in_use(self):
        """Themes of at least one published case."""
        return self.filter(initiatives__state=State.PUBLISHED).distinct().order_by("name")


class InvolvementQuerySet(models.QuerySet):
    def published(self):
        return self.filter(initiative__state=State.PUBLISHED)

    def for_actor_page(self):
        return self.select_related("initiative").order_by(
            F("initiative__published_at").desc(nulls_last=True), "initiative__title", "order"
        )


class LessonQuerySet(models.QuerySet):
    def published(self):
        return self.filter(initiative__state=State.PUBLISHED)

    def for_list(self):
        return self.select_related("initiative", "collaboration_model")

    def about_models(self, slugs):
        """Lessons tagged with one of the models, or untagged lessons of cases using one."""
        from .models import Initiative

        using = Initiative.objects.filter(collaboration_models__slug__in=slugs).values("pk")
        return self.filter(
            Q(collaboration_model__slug__in=slugs)
            | Q(collaboration_model__isnull=True, initiative__in=using)
        )
