"""The FilterSet for lessons learnt: by model, initiator, theme, kind and case."""

import django_filters
from django.utils.translation import gettext_lazy as _

from cases.choices import InitiatorKind, LessonKind
from cases.filters import ChoiceListField, ValueListField
from cases.models import Lesson


class LessonListFilter(django_filters.Filter):
    field_class = ValueListField

    def filter(self, qs, value):
        if not value:
            return qs
        # A subquery keeps one row per lesson however many values it matches.
        matching = Lesson.objects.filter(**{f"{self.field_name}__in": value}).values("pk")
        return qs.filter(pk__in=matching)


class LessonChoiceListFilter(LessonListFilter):
    field_class = ChoiceListField


class LessonFilterSet(django_filters.FilterSet):
    model = LessonListFilter(field_name="collaboration_model__slug", label=_("Model"))
    initiator = LessonChoiceListFilter(
        field_name="initiative__initiator_kind",
        choices=InitiatorKind.choices,
        label=_("Case initiated by"),
    )
    theme = LessonListFilter(field_name="initiative__themes__slug", label=_("Theme of the case"))
    kind = LessonChoiceListFilter(field_name="kind", choices=LessonKind.choices, label=_("Kind"))
    case = LessonListFilter(field_name="initiative__slug", label=_("Case"))

    class Meta:
        model = Lesson
        fields = []
