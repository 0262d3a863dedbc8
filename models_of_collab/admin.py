from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from collab_atlas.history import HistoryAdmin
from collab_atlas.reviewed_admin import ReviewedAdmin, ReviewedInline
from collab_atlas.translated import side_by_side, translations_of
from collab_atlas.widgets import MarkdownTextarea

from .models import CollaborationModel, Motivation, Recommendation


class RecommendationInline(ReviewedInline, admin.TabularInline):
    model = Recommendation
    extra = 1
    fields = ["order", "text", *translations_of("text")]
    formfield_overrides = {models.TextField: {"widget": MarkdownTextarea(attrs={"rows": 3})}}


@admin.register(CollaborationModel)
class CollaborationModelAdmin(ReviewedAdmin, HistoryAdmin):
    list_display = ["name", "slug", "order", "recommendation_count"]
    list_editable = ["order"]
    search_fields = ["name", "summary", "description", *translations_of("name")]
    prepopulated_fields = {"slug": ["name"]}
    fields = [*side_by_side("name"), "slug", *side_by_side("summary", "description"), "order"]
    inlines = [RecommendationInline]
    formfield_overrides = {models.TextField: {"widget": MarkdownTextarea}}

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(_recommendations=models.Count("recommendations"))
        )

    @admin.display(description=_("recommendations"), ordering="_recommendations")
    def recommendation_count(self, obj):
        return obj._recommendations


@admin.register(Motivation)
class MotivationAdmin(ReviewedAdmin, HistoryAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name", "summary", *translations_of("name")]
    prepopulated_fields = {"slug": ["name"]}
    fields = [*side_by_side("name"), "slug", *side_by_side("summary", "description"), "order"]
    formfield_overrides = {models.TextField: {"widget": MarkdownTextarea}}
