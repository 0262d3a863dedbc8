from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cases import workflow
from cases.choices import State
from collab_atlas.history import HistoryAdmin
from collab_atlas.translated import side_by_side, translations_of
from collab_atlas.widgets import MarkdownTextarea

from .models import Page

PERMISSIONS = {"change": "pages.change_page", "publish": "pages.publish_page"}


class PageAdminForm(forms.ModelForm):
    class Meta:
        model = Page
        fields = [
            "title",
            "slug",
            "summary",
            "body",
            "state",
            *translations_of("title", "summary", "body"),
        ]
        widgets = {
            body: MarkdownTextarea(attrs={"rows": 24})
            for body in ["body", *translations_of("body")]
        }

    # Set per request by PageAdmin.get_form: the user whose rights the state follows.
    user = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None and "state" in self.fields:
            allowed = workflow.allowed_states(self.user, self.saved_state(), **PERMISSIONS)
            self.fields["state"].widget.choices = [
                (value, label) for value, label in State.choices if value in allowed
            ]

    def saved_state(self):
        if self.instance.pk is None:
            return None
        return Page.objects.filter(pk=self.instance.pk).values_list("state", flat=True).first()

    def clean_state(self):
        state = self.cleaned_data["state"]
        if self.user is not None and not workflow.can_move(
            self.user, self.saved_state(), state, **PERMISSIONS
        ):
            raise ValidationError(
                _(
                    "Only reviewers can publish or unpublish a page. Submit it for review "
                    "instead; a reviewer will publish it."
                ),
                code="transition",
            )
        return state


@admin.register(Page)
class PageAdmin(HistoryAdmin):
    form = PageAdminForm
    list_display = ["title", "slug", "state", "updated_at"]
    list_filter = ["state"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["updated_at"]
    fields = [
        *side_by_side("title"), "slug", *side_by_side("summary", "body"), "state", "updated_at",
    ]  # fmt: skip

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def has_change_permission(self, request, obj=None):
        # A published page is changed by reviewers only: editing it is publishing.
        return super().has_change_permission(request, obj) and workflow.may_edit(
            request.user, obj, publish=PERMISSIONS["publish"]
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and workflow.may_edit(
            request.user, obj, publish=PERMISSIONS["publish"]
        )
