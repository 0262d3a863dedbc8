from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from collab_atlas.reviewed_admin import ReviewedAdmin
from collab_atlas.translated import side_by_side, translations_of
from models_of_collab.models import CollaborationModel

from .choices import ANSWERS
from .models import ChooserRule


def answer_choices():
    return [
        (str(question.label), [(value, f"{value}: {label}") for value, label in answers.choices])
        for question, answers in ANSWERS.items()
    ]


def model_choices():
    return [(m.slug, m.name) for m in CollaborationModel.objects.only("slug", "name")]


class ChooserRuleForm(forms.ModelForm):
    answer = forms.ChoiceField(label=_("answer"), choices=answer_choices)
    collaboration_model = forms.ChoiceField(label=_("collaboration model"), choices=model_choices)

    class Meta:
        model = ChooserRule
        fields = [
            "question", "answer", "collaboration_model", "weight", "reason",
            *translations_of("reason"), "basis",
        ]  # fmt: skip


@admin.register(ChooserRule)
class ChooserRuleAdmin(ReviewedAdmin, admin.ModelAdmin):
    form = ChooserRuleForm
    fields = [
        "question",
        "answer",
        "collaboration_model",
        "weight",
        *side_by_side("reason"),
        "basis",
    ]
    list_display = ["question", "answer", "collaboration_model", "weight", "reason"]
    list_editable = ["weight"]
    list_filter = ["question", "collaboration_model"]
    search_fields = ["answer", "collaboration_model", "reason", "basis"]
