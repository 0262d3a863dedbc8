"""The review workflow: which publication states a user may move a case study between.

Editors (change permission) write and submit for review: draft <-> review, and an
unpublished case back to draft; a published case is read-only for them. Reviewers (the
``cases.publish_initiative`` permission) may also publish from any state and unpublish
a published case. Every path that changes a case's state in the admin (the change
form, bulk actions, a revert from history) asks this module, so none of them can be
used to go round it.

Other publishable content (the site's pages) follows the same rules with its own two
permissions: pass ``change=`` and ``publish=`` to name them.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import State

PUBLISH_PERMISSION = "cases.publish_initiative"
CHANGE_PERMISSION = "cases.change_initiative"

# (from, to) -> the permission needed. Staying in the same state needs nothing extra.
TRANSITIONS = {
    (State.DRAFT, State.REVIEW): CHANGE_PERMISSION,
    (State.REVIEW, State.DRAFT): CHANGE_PERMISSION,
    (State.UNPUBLISHED, State.DRAFT): CHANGE_PERMISSION,
    (State.UNPUBLISHED, State.REVIEW): CHANGE_PERMISSION,
    (State.DRAFT, State.PUBLISHED): PUBLISH_PERMISSION,
    (State.REVIEW, State.PUBLISHED): PUBLISH_PERMISSION,
    (State.UNPUBLISHED, State.PUBLISHED): PUBLISH_PERMISSION,
    (State.PUBLISHED, State.UNPUBLISHED): PUBLISH_PERMISSION,
}
# A new case starts as a draft or goes straight to review; a reviewer may publish at once.
INITIAL = {
    State.DRAFT: CHANGE_PERMISSION,
    State.REVIEW: CHANGE_PERMISSION,
    State.PUBLISHED: PUBLISH_PERMISSION,
}


def can_move(user, current, target, *, change=CHANGE_PERMISSION, publish=PUBLISH_PERMISSION):
    """May ``user`` set a case in state ``current`` (None for a new case) to ``target``?"""
    if current == target:
        return True
    needed = INITIAL.get(target) if current is None else TRANSITIONS.get((current, target))
    if needed is None:
        return False
    return user.has_perm(publish if needed == PUBLISH_PERMISSION else change)


def may_edit(user, initiative, *, publish=PUBLISH_PERMISSION):
    """May ``user`` change ``initiative`` (None for a new case) and the rows that belong to it?

    Editing a published case changes the public page at once, which is publishing; so
    only reviewers edit published cases. Editors see them read-only.
    """
    return initiative is None or initiative.state != State.PUBLISHED or user.has_perm(publish)


def allowed_states(user, current, **permissions):
    """The states ``user`` may choose for a case now in ``current``, in the usual order."""
    return [state for state in State.values if can_move(user, current, state, **permissions)]


def check_move(user, current, target, **permissions):
    if can_move(user, current, target, **permissions):
        return
    labels = dict(State.choices)
    if target == State.PUBLISHED or current == State.PUBLISHED:
        message = _(
            "Only reviewers can publish or unpublish a case study. Submit it for review "
            "instead; a reviewer will publish it."
        )
    elif current is None:
        message = _("A new case study starts as a draft or in review.")
    else:
        message = _("A case study cannot go from “%(current)s” to “%(target)s”.") % {
            "current": labels.get(current, current),
            "target": labels.get(target, target),
        }
    raise ValidationError(message, code="transition")


def record_publication(initiative, user, previous):
    """Stamp who published and when on a case moving into the published state, and when
    it was last reviewed: on publishing, and on every change a reviewer saves to a
    published case (only reviewers may change one, so the change is their review)."""
    if initiative.state != State.PUBLISHED:
        return
    now = timezone.now()
    if previous != State.PUBLISHED:
        initiative.published_at = now
        initiative.published_by = user
    if user is not None and user.has_perm(PUBLISH_PERMISSION):
        initiative.reviewed_at = now


def move(initiative, user, target):
    """Move a saved case to ``target`` if ``user`` may; returns whether it moved."""
    previous = initiative.state
    if previous == target or not can_move(user, previous, target):
        return False
    initiative.state = target
    record_publication(initiative, user, previous)
    initiative.save()
    return True
