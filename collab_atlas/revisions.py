"""Proposing, approving and rejecting changes to shared records.

The rule: what the public sees of a shared record changes only through someone with
the publish permission. An editor's change is kept as a pending ``Revision``; a
reviewer approves it (the values are applied in one transaction, after ``full_clean``)
or rejects it. Nobody decides on their own change. People with the publish permission
save directly, and their change is recorded as an approved revision all the same.

Values are stored as JSON: each field's Python value, or for a foreign key the
related row's primary key. Many-to-many fields are not reviewed this way.
"""

import difflib
import re

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    FieldDoesNotExist,
    PermissionDenied,
    ValidationError,
)
from django.db import models, transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .models import Revision, RevisionAction, RevisionState

PUBLISH_PERMISSION = "collab_atlas.publish_revision"
# Longer texts are shown as a word-by-word comparison rather than two whole values.
LONG_TEXT = 80


def may_publish(user):
    """May ``user`` change shared records directly and decide on others' changes?"""
    return user.has_perm(PUBLISH_PERMISSION)


def may_decide(user, revision):
    return (
        revision.is_pending
        and may_publish(user)
        and (revision.author_id is None or revision.author_id != user.pk)
    )


def _field(model, name):
    return model._meta.get_field(name)


def reviewed_fields(model, names):
    """Of ``names`` (a form's fields), those a revision can carry: concrete, editable
    fields that are not many-to-many, in the model's order."""
    names = set(names)
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.name in names and field.editable and not field.primary_key
    ]


def value_of(obj, name):
    """The JSON-ready value of field ``name`` on ``obj``."""
    field = _field(type(obj), name)
    value = getattr(obj, field.attname)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return field.value_to_string(obj)


def _stored(obj):
    if obj.pk is None:
        return None
    return type(obj)._default_manager.filter(pk=obj.pk).first()


def stored_values(obj, names, stored=None):
    """The values of ``names`` as the database holds them for ``obj`` ({} if unsaved)."""
    stored = stored or _stored(obj)
    if stored is None:
        return {}
    return {name: value_of(stored, name) for name in names}


def _changed(obj, names, before):
    values = {name: value_of(obj, name) for name in names}
    if obj.pk is None:
        return values
    return {name: value for name, value in values.items() if before.get(name) != value}


def propose(obj, names, author):
    """Keep the change of ``names`` on ``obj`` (edited in memory, not saved) as a pending
    revision by ``author``. Returns it, or None when nothing differs from the database."""
    stored = _stored(obj)
    before = stored_values(obj, names, stored)
    values = _changed(obj, names, before)
    if not values:
        return None
    return Revision.objects.create(
        content_type=_content_type(obj),
        object_id=obj.pk,
        # The name people know it by: the public one, for a change.
        object_repr=str(stored or obj)[:200],
        action=RevisionAction.CHANGE if obj.pk else RevisionAction.CREATE,
        values=values,
        base={name: before[name] for name in values if name in before},
        author=author,
    )


def record_direct(obj, names, before, user, created):
    """Record a change ``user`` saved directly on ``obj``; ``before`` from
    ``stored_values()`` taken before the save. Returns the revision, or None."""
    values = {name: value_of(obj, name) for name in names}
    if not created:
        values = {name: value for name, value in values.items() if before.get(name) != value}
    if not values:
        return None
    now = timezone.now()
    return Revision.objects.create(
        content_type=_content_type(obj),
        object_id=obj.pk,
        object_repr=str(obj)[:200],
        action=RevisionAction.CREATE if created else RevisionAction.CHANGE,
        values=values,
        base={name: before[name] for name in values if name in before},
        state=RevisionState.APPROVED,
        direct=True,
        author=user,
        reviewer=user,
        decided_at=now,
    )


def _content_type(obj):
    return ContentType.objects.get_for_model(obj)


def _check_decider(user, revision):
    if not revision.is_pending:
        raise ValidationError(_("This change has already been decided."), code="decided")
    if not may_publish(user):
        raise PermissionDenied(_("Only reviewers decide on changes to shared records."))
    if revision.author_id is not None and revision.author_id == user.pk:
        raise PermissionDenied(
            _("You proposed this change, so another reviewer must decide on it.")
        )


def _field_errors(model, error):
    """One readable message per problem, each naming its field."""
    messages = []
    for name, problems in error.message_dict.items():
        if name == NON_FIELD_ERRORS:
            messages.extend(problems)
            continue
        try:
            label = _field(model, name).verbose_name
        except FieldDoesNotExist:
            label = name
        messages.extend(f"{label}: {problem}" for problem in problems)
    return messages


