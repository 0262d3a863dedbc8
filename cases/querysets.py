"""Query logic for the cases app: every public page starts from these methods."""

from django.db import models
from django.db.models import Case, FloatField, Prefetch, Q, Value, When

from .choices import State


class InitiativeQuerySet(models.QuerySet):
    def published(self):
        """Cases the public may see. Every public page and export starts here."""
        return self.filter(state=State.PUBLISHED)

    def for_list(self):
        """The joins a list of case cards needs, in a fixed number of queries."""
        return self.prefetch_related("collaboration_models", "motivations", "themes")

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
        """Cases matching every word of ``text``, annotated with a ``rank`` (higher first)."""
        from .models import Initiative

        text = (text or "").strip()
        if not text:
            return self
        matches = Q()
        for word in text.split():
            matches &= (
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(aim__icontains=word)
                | Q(description__icontains=word)
                | Q(lessons__text__icontains=word)
                | Q(actors__name__icontains=word)
                | Q(actors__aliases__icontains=word)
            )
        ids = Initiative.objects.filter(matches).values("pk")
        rank = Case(
            When(title__icontains=text, then=Value(3.0)),
            When(summary__icontains=text, then=Value(2.0)),
            default=Value(1.0),
            output_field=FloatField(),
        )
        return self.filter(pk__in=ids).annotate(rank=rank)


class ActorQuerySet(models.QuerySet):
    def with_published_cases(self):
        return self.filter(initiatives__state=State.PUBLISHED).distinct()


class LessonQuerySet(models.QuerySet):
    def published(self):
        return self.filter(initiative__state=State.PUBLISHED)

    def for_list(self):
        return self.select_related("initiative", "collaboration_model")
