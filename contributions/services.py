"""What happens to a suggestion: notifying editors, turning it into a draft, rejecting it.

None of these publishes anything: a suggestion becomes at most a draft case study,
which then goes through the review workflow like any other.
"""

import logging
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from cases.choices import CollaborationForm, InitiatorKind, LessonKind, State
from cases.models import Initiative, Lesson, Source

from .choices import NotificationStatus, SuggestionKind, SuggestionStatus
from .models import Suggestion

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
def create_draft(suggestion, user, reason="", site=""):
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
    mark_handled(suggestion, user, SuggestionStatus.ACCEPTED, reason, site)
    return initiative


def mark_handled(suggestion, user, status, reason="", site=""):
    """Record the decision; once it is committed, tell the sender if they asked."""
    suggestion.status = status
    suggestion.reason = reason
    suggestion.handled_by = user
    suggestion.handled_at = timezone.now()
    suggestion.full_clean()
    suggestion.save()
    if suggestion.notify_outcome and suggestion.email:
        # After commit: no e-mail about a decision that was rolled back.
        transaction.on_commit(partial(tell_sender, suggestion.pk, site))


def one_line(text, length=80):
    """``text`` fit for a mail header: no line breaks or other control characters.

    A mail header cannot hold a line break (Django refuses it with BadHeaderError,
    since it could add headers), and a suggestion's title is whatever the public typed.
    """
    cleaned = "".join(char if char.isprintable() else " " for char in str(text))
    return Truncator(" ".join(cleaned.split())).chars(length)


def outcome_message(suggestion, site=""):
    """(subject, body) of the e-mail telling the sender what became of their suggestion."""
    title = one_line(suggestion)
    accepted = suggestion.status == SuggestionStatus.ACCEPTED
    subject = (
        _("Your suggestion to Collab Atlas was accepted: %(title)s")
        if accepted
        else _("Your suggestion to Collab Atlas was declined: %(title)s")
    ) % {"title": title}
    sent = date_format(suggestion.created_at, "DATE_FORMAT")
    lines = [
        _("Hello,"),
        "",
        _("Thank you for your suggestion “%(title)s”, sent to Collab Atlas on %(date)s.")
        % {"title": title, "date": sent},
        "",
    ]
    if accepted and suggestion.kind == SuggestionKind.CORRECTION:
        lines.append(
            _(
                "An editor has accepted it and will correct the case study. The change "
                "appears on the site once a reviewer has checked it."
            )
        )
    elif accepted:
        lines.append(
            _(
                "An editor has accepted it and made it into a draft case study. It appears "
                "on the site once the editors have completed it and a reviewer has "
                "published it."
            )
        )
    else:
        lines.append(_("An editor has decided not to add it to the catalogue."))
    if suggestion.reason.strip():
        lines += ["", _("The editor's reason:"), "", suggestion.reason.strip()]
    lines += [
        "",
        _(
            "You receive this one e-mail because you ticked “Tell me what happens to my "
            "suggestion”."
        ),
    ]
    if suggestion.may_contact:
        lines.append(
            _(
                "You also agreed that we may contact you about it, so we keep your address "
                "with the suggestion. To have it deleted, write to %(contact)s."
            )
            % {"contact": settings.CONTACT_EMAIL}
        )
    else:
        lines.append(_("Your e-mail address is now deleted from our records."))
    if site:
        lines += ["", _("Collab Atlas: %(site)s") % {"site": site}]
    return subject, "\n".join(lines) + "\n"


def tell_sender(pk, site=""):
    """E-mail the sender of suggestion ``pk`` its outcome, once; a failure is logged.

    An address kept only for this e-mail (no consent to further contact) is deleted
    once the e-mail has gone.
    """
    suggestion = Suggestion.objects.filter(pk=pk).first()
    if (
        suggestion is None
        or not (suggestion.notify_outcome and suggestion.email)
        or suggestion.outcome_sent_at is not None
        or suggestion.status == SuggestionStatus.NEW
    ):
        return False
    # In the language the sender wrote in, whatever the editor's.
    with translation.override(suggestion.language or settings.LANGUAGE_CODE):
        subject, body = outcome_message(suggestion, site)
    message = EmailMessage(subject, body, to=[suggestion.email], reply_to=[settings.CONTACT_EMAIL])
    try:
        message.send(fail_silently=False)
    except Exception:
        logger.exception("Could not tell the sender of suggestion %s its outcome", pk)
        return False
    changes = {"outcome_sent_at": timezone.now()}
    if not suggestion.may_contact:
        changes["email"] = ""
    Suggestion.objects.filter(pk=pk).update(**changes)
    return True
