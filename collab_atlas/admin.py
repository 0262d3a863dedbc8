from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import revisions
from .models import Revision, RevisionState


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (shown to the author; say why when rejecting)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    """The reviewers' queue: each change with its field-by-field comparison, to approve
    or reject. Read-only otherwise: revisions are the record of who changed what."""

    list_display = [
        "__str__",
        "content_type",
        "fields_changed",
        "author",
        "created_at",
        "state",
        "reviewer",
        "decided_at",
    ]
    list_filter = ["state", "direct", ("content_type", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["content_type", "author", "reviewer"]
    search_fields = ["object_repr", "author__username", "reviewer__username", "reason"]
    date_hierarchy = "created_at"
    actions = ["approve_selected", "reject_selected"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or revisions.may_publish(request.user)

    def has_publish_permission(self, request):
        return revisions.may_publish(request.user)

    @admin.display(description=_("fields"))
    def fields_changed(self, obj):
        return ", ".join(revisions.changed_field_labels(obj))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        revision = self.get_object(request, unquote(object_id))
        if revision is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_permission(request, revision):
            raise PermissionDenied
        form = DecisionForm(request.POST or None)
        if request.method == "POST":
            if not revision.is_pending:
                # Decided meanwhile, by another reviewer or an earlier click.
                self.message_user(
                    request,
                    _("This change has already been %(state)s.")
                    % {"state": revision.get_state_display()},
                    messages.WARNING,
                )
                return HttpResponseRedirect(request.path)
            if not revisions.may_decide(request.user, revision):
                raise PermissionDenied
            if form.is_valid():
                if "_approve" in request.POST:
                    decided = self._approve(request, revision)
                else:
                    revisions.reject(revision, request.user, form.cleaned_data["reason"])
                    self.message_user(
                        request,
                        _("The change to “%(name)s” was rejected; the record is unchanged.")
                        % {"name": revision.object_repr},
                        messages.SUCCESS,
                    )
                    decided = True
                if decided:
                    return HttpResponseRedirect(
                        reverse("admin:collab_atlas_revision_changelist") + "?state__exact=pending"
                    )
        context = {
            **self.admin_site.each_context(request),
            "title": capfirst(str(revision)),
            "subtitle": None,
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "original": revision,
            "revision": revision,
            "rows": revisions.diff(revision),
            "record_url": self._record_url(revision),
            "form": form,
            "may_decide": revisions.may_decide(request.user, revision),
            "own_change": revision.author_id == request.user.pk,
            "has_view_permission": True,
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/collab_atlas/revision/review.html", context)

    def _record_url(self, revision):
        model = revision.content_type.model_class()
        if revision.object_id is None or model is None or model not in self.admin_site._registry:
            return None
        opts = model._meta
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change", args=[revision.object_id]
        )

    def _approve(self, request, revision):
        try:
            revisions.approve(revision, request.user)
        except ValidationError as error:
            self.message_user(
                request,
                format_html(
                    "{} {}",
                    _("The change to “%(name)s” could not be applied, so nothing was saved:")
                    % {"name": revision.object_repr},
                    " ".join(error.messages),
                ),
                messages.ERROR,
            )
            return False
        self.message_user(
            request,
            _("The change to “%(name)s” was approved and is now public.")
            % {"name": revision.object_repr},
            messages.SUCCESS,
        )
        return True

    @admin.action(description=_("Approve the selected changes"), permissions=["publish"])
    def approve_selected(self, request, queryset):
        approved = 0
        for revision in queryset.filter(state=RevisionState.PENDING).order_by("created_at", "pk"):
            try:
                revisions.approve(revision, request.user)
            except (ValidationError, PermissionDenied) as error:
                reasons = error.messages if isinstance(error, ValidationError) else [str(error)]
                self.message_user(
                    request,
                    format_html(
                        "{} {}",
                        _("Not approved, nothing saved for “%(name)s”:")
                        % {"name": revision.object_repr},
                        " ".join(reasons),
                    ),
                    messages.ERROR,
                )
            else:
                approved += 1
        self.message_user(
            request,
            ngettext("%d change approved.", "%d changes approved.", approved) % approved,
            messages.SUCCESS if approved else messages.WARNING,
        )

    @admin.action(description=_("Reject the selected changes"), permissions=["publish"])
    def reject_selected(self, request, queryset):
        rejected = 0
        for revision in queryset.filter(state=RevisionState.PENDING):
            try:
                revisions.reject(revision, request.user)
            except (ValidationError, PermissionDenied) as error:
                reasons = error.messages if isinstance(error, ValidationError) else [str(error)]
                self.message_user(
                    request,
                    format_html(
                        "{} {}",
                        _("Not rejected: “%(name)s”:") % {"name": revision.object_repr},
                        " ".join(reasons),
                    ),
                    messages.ERROR,
                )
            else:
                rejected += 1
        self.message_user(
            request,
            ngettext("%d change rejected.", "%d changes rejected.", rejected) % rejected,
            messages.SUCCESS if rejected else messages.WARNING,
        )
