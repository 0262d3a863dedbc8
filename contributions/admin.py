from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .choices import NotificationStatus, SuggestionKind, SuggestionStatus
from .models import Suggestion


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejecting"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Kept with the suggestion, for the other editors, and e-mailed to the sender "
            "if they asked to be told what happens."
        ),
    )


class AcceptForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for accepting (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "The sender asked to be told what happens: this is e-mailed to them with the "
            "news that it was accepted, and kept with the suggestion."
        ),
    )


def site_address(request):
    """The site's address for e-mails, the canonical one when SITE_URL is set."""
    return settings.SITE_URL or request.build_absolute_uri("/").rstrip("/")


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    list_display = [
        "__str__", "kind", "status", "initiative", "created_at", "handled_by", "notification",
    ]  # fmt: skip
    list_filter = ["status", "kind", "notification"]
    list_select_related = ["initiative", "handled_by"]
    search_fields = ["title", "description", "initiator", "participants"]
    date_hierarchy = "created_at"
    actions = ["create_draft", "reject"]
    # What the public sent is evidence, not something to edit; the admin shows it
    # escaped, like every read-only field.
    readonly_fields = [
        "kind", "initiative", "title", "description", "aim", "initiator", "initiator_kind",
        "participants", "collaboration", "collaboration_models", "funding", "lessons",
        "sources", "countries", "website", "email", "may_contact", "notify_outcome",
        "language", "outcome_sent_at", "status",
        "reason", "draft_link", "created_at", "handled_by", "handled_at",
        "notification", "notification_error",
    ]  # fmt: skip
    fieldsets = [
        (None, {"fields": ["kind", "initiative", "status", "draft_link", "reason"]}),
        (
            _("The suggestion"),
            {
                "fields": [
                    "title",
                    "description",
                    "aim",
                    "initiator",
                    "initiator_kind",
                    "participants",
                    "collaboration",
                    "collaboration_models",
                    "funding",
                    "lessons",
                    "sources",
                    "countries",
                    "website",
                ]
            },
        ),  # fmt: skip
        (
            _("Sender"),
            {
                "fields": [
                    "email",
                    "may_contact",
                    "notify_outcome",
                    "language",
                    "outcome_sent_at",
                    "created_at",
                ]
            },  # fmt: skip
        ),
        (_("Handling"), {"fields": ["handled_by", "handled_at"]}),
        (_("E-mail to the editors"), {"fields": ["notification", "notification_error"]}),
    ]

    def changelist_view(self, request, extra_context=None):
        # A suggestion nobody was told about would wait unseen: say so where editors look.
        failed = Suggestion.objects.filter(
            notification=NotificationStatus.FAILED, status=SuggestionStatus.NEW
        ).count()
        if failed:
            self.message_user(
                request,
                ngettext(
                    "%(count)d new suggestion could not be e-mailed to the editors; "
                    "filter by “editors e-mailed: Failed” to see it.",
                    "%(count)d new suggestions could not be e-mailed to the editors; "
                    "filter by “editors e-mailed: Failed” to see them.",
                    failed,
                )
                % {"count": failed},
                messages.WARNING,
            )
        return super().changelist_view(request, extra_context)

    def has_add_permission(self, request):
        # Suggestions come from the public form only.
        return False

    @admin.display(description=_("draft case study"))
    def draft_link(self, obj):
        target = obj.draft or (obj.initiative if obj.kind == SuggestionKind.CORRECTION else None)
        if target is None:
            return "-"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:cases_initiative_change", args=[target.pk]),
            target,
        )

    @admin.action(description=_("Create a draft case from this suggestion"), permissions=["change"])
    def create_draft(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(
                request, _("Choose exactly one suggestion to turn into a draft."), messages.ERROR
            )
            return None
        suggestion = queryset.get()
        if suggestion.status != SuggestionStatus.NEW:
            self.message_user(
                request, _("This suggestion has already been handled."), messages.ERROR
            )
            return None
        reason = ""
        if suggestion.notify_outcome and suggestion.email:
            # The sender is waiting for word: ask the editor what to tell them first.
            form = AcceptForm(request.POST if "apply" in request.POST else None)
            if not form.is_valid():
                return self._decision_page(
                    request, form, [suggestion], "create_draft", _("Accept a suggestion")
                )
            reason = form.cleaned_data["reason"]
        site = site_address(request)
        if suggestion.kind == SuggestionKind.CORRECTION and suggestion.initiative_id:
            # A correction is applied to the case itself, by hand, under review as usual.
            services.mark_handled(suggestion, request.user, SuggestionStatus.ACCEPTED, reason, site)
            self.message_user(
                request,
                _("Correction accepted. Apply it to the case study below and save."),
                messages.SUCCESS,
            )
            return redirect("admin:cases_initiative_change", suggestion.initiative_id)
        if not request.user.has_perm("cases.add_initiative"):
            self.message_user(
                request, _("You may not add case studies, so no draft was made."), messages.ERROR
            )
            return None
        try:
            draft = services.create_draft(suggestion, request.user, reason, site)
        except ValidationError as error:
            self.message_user(
                request,
                _("No draft was made: %(problems)s") % {"problems": "; ".join(error.messages)},
                messages.ERROR,
            )
            return None
        self.message_user(
            request,
            _(
                "Draft created from the suggestion. Check the collaboration form, the "
                "initiator and the models, add the organisations involved, then submit it "
                "for review."
            ),
            messages.SUCCESS,
        )
        return redirect("admin:cases_initiative_change", draft.pk)

    @admin.action(description=_("Reject the selected suggestions"), permissions=["change"])
    def reject(self, request, queryset):
        pending = queryset.filter(status=SuggestionStatus.NEW)
        form = RejectForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            count = 0
            for suggestion in pending:
                services.mark_handled(
                    suggestion,
                    request.user,
                    SuggestionStatus.REJECTED,
                    form.cleaned_data["reason"],
                    site_address(request),
                )
                count += 1
            self.message_user(
                request,
                ngettext("%d suggestion rejected.", "%d suggestions rejected.", count) % count,
                messages.SUCCESS,
            )
            return None
        return self._decision_page(request, form, pending, "reject", _("Reject suggestions"))

    def _decision_page(self, request, form, suggestions, action, title):
        """The page asking for the reason before an action is applied."""
        return TemplateResponse(
            request,
            "admin/contributions/suggestion/reject.html"
            if action == "reject"
            else "admin/contributions/suggestion/accept.html",
            {
                **self.admin_site.each_context(request),
                "title": title,
                "opts": self.model._meta,
                "form": form,
                "suggestions": suggestions,
                "action": action,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )
