"""What happens to a suggestion: notifying editors, turning it into a draft, rejecting it.

None of these publishes anything: a suggestion becomes at most a draft case study,
which then goes through the review workflow like any other.
"""

import logging

from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from cases.choices import CollaborationForm, InitiatorKind, LessonKind, State
from cases.models import Initiative, Lesson, Source

from .choices import NotificationStatus, SuggestionKind, SuggestionStatus

logger = logging.getLogger(__name__)

EDITOR_GROUPS = ["Editors", "Reviewers"]


def editor_addresses():
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=EDITOR_GROUPS)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    return sorted(set(users))


def one_line(text):
    """``text`` with every run of whitespace, line breaks included, as one space.

    A mail header cannot hold a line break (Django refuses it with BadHeaderError,
    since it could add headers), and a suggestion's title is whatever the public typed.
    """
    return " ".join(text.split())


def notify_editors_on_commit(suggestion, request):
    """E-mail the editors once the suggestion is committed, never about a rolled-back one."""
    admin_url = request.build_absolute_uri(
        reverse("admin:contributions_suggestion_change", args=[suggestion.pk])
    )
    transaction.on_commit(lambda: notify_editors(suggestion, admin_url))


def notify_editors(suggestion, admin_url):
    """E-mail every editor about a new suggestion; a mail failure never loses it, and
    is kept on the suggestion for the editors to see in the admin."""
    subject = (
        _("Correction suggested: %(title)s")
        if suggestion.kind == SuggestionKind.CORRECTION
        else _("Case study suggested: %(title)s")
    ) % {"title": Truncator(one_line(str(suggestion))).chars(80)}
    body = _(
        "Someone has sent a suggestion to Collab Atlas. Review it in the moderation queue:\n\n"
        "%(url)s\n"
    ) % {"url": admin_url}
    messages = [(subject, body, None, [address]) for address in editor_addresses()]
    status, error = NotificationStatus.SENT if messages else NotificationStatus.NOBODY, ""
    try:
        send_mass_mail(messages, fail_silently=False)
    except Exception as failure:
        logger.exception("Could not notify editors of suggestion %s", suggestion.pk)
        status, error = NotificationStatus.FAILED, f"{type(failure).__name__}: {failure}"
    type(suggestion).objects.filter(pk=suggestion.pk).update(
        notification=status, notification_error=error
    )


def unique_slug(title):
    base = slugify(title)[:190] or "suggested-case"
    slug, number = base, 2
    while Initiative.objects.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def _description(suggestion):
    parts = [suggestion.description.strip()]
    if suggestion.participants.strip():
        parts.append(_("Who took part") + "\n\n" + suggestion.participants.strip())
    return "\n\n".join(parts)


@transaction.atomic
def create_draft(suggestion, user):
    """A draft case study carrying the suggestion's answers; marks the suggestion accepted."""
    initiative = Initiative(
        title=suggestion.title[:200],
        slug=unique_slug(suggestion.title),
        summary=Truncator(" ".join(suggestion.description.split())).chars(500),
        aim=suggestion.aim,
        description=_description(suggestion),
        # Both are required on a case; the editor checks them before review when the
        # suggester did not know.
        collaboration=suggestion.collaboration or CollaborationForm.DIRECT,
        initiator_kind=suggestion.initiator_kind or InitiatorKind.CIVIC,
        initiation=suggestion.initiator,
        funding=suggestion.funding,
        countries=list(suggestion.countries),
        website=suggestion.website,
        state=State.DRAFT,
    )
    initiative.full_clean()
    initiative._change_reason = _("Created from suggestion %(number)s") % {"number": suggestion.pk}
    initiative.save()
    initiative.collaboration_models.set(suggestion.collaboration_models.all())
    if suggestion.lessons.strip():
        Lesson.objects.create(
            initiative=initiative, kind=LessonKind.LESSON, text=suggestion.lessons.strip()
        )
    for order, url in enumerate(suggestion.source_urls):
        source = Source(initiative=initiative, title=url[:300], url=url, order=order)
        source.full_clean()
        source.save()
    suggestion.draft = initiative
    mark_handled(suggestion, user, SuggestionStatus.ACCEPTED)
    return initiative


def mark_handled(suggestion, user, status, reason=""):
    suggestion.status = status
    suggestion.rejection_reason = reason
    suggestion.handled_by = user
    suggestion.handled_at = timezone.now()
    suggestion.full_clean()
    suggestion.save()
