"""The admin of a shared record: an editor's change waits for a reviewer.

Mixed into the ``ModelAdmin`` of every shared record (organisations, collaboration
models and their recommendations, motivations, themes, chooser rules). Every way the
admin saves (the change and add forms, inline rows, ``list_editable`` on the list, a
revert from history) passes through ``save_model`` and ``save_formset``, so all of them
turn into a pending revision for a user without the publish permission.
"""

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import revisions
from .models import Revision

# Set on the request by a save that went to review: the revisions it made.
PENDING_ATTRIBUTE = "_revisions_proposed"


def revision_list_url(model=None, obj=None):
    """The admin list of pending changes, of one kind of record or one record."""
    params = "?state__exact=pending"
    if model is not None:
        params += f"&content_type__id__exact={ContentType.objects.get_for_model(model).pk}"
    if obj is not None:
        params += f"&object_id={obj.pk}"
    return reverse("admin:collab_atlas_revision_changelist") + params


class ReviewedAdmin:
    """Saves for users with the publish permission (recorded as approved revisions);
    proposes for everyone else. Subclasses say which records the public sees."""

    def is_public(self, obj):
        """Would a change to ``obj`` (unsaved when new) show on a public page?

        True by default: models, motivations, recommendations and rules are all listed
        publicly from the moment they exist. Organisations and themes say otherwise
        until a published case uses them.
        """
        return True

    def needs_review(self, request, obj):
        return not revisions.may_publish(request.user) and self.is_public(obj)

    def _proposed(self, request):
        return getattr(request, PENDING_ATTRIBUTE, None)

    def _note_proposal(self, request, revision):
        proposed = getattr(request, PENDING_ATTRIBUTE, None)
        if proposed is None:
            proposed = []
            setattr(request, PENDING_ATTRIBUTE, proposed)
        if revision is not None:
            proposed.append(revision)

    def _fields(self, form):
        return revisions.reviewed_fields(self.model, form.fields)

    def save_model(self, request, obj, form, change):
        names = self._fields(form)
        if self.needs_review(request, obj):
            self._note_proposal(request, revisions.propose(obj, names, request.user))
            return
        created = obj.pk is None
        before = revisions.stored_values(obj, names)
        super().save_model(request, obj, form, change)
        if revisions.may_publish(request.user):
            revisions.record_direct(obj, names, before, request.user, created)

    def save_formset(self, request, form, formset, change):
        if self._proposed(request) is None and not self.needs_review(request, form.instance):
            return self._save_formset_directly(request, form, formset, change)
        self._note_proposal(request, None)
        fk = getattr(formset, "fk", None)
        for row in formset.forms:
            if not row.has_changed() or row in formset.deleted_forms:
                # Editors are offered no delete box on shared rows (has_delete_permission).
                continue
            names = revisions.reviewed_fields(row.instance._meta.model, row.fields)
            if fk is not None and row.instance.pk is None:
                setattr(row.instance, fk.attname, form.instance.pk)
                names = [*names, fk.name] if fk.name not in names else names
            self._note_proposal(request, revisions.propose(row.instance, names, request.user))
        # construct_change_message() reads these after saving.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        return None

    def _save_formset_directly(self, request, form, formset, change):
        model = formset.model
        rows = []
        for row in formset.forms:
            if row.has_changed() and row not in formset.deleted_forms:
                names = revisions.reviewed_fields(model, row.fields)
                fk = getattr(formset, "fk", None)
                if fk is not None and fk.name not in names:
                    names.append(fk.name)
                rows.append((row, names, revisions.stored_values(row.instance, names)))
        created = {row: row.instance.pk is None for row, _names, _before in rows}
        super().save_formset(request, form, formset, change)
        if revisions.may_publish(request.user):
            for row, names, before in rows:
                if row.instance.pk is not None:
                    revisions.record_direct(row.instance, names, before, request.user, created[row])

    def save_related(self, request, form, formsets, change):
        if self._proposed(request) is not None:
            # The record itself went to review: its rows follow it there.
            for formset in formsets:
                self.save_formset(request, form, formset, change)
            return
        super().save_related(request, form, formsets, change)

    def log_change(self, request, obj, message):
        # A proposal changes nothing yet; its revision is the record of it.
        if self._proposed(request) is None:
            return super().log_change(request, obj, message)
        return None

    def log_addition(self, request, obj, message):
        if self._proposed(request) is None:
            return super().log_addition(request, obj, message)
        return None

    def review_message(self, proposed):
        if not proposed:
            return _("Nothing was changed.")
        count = len(proposed)
        return format_html(
            '{} <a href="{}">{}</a>',
            ngettext(
                "Your change was sent for review: the public pages stay as they are until a "
                "reviewer approves it.",
                "Your %(count)d changes were sent for review: the public pages stay as they "
                "are until a reviewer approves them.",
                count,
            )
            % {"count": count},
            revision_list_url(self.model),
            _("See the changes waiting for review."),
        )

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        proposed = self._proposed(request)
        if proposed is not None and level == messages.SUCCESS:
            # Django's "was changed successfully" would be untrue: nothing public changed.
            message = self.review_message(proposed)
            level = messages.INFO
        return super().message_user(request, message, level, *args, **kwargs)

    def response_add(self, request, obj, post_url_continue=None):
        if obj.pk is None and self._proposed(request) is not None:
            # A new record proposed for review does not exist yet, so there is no page
            # of it to go to.
            self.message_user(request, self.review_message(self._proposed(request)), messages.INFO)
            name = f"admin:{self.opts.app_label}_{self.opts.model_name}_"
            target = "add" if "_addanother" in request.POST else "changelist"
            return HttpResponseRedirect(reverse(name + target))
        return super().response_add(request, obj, post_url_continue)

    def get_inline_instances(self, request, obj=None):
        if obj is None and self.needs_review(request, self.model()):
            # Rows of a record proposed for review wait until it exists: add them then.
            return []
        return super().get_inline_instances(request, obj)

    def has_delete_permission(self, request, obj=None):
        # Deleting a public record changes public pages at once, so it is for reviewers.
        if not super().has_delete_permission(request, obj):
            return False
        if revisions.may_publish(request.user):
            return True
        return obj is not None and not self.is_public(obj)

    # What is waiting, where editors and reviewers look.

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_pending_changes=Revision.objects.pending_count_per_row(self.model))
        )

    def get_list_display(self, request):
        return [*super().get_list_display(request), "pending_changes"]

    @admin.display(description=_("review"), ordering="_pending_changes")
    def pending_changes(self, obj):
        count = getattr(obj, "_pending_changes", 0)
        if not count:
            return ""
        return format_html(
            '<a href="{}">{}</a>',
            revision_list_url(self.model, obj),
            ngettext("%d pending change", "%d pending changes", count) % count,
        )

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET":
            count = Revision.objects.pending().for_model(self.model).count()
            if count:
                self.message_user(
                    request,
                    format_html(
                        '<a href="{}">{}</a>',
                        revision_list_url(self.model),
                        ngettext(
                            "%(count)d pending change to %(name)s waits for a reviewer.",
                            "%(count)d pending changes to %(name)s wait for a reviewer.",
                            count,
                        )
                        % {"count": count, "name": self.opts.verbose_name_plural},
                    ),
                    messages.INFO,
                )
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            obj = self.get_object(request, object_id)
            count = getattr(obj, "_pending_changes", 0) if obj is not None else 0
            if count:
                self.message_user(
                    request,
                    format_html(
                        '<a href="{}">{}</a>',
                        revision_list_url(self.model, obj),
                        ngettext(
                            "%d pending change to this record waits for a reviewer; the "
                            "form shows the record as the public sees it.",
                            "%d pending changes to this record wait for a reviewer; the "
                            "form shows the record as the public sees it.",
                            count,
                        )
                        % count,
                    ),
                    messages.INFO,
                )
            elif obj is not None and self.needs_review(request, obj):
                self.message_user(
                    request,
                    _(
                        "This record is shown on public pages: your changes will wait for "
                        "a reviewer's approval."
                    ),
                    messages.INFO,
                )
        return super().change_view(request, object_id, form_url, extra_context)


class ReviewedInline:
    """Rows of a shared record edited inline (a model's recommendations): an editor
    proposes changes and new rows through the parent's admin, and deletes none."""

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and revisions.may_publish(request.user)