def approve(revision, user):
    """Apply ``revision`` as ``user``, all or nothing, and record who approved it.

    Raises ``PermissionDenied`` if ``user`` may not decide on it and ``ValidationError``
    (with messages naming the fields) if the values are no longer valid; in both cases
    nothing is saved. Returns the saved record.
    """
    _check_decider(user, revision)
    model = revision.content_type.model_class()
    if model is None:
        raise ValidationError(_("This kind of record no longer exists."), code="gone")
    with transaction.atomic():
        revision = Revision.objects.select_for_update().get(pk=revision.pk)
        _check_decider(user, revision)
        if revision.action == RevisionAction.CHANGE:
            obj = model._default_manager.select_for_update().filter(pk=revision.object_id).first()
            if obj is None:
                raise ValidationError(
                    _("The record no longer exists; reject this change."), code="gone"
                )
        else:
            obj = model()
        try:
            for name, value in revision.values.items():
                field = _field(model, name)
                setattr(obj, field.attname, field.to_python(value))
            obj.full_clean()
        except ValidationError as error:
            raise ValidationError(_field_errors(model, error), code="invalid") from error
        # Read by django-simple-history for the records that keep a history.
        obj._history_user = user
        obj._change_reason = _("Approved change #%(id)s proposed by %(author)s") % {
            "id": revision.pk,
            "author": revision.author or _("a deleted user"),
        }
        obj.save()
        revision.object_id = obj.pk
        revision.state = RevisionState.APPROVED
        revision.reviewer = user
        revision.decided_at = timezone.now()
        revision.save()
        LogEntry.objects.log_actions(
            user_id=user.pk,
            queryset=[obj],
            action_flag=ADDITION if revision.action == RevisionAction.CREATE else CHANGE,
            change_message=_("%(reason)s: %(fields)s.")
            % {
                "reason": obj._change_reason,
                "fields": ", ".join(changed_field_labels(revision)),
            },
            single_object=True,
        )
    return obj


def reject(revision, user, reason=""):
    """Close ``revision`` unapplied, saying why; the record stays as it is."""
    _check_decider(user, revision)
    with transaction.atomic():
        revision = Revision.objects.select_for_update().get(pk=revision.pk)
        _check_decider(user, revision)
        revision.state = RevisionState.REJECTED
        revision.reviewer = user
        revision.decided_at = timezone.now()
        revision.reason = reason
        revision.save()
    return revision


# The comparison shown to reviewers.


def _display(field, value):
    """A stored value as a person reads it: labels for choices, names for related rows."""
    if value is None or value == "":
        return ""
    if isinstance(field, models.ForeignKey):
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else _("#%(id)s (deleted)") % {"id": value}
    choices = dict(field.flatchoices) if field.choices else {}
    if value in choices:
        return str(choices[value])
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def _word_diff(old, new):
    """(old, new) as HTML, the removed words in <del> and the added ones in <ins>."""
    old_words, new_words = re.split(r"(\s+)", old), re.split(r"(\s+)", new)
    before, after = [], []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = escape("".join(old_words[i1:i2])), escape("".join(new_words[j1:j2]))
        if tag == "equal":
            before.append(removed)
            after.append(added)
            continue
        if removed:
            before.append(f"<del>{removed}</del>")
        if added:
            after.append(f"<ins>{added}</ins>")
    return mark_safe("".join(before)), mark_safe("".join(after))  # noqa: S308 (escaped above)


def diff(revision):
    """One row per field the revision sets: its label, the value now, the proposed value
    (both as text, Markdown unrendered), whether it differs and whether the value now is
    no longer the one the proposal started from."""
    model = revision.content_type.model_class()
    current = None
    if revision.object_id is not None and model is not None:
        current = model._default_manager.filter(pk=revision.object_id).first()
    rows = []
    for name, proposed in revision.values.items():
        try:
            field = _field(model, name)
        except FieldDoesNotExist:  # a field removed since: say so rather than fail
            rows.append({"label": name, "old": "", "new": str(proposed), "changed": True})
            continue
        now = value_of(current, name) if current is not None else None
        # A decided revision is shown as it was decided: from the values it replaced.
        old_value = now if revision.is_pending else revision.base.get(name)
        old, new = _display(field, old_value), _display(field, proposed)
        if len(old) > LONG_TEXT or len(new) > LONG_TEXT or "\n" in old + new:
            old_html, new_html = _word_diff(old, new)
        else:
            old_html, new_html = escape(old), escape(new)
        rows.append(
            {
                "label": field.verbose_name,
                "old": old_html,
                "new": new_html,
                "changed": old_value != proposed,
                "moved_on": revision.is_pending and name in revision.base
                and revision.base[name] != now,
            }
        )  # fmt: skip
    return rows


def changed_field_labels(revision):
    model = revision.content_type.model_class()
    labels = []
    for name in revision.values:
        try:
            labels.append(str(_field(model, name).verbose_name))
        except FieldDoesNotExist:
            labels.append(name)
    return labels
